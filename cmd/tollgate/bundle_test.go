package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/engine/bundletest"
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

// The rules of a bundle are listed by `rules`, fire at the document's line
// and read the bundle's data; a bundle with no rule is exit 2.
func TestBundleRulesAreListedAndFire(t *testing.T) {
	b := bundletest.Build(t, map[string]string{
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

	onlyTests := bundletest.Build(t, map[string]string{
		"policies/db_test.rego": strings.Replace(bundledRule, "package org.db_engine", "package org.db_engine_test", 1),
	})
	code, _, stderr = tollgate(t, "scan", "--policy", onlyTests, db)
	if code != 2 || !strings.Contains(stderr, "policy "+onlyTests+": no rules") {
		t.Fatalf("a bundle of tests only: exit %d, stderr %q; want 2 naming the bundle", code, stderr)
	}
}

// Signed bundles with the flags and with the configuration: good loads,
// everything else is exit 2 naming the bundle, and the key never shows.
func TestSignedBundleFlagsAndConfig(t *testing.T) {
	const secret = "s3cret-shared-by-the-platform-team"
	files := map[string]string{
		".manifest":             `{"roots": ["org"]}`,
		"policies/db.rego":      bundledRule,
		"org/engines/data.yaml": "denied: [postgres]\n",
	}
	private, public := bundletest.RSAKeys(t)
	dir := t.TempDir()
	privateFile := writeFile(t, dir, "private.pem", private)
	publicFile := writeFile(t, dir, "public.pem", public)
	secretFile := writeFile(t, dir, "secret", secret)
	wrongSecret := writeFile(t, dir, "wrong-secret", secret+"!")
	rs256 := bundletest.Build(t, files, bundletest.Signed(privateFile, "RS256"))
	hs256 := bundletest.Build(t, files, bundletest.Signed(secretFile, "HS256"))
	unsigned := bundletest.Build(t, files)
	db := writeFile(t, dir, "db.yaml", unencryptedDB)
	cfg := func(body string) string { return writeFile(t, t.TempDir(), "tollgate.yaml", "version: 1\n"+body) }

	cases := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"RS256 with flag", []string{"--verification-key", publicFile, "--policy", rs256}, 1, ""},
		{"HS256 with flags", []string{"--verification-key", secretFile, "--signing-alg", "HS256", "--verification-key-id", "default", "--policy", hs256}, 1, ""},
		{"HS256 from the configuration", []string{"--config", cfg("bundle_verification: {key_file: " + secretFile + ", signing_alg: HS256}\npolicies: [" + hs256 + "]\n")}, 1, ""},
		{"flag overrides the configuration", []string{"--config", cfg("bundle_verification: {key_file: " + wrongSecret + ", signing_alg: HS256}\n"), "--verification-key", secretFile, "--policy", hs256}, 1, ""},
		{"wrong secret", []string{"--verification-key", wrongSecret, "--signing-alg", "HS256", "--policy", hs256}, 2, "bundle " + hs256 + ": failed to verify JWT signature"},
		{"RSA key for an HMAC bundle", []string{"--verification-key", publicFile, "--policy", hs256}, 2, "bundle " + hs256 + ": failed to verify JWT signature"},
		{"unsigned bundle", []string{"--verification-key", publicFile, "--policy", unsigned}, 2, "bundle " + unsigned + ": bundle missing .signatures.json file"},
		{"plain policy directory", []string{"--verification-key", publicFile, "--policy", dir}, 2, "policy " + dir + ": not a signed bundle"},
		{"key file missing", []string{"--verification-key", dir + "/nope.pem", "--policy", rs256}, 2, "--verification-key " + dir + "/nope.pem: "},
		{"algorithm without a key", []string{"--signing-alg", "HS256", "--policy", hs256}, 2, "need --verification-key"},
		{"unknown configuration key", []string{"--config", cfg("bundle_verification: {key: " + secretFile + "}\n")}, 2, `unknown key "key" in bundle_verification`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"scan", "--no-builtin", "--format", "json"}, c.args...)
			code, out, stderr := tollgate(t, append(args, db)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, c.code, c.want)
			}
			if code == 1 && !strings.Contains(out, `"ruleId": "org-db-engine"`) {
				t.Fatalf("want a finding of the bundle's rule, got %s", out)
			}
			if strings.Contains(out+stderr, secret) || strings.Contains(out+stderr, "BEGIN") {
				t.Fatal("the output shows the key")
			}
		})
	}
	// rules takes the same flags.
	if code, out, stderr := tollgate(t, "rules", "--no-builtin", "--verification-key", publicFile, "--policy", rs256); code != 0 || !strings.Contains(out, "org-db-engine") {
		t.Fatalf("rules: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if code, _, stderr := tollgate(t, "rules", "--no-builtin", "--verification-key", publicFile, "--policy", unsigned); code != 2 || !strings.Contains(stderr, "bundle missing .signatures.json") {
		t.Fatalf("rules, unsigned: exit %d, stderr %q", code, stderr)
	}
	// explain honours the configuration's bundle_verification: it does not
	// describe a rule from a bundle the configuration would refuse.
	verified := cfg("bundle_verification: {key_file: " + publicFile + "}\n")
	if code, out, stderr := tollgate(t, "explain", "--no-builtin", "--config", verified, "--policy", rs256, "org-db-engine"); code != 0 || !strings.Contains(out, "org-db-engine") {
		t.Fatalf("explain: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if code, out, stderr := tollgate(t, "explain", "--no-builtin", "--config", verified, "--policy", unsigned, "org-db-engine"); code != 2 || !strings.Contains(stderr, "bundle missing .signatures.json") {
		t.Fatalf("explain, unsigned: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
