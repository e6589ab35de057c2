package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hookRepo makes an empty repository, isolated from the user's git
// configuration, and moves the test into it.
func hookRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed (scripts/install-test-deps installs it)")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	gitIn(t, dir, "init", "-q")
	t.Chdir(dir)
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func runHook(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := run(context.Background(), append([]string{"hook"}, args...), &out, &out)
	return code, out.String()
}

func TestHookInstallAndUninstall(t *testing.T) {
	dir := hookRepo(t)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if code, out := runHook(t, "install", "--", "--fail-on", "high"); code != 0 {
		t.Fatalf("install: exit %d: %s", code, out)
	}
	b, err := os.ReadFile(hook)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(hook)
	if st.Mode().Perm()&0o100 == 0 {
		t.Errorf("hook mode %v is not executable", st.Mode())
	}
	for _, want := range []string{hookMarker, "scan --staged '--fail-on' 'high'"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("hook lacks %q:\n%s", want, b)
		}
	}
	// Reinstalling over our own hook needs no --force.
	if code, out := runHook(t, "install"); code != 0 {
		t.Fatalf("reinstall: exit %d: %s", code, out)
	}
	if code, out := runHook(t, "uninstall"); code != 0 {
		t.Fatalf("uninstall: exit %d: %s", code, out)
	}
	if _, err := os.Stat(hook); !os.IsNotExist(err) {
		t.Errorf("hook still present after uninstall (stat err %v)", err)
	}
}

func TestHookKeepsForeignHook(t *testing.T) {
	dir := hookRepo(t)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	foreign := "#!/bin/sh\nexec make lint\n"
	if err := os.WriteFile(hook, []byte(foreign), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, out := runHook(t, "install"); code != 2 || !strings.Contains(out, "--force") {
		t.Errorf("install over a foreign hook: exit %d, want 2 mentioning --force: %s", code, out)
	}
	if code, _ := runHook(t, "uninstall"); code != 2 {
		t.Errorf("uninstall of a foreign hook: exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(hook); string(b) != foreign {
		t.Fatalf("foreign hook changed:\n%s", b)
	}
	if code, out := runHook(t, "install", "--force"); code != 0 {
		t.Fatalf("install --force: exit %d: %s", code, out)
	}
	if b, _ := os.ReadFile(hook); !bytes.Contains(b, []byte(hookMarker)) {
		t.Errorf("--force did not replace the hook:\n%s", b)
	}
	// The replaced hook is kept and chained, as pre-commit does.
	if b, _ := os.ReadFile(hook + ".legacy"); string(b) != foreign {
		t.Fatalf("--force must keep the previous hook as pre-commit.legacy, got %q", b)
	}
	if code, out := runHook(t, "install", "--force"); code != 0 {
		t.Fatalf("re-install over tollgate's own hook: exit %d: %s", code, out)
	}
	if code, out := runHook(t, "uninstall"); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("uninstall: exit %d: %s", code, out)
	}
	if b, _ := os.ReadFile(hook); string(b) != foreign {
		t.Fatalf("uninstall must put the previous hook back, got %q", b)
	}
	if _, err := os.Stat(hook + ".legacy"); !os.IsNotExist(err) {
		t.Fatalf("pre-commit.legacy left behind: %v", err)
	}
}

// The chained legacy hook runs first with the hook's arguments, and its
// failure stops the commit before tollgate runs.
func TestHookRunsLegacyFirst(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	script := fmt.Sprintf(hookScript, hookMarker, shellQuote("/bin/echo"), "")
	hook := filepath.Join(dir, "pre-commit")
	if err := os.WriteFile(hook, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	legacy := "#!/bin/sh\necho \"$@\" > " + shellQuote(marker) + "\nexit ${LEGACY_EXIT:-0}\n"
	if err := os.WriteFile(hook+".legacy", []byte(legacy), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(hook, "a1").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "scan --staged") {
		t.Fatalf("hook: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(marker); string(b) != "a1\n" {
		t.Fatalf("legacy hook did not run with the arguments: %q", b)
	}
	cmd := exec.Command(hook)
	cmd.Env = append(os.Environ(), "LEGACY_EXIT=3")
	out, err = cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || strings.Contains(string(out), "scan --staged") {
		t.Fatalf("a failing legacy hook must stop the hook with its code before tollgate: %v\n%s", err, out)
	}
}

func TestHookHonoursCoreHooksPath(t *testing.T) {
	dir := hookRepo(t)
	gitIn(t, dir, "config", "core.hooksPath", "ci/hooks")
	if code, out := runHook(t, "install"); code != 0 {
		t.Fatalf("install: exit %d: %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "ci", "hooks", "pre-commit")); err != nil {
		t.Errorf("hook not in core.hooksPath: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit")); !os.IsNotExist(err) {
		t.Errorf("hook written to .git/hooks despite core.hooksPath (stat err %v)", err)
	}
}

func TestHookRejectsBadScanFlags(t *testing.T) {
	dir := hookRepo(t)
	if code, _ := runHook(t, "install", "--", "--no-such-flag"); code != 2 {
		t.Errorf("install with a bad scan flag: exit %d, want 2", code)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit")); !os.IsNotExist(err) {
		t.Errorf("hook written despite a bad flag (stat err %v)", err)
	}
}

func TestHookOutsideRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Chdir(dir)
	if code, _ := runHook(t, "install"); code != 2 {
		t.Errorf("install outside a repository: exit %d, want 2", code)
	}
}

func TestHookShellQuoteRoundTrips(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, in := range []string{"/usr/bin/tollgate", "/it's here/x", `$(rm -rf /) "q" \ ;|&`, "new\nline"} {
		out, err := exec.Command("sh", "-c", "printf %s "+shellQuote(in)).Output()
		if err != nil || string(out) != in {
			t.Errorf("sh read back %q (err %v), want %q", out, err, in)
		}
	}
}

// A staged change to a template that another template nests is scanned:
// discovery leaves the child to its parent, and the parent is unchanged,
// so scanning only the units the commit touches used to scan nothing and
// pass. Any kind's unit that is left out but touched now scans them all.
func TestStagedNestedTemplateIsScanned(t *testing.T) {
	dir := hookRepo(t)
	writeFile(t, dir, "parent.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n")
	writeFile(t, dir, "child.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: true\n")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
	writeFile(t, dir, "child.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      StorageEncrypted: false\n      BackupRetentionPeriod: 7\n")
	gitIn(t, dir, "add", "child.yaml")
	code, out := tollgateGuarded(t, "scan", "--staged", "--format", "json")
	if code != 1 || !strings.Contains(out, "aws-rds-storage-encrypted") || !strings.Contains(out, `"file": "child.yaml"`) {
		t.Fatalf("staged nested template: exit %d, want 1 with the RDS finding in child.yaml\n%s", code, out)
	}
}

// Help and an unknown command are answered without a repository: before,
// both asked git for the hooks directory first and failed outside one.
func TestHookHelpOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Chdir(dir)
	for _, arg := range []string{"help", "--help", "-h"} {
		if code, out := runHook(t, arg); code != 0 || !strings.Contains(out, "tollgate hook install") {
			t.Errorf("hook %s: exit %d, want 0 with the usage:\n%s", arg, code, out)
		}
	}
	if code, out := runHook(t, "instal"); code != 2 || !strings.Contains(out, `unknown hook command "instal"`) {
		t.Errorf("hook instal: exit %d, want 2 naming the command:\n%s", code, out)
	}
}
