package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --policy path or a configuration policies: entry that loads no rule is
// exit 2 naming the path; --allow-empty accepts it.
func TestPolicyPathWithoutRulesIsUndecided(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", unencryptedDB)
	lib := writeFile(t, dir, "lib/helpers.rego", "package user.helpers\n\nhalf(x) := x / 2\n")
	libDir := strings.TrimSuffix(lib, "/helpers.rego")
	cfg := writeFile(t, dir, "tollgate.yaml", "version: 1\npolicies: ["+libDir+"]\n")
	for name, args := range map[string][]string{
		"flag":   {"scan", "--policy", libDir, db},
		"config": {"scan", "--config", cfg, db},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := tollgate(t, args...)
			if code != 2 || !strings.Contains(stderr, "policy "+libDir+": no rules") {
				t.Fatalf("exit %d, stderr %q; want 2 naming %s", code, stderr, libDir)
			}
			allowed := append([]string{args[0], "--allow-empty"}, args[1:]...)
			if code, _, stderr := tollgate(t, allowed...); code != 1 {
				t.Fatalf("--allow-empty: exit %d, stderr %q; want 1 (the built-in rules still block)", code, stderr)
			}
		})
	}
}

// A rule id that matches no loaded rule in rules.disable, ignore[] or an
// inline waiver does nothing; it is reported as a warning (not an error)
// with the closest known id.
func TestUnknownRuleIDIsAWarning(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", strings.Replace(unencryptedDB, "    Type: AWS::RDS::DBInstance\n",
		"    Type: AWS::RDS::DBInstance\n    Metadata:\n      tollgate:\n        ignore:\n          - id: aws-rds-storage-encrytped\n            reason: scratch database\n", 1))
	cfg := writeFile(t, dir, "tollgate.yaml", `version: 1
rules:
  disable: [aws-rds-publicly-accesible, aws-rds-storage-encryption-cmk]
ignore:
  - id: aws-rds-storage-encrpyted
    reason: scratch database
`)
	code, out, stderr := tollgate(t, "scan", "--config", cfg, "--format", "json", filepath.Join(dir, "db.yaml"))
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a typo waives nothing, and is no error); stderr %q", code, stderr)
	}
	var rep struct {
		Diagnostics []struct {
			Level    string
			Message  string
			Location struct{ File string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		`rules.disable: unknown rule id "aws-rds-publicly-accesible" (did you mean "aws-rds-publicly-accessible"?)`: cfg,
		`ignore: unknown rule id "aws-rds-storage-encrpyted" (did you mean "aws-rds-storage-encrypted"?)`:           cfg,
		`inline ignore: unknown rule id "aws-rds-storage-encrytped" (did you mean "aws-rds-storage-encrypted"?)`:    filepath.Join(dir, "db.yaml"),
	}
	for _, d := range rep.Diagnostics {
		for msg, file := range want {
			if strings.HasPrefix(d.Message, msg) && d.Level == "warning" && d.Location.File == file {
				delete(want, msg)
			}
		}
	}
	if len(want) > 0 {
		t.Fatalf("missing warnings %v in %+v", want, rep.Diagnostics)
	}
}

// A module called twice is evaluated twice; its waiver's warning is said once.
func TestWarningForModuleCalledTwiceIsSaidOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", "module \"a\" {\n  source = \"./m\"\n}\n\nmodule \"b\" {\n  source = \"./m\"\n}\n")
	writeFile(t, dir, "m/main.tf", "# tollgate:ignore=aws-s3-bucket-encrytion-kms reason=\"x\"\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n")
	_, out, _ := tollgate(t, "scan", "--format", "json", dir)
	if n := strings.Count(out, `unknown rule id \"aws-s3-bucket-encrytion-kms\"`); n != 1 {
		t.Fatalf("want the warning once, got %d times:\n%s", n, out)
	}
}

// tollgate policy test exits 0 when the tests pass, 1 when one fails and 2
// when they cannot run; policy lib export writes the library.
func TestPolicyTestAndLibExport(t *testing.T) {
	dir := t.TempDir()
	pass := writeFile(t, dir, "pass/x_test.rego", "package x_test\n\nimport data.tollgate.lib.core\n\ntest_true if core.is_true(\"true\")\n")
	fail := writeFile(t, dir, "fail/x_test.rego", "package x_test\n\ntest_false if false\n")
	empty := writeFile(t, dir, "empty/x.rego", "package x\n")
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"policy", "test", filepath.Dir(pass)}, 0, "PASS: 1/1"},
		{[]string{"policy", "test", filepath.Dir(fail)}, 1, "FAIL: 1/1"},
		{[]string{"policy", "test", filepath.Dir(empty)}, 2, "no tests"},
		{[]string{"policy", "lib", "export", filepath.Join(dir, "lib")}, 0, "left out lib/secrets.rego"},
		{[]string{"policy", "lib", "export", filepath.Join(dir, "lib")}, 2, "not empty"},
		{[]string{"policy", "frobnicate"}, 2, "Usage:"},
	} {
		code, stdout, stderr := tollgate(t, c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.out) {
			t.Errorf("%v: exit %d, output %q; want %d with %q", c.args, code, stdout+stderr, c.code, c.out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "lib", "lib", "view.rego")); err != nil {
		t.Errorf("export did not write the views: %v", err)
	}
}
