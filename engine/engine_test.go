package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/document"
)

const dbRule = `# METADATA
# title: RDS storage is encrypted
# description: test rule
# custom:
#   id: test-rds-encrypted
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   remediation: Set StorageEncrypted to true.
package tollgate.test.rds

deny contains f if {
	some name, r in input.Resources
	r.Type == "AWS::RDS::DBInstance"
	not r.Properties.StorageEncrypted == true
	f := {"resource": name, "path": ["Resources", name, "Properties", "StorageEncrypted"], "message": "StorageEncrypted is not true"}
}
`

const secretRule = `# METADATA
# title: No literal password
# custom:
#   id: test-password
#   severity: critical
#   theme: secrets
#   formats: [cloudformation]
package tollgate.test.pw

deny contains f if {
	some name, r in input.Resources
	pw := r.Properties.MasterUserPassword
	is_string(pw)
	f := {"resource": name, "path": ["Resources", name, "Properties", "MasterUserPassword"],
	      "message": sprintf("literal password %s", [pw]), "secret": pw}
}
`

func dbDoc() *document.Document {
	pos := document.NewPositions()
	pos.Set([]string{"Resources", "DB"}, document.Range{File: "db.yaml", Line: 3, Column: 3})
	pos.Set([]string{"Resources", "DB", "Properties"}, document.Range{File: "db.yaml", Line: 5, Column: 7})
	pos.Set([]string{"Resources", "DB", "Properties", "MasterUserPassword"}, document.Range{File: "db.yaml", Line: 6, Column: 27})
	return &document.Document{
		Format: document.FormatCloudFormation,
		File:   "db.yaml",
		Input: map[string]any{"Resources": map[string]any{"DB": map[string]any{
			"Type":       "AWS::RDS::DBInstance",
			"Properties": map[string]any{"MasterUserPassword": "hunter2hunter2"},
		}}},
		Positions: pos,
		Resources: map[string]document.Resource{"DB": {Type: "AWS::RDS::DBInstance"}},
	}
}

func newEngine(t *testing.T, files map[string]string) (*Engine, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return New(context.Background(), Options{Builtin: fsys, Formats: testFormats})
}

// testFormats stand for the input kinds' formats (package kinds, which
// the engine does not import).
var testFormats = []string{"cloudformation", "terraform", "terraform-plan", "dockerfile", "image", "files"}

func TestEvaluatePlacesMissingPropertyAtDeepestAncestor(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/rds.rego": dbRule})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := e.Evaluate(context.Background(), dbDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 1 {
		t.Fatalf("want 1 finding, got %+v", ev.Findings)
	}
	f := ev.Findings[0]
	if f.RuleID != "test-rds-encrypted" || f.Resource != "DB" || f.ResourceType != "AWS::RDS::DBInstance" {
		t.Errorf("unexpected identity: %+v", f)
	}
	if f.Location.File != "db.yaml" || f.Location.Line != 5 || f.Location.Column != 7 {
		t.Errorf("missing StorageEncrypted should point at Properties (5:7), got %+v", f.Location)
	}
	if f.Severity.String() != "high" || f.Remediation != "Set StorageEncrypted to true." {
		t.Errorf("metadata not applied: %+v", f)
	}
	if f.Fingerprint == "" {
		t.Error("no fingerprint")
	}
}

func TestFingerprintIgnoresLines(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/rds.rego": dbRule})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.Evaluate(context.Background(), dbDoc())
	moved := dbDoc()
	moved.Positions.Set([]string{"Resources", "DB", "Properties"}, document.Range{File: "db.yaml", Line: 40, Column: 7})
	b, _ := e.Evaluate(context.Background(), moved)
	if a.Findings[0].Location.Line == b.Findings[0].Location.Line {
		t.Fatal("test setup: lines should differ")
	}
	if a.Findings[0].Fingerprint != b.Findings[0].Fingerprint {
		t.Error("fingerprint changed when the finding moved")
	}
}

