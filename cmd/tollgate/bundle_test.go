package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/compile"
)

// A rule that reports RDS instances whose engine the bundle's data lists.
const bundledRule = `# METADATA
# title: Database engine is on the bundle's deny list
# custom:
#   id: org-db-engine
#   severity: high
#   theme: iam
#   formats: [cloudformation]
#   remediation: Use an engine the platform team supports.
package org.db_engine

deny contains f if {
	some name, r in input.Resources
	r.Type == "AWS::RDS::DBInstance"
	r.Properties.Engine in data.org.engines.denied
	f := {"resource": name, "path": ["Resources", name, "Properties", "Engine"], "message": sprintf("engine %s is denied", [r.Properties.Engine])}
}
`

// buildBundle writes files under a fresh source directory and builds them
// as `cd SRC && opa build --bundle . -o OUT` would, with OPA's compile
// package; opts configure the build (signing). It returns OUT.
func buildBundle(t *testing.T, files map[string]string, opts ...func(*compile.Compiler) *compile.Compiler) string {
	t.Helper()
	src := t.TempDir()
	for name, content := range files {
		writeFile(t, src, name, content)
	}
	var buf bytes.Buffer
	c := compile.New().WithAsBundle(true).WithFS(os.DirFS(src)).WithPaths(".").WithOutput(&buf).WithRegoVersion(ast.RegoV1)
	for _, o := range opts {
		c = o(c)
	}
	if err := c.Build(context.Background()); err != nil {
		t.Fatalf("opa build: %v", err)
	}
	return writeFile(t, t.TempDir(), "org-policy.tar.gz", buf.String())
}

// The rules of a bundle are listed by `rules`, fire at the document's line
// and read the bundle's data; a bundle with no rule is exit 2.
func TestBundleRulesAreListedAndFire(t *testing.T) {
	b := buildBundle(t, map[string]string{
		".manifest":             `{"roots": ["org"]}`,
		"policies/db.rego":      bundledRule,
		"org/engines/data.yaml": "denied: [postgres]\n",
	})
	code, out, stderr := tollgate(t, "rules", "--no-builtin", "--format", "json", "--policy", b)
	if code != 0 {
		t.Fatalf("rules: exit %d, stderr %q", code, stderr)
	}
	var rules []struct {
		ID      string
		Sources []string
	}
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules) != 1 || rules[0].ID != "org-db-engine" || len(rules[0].Sources) != 1 || rules[0].Sources[0] != b+"/policies/db.rego" {
		t.Fatalf("want rule org-db-engine from %s/policies/db.rego, got %+v", b, rules)
	}

	db := writeFile(t, t.TempDir(), "db.yaml", unencryptedDB)
	code, out, stderr = tollgate(t, "scan", "--no-builtin", "--format", "json", "--policy", b, db)
	if code != 1 {
		t.Fatalf("scan: exit %d, want 1; stderr %q", code, stderr)
	}
	var rep struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Message  string `json:"message"`
			Location struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "org-db-engine" || rep.Findings[0].Location.File != db ||
		rep.Findings[0].Location.Line != 6 || rep.Findings[0].Message != "engine postgres is denied" {
		t.Fatalf("want org-db-engine at %s:6, got %+v", db, rep.Findings)
	}

	onlyTests := buildBundle(t, map[string]string{
		"policies/db_test.rego": strings.Replace(bundledRule, "package org.db_engine", "package org.db_engine_test", 1),
	})
	code, _, stderr = tollgate(t, "scan", "--policy", onlyTests, db)
	if code != 2 || !strings.Contains(stderr, "policy "+onlyTests+": no rules") {
		t.Fatalf("a bundle of tests only: exit %d, stderr %q; want 2 naming the bundle", code, stderr)
	}
}
