package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

func TestJSONEncodeKeepsKnownStructure(t *testing.T) {
	dir := t.TempDir()
	src := `variable "password" {
  type      = string
  sensitive = true
  default   = "hunter2hunter2"
}
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Resource = aws_s3_bucket.b.arn }]
  })
}
resource "aws_ssm_parameter" "known" {
  name  = "x"
  value = jsonencode({ a = 1 })
}
resource "aws_ssm_parameter" "secret" {
  name  = "y"
  value = jsonencode({ user = "app", password = var.password, host = aws_s3_bucket.b.id })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]map[string]any{}
	for _, r := range res.Documents[0].Input["resources"].([]any) {
		m := r.(map[string]any)
		values[m["address"].(string)] = m["values"].(map[string]any)
	}
	policy := values["aws_s3_bucket_policy.p"]["policy"]
	if !document.IsUnknown(policy) {
		t.Fatalf("jsonencode over an unknown ARN must stay unknown, got %v", policy)
	}
	stmt := policy.(map[string]any)["json"].(map[string]any)["Statement"].([]any)[0].(map[string]any)
	if stmt["Effect"] != "Deny" || !document.IsUnknown(stmt["Resource"]) || stmt["Resource"].(map[string]any)["ref"] != "aws_s3_bucket.b" {
		t.Fatalf("known structure lost: %v", stmt)
	}
	if values["aws_ssm_parameter.known"]["value"] != `{"a":1}` {
		t.Fatalf("a wholly known jsonencode is a string, got %v", values["aws_ssm_parameter.known"]["value"])
	}
	secret := values["aws_ssm_parameter.secret"]["value"].(map[string]any)
	if secret["sensitive"] != true || secret["json"] != nil {
		t.Fatalf("a sensitive value must not leak through the partial structure: %v", secret)
	}
}
