package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Module calls are found in every form a module block takes, and files
// that only refer to module outputs are not mistaken for callers.
func TestModuleCallsForms(t *testing.T) {
	files := map[string][]byte{
		"infra/quoted.tf":    []byte("module \"a\" {\n  source = \"./a\"\n}\n"),
		"infra/bare.tf":      []byte("module b {\n  source = \"../b\"\n}\n"),
		"infra/tight.tf":     []byte("module\"c\"{\n  source = \"./c\"\n}\n"),
		"infra/call.tf.json": []byte(`{"module": {"d": {"source": "./d"}}}`),
		"infra/outputs.tf":   []byte("output \"id\" {\n  value = module.a.id\n}\n"),
		"infra/remote.tf":    []byte("module \"r\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"),
	}
	want := []string{"b", "infra/a", "infra/c", "infra/d"}
	if got := ModuleCalls("infra", files); !slices.Equal(got, want) {
		t.Errorf("ModuleCalls = %v, want %v", got, want)
	}
}

// quickSources is either right or declines: on every input HCL parses
// without error, an answer it gives is HCL's. The cases are the forms
// configuration takes and the ones it declines; the corpus's files are
// checked too, and most of them must be answered without a parse (that is
// the point of the reader).
func TestQuickSourcesAgreeWithHCL(t *testing.T) {
	cases := []struct {
		src      string
		declines bool
	}{
		{src: "module \"a\" {\n  source = \"./a\"\n}\n"},
		{src: "module b { source = \"../b\" }\n"},
		{src: "module\"c\"{\n  source=\"./c\" # why\n  version = \"1.0\"\n}"},
		{src: "module \"a\" {\n  count = length([for x in var.y : x if x != \"}\"])\n  source = \"./a\"\n}\n"},
		{src: "locals {\n  x = <<-EOT\n    module \"fake\" {\n      source = \"./fake\"\n    }\n    EOT\n}\nmodule \"a\" {\n  source = \"./a\"\n}\n"},
		{src: "/* module \"c\" { source = \"./c\" } */\nmodule \"a\" {\n  source = \"./a\"\n}\n"},
		{src: "resource \"x\" \"y\" {\n  module = \"./no\"\n  tags = { Name = \"${var.a}-}\" }\n}\n"},
		{src: "output \"id\" {\n  value = module.a.id\n}\n"},
		{src: "module = \"./attribute\"\n"},
		{src: "module \"a\" {\n  source = \"./${var.a}\"\n}\n", declines: true},
		{src: "module \"a\" {\n  source = \"./\\u0061\"\n}\n", declines: true},
		{src: "module \"a\" {\n  source = local.path\n}\n", declines: true},
		{src: "module \"a\" {\n  source = \"./a\"\n  source = \"./b\"\n}\n", declines: true},
		{src: "module \"a\" \"b\" {\n  source = \"./a\"\n}\n", declines: true},
		{src: "module \"a\" {\n  source = \"./a\"\n  lifecycle {\n  }\n}\n", declines: true},
		{src: "locals {\n  x = <<EOT\n${var.a}\nEOT\n}\n", declines: true},
		{src: "module \"ü\" {\n  source = \"./a\"\n}\n", declines: true},
		{src: "module ü {\n  source = \"./a\"\n}\n", declines: true},
	}
	for _, c := range cases {
		if _, ok := quickSources([]byte(c.src)); ok == c.declines {
			t.Errorf("quickSources(%q) ok = %v, want %v", c.src, ok, !c.declines)
			continue
		}
		checkQuickSources(t, "case.tf", []byte(c.src))
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "terraform-aws-*", "*", "*", "*.tf"))
	more, _ := filepath.Glob(filepath.Join(corpus, "terraform-aws-*", "*.tf"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("corpus not available")
	}
	answered := 0
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if checkQuickSources(t, name, src) {
			answered++
		}
	}
	t.Logf("quickSources answered %d of %d corpus files", answered, len(files))
	if answered*10 < len(files)*9 {
		t.Errorf("quickSources answered %d of %d corpus files; most should need no parse", answered, len(files))
	}
}

// checkQuickSources fails t when quickSources answers differently from HCL
// on a file HCL parses, and says whether it answered.
func checkQuickSources(t *testing.T, name string, src []byte) bool {
	t.Helper()
	if !mayCallModule(src) && len(parsedSources(name, src)) > 0 {
		t.Errorf("%s: mayCallModule is false, but HCL reads module sources %q", name, parsedSources(name, src))
	}
	got, ok := quickSources(src)
	if !ok {
		return false
	}
	if f, diags := parseFile(name, src); f == nil || diags.HasErrors() {
		return true
	}
	if want := parsedSources(name, src); !slices.Equal(got, want) {
		t.Errorf("%s: quickSources = %q, HCL reads %q", name, got, want)
	}
	return true
}

func FuzzQuickSources(f *testing.F) {
	for _, s := range []string{
		"module \"a\" {\n  source = \"./a\"\n}\n",
		"module b { source = \"../b\" }\n",
		"locals {\n  x = <<-EOT\n    module \"fake\" {\n    EOT\n}\nmodule \"a\" {\n  source = \"./a\"\n}\n",
		"resource \"x\" \"y\" {\n  tags = { Name = \"${var.a}-}\" }\n}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkQuickSources(t, "fuzz.tf", src)
	})
}