func TestSecretIsRedactedAndReported(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/pw.rego": secretRule})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := e.Evaluate(context.Background(), dbDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 1 {
		t.Fatalf("want 1 finding, got %+v", ev.Findings)
	}
	if strings.Contains(ev.Findings[0].Message, "hunter2") {
		t.Errorf("secret leaked: %q", ev.Findings[0].Message)
	}
	if ev.Findings[0].Location.Line != 6 || ev.Findings[0].Location.Column != 27 {
		t.Errorf("want 6:27, got %+v", ev.Findings[0].Location)
	}
	if len(ev.Secrets) != 1 || ev.Secrets[0] != "hunter2hunter2" {
		t.Errorf("secrets = %v", ev.Secrets)
	}
}

func TestSourceLocationComesFirst(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/pw.rego": secretRule})
	if err != nil {
		t.Fatal(err)
	}
	doc := dbDoc()
	doc.Resources["DB"] = document.Resource{
		Name:            "App/Db/Resource",
		Type:            "AWS::RDS::DBInstance",
		Source:          &document.Range{File: "lib/app.ts", Line: 10, Column: 5},
		PropertySources: map[string]document.Range{"MasterUserPassword": {File: "lib/app.ts", Line: 12, Column: 7}},
	}
	ev, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	f := ev.Findings[0]
	if f.Resource != "App/Db/Resource" || f.ResourceID != "DB" {
		t.Errorf("resource naming: %q / %q", f.Resource, f.ResourceID)
	}
	if f.Location.File != "lib/app.ts" || f.Location.Line != 12 {
		t.Errorf("want the property assignment line, got %+v", f.Location)
	}
	if len(f.Related) == 0 || f.Related[0].Range.File != "db.yaml" || f.Related[0].Range.Line != 6 {
		t.Errorf("template location should be related: %+v", f.Related)
	}
}

func TestRulesOnlyRunOnTheirFormats(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/rds.rego": dbRule})
	if err != nil {
		t.Fatal(err)
	}
	doc := dbDoc()
	doc.Format = document.FormatDockerfile
	ev, err := e.Evaluate(context.Background(), doc)
	if err != nil || len(ev.Findings) != 0 {
		t.Fatalf("dockerfile doc must not be evaluated by a cloudformation rule: %v %v", ev, err)
	}
}

func TestCompileErrorNamesFileAndLine(t *testing.T) {
	_, err := newEngine(t, map[string]string{"test/bad.rego": "package x\n\ndeny contains f if {\n  f := undefined_fn(1)\n}\n"})
	if err == nil {
		t.Fatal("want a compile error")
	}
	if !strings.Contains(err.Error(), "policies/test/bad.rego:4") {
		t.Errorf("error should name policies/test/bad.rego:4, got %v", err)
	}
}

func TestParseErrorNamesFile(t *testing.T) {
	_, err := newEngine(t, map[string]string{"test/bad.rego": "package x\n\ndeny contains f if {\n"})
	if err == nil || !strings.Contains(err.Error(), "policies/test/bad.rego:") {
		t.Fatalf("want a parse error naming the file, got %v", err)
	}
}

func TestMetadataValidation(t *testing.T) {
	cases := map[string]string{
		"bad severity": strings.Replace(dbRule, "severity: high", "severity: urgent", 1),
		"bad theme":    strings.Replace(dbRule, "theme: encryption", "theme: vibes", 1),
		"bad format":   strings.Replace(dbRule, "formats: [cloudformation]", "formats: [ansible]", 1),
		"no title":     strings.Replace(dbRule, "# title: RDS storage is encrypted\n", "", 1),
		"no deny":      strings.Replace(dbRule, "deny contains", "allow contains", 1),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := newEngine(t, map[string]string{"test/rds.rego": src})
			if err == nil || !strings.Contains(err.Error(), "policies/test/rds.rego") {
				t.Fatalf("want an error naming the file, got %v", err)
			}
		})
	}
}

