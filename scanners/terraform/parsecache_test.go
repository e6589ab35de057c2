package terraform

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// sharedTree writes roots a and b that both call module shared, which has
// a variable with a typed default, a syntax error in one file and a
// resource per root input.
func sharedTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("shared/main.tf", `variable "name" {}
variable "ports" {
  type    = map(list(number))
  default = { ssh = [22], web = [80, 443] }
}
resource "aws_security_group" "this" {
  name = var.name
  # A splat keeps per-evaluation state in the shared syntax tree.
  description = jsonencode(values(var.ports)[*][0])
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value[0]
    }
  }
}
`)
	write("shared/broken.tf", "resource \"x\" {\n")
	for _, r := range []string{"a", "b"} {
		write(r+"/main.tf", fmt.Sprintf("module \"sg\" {\n  source = \"../shared\"\n  name   = %q\n}\n", r))
	}
	return filepath.ToSlash(dir)
}

// scanJSON scans root with sc reading through fsys and renders the
// document and diagnostics, to compare scans byte for byte.
func scanJSON(t testing.TB, sc Scanner, root string, fsys *srcfs.FS) string {
	t.Helper()
	return scanUnitJSON(t, sc, scanners.Unit{Path: root, FS: fsys})
}

func scanUnitJSON(t testing.TB, sc Scanner, u scanners.Unit) string {
	t.Helper()
	res, err := sc.Scan(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Documents[0]
	b, err := json.Marshal(map[string]any{"input": doc.Input, "diags": res.Diagnostics, "resources": doc.Resources})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func runScanner() Scanner {
	return Kind.New(scanners.Settings{}).(Scanner)
}

// Roots scanned by one run's scanner parse a module they share once, yet
// each sees what a scanner of its own sees: the same document, the same
// parse errors, and every file of the module among its recorded reads
// (what the results cache checks, so a change in the module misses for
// every root that calls it).
func TestSharedModuleParsedOnceReadByEach(t *testing.T) {
	dir := sharedTree(t)
	// As discovery hands them over: every Terraform file of the tree, read
	// once and shared by the units.
	known := map[string][]byte{}
	for _, f := range []string{"a/main.tf", "b/main.tf", "shared/main.tf", "shared/broken.tf"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		known[dir+"/"+f] = b
	}
	sc := runScanner()
	for i, r := range []string{"a", "b", "a", "b"} {
		root := dir + "/" + r
		reads := srcfs.NewReads()
		u := scanners.Unit{Path: root, FS: (*srcfs.FS)(nil).Recording(reads)}
		if i >= 2 {
			u.Contents = known
		}
		got := scanUnitJSON(t, sc, u)
		if want := scanJSON(t, Scanner{}, root, nil); got != want {
			t.Errorf("%s: shared scan differs from a lone one:\n%s\n%s", r, got, want)
		}
		if !strings.Contains(got, "Invalid block definition") && !strings.Contains(got, "Unclosed configuration block") {
			t.Errorf("%s: the broken file's parse error is missing: %s", r, got)
		}
		names := map[string]bool{}
		for _, f := range reads.Files() {
			names[f.Name] = true
		}
		for _, f := range []string{root + "/main.tf", dir + "/shared/main.tf", dir + "/shared/broken.tf"} {
			if !names[f] {
				t.Errorf("%s: %s not recorded as read; have %v", r, f, reads.Files())
			}
		}
	}
	// The roots' own files are parsed by their scans and not kept.
	if n := len(sc.parses.files); n != 2 {
		t.Errorf("%d files in the run's parse cache, want the module's 2", n)
	}
}

// A file that changes between two roots' scans is parsed again: the parse
// is keyed by the bytes, so no root sees a stale one.
func TestSharedParseKeyedByContent(t *testing.T) {
	dir := sharedTree(t)
	sc := runScanner()
	scanJSON(t, sc, dir+"/a", nil)
	p := filepath.Join(dir, "shared", "main.tf")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "web = [80, 443]", "web = [8080]", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	got := scanJSON(t, sc, dir+"/b", nil)
	if want := scanJSON(t, Scanner{}, dir+"/b", nil); got != want {
		t.Fatalf("after a change, shared scan differs from a lone one:\n%s\n%s", got, want)
	}
	if !strings.Contains(got, "8080") {
		t.Errorf("the changed default is not seen: %s", got)
	}
}

// Roots scanned concurrently through one scanner (as the pipeline's
// workers do) get what lone scans get, whoever parses first. Run with
// -race to check the sharing.
func TestSharedParseConcurrentRoots(t *testing.T) {
	dir := sharedTree(t)
	want := map[string]string{}
	for _, r := range []string{"a", "b"} {
		want[r] = scanJSON(t, Scanner{}, dir+"/"+r, nil)
	}
	sc := runScanner()
	var wg sync.WaitGroup
	got := make([]string, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = scanJSON(t, sc, dir+"/"+[]string{"a", "b"}[i%2], nil)
		}()
	}
	wg.Wait()
	for i, g := range got {
		if r := []string{"a", "b"}[i%2]; g != want[r] {
			t.Errorf("scan %d of %s differs from a lone scan:\n%s\n%s", i, r, g, want[r])
		}
	}
}

// A variable's default is converted to its type once and shared; an
// input passed by the caller is converted as before.
func TestVariableDefaultTyped(t *testing.T) {
	dir := sharedTree(t)
	doc, _ := scanDir(t, dir+"/a", Options{})
	r, _ := resource(t, doc, "module.sg.aws_security_group.this")
	ingress, _ := get(r, "values", "ingress").([]any)
	if len(ingress) != 2 || get(ingress[1], "from_port") != int64(80) {
		t.Errorf("ingress = %v, want ssh and web from the typed default", ingress)
	}
	if d := get(r, "values", "description"); d != "[22,80]" {
		t.Errorf("description = %v, want the splat of the default", d)
	}
}

// BenchmarkScanCorpusRoots scans every root module of the shared corpus's
// terraform-aws-* folders with one run's scanner, as `tollgate scan` does
// (serially here, so the figure does not depend on scheduling).
func BenchmarkScanCorpusRoots(b *testing.B) {
	dirs := corpusModules(b)
	calls := map[string][]string{}
	for _, d := range dirs {
		calls[d] = ModuleCalls(d, readTF(b, d))
	}
	roots := FilterRoots(dirs, calls)
	b.ReportMetric(float64(len(roots)), "roots")
	for b.Loop() {
		sc := runScanner()
		for _, r := range roots {
			if _, err := sc.Scan(context.Background(), scanners.Unit{Path: r}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The cache keeps the most recently used parses within its bound: the
// oldest goes first, a parse used again stays, and an evicted file parses
// again to the same value.
func TestParseCacheBound(t *testing.T) {
	c := newParseCache()
	c.maxSource = 120
	src := func(name string) []byte {
		return []byte(fmt.Sprintf("variable %q {\n  default = %q\n}\n", name, strings.Repeat("x", 20)))
	}
	size := len(src("a"))
	if 2*size > c.maxSource || 3*size <= c.maxSource {
		t.Fatalf("a file is %d bytes: the test wants two to fit in %d and three not", size, c.maxSource)
	}
	a := c.file("a.tf", src("a"))
	c.file("b.tf", src("b"))
	if c.file("a.tf", src("a")) != a {
		t.Fatal("a parse within the bound was not reused")
	}
	c.file("c.tf", src("c")) // evicts b, the least recently used
	if len(c.files) != 2 || c.size != 2*size {
		t.Fatalf("%d entries, %d bytes held; want 2 and %d", len(c.files), c.size, 2*size)
	}
	if _, ok := c.files[parseKey{name: "b.tf", sum: sha256.Sum256(src("b"))}]; ok {
		t.Error("b.tf, the least recently used, was kept")
	}
	if c.file("a.tf", src("a")) != a {
		t.Error("a.tf, used again, was evicted")
	}
	b := c.file("b.tf", src("b"))
	if b.frag == nil || len(b.frag.varOrder) != 1 || b.frag.varOrder[0] != "b" {
		t.Errorf("b.tf parsed again: %+v", b.frag)
	}
	big := append(src("big"), strings.Repeat("#\n", 100)...)
	c.file("big.tf", big)
	if len(c.files) != 1 {
		t.Errorf("%d entries after a file over the bound; want just it", len(c.files))
	}
}
