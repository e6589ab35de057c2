package terraform

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

const planFile = project + "/tfplan.json"

func scanPlan(t *testing.T, name string) *document.Document {
	t.Helper()
	res, err := PlanScanner{}.Scan(context.Background(), scanners.Unit{Path: name})
	if err != nil {
		t.Fatalf("scan %s: %v", name, err)
	}
	return res.Documents[0]
}

func TestPlanResourcesMatchHCLShape(t *testing.T) {
	doc := scanPlan(t, planFile)
	if doc.Format != document.FormatTerraformPlan {
		t.Fatalf("format %q", doc.Format)
	}
	sse, i := resource(t, doc, `aws_s3_bucket_server_side_encryption_configuration.logs["a"]`)
	if sse["index"] != "a" || sse["module"] != "" || sse["mode"] != "managed" {
		t.Errorf("header = %v", sse)
	}
	key := get(sse, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id")
	if !document.IsUnknown(key) || get(key, "ref") != "aws_kms_key.k" {
		t.Errorf("kms_master_key_id = %v", key)
	}
	if v := get(sse, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"); v != "aws:kms" {
		t.Errorf("sse_algorithm = %v", v)
	}
	r := lookup(t, doc, "resources", i, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm")
	if r.File != planFile || r.Line != 35 || r.Column != 38 {
		t.Errorf("sse_algorithm at %+v", r)
	}
	if src := doc.Resources[`aws_s3_bucket_server_side_encryption_configuration.logs["a"]`].Source; src == nil || src.File != project+"/main.tf" || src.Line != 50 {
		t.Errorf("source = %+v", src)
	}

	db, _ := resource(t, doc, `module.db.aws_db_instance.db[0]`)
	if db["module"] != "module.db" || db["index"] != int64(0) || get(db, "values", "allocated_storage") != int64(20) {
		t.Errorf("db = %v", db)
	}
	// var.kms_key_id inside the module follows the call's input.
	if k := get(db, "values", "kms_key_id"); get(k, "ref") != "aws_kms_key.k" {
		t.Errorf("kms_key_id = %v", k)
	}
	if pw := get(db, "values", "password"); !document.IsUnknown(pw) || get(pw, "sensitive") != true {
		t.Errorf("password = %v", pw)
	}
}

func TestPlanErrors(t *testing.T) {
	b, err := os.ReadFile("testdata/plan-invalid/tfplan.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParsePlan("testdata/plan-invalid/tfplan.json", b)
	var se *document.SourceError
	if !errors.As(err, &se) || se.Range.Line != 2 || se.Range.Column == 0 {
		t.Fatalf("error = %v", err)
	}
	if _, err := ParsePlan("p.json", []byte(`{"format_version":"1.2"}`)); err == nil {
		t.Error("a plan without planned_values must not scan")
	}
}

func TestDetectPlan(t *testing.T) {
	b, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	if !DetectPlan(planFile, b) {
		t.Error("plan not detected")
	}
	if DetectPlan("x.json", []byte(`{"Resources":{}}`)) || DetectPlan("plan.tf", b) {
		t.Error("false positive")
	}
}

func FuzzPlan(f *testing.F) {
	b, err := os.ReadFile(planFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{}}}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","values":{"x":[1,{"y":null}]}}]}},"resource_changes":[{"address":"a.b","change":{"after_unknown":{"x":[true,{"y":true}]},"after_sensitive":{"x":true}}}]}`))
	f.Fuzz(func(t *testing.T, content []byte) {
		doc, err := ParsePlan("plan.json", content)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
	})
}

// Columns count code points, as SARIF declares and as the CloudFormation
// scanner counts them: a plan line with a multi-byte character before a
// value used to place the value one column per extra byte too far right.
func TestPlanColumnsCountCharacters(t *testing.T) {
	plan := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"tags":{"n":"été"},"bucket":"x"}}]}}}`
	doc, err := ParsePlan("plan.json", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	want := utf8.RuneCountInString(plan[:strings.Index(plan, `"x"`)]) + 1
	for _, p := range doc.Positions.Paths() {
		if p[len(p)-1] != "bucket" {
			continue
		}
		r, _ := doc.Positions.Lookup(p)
		if r.Line != 1 || r.Column != want {
			t.Fatalf("bucket at %d:%d, want 1:%d", r.Line, r.Column, want)
		}
		return
	}
	t.Fatalf("no position for bucket in %v", doc.Positions.Paths())
}
