package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitHook installs the plain hook with `tollgate hook install` and
// commits through the real git client.
func TestGitHook(t *testing.T) {
	repo := newRepo(t)
	mustRun(t, repo, nil, tollgateBin, "hook", "install", "--", "--no-builtin", "--policy", policyDir)

	writeFile(t, repo, "README.md", []byte("# sample\n"))
	mustRun(t, repo, nil, "git", "add", "README.md")
	mustRun(t, repo, nil, "git", "commit", "-q", "-m", "nothing tollgate scans")

	writeFile(t, repo, "infra/bucket.yaml", sample(t, "violating"))
	mustRun(t, repo, nil, "git", "add", "infra/bucket.yaml")
	r := runCmd(t, repo, nil, "git", "commit", "-m", "violating bucket")
	if r.code == 0 {
		t.Fatalf("commit of a violating template went through:\n%s", r.out)
	}
	wantContains(t, "hook output", r.out, "test-s3-bucket-encryption", "infra/bucket.yaml:6:5", "blocked")

	// Fixed on disk but not re-added: the commit would still record the
	// violation, so the hook still refuses.
	writeFile(t, repo, "infra/bucket.yaml", sample(t, "clean"))
	r = runCmd(t, repo, nil, "git", "commit", "-m", "violating bucket, fixed only on disk")
	if r.code == 0 {
		t.Fatalf("commit went through with the violation still staged:\n%s", r.out)
	}
	wantContains(t, "hook output", r.out, "test-s3-bucket-encryption")

	mustRun(t, repo, nil, "git", "add", "infra/bucket.yaml")
	out := mustRun(t, repo, nil, "git", "commit", "-m", "clean bucket")
	wantContains(t, "hook output", out, "passed")

	// `git commit -a` and `git commit FILE` run the hook against a temporary
	// index; it must be the one scanned.
	writeFile(t, repo, "infra/bucket.yaml", sample(t, "violating"))
	if r := runCmd(t, repo, nil, "git", "commit", "-a", "-m", "commit -a"); r.code == 0 {
		t.Errorf("git commit -a of a violating template went through:\n%s", r.out)
	}
	if r := runCmd(t, repo, nil, "git", "commit", "-m", "commit FILE", "infra/bucket.yaml"); r.code == 0 {
		t.Errorf("git commit FILE of a violating template went through:\n%s", r.out)
	}

	// Deleting the violating file is fine.
	mustRun(t, repo, nil, "git", "rm", "-q", "-f", "infra/bucket.yaml")
	mustRun(t, repo, nil, "git", "commit", "-q", "-m", "remove bucket")

	mustRun(t, repo, nil, tollgateBin, "hook", "uninstall")
	if _, err := os.Stat(filepath.Join(repo, ".git", "hooks", "pre-commit")); !os.IsNotExist(err) {
		t.Errorf("hook still installed (stat err %v)", err)
	}
}

// TestStagedReportsOnlyChangedTargets checks the scope of `scan --staged`:
// an unchanged violating file elsewhere in the index does not block a commit
// that does not touch it, but a committed violation is reported when its
// file changes again.
func TestStagedReportsOnlyChangedTargets(t *testing.T) {
	repo := newRepo(t)
	writeFile(t, repo, "legacy/old.yaml", sample(t, "violating"))
	mustRun(t, repo, nil, "git", "add", ".")
	mustRun(t, repo, nil, "git", "commit", "-q", "-m", "legacy")

	writeFile(t, repo, "infra/bucket.yaml", sample(t, "clean"))
	mustRun(t, repo, nil, "git", "add", ".")
	scan := []string{"scan", "--staged", "--no-builtin", "--policy", policyDir, "--format", "json"}
	r := runCmd(t, repo, nil, tollgateBin, scan...)
	if r.code != 0 {
		t.Fatalf("clean change blocked by an untouched file: exit %d\n%s", r.code, r.out)
	}

	// From a subdirectory, paths are relative to it, as in a plain scan.
	writeFile(t, repo, "legacy/old.yaml", append(sample(t, "violating"), "# touched\n"...))
	mustRun(t, repo, nil, "git", "add", ".")
	r = runCmd(t, filepath.Join(repo, "infra"), nil, tollgateBin, scan...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.out)
	}
	wantContains(t, "json report", r.out, `"file": "../legacy/old.yaml"`)
	if strings.Contains(r.out, os.TempDir()+string(filepath.Separator)+"tollgate-staged") {
		t.Errorf("report leaks the export directory:\n%s", r.out)
	}

	// Explicit files replace the changed set (what pre-commit passes).
	r = runCmd(t, repo, nil, tollgateBin, append(scan, "infra/bucket.yaml")...)
	if r.code != 0 {
		t.Errorf("scan --staged infra/bucket.yaml: exit %d, want 0\n%s", r.code, r.out)
	}
}

// testKeyID is an AWS access key id in the real format (not AWS's
// documentation example, which is ignored), assembled so this file does
// not trip secret scanners.
var testKeyID = "AKIA" + "QWERTYUIOPASDFGH"

// TestGitHookCredentialInAnyFile: the hook checks every staged file for
// credentials, not only infrastructure files.
func TestGitHookCredentialInAnyFile(t *testing.T) {
	repo := newRepo(t)
	mustRun(t, repo, nil, tollgateBin, "hook", "install")
	writeFile(t, repo, ".env", []byte("APP=web\nAWS_ACCESS_KEY_ID="+testKeyID+"\n"))
	mustRun(t, repo, nil, "git", "add", ".env")
	r := runCmd(t, repo, nil, "git", "commit", "-m", "env file")
	if r.code == 0 {
		t.Fatalf("commit of a .env with an AWS key went through:\n%s", r.out)
	}
	wantContains(t, "hook output", r.out, "secrets-file-credential", ".env:2:19", "blocked")
	if strings.Contains(r.out, testKeyID) {
		t.Errorf("hook output shows the key:\n%s", r.out)
	}
	writeFile(t, repo, ".env", []byte("APP=web\nAWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\n"))
	mustRun(t, repo, nil, "git", "add", ".env")
	out := mustRun(t, repo, nil, "git", "commit", "-m", "env file without the key")
	wantContains(t, "hook output", out, "passed")
}
