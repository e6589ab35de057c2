package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/rulefixtures"
)

// TestPolicyNewScaffoldWorks proves a scaffold is a working rule as
// written: its Rego tests pass under policy test, and a scan of its
// failing fixture reports the rule exactly at the marked lines while the
// passing fixture reports nothing.
func TestPolicyNewScaffoldWorks(t *testing.T) {
	for _, format := range []string{"cloudformation", "terraform", "dockerfile"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "policy")
			id := "acme-" + format + "-check"
			if code, out, stderr := tollgate(t, "policy", "new", id, "--format", format, "--dir", dir); code != 0 {
				t.Fatalf("policy new: exit %d\n%s%s", code, out, stderr)
			}
			if code, out, stderr := tollgate(t, "policy", "test", "--coverage", dir); code != 0 || !strings.Contains(out, "PASS") || !strings.Contains(out, "total (") {
				t.Fatalf("policy test: exit %d\n%s%s", code, out, stderr)
			}
			fixtures := filepath.Join(dir, "testdata", id, format)
			entries, err := os.ReadDir(fixtures)
			if err != nil {
				t.Fatal(err)
			}
			var fail, pass int
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".expect") {
					continue
				}
				p := filepath.Join(fixtures, e.Name())
				_, _, fs := scanJSON(t, "--policy", dir, p)
				var got, want []string
				for _, f := range fs {
					if f.RuleID == id {
						got = append(got, fmt.Sprint(f.Location.Line))
					}
				}
				exps, err := rulefixtures.Read(p)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range exps {
					if x.RuleID == id {
						want = append(want, fmt.Sprint(x.Line))
					}
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s at lines %v, markers say %v", e.Name(), id, got, want)
				}
				switch {
				case strings.HasPrefix(e.Name(), "fail") && len(want) > 0:
					fail++
				case strings.HasPrefix(e.Name(), "pass") && len(want) == 0:
					pass++
				}
			}
			if fail != 1 || pass != 1 {
				t.Fatalf("want one failing fixture with markers and one passing without, got %d and %d", fail, pass)
			}
		})
	}
}

// TestPolicyNewRefuses: an invalid or built-in id, an unknown format, or
// a file that exists already is exit 2, and nothing is written or changed.
func TestPolicyNewRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"Acme_Rule", "--format", "terraform"},
		{"acme--rule", "--format", "terraform"},
		{"-acme", "--format", "terraform"},
		{"acme-rule/unknown", "--format", "terraform"},
		{strings.Repeat("a", 65), "--format", "terraform"},
		{"aws-kinesis-stream-encryption", "--format", "terraform"},
		{"acme-rule", "--format", "kubernetes"},
		{"acme-rule"},
	} {
		code, _, stderr := tollgate(t, append([]string{"policy", "new", "--dir", dir}, args...)...)
		if code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("refused requests wrote %d files", len(entries))
	}
	if code, _, _ := tollgate(t, "policy", "new", "acme-rule", "--format", "cloudformation", "--dir", dir); code != 0 {
		t.Fatal("first scaffold failed")
	}
	rule := filepath.Join(dir, "acme_rule.rego")
	if err := os.WriteFile(rule, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := tollgate(t, "policy", "new", "acme-rule", "--format", "terraform", "--dir", dir)
	if code != 2 || !strings.Contains(stderr, "acme_rule.rego exists") {
		t.Fatalf("existing file: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(rule); string(b) != "# mine\n" {
		t.Fatal("policy new overwrote a file")
	}
	if _, err := os.Stat(filepath.Join(dir, "testdata", "acme-rule", "terraform")); err == nil {
		t.Fatal("a refused scaffold wrote its fixtures")
	}
}

// TestPolicyTestCoverageCLI: --coverage with --format json prints OPA's
// coverage report on stdout, and a failing test is exit 1 with it too.
func TestPolicyTestCoverageCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "policy")
	if code, _, stderr := tollgate(t, "policy", "new", "acme-q", "--format", "cloudformation", "--dir", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := tollgate(t, "policy", "test", "--coverage", "--format", "json", dir)
	var rep struct {
		Files    map[string]any `json:"files"`
		Coverage float64        `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || len(rep.Files) != 1 || rep.Coverage != 100 || !strings.Contains(stderr, "PASS") {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, out, stderr)
	}
	if code, out, _ := tollgate(t, "policy", "test", "--format", "json", dir); code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Fatalf("--format json: exit %d\n%s", code, out)
	}
	if code, _, _ := tollgate(t, "policy", "test", "--format", "xml", dir); code != 2 {
		t.Fatalf("--format xml: exit %d", code)
	}
	test := filepath.Join(dir, "acme_q_test.rego")
	src, _ := os.ReadFile(test)
	if err := os.WriteFile(test, []byte(strings.Replace(string(src), `"Q"`, `"R"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := tollgate(t, "policy", "test", "--coverage", dir); code != 1 || !strings.Contains(out, "FAIL") {
		t.Fatalf("failing test: exit %d\n%s", code, out)
	}
}
