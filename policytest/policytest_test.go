package policytest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/policytest"
)

// readmeExample writes the custom rule and its test from README.md's
// "Writing your own rules" into a policy directory, as a reader would.
func readmeExample(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"package acme.sqs_dlq\n": "sqs_dlq.rego", "package acme.sqs_dlq_test\n": "sqs_dlq_test.rego"}
	for _, m := range regexp.MustCompile("(?s)```rego\n(.*?)```").FindAllSubmatch(readme, -1) {
		for pkg, name := range files {
			if bytes.Contains(m[1], []byte(pkg)) {
				if err := os.WriteFile(filepath.Join(dir, name), m[1], 0o644); err != nil {
					t.Fatal(err)
				}
				delete(files, pkg)
			}
		}
	}
	if len(files) > 0 {
		t.Fatalf("README.md has no rego block for %v", files)
	}
	return dir
}

func TestReadmeExampleWithTollgate(t *testing.T) {
	dir := readmeExample(t)
	var out bytes.Buffer
	res, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Verbose: true, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Passed != 2 {
		t.Fatalf("result %+v, want 2 passed:\n%s", res, out.String())
	}
	if !strings.Contains(out.String(), "data.acme.sqs_dlq_test.test_queue_without_dlq: PASS") {
		t.Errorf("report does not name the tests:\n%s", out.String())
	}

	// The rule also loads as a rule of a scan.
	e, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS, Paths: []string{dir}, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
	if err != nil {
		t.Fatal(err)
	}
	if known, _ := e.KnownID("acme-sqs-dlq"); !known {
		t.Error("the README rule is not loaded by the engine")
	}
}

// TestReadmeExampleWithPlainOPA runs the README's tests the way `opa test
// lib/ policy/` does after `tollgate policy lib export lib/`: OPA's loader
// and test runner with OPA's own capabilities, none of tollgate's builtins.
func TestReadmeExampleWithPlainOPA(t *testing.T) {
	dir := readmeExample(t)
	lib := filepath.Join(t.TempDir(), "tollgate-lib")
	exp, err := policytest.Export(policies.FS, lib)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Files) == 0 {
		t.Fatal("nothing exported")
	}
	mods, store, err := tester.Load([]string{lib, dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetStore(store).SetModules(mods).RunTests(ctx, txn)
	if err != nil {
		t.Fatalf("plain OPA does not compile the exported library with the README rule: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		if !r.Pass() {
			t.Errorf("%s.%s: %v", r.Package, r.Name, r.Error)
		}
	}
	if n != 2 {
		t.Errorf("%d tests ran, want 2", n)
	}

	// With the opa binary (not installed by scripts/install-test-deps),
	// the same through the real CLI.
	opa, err := exec.LookPath("opa")
	if err != nil {
		t.Log("opa not on PATH: the CLI run is skipped")
		return
	}
	if out, err := exec.Command(opa, "test", lib, dir).CombinedOutput(); err != nil {
		t.Errorf("opa test %s %s: %v\n%s", lib, dir, err, out)
	}
}

// Every exported module compiles with OPA's capabilities alone, and the
// ones left out are exactly those that need tollgate's builtins.
func TestExportCompilesInPlainOPA(t *testing.T) {
	lib := t.TempDir()
	exp, err := policytest.Export(policies.FS, lib)
	if err != nil {
		t.Fatal(err)
	}
	mods, _, err := tester.Load([]string{lib}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler().WithCapabilities(ast.CapabilitiesForThisVersion())
	if c.Compile(mods); c.Failed() {
		t.Fatalf("exported library does not compile in plain OPA: %v", c.Errors)
	}
	all, err := policytest.LibraryModules(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Files)+len(exp.Left) != len(all) {
		t.Errorf("%d written + %d left out, library has %d modules", len(exp.Files), len(exp.Left), len(all))
	}
	left := map[string]string{}
	for _, l := range exp.Left {
		left[l.File] = l.Reason
	}
	if !strings.Contains(left["lib/secrets.rego"], "tollgate.strings") || !strings.Contains(left["lib/containers.rego"], "data.tollgate.lib.secrets") {
		t.Errorf("left out %v, want lib/secrets.rego (builtins) and lib/containers.rego (imports it)", left)
	}
	for _, f := range exp.Files {
		if strings.HasSuffix(f, "_test.rego") {
			t.Errorf("exported a test: %s", f)
		}
	}
}

func TestExportRefusesANonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.rego"), []byte("package old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := policytest.Export(policies.FS, dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("export into a non-empty dir: %v", err)
	}
}

func write(t *testing.T, dir, name, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, dir string) (policytest.Result, string, error) {
	t.Helper()
	var out bytes.Buffer
	res, err := policytest.Run(context.Background(), policytest.Options{Library: policies.FS, Paths: []string{dir}, Out: &out})
	return res, out.String(), err
}

func TestFailingTestIsCounted(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x_test.rego", "package x_test\n\ntest_ok if true\n\ntest_bad if false\n")
	res, out, err := run(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.Failed != 1 || res.Passed != 1 {
		t.Fatalf("result %+v, want 1 passed 1 failed", res)
	}
	if !strings.Contains(out, "data.x_test.test_bad: FAIL") {
		t.Errorf("report:\n%s", out)
	}
}

// Tests run with tollgate's builtins and strict builtin errors, as scans do.
func TestTollgateBuiltinsAndStrictErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b_test.rego", `package b_test

test_strings if {
	tollgate.strings({"Password": "hunter2"}, "(?i)password", "") == [[["Password"], "hunter2"]]
}

test_type_error_fails if {
	upper(input.x) == "X" with input as {"x": {"__unknown__": true}}
}
`)
	res, out, err := run(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed != 1 || res.Errored != 1 {
		t.Fatalf("result %+v, want the builtin test to pass and the type error to be an error:\n%s", res, out)
	}
}

// The sandbox of scans applies: a policy calling http.send does not compile.
func TestSandboxApplies(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "n_test.rego", "package n_test\n\ntest_net if http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"})\n")
	_, _, err := run(t, dir)
	if err == nil || !strings.Contains(err.Error(), "http.send") {
		t.Fatalf("want a compile error naming http.send, got %v", err)
	}
}

func TestNoTestsIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "rule.rego", "package acme.x\n\ndeny contains 1 if false\n")
	if _, _, err := run(t, dir); !errors.Is(err, policytest.ErrNoTests) {
		t.Fatalf("want ErrNoTests, got %v", err)
	}
}

func TestCompileErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bad.rego", "package bad\n\nx := undefined_function(1)\n")
	_, _, err := run(t, dir)
	if err == nil || !strings.Contains(err.Error(), "bad.rego:3") {
		t.Fatalf("want an error at bad.rego:3, got %v", err)
	}
}

func TestExportedCopyIsRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := policytest.Export(policies.FS, filepath.Join(dir, "lib")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "x_test.rego", "package x_test\n\ntest_ok if true\n")
	_, _, err := run(t, dir)
	if err == nil || !strings.Contains(err.Error(), "built in") {
		t.Fatalf("want the exported copy refused, got %v", err)
	}
}

// A FIFO among the policy files is passed over, not opened (which would
// wait for a writer forever).
func TestFIFOIsNotOpened(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "trap.rego"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	write(t, dir, "x_test.rego", "package x_test\n\ntest_ok if true\n")
	res, _, err := run(t, dir)
	if err != nil || res.Passed != 1 {
		t.Fatalf("result %+v, %v", res, err)
	}
}
