package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/internal/tfregistrytest"
	"github.com/tollgate-dev/tollgate/scanners/terraform/modsource"
)

// root writes a root module's main.tf into a new directory.
func root(t *testing.T, mainTF string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(mainTF), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A registry module downloaded with Options.Modules is evaluated like a
// local one: the caller's inputs, file() inside its own package, its own
// local submodules, findings located in its files and related to the call.
func TestDownloadedRegistryModule(t *testing.T) {
	reg := tfregistrytest.New(t, map[string]tfregistrytest.Module{"acme/sqs/aws": {Versions: map[string]map[string]string{
		"1.2.0": {
			"main.tf": `variable "name" {}
resource "aws_sqs_queue" "this" {
  name   = var.name
  policy = file("${path.module}/policy.json")
}
module "dlq" {
  source = "./modules/dlq"
  name   = "${var.name}-dlq"
}
`,
			"policy.json":          `{"Version": "2012-10-17"}`,
			"modules/dlq/main.tf":  "variable \"name\" {}\nresource \"aws_sqs_queue\" \"dlq\" {\n  name = var.name\n}\n",
			"modules/dlq/extra.tf": "",
		},
		"2.0.0": {"main.tf": ""},
	}}})
	dir := root(t, `module "queue" {
  source  = "`+reg.Host()+`/acme/sqs/aws"
  version = "~> 1.0"
  name    = "orders"
}
`)
	cache := t.TempDir()
	doc, diags := scanDir(t, dir, Options{Modules: modsource.New(modsource.Options{CacheDir: cache, Transport: reg.Transport()})})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	q, i := resource(t, doc, "module.queue.aws_sqs_queue.this")
	if get(q, "values", "name") != "orders" || get(q, "values", "policy") != `{"Version": "2012-10-17"}` {
		t.Errorf("queue = %v", q)
	}
	at := lookup(t, doc, "resources", i, "values", "name")
	if !strings.HasPrefix(at.File, filepath.ToSlash(cache)+"/") || !strings.HasSuffix(at.File, "/main.tf") || at.Line != 3 {
		t.Errorf("name is at %+v, want line 3 of the downloaded main.tf", at)
	}
	if rel := doc.Resources["module.queue.aws_sqs_queue.this"].Related; len(rel) != 1 || rel[0].File != dir+"/main.tf" || rel[0].Line != 1 {
		t.Errorf("related = %+v, want the module call", rel)
	}
	d, _ := resource(t, doc, "module.queue.module.dlq.aws_sqs_queue.dlq")
	if get(d, "values", "name") != "orders-dlq" {
		t.Errorf("dlq = %v", d)
	}
	if c := doc.Input["module_calls"].([]any); get(c[0], "resolved") != true {
		t.Errorf("module_calls = %v", c)
	}
}

// With downloads on, a module that cannot be had is an error at its module
// block, never a warning or a pass; a credential in its source stays out
// of the message.
func TestDownloadFailureIsAnErrorAtTheCall(t *testing.T) {
	reg := tfregistrytest.New(t, map[string]tfregistrytest.Module{"acme/escape/aws": {Versions: map[string]map[string]string{
		"1.0.0": {"main.tf": "module \"up\" {\n  source = \"../../..\"\n}\n"},
	}}})
	dir := root(t, `locals {
  x = 1
}
module "queue" {
  source  = "`+reg.Host()+`/acme/missing/aws"
  version = "1.0.0"
}
module "repo" {
  source = "git::https://user:s3cr3t-token@127.0.0.1:1/repo.git"
}
module "escape" {
  source = "`+reg.Host()+`/acme/escape/aws"
}
`)
	_, diags := scanDir(t, dir, Options{Modules: modsource.New(modsource.Options{CacheDir: t.TempDir(), Transport: reg.Transport()})})
	if len(diags) != 3 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	for i, want := range []struct {
		file string
		line int
		text string
	}{
		{dir + "/main.tf", 4, "404"},
		{dir + "/main.tf", 8, "downloading git::https://REDACTED@127.0.0.1:1/repo.git"},
		// Inside the package: a local path may not climb out of it.
		{"/main.tf", 1, `module "up": source "../../.." leaves the downloaded package`},
	} {
		d := diags[i]
		if d.Level != document.LevelError || !strings.HasSuffix(d.Range.File, want.file) || d.Range.Line != want.line || !strings.Contains(d.Message, want.text) {
			t.Errorf("diagnostic %d = %+v, want an error at %s:%d saying %q", i, d, want.file, want.line, want.text)
		}
		if strings.Contains(d.Message, "s3cr3t") {
			t.Errorf("the credential leaked: %s", d.Message)
		}
	}
}
