package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// gitlabCILocal finds gitlab-ci-local: scripts/install-test-deps puts it in
// .cache/npm; a global install also works.
func gitlabCILocal(t *testing.T) string {
	t.Helper()
	local := filepath.Join(repoRoot, ".cache", "npm", "node_modules", ".bin", "gitlab-ci-local")
	if _, err := os.Stat(local); err == nil {
		return local
	}
	if p, err := exec.LookPath("gitlab-ci-local"); err == nil {
		return p
	}
	t.Skip("gitlab-ci-local is not installed; scripts/install-test-deps installs it into .cache/npm")
	return ""
}

// gitlabSample makes a repository that includes the template the way users
// do and runs its tollgate job in shell mode (no Docker). The tollgate on
// PATH is the one under test, so the template's `command -v tollgate` skips
// the go install.
func gitlabSample(t *testing.T, sampleName string) (result, string) {
	t.Helper()
	bin := gitlabCILocal(t)
	repo := newRepo(t)
	tmpl, err := os.ReadFile(filepath.Join(repoRoot, "templates", "tollgate.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, repo, "ci/tollgate.gitlab-ci.yml", tmpl)
	writeFile(t, repo, ".gitlab-ci.yml", []byte(`include:
  - local: ci/tollgate.gitlab-ci.yml

tollgate:
  variables:
    TOLLGATE_PATHS: infra
    TOLLGATE_ARGS: --no-builtin --policy policy
`))
	copyDir(t, policyDir, filepath.Join(repo, "policy"))
	writeFile(t, repo, "infra/bucket.yaml", sample(t, sampleName))
	mustRun(t, repo, nil, "git", "add", ".")
	mustRun(t, repo, nil, "git", "commit", "-q", "-m", "sample")

	home := t.TempDir()
	env := []string{
		"HOME=" + home,
		"PATH=" + filepath.Dir(tollgateBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
	r := runCmd(t, repo, env, bin,
		"--force-shell-executor", "--home", filepath.Join(home, ".gitlab-ci-local"),
		"--no-color", "--artifacts-to-source", "tollgate")
	return r, repo
}

func TestGitLabTemplateBlocksViolatingSample(t *testing.T) {
	r, repo := gitlabSample(t, "violating")
	if r.code == 0 {
		t.Fatalf("gitlab-ci-local passed a violating sample:\n%s", r.out)
	}
	wantContains(t, "job log", r.out, "tollgate 0.0.0-dev", "test-s3-bucket-encryption", "infra/bucket.yaml:6:5", "blocked")
	// artifacts:when:always keeps the reports of a failed job.
	for _, f := range []string{"gl-code-quality-report.json", "tollgate-junit.xml", "tollgate.sarif"} {
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Errorf("report %s not kept: %v", f, err)
			continue
		}
		wantContains(t, f, string(b), "test-s3-bucket-encryption")
	}
}

func TestGitLabTemplatePassesCleanSample(t *testing.T) {
	r, _ := gitlabSample(t, "clean")
	if r.code != 0 {
		t.Fatalf("gitlab-ci-local failed a clean sample: exit %d\n%s", r.code, r.out)
	}
	wantContains(t, "job log", r.out, "passed")
}
