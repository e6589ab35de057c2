package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
)

func TestSuppressionCommentsAboveResources(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf": `# tollgate:ignore=aws-rds-storage-encrypted reason="ephemeral test database" expires=2099-01-01
resource "aws_db_instance" "db" {
  storage_encrypted = false
}

module "a" { source = "./mod" }
module "b" { source = "./mod" }
`,
		"mod/main.tf": `// tollgate:ignore=Not_An_Id
resource "aws_sqs_queue" "q" {}
`,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: dir, Files: []string{filepath.Join(dir, "main.tf")}})
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Documents[0]
	sups := doc.Resources["aws_db_instance.db"].Suppressions
	if len(sups) != 1 || sups[0].RuleID != "aws-rds-storage-encrypted" || sups[0].Reason != "ephemeral test database" || sups[0].Range.Line != 1 {
		t.Fatalf("suppressions = %+v", sups)
	}
	warnings := 0
	for _, d := range res.Diagnostics {
		if d.Level == "warning" && filepath.Base(d.Range.File) == "main.tf" && d.Range.Line == 1 {
			warnings++
		}
	}
	if warnings != 1 {
		t.Fatalf("a malformed comment in a module called twice must warn once, got %d: %+v", warnings, res.Diagnostics)
	}
	if len(doc.Resources["module.a.aws_sqs_queue.q"].Suppressions) != 0 {
		t.Fatal("a malformed suppression must suppress nothing")
	}
}
