package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

var expression = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// runAction executes the run: steps of action.yml as the runner would, with
// bash and the GITHUB_* files, skipping uses: steps (setup-go: the test
// machine has Go; upload-sarif: needs GitHub). It returns the scan step's
// exit code and the files the steps wrote.
func runAction(t *testing.T, workspace string, inputs map[string]string) (code int, stdout, summary string) {
	t.Helper()
	return runActionEnv(t, workspace, inputs, nil)
}

// runActionEnv is runAction with extra environment for every step (a
// GITHUB_SERVER_URL pointing at a local release server).
func runActionEnv(t *testing.T, workspace string, inputs map[string]string, extraEnv []string) (code int, stdout, summary string) {
	t.Helper()
	run := actionRun(t, workspace, inputs, extraEnv)
	return run.code, run.log, run.summary
}

// actionResult is what one run of the action's steps left: the scan step's
// exit code and outputs, the steps' log and the step summary.
type actionResult struct {
	code         int
	log, summary string
	outputs      map[string]string
}

// actionRun runs the action's run: steps (see runAction).
func actionRun(t *testing.T, workspace string, inputs map[string]string, extraEnv []string) actionResult {
	t.Helper()
	return runSteps(t, workspace, inputs, extraEnv, false)
}

// actionRunPrebuilt runs the action's steps after the install with the
// binary under test as the installed one: the tests of the scan step's
// inputs need not build tollgate again for every run.
func actionRunPrebuilt(t *testing.T, workspace string, inputs map[string]string) actionResult {
	t.Helper()
	return runSteps(t, workspace, inputs, nil, true)
}

func runSteps(t *testing.T, workspace string, inputs map[string]string, extraEnv []string, prebuilt bool) actionResult {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", action.Runs.Using)
	}
	for name, in := range action.Inputs {
		if _, set := inputs[name]; !set {
			inputs[name] = in.Default
		}
	}
	tmp := t.TempDir()
	summaryFile := filepath.Join(tmp, "step-summary.md")
	writeFile(t, tmp, "step-summary.md", nil)
	outputs := map[string]map[string]string{}
	eval := func(expr string) string {
		switch {
		case strings.HasPrefix(expr, "inputs."):
			v, ok := inputs[strings.TrimPrefix(expr, "inputs.")]
			if !ok {
				t.Fatalf("action.yml uses undeclared %s", expr)
			}
			return v
		case strings.HasPrefix(expr, "steps."):
			parts := strings.Split(expr, ".") // steps.ID.outputs.NAME
			if len(parts) != 4 || parts[2] != "outputs" {
				t.Fatalf("unsupported expression %q", expr)
			}
			return outputs[parts[1]][parts[3]]
		case expr == "github.workspace":
			return workspace
		case expr == "github.action_path":
			return repoRoot
		case expr == "github.action_ref":
			// A local checkout: not a release tag.
			return ""
		case expr == "github.action_repository":
			return "tollgate-dev/tollgate"
		case strings.HasPrefix(expr, "github.event."):
			// No push or pull request event: the commits range stays empty.
			return ""
		}
		t.Fatalf("unsupported expression %q in a run step", expr)
		return ""
	}
	subst := func(s string) string {
		return expression.ReplaceAllStringFunc(s, func(m string) string {
			return eval(expression.FindStringSubmatch(m)[1])
		})
	}
	code := -1
	var log strings.Builder
	if prebuilt {
		outputs["install"] = map[string]string{"path": tollgateBin}
	}
	for i, step := range action.Runs.Steps {
		if step.Uses != "" || prebuilt && (step.ID == "plan" || step.ID == "install") {
			continue
		}
		if step.Shell != "bash" {
			t.Errorf("step %d: shell %q, want bash (composite steps must name a shell)", i, step.Shell)
		}
		if expression.MatchString(step.Run) {
			t.Errorf("step %d interpolates an expression into its script (script injection); pass it through env", i)
		}
		outFile := filepath.Join(tmp, "output-"+step.ID)
		writeFile(t, tmp, "output-"+step.ID, nil)
		env := []string{
			"GITHUB_ACTIONS=true", "CI=true",
			"GITHUB_WORKSPACE=" + workspace,
			"GITHUB_ACTION_PATH=" + repoRoot,
			"GITHUB_OUTPUT=" + outFile,
			"GITHUB_STEP_SUMMARY=" + summaryFile,
			"RUNNER_TEMP=" + tmp,
		}
		env = append(env, extraEnv...)
		for k, v := range step.Env {
			env = append(env, k+"="+subst(v))
		}
		dir := workspace
		if step.WorkingDirectory != "" {
			dir = subst(step.WorkingDirectory)
		}
		r := runCmd(t, dir, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		log.WriteString(r.out)
		outputs[step.ID] = readOutputs(t, outFile)
		if step.ID == "scan" {
			code = r.code
			// The output is tollgate's code; the step passes a blocked
			// scan only with soft-fail or as a shard (the merge decides).
			got := outputs["scan"]["exit-code"]
			softened := got == "1" && r.code == 0 && (inputs["soft-fail"] == "true" || inputs["exit-code"] == "0" || inputs["shard"] != "")
			if got != "" && got != itoa(r.code) && !softened {
				t.Errorf("exit-code output %q, step exit %d", got, r.code)
			}

			continue
		}
		if r.code != 0 {
			t.Fatalf("step %d (%s) failed: exit %d\n%s", i, step.ID, r.code, r.out)
		}
	}
	s, err := os.ReadFile(summaryFile)
	if err != nil {
		t.Fatal(err)
	}
	return actionResult{code: code, log: log.String(), summary: string(s), outputs: outputs["scan"]}
}

