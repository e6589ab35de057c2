// Package integration runs tollgate inside the real clients that pipelines
// use: git hooks, the pre-commit framework, the GitHub Action's scripts,
// actionlint and gitlab-ci-local. A client that is not installed skips its
// test with the reason; scripts/install-test-deps installs them all, so CI
// runs every test.
//
// The tests scan with a small self-contained rule (testdata/policy) and
// --no-builtin, so they check the wiring, not the built-in rule set.
package integration

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Set by TestMain.
var (
	tollgateBin string // the binary built from this checkout
	repoRoot    string // this checkout
	policyDir   string // testdata/policy, absolute
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	var err error
	if repoRoot, err = filepath.Abs(".."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	policyDir = filepath.Join(repoRoot, "integration", "testdata", "policy")
	dir, err := os.MkdirTemp("", "tollgate-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	// scripts/test builds the binary once per run and hands it over: a
	// second build here, inside go test's timeout, is what ran out of time
	// on a cold 2-core machine.
	if prebuilt := os.Getenv("TOLLGATE_BIN"); prebuilt != "" {
		if tollgateBin, err = filepath.Abs(prebuilt); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		if _, err := os.Stat(tollgateBin); err != nil {
			fmt.Fprintf(os.Stderr, "TOLLGATE_BIN: %v\n", err)
			return 2
		}
		return m.Run()
	}
	tollgateBin = filepath.Join(dir, "tollgate")
	// Same flags as the GitHub Action's source build, so that step is a
	// build cache hit.
	cmd := exec.Command("go", "build", "-trimpath", "-o", tollgateBin, "./cmd/tollgate")
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building tollgate: %v\n%s", err, out)
		return 2
	}
	return m.Run()
}

// isolatedGit keeps the user's and the machine's git configuration (hooks
// paths, templates, signing) out of the test repositories.
func isolatedGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; scripts/install-test-deps installs it")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "tollgate test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "tollgate test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
}

// newRepo makes an empty repository in a temporary directory.
func newRepo(t *testing.T) string {
	t.Helper()
	isolatedGit(t)
	dir := t.TempDir()
	mustRun(t, dir, nil, "git", "init", "-q", "-b", "main")
	return dir
}

// result is a finished command.
type result struct {
	code int
	out  string // stdout and stderr interleaved
}

// runCmd runs a command to completion; a non-zero exit is a result, a
// command that cannot start fails the test.
func runCmd(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
	}
	return result{code: cmd.ProcessState.ExitCode(), out: out.String()}
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	r := runCmd(t, dir, env, name, args...)
	if r.code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), r.code, r.out)
	}
	return r.out
}

func writeFile(t *testing.T, dir, name string, content []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sample returns a sample template: "violating" or "clean".
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples", name, "infra", "bucket.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// copyDir copies a directory tree of regular files.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, to, filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}
