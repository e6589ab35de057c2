package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
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
// PATH is the one under test.
func gitlabSample(t *testing.T, sampleName string) (result, string) {
	t.Helper()
	return gitlabRun(t, `include:
  - local: ci/tollgate.gitlab-ci.yml

tollgate:
  variables:
    TOLLGATE_PATHS: infra
    TOLLGATE_ARGS: --no-builtin --policy policy
`, map[string][]byte{"infra/bucket.yaml": sample(t, sampleName)}, "tollgate")
}

// gitlabRun commits the template, the test policy, files and a
// .gitlab-ci.yml to a new repository and runs jobs (every job when none is
// named) with gitlab-ci-local in shell mode.
func gitlabRun(t *testing.T, ciYAML string, files map[string][]byte, jobs ...string) (result, string) {
	t.Helper()
	bin := gitlabCILocal(t)
	repo := newRepo(t)
	tmpl, err := os.ReadFile(filepath.Join(repoRoot, "templates", "tollgate.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, repo, "ci/tollgate.gitlab-ci.yml", tmpl)
	writeFile(t, repo, ".gitlab-ci.yml", []byte(ciYAML))
	copyDir(t, policyDir, filepath.Join(repo, "policy"))
	for name, b := range files {
		writeFile(t, repo, name, b)
	}
	mustRun(t, repo, nil, "git", "add", ".")
	mustRun(t, repo, nil, "git", "commit", "-q", "-m", "sample")

	home := t.TempDir()
	env := []string{
		"HOME=" + home,
		"PATH=" + filepath.Dir(tollgateBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
	args := append([]string{"--force-shell-executor", "--home", filepath.Join(home, ".gitlab-ci-local"),
		"--no-color", "--artifacts-to-source"}, jobs...)
	return runCmd(t, repo, env, bin, args...), repo
}

func TestGitLabTemplateBlocksViolatingSample(t *testing.T) {
	r, repo := gitlabSample(t, "violating")
	if r.code == 0 {
		t.Fatalf("gitlab-ci-local passed a violating sample:\n%s", r.out)
	}
	wantContains(t, "job log", r.out, "tollgate 0.0.0-dev", "test-s3-bucket-encryption", "infra/bucket.yaml:6:5", "blocked")
	// artifacts:when:always keeps the reports of a failed job.
	for _, f := range []string{"gl-sast-report.json", "gl-code-quality-report.json", "tollgate-junit.xml", "tollgate.sarif"} {
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

// The template runs the released image, pinned by version and digest, and
// hands GitLab the SAST report: nothing is compiled in the pipeline.
func TestGitLabTemplatePinsTheReleasedImage(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "templates", "tollgate.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var tmpl struct {
		Job struct {
			Image struct {
				Name       string   `yaml:"name"`
				Entrypoint []string `yaml:"entrypoint"`
			} `yaml:"image"`
			Variables map[string]string `yaml:"variables"`
			Script    []string          `yaml:"script"`
		} `yaml:".tollgate-base"`
		Reporting struct {
			Artifacts struct {
				Reports map[string]string `yaml:"reports"`
			} `yaml:"artifacts"`
		} `yaml:".tollgate"`
	}
	if err := yaml.Unmarshal(b, &tmpl); err != nil {
		t.Fatal(err)
	}
	j := tmpl.Job
	if j.Image.Name != "ghcr.io/tollgate-dev/tollgate:${TOLLGATE_VERSION}-ci@${TOLLGATE_IMAGE_DIGEST}" || len(j.Image.Entrypoint) != 1 || j.Image.Entrypoint[0] != "" {
		t.Errorf("image %+v: want the released -ci image by version and digest, entrypoint cleared", j.Image)
	}
	if !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(j.Variables["TOLLGATE_VERSION"]) ||
		!regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(j.Variables["TOLLGATE_IMAGE_DIGEST"]) {
		t.Errorf("placeholders %q %q are not a version and a digest", j.Variables["TOLLGATE_VERSION"], j.Variables["TOLLGATE_IMAGE_DIGEST"])
	}
	if strings.Contains(strings.Join(j.Script, "\n"), "go install") {
		t.Error("the template still compiles tollgate")
	}
	if r := tmpl.Reporting.Artifacts.Reports; r["sast"] != "gl-sast-report.json" || !strings.Contains(strings.Join(j.Script, "\n"), "--format gitlab-sast=gl-sast-report.json") {
		t.Errorf("reports %v: want the gitlab-sast report as artifacts:reports:sast", r)
	}
}

// The sharded variant: parallel parts write JSON, the merge job in .post
// publishes the reports of all of them and blocks.
func TestGitLabTemplateShardedScan(t *testing.T) {
	r, repo := gitlabRun(t, `include:
  - local: ci/tollgate.gitlab-ci.yml

tollgate-part:
  extends: .tollgate-shard
  parallel: 2
  variables:
    TOLLGATE_ARGS: --no-builtin --policy policy

tollgate:
  extends: .tollgate-merge
  variables:
    TOLLGATE_ARGS: --no-builtin --policy policy
`, map[string][]byte{
		"infra/bucket.yaml": sample(t, "violating"),
		"test/bucket.yaml":  sample(t, "violating"),
	})
	if r.code == 0 {
		t.Fatalf("the sharded pipeline passed two violating templates:\n%s", r.out)
	}
	wantContains(t, "pipeline log", r.out, "the merge job decides", "infra/bucket.yaml:6:5", "test/bucket.yaml:6:5", "blocked")
	for _, f := range []string{"tollgate-part-1.json", "tollgate-part-2.json", "gl-sast-report.json", "tollgate.sarif"} {
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Errorf("artifact %s not kept: %v", f, err)
			continue
		}
		if f == "gl-sast-report.json" || f == "tollgate.sarif" {
			wantContains(t, f, string(b), "infra/bucket.yaml", "test/bucket.yaml")
		}
	}
}