func readOutputs(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestGitHubActionBlocksViolatingSample(t *testing.T) {
	ws := t.TempDir()
	writeFile(t, ws, "infra/bucket.yaml", sample(t, "violating"))
	code, stdout, summary := runAction(t, ws, map[string]string{
		"policy": policyDir,
		"args":   "--no-builtin",
		"paths":  "infra",
	})
	if code != 1 {
		t.Fatalf("scan step exit %d, want 1 (blocked)\n%s", code, stdout)
	}
	wantContains(t, "step log", stdout, "::error file=infra/bucket.yaml,line=6", "test-s3-bucket-encryption")
	wantContains(t, "step summary", summary, "test-s3-bucket-encryption", "infra/bucket.yaml")
	b, err := os.ReadFile(filepath.Join(ws, "tollgate.sarif"))
	if err != nil {
		t.Fatalf("SARIF not written: %v", err)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 {
		t.Errorf("SARIF: version %q, runs %d, err %v:\n%s", sarif.Version, len(sarif.Runs), err, b)
	}
}

func TestGitHubActionPassesCleanSample(t *testing.T) {
	ws := t.TempDir()
	writeFile(t, ws, "infra/bucket.yaml", sample(t, "clean"))
	code, stdout, summary := runAction(t, ws, map[string]string{
		"policy":     policyDir,
		"args":       "--no-builtin",
		"sarif-file": "reports/tollgate.sarif",
	})
	if code != 0 {
		t.Fatalf("scan step exit %d, want 0\n%s", code, stdout)
	}
	if strings.Contains(stdout, "::error") {
		t.Errorf("annotations on a clean sample:\n%s", stdout)
	}
	if strings.TrimSpace(summary) == "" {
		t.Error("no step summary on a clean run")
	}
	if _, err := os.Stat(filepath.Join(ws, "reports", "tollgate.sarif")); err != nil {
		t.Errorf("SARIF not written where asked: %v", err)
	}
}

func TestGitHubActionUploadsSARIFEvenWhenBlocked(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatal(err)
	}
	for _, s := range action.Runs.Steps {
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			if !strings.Contains(s.If, "always()") || !strings.Contains(s.If, "inputs.upload-sarif == 'true'") {
				t.Errorf("upload-sarif runs if %q; it must run always() when upload-sarif is 'true'", s.If)
			}
			return
		}
	}
	t.Error("action.yml has no upload-sarif step")
}

// TestActionlint lints the example workflows and the project's own with
// the real actionlint.
func TestActionlint(t *testing.T) {
	bin, err := exec.LookPath("actionlint")
	if err != nil {
		gopath := strings.TrimSpace(mustRun(t, repoRoot, nil, "go", "env", "GOPATH"))
		bin = filepath.Join(gopath, "bin", "actionlint")
		if _, err := os.Stat(bin); err != nil {
			t.Skip("actionlint is not installed; scripts/install-test-deps installs it")
		}
	}
	files, err := filepath.Glob(filepath.Join(repoRoot, "examples", "github", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example workflows in examples/github (err %v)", err)
	}
	// And the project's own workflows (the release).
	own, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil || len(own) == 0 {
		t.Fatalf("no workflows in .github/workflows (err %v)", err)
	}
	files = append(files, own...)
	// actionlint lints workflows under .github/workflows of a repository;
	// give it one so relative paths and shellcheck settings resolve.
	repo := newRepo(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, repo, ".github/workflows/"+filepath.Base(f), b)
	}
	args := []string{"-no-color"}
	for _, f := range files {
		args = append(args, ".github/workflows/"+filepath.Base(f))
	}
	if r := runCmd(t, repo, nil, bin, args...); r.code != 0 {
		t.Errorf("actionlint: exit %d\n%s", r.code, r.out)
	}
}
