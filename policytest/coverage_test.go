package policytest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/policytest"
)

// halfRule has two deny branches; halfTest reaches only the first, so
// the second branch's lines (10-12) are not covered.
const halfRule = `package acme.half

import rego.v1

deny contains msg if {
	input.a == 1
	msg := "a"
}

deny contains msg if {
	input.b == 1
	msg := "b"
}
`

const halfTest = `package acme.half_test

import rego.v1

import data.acme.half

test_a if half.deny == {"a"} with input as {"a": 1}
`

func coverageDir(t *testing.T, test string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{"half.rego": halfRule, "half_test.rego": test} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCoverage(t *testing.T) {
	dir := coverageDir(t, halfTest)
	rule := filepath.Join(dir, "half.rego")
	var out bytes.Buffer
	res, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Coverage: true, Out: &out})
	if err != nil || !res.OK() || res.Coverage == nil {
		t.Fatalf("%+v, %v\n%s", res, err, out.String())
	}
	if len(res.Coverage.Files) != 1 || res.Coverage.Files[rule] == nil {
		t.Fatalf("want the rule file only (not its test, not the library): %v", res.Coverage.Files)
	}
	fr := res.Coverage.Files[rule]
	if fr.NotCoveredLines != 3 || fr.NotCovered[0].Start.Row != 10 || fr.CoveredLines == 0 || res.Coverage.Coverage >= 100 {
		t.Fatalf("file report %+v (total %.2f)", fr, res.Coverage.Coverage)
	}
	text := out.String()
	if !strings.Contains(text, "half.rego (") || !strings.Contains(text, "not covered: 10-12") || !strings.Contains(text, "total (") {
		t.Fatalf("text report:\n%s", text)
	}

	var js, errb bytes.Buffer
	if _, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Coverage: true, JSON: true, Out: &js, Err: &errb}); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Files map[string]struct {
			NotCovered []struct {
				Start struct{ Row int } `json:"start"`
			} `json:"not_covered"`
		} `json:"files"`
		Covered    *int     `json:"covered_lines"`
		NotCovered *int     `json:"not_covered_lines"`
		Coverage   *float64 `json:"coverage"`
	}
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil || rep.Covered == nil || rep.NotCovered == nil || rep.Coverage == nil || len(rep.Files[rule].NotCovered) != 3 {
		t.Fatalf("JSON report (OPA's shape): %v\n%s", err, js.String())
	}
	if !strings.Contains(errb.String(), "PASS") {
		t.Fatalf("with JSON coverage the test report goes to Err: %q", errb.String())
	}
}

func TestCoverageWithFailingTest(t *testing.T) {
	dir := coverageDir(t, strings.Replace(halfTest, `{"a"}`, `{"b"}`, 1))
	var out bytes.Buffer
	res, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Coverage: true, Out: &out})
	if err != nil || res.OK() || res.Failed != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if !strings.Contains(out.String(), "FAIL") {
		t.Fatalf("report:\n%s", out.String())
	}
}

// A test that runs past Timeout is an error, not a pass.
func TestTimeout(t *testing.T) {
	dir := coverageDir(t, halfTest+"\ntest_slow if count([x | some x in numbers.range(1, 50000000); x % 7 == 0]) > 0\n")
	res, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Timeout: 50 * time.Millisecond})
	if err != nil || res.OK() || res.Errored != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
}
