package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitFramework runs the hook from .pre-commit-hooks.yaml through
// Debian's pre-commit, installing it from this checkout's committed HEAD the
// way users install it from GitHub. pre-commit builds it with `go install`
// (language: golang); the module cache is shared and the proxy switched off
// so the build works offline.
func TestPreCommitFramework(t *testing.T) {
	bin, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed; scripts/install-test-deps installs Debian's package")
	}
	isolatedGit(t)
	top := runCmd(t, repoRoot, nil, "git", "rev-parse", "--show-toplevel")
	head := runCmd(t, repoRoot, nil, "git", "rev-parse", "HEAD")
	if top.code != 0 || head.code != 0 {
		t.Skip("this checkout is not a git repository with a commit; pre-commit installs hooks from one")
	}
	if r := runCmd(t, repoRoot, nil, "git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"); r.code != 0 {
		t.Skip(".pre-commit-hooks.yaml is not committed at HEAD yet")
	}
	modcache := strings.TrimSpace(mustRun(t, repoRoot, nil, "go", "env", "GOMODCACHE"))
	env := []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		"GOMODCACHE=" + modcache,
		"GOPROXY=off",
		"GOFLAGS=-mod=mod -buildvcs=false",
		"GOTOOLCHAIN=local",
	}

	repo := newRepo(t)
	writeFile(t, repo, ".pre-commit-config.yaml", []byte(fmt.Sprintf(`repos:
  - repo: %s
    rev: %s
    hooks:
      - id: tollgate
        args: [--no-builtin, --policy, %s, --policy, %s]
`, strings.TrimSpace(top.out), strings.TrimSpace(head.out), policyDir, filepath.Join(repoRoot, "policies", "files"))))
	mustRun(t, repo, env, bin, "install")
	writeFile(t, repo, "README.md", []byte("# sample\n"))
	mustRun(t, repo, nil, "git", "add", ".")
	// Installs the hook environment (builds tollgate); the staged YAML is
	// not CloudFormation, so the hook passes.
	out := mustRun(t, repo, env, "git", "commit", "-m", "config")
	wantContains(t, "pre-commit output", out, "tollgate", "Passed")

	writeFile(t, repo, "infra/bucket.yaml", sample(t, "violating"))
	mustRun(t, repo, nil, "git", "add", ".")
	r := runCmd(t, repo, env, "git", "commit", "-m", "violating bucket")
	if r.code == 0 {
		t.Fatalf("pre-commit let a violating template through:\n%s", r.out)
	}
	wantContains(t, "pre-commit output", r.out, "test-s3-bucket-encryption", "infra/bucket.yaml:6:5")

	writeFile(t, repo, "infra/bucket.yaml", sample(t, "clean"))
	mustRun(t, repo, nil, "git", "add", ".")
	out = mustRun(t, repo, env, "git", "commit", "-m", "clean bucket")
	wantContains(t, "pre-commit output", out, "Passed")

	// Not an infrastructure file: a .env with an AWS key is blocked too.
	writeFile(t, repo, ".env", []byte("AWS_ACCESS_KEY_ID="+testKeyID+"\n"))
	mustRun(t, repo, nil, "git", "add", ".env")
	r = runCmd(t, repo, env, "git", "commit", "-m", "env file")
	if r.code == 0 {
		t.Fatalf("pre-commit let a .env with an AWS key through:\n%s", r.out)
	}
	wantContains(t, "pre-commit output", r.out, "secrets-file-credential", ".env:1:19")
	if strings.Contains(r.out, testKeyID) {
		t.Errorf("pre-commit output shows the key:\n%s", r.out)
	}
	mustRun(t, repo, nil, "git", "rm", "-q", "--cached", ".env")

	// --all-files passes every matching file: the whole tree is checked.
	writeFile(t, repo, "legacy/old.yaml", sample(t, "violating"))
	mustRun(t, repo, nil, "git", "add", ".")
	mustRun(t, repo, nil, "git", "commit", "-q", "--no-verify", "-m", "bypass")
	if r := runCmd(t, repo, env, bin, "run", "--all-files"); r.code == 0 {
		t.Errorf("pre-commit run --all-files passed a committed violation:\n%s", r.out)
	} else {
		wantContains(t, "pre-commit output", r.out, "legacy/old.yaml")
	}
}

// TestPreCommitSystemHook runs the tollgate-system hook: the tollgate on
// PATH, nothing built, blocking a violating template and passing a clean
// one.
func TestPreCommitSystemHook(t *testing.T) {
	bin, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed; scripts/install-test-deps installs it")
	}
	isolatedGit(t)
	top := runCmd(t, repoRoot, nil, "git", "rev-parse", "--show-toplevel")
	head := runCmd(t, repoRoot, nil, "git", "rev-parse", "HEAD")
	if top.code != 0 || head.code != 0 || runCmd(t, repoRoot, nil, "git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml").code != 0 {
		t.Skip("pre-commit installs hooks from a commit of this checkout")
	}
	if filepath.Base(tollgateBin) != "tollgate" {
		t.Skipf("the system hook runs `tollgate`; TOLLGATE_BIN is %s", tollgateBin)
	}
	// No Go on PATH: the hook must not build anything.
	env := []string{"PRE_COMMIT_HOME=" + t.TempDir(), "PATH=" + filepath.Dir(tollgateBin) + string(os.PathListSeparator) + "/usr/bin:/bin"}
	repo := newRepo(t)
	writeFile(t, repo, ".pre-commit-config.yaml", []byte(fmt.Sprintf(`repos:
  - repo: %s
    rev: %s
    hooks:
      - id: tollgate-system
        args: [--no-builtin, --policy, %s]
`, strings.TrimSpace(top.out), strings.TrimSpace(head.out), policyDir)))
	mustRun(t, repo, env, bin, "install")
	writeFile(t, repo, "infra/bucket.yaml", sample(t, "violating"))
	mustRun(t, repo, nil, "git", "add", ".")
	r := runCmd(t, repo, env, "git", "commit", "-m", "violating bucket")
	if r.code == 0 {
		t.Fatalf("the system hook let a violating template through:\n%s", r.out)
	}
	wantContains(t, "pre-commit output", r.out, "tollgate (installed binary)", "test-s3-bucket-encryption", "infra/bucket.yaml:6:5")
	writeFile(t, repo, "infra/bucket.yaml", sample(t, "clean"))
	mustRun(t, repo, nil, "git", "add", ".")
	out := mustRun(t, repo, env, "git", "commit", "-m", "clean bucket")
	wantContains(t, "pre-commit output", out, "Passed")
}