func TestSharedIDAcrossFormatsMerges(t *testing.T) {
	tf := strings.NewReplacer("formats: [cloudformation]", "formats: [terraform]", "package tollgate.test.rds", "package tollgate.test.rds_tf").Replace(dbRule)
	e, err := newEngine(t, map[string]string{"test/rds.rego": dbRule, "test/rds_tf.rego": tf})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) != 1 || len(e.Rules()[0].Formats) != 2 {
		t.Fatalf("want one rule with two formats, got %+v", e.Rules())
	}
	tfAdvice := strings.NewReplacer("formats: [cloudformation]", "formats: [terraform]", "package tollgate.test.rds", "package tollgate.test.rds_tf",
		"remediation: Set StorageEncrypted to true.", "remediation: Set storage_encrypted = true.").Replace(dbRule)
	e, err = newEngine(t, map[string]string{"test/rds.rego": dbRule, "test/rds_tf.rego": tfAdvice})
	if err != nil {
		t.Fatal(err)
	}
	doc := dbDoc()
	doc.Format = document.FormatTerraform
	ev, err := e.Evaluate(context.Background(), doc)
	if err != nil || len(ev.Findings) != 1 || ev.Findings[0].Remediation != "Set storage_encrypted = true." {
		t.Fatalf("a finding carries its own package's remediation: %+v %v", ev.Findings, err)
	}
	conflict := strings.Replace(tf, "severity: high", "severity: low", 1)
	if _, err := newEngine(t, map[string]string{"test/rds.rego": dbRule, "test/rds_tf.rego": conflict}); err == nil {
		t.Fatal("conflicting severities for one id must be rejected")
	}
}

func TestNoRulesIsAnError(t *testing.T) {
	if _, err := New(context.Background(), Options{}); err != ErrNoRules {
		t.Fatalf("want ErrNoRules, got %v", err)
	}
}

func TestUserPolicyDirAndConfigData(t *testing.T) {
	dir := t.TempDir()
	rule := `# METADATA
# title: Only approved engines
# custom:
#   id: user-engine
#   severity: low
#   theme: iam
#   formats: [cloudformation]
package user.engine

deny contains f if {
	some name, r in input.Resources
	not object.get(r.Properties, "Engine", "") in data.tollgate.config.engines
	f := {"resource": name, "path": ["Resources", name, "Properties", "Engine"], "message": "engine not approved"}
}
`
	if err := os.WriteFile(filepath.Join(dir, "engine.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	// A test file in the user's directory must not be loaded as a rule.
	if err := os.WriteFile(filepath.Join(dir, "engine_test.rego"), []byte("package user.engine_test\n\ntest_x if { false }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), Options{Paths: []string{dir}, Config: map[string]any{"engines": []any{"postgres"}}})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := e.Evaluate(context.Background(), dbDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 1 || ev.Findings[0].RuleID != "user-engine" || e.Rules()[0].Builtin {
		t.Fatalf("unexpected: %+v %+v", ev.Findings, e.Rules())
	}
}

func TestBadFindingShapeIsAnError(t *testing.T) {
	bad := strings.Replace(dbRule, `"path": ["Resources", name, "Properties", "StorageEncrypted"], `, "", 1)
	e, err := newEngine(t, map[string]string{"test/rds.rego": bad})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Evaluate(context.Background(), dbDoc()); err == nil || !strings.Contains(err.Error(), "test-rds-encrypted") {
		t.Fatalf("want an error naming the rule, got %v", err)
	}
}

func TestResourceRelatedLocationsCarryTheirLabel(t *testing.T) {
	e, err := newEngine(t, map[string]string{"test/pw.rego": secretRule})
	if err != nil {
		t.Fatal(err)
	}
	doc := dbDoc()
	call := document.Range{File: "main.tf", Line: 3, Column: 1}
	doc.Resources["DB"] = document.Resource{Type: "AWS::RDS::DBInstance", Related: []document.Range{call}, RelatedLabel: "module call"}
	ev, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	rel := ev.Findings[0].Related
	if len(rel) != 1 || rel[0].Message != "module call" || rel[0].Range != call {
		t.Fatalf("related = %+v", rel)
	}
}

func TestFindingMayCarryItsOwnRemediation(t *testing.T) {
	own := strings.Replace(dbRule, `"message": "StorageEncrypted is not true"}`,
		`"message": "StorageEncrypted is not true", "remediation": "Set storage_encrypted = true."}`, 1)
	e, err := newEngine(t, map[string]string{"test/rds.rego": own})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := e.Evaluate(context.Background(), dbDoc())
	if err != nil || len(ev.Findings) != 1 || ev.Findings[0].Remediation != "Set storage_encrypted = true." {
		t.Fatalf("the finding's remediation replaces the package's: %+v %v", ev.Findings, err)
	}
	if e.Rules()[0].Remediation != "Set StorageEncrypted to true." {
		t.Fatalf("the rule keeps its METADATA remediation: %+v", e.Rules()[0])
	}
}
