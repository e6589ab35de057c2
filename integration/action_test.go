package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoTemplates is a workspace with the violating sample in infra/ and in
// test/, so an exclude that works is visible in the annotations.
func twoTemplates(t *testing.T) string {
	t.Helper()
	ws := t.TempDir()
	writeFile(t, ws, "infra/bucket.yaml", sample(t, "violating"))
	writeFile(t, ws, "test/bucket.yaml", sample(t, "violating"))
	return ws
}

// args is split as a shell splits words: the quotes of --exclude 'test/**'
// group, they do not become part of the glob (which then matched nothing).
func TestGitHubActionArgsAreSplitLikeAShell(t *testing.T) {
	ws := twoTemplates(t)
	r := actionRunPrebuilt(t, ws, map[string]string{
		"policy": policyDir,
		"args":   `--no-builtin --exclude 'test/**'`,
	})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.log)
	}
	wantContains(t, "log", r.log, "::error file=infra/bucket.yaml")
	if strings.Contains(r.log, "file=test/bucket.yaml") {
		t.Errorf("test/ was scanned although args excluded it:\n%s", r.log)
	}
}

// Nothing in args is expanded: a $(...) stays text and reaches tollgate
// as an argument, which refuses it as a path that does not exist.
func TestGitHubActionArgsAreNotExpanded(t *testing.T) {
	ws := twoTemplates(t)
	marker := filepath.Join(ws, "expanded")
	r := actionRunPrebuilt(t, ws, map[string]string{
		"policy": policyDir,
		"args":   `--no-builtin --exclude "$(touch ` + marker + `)"`,
		"paths":  "infra",
	})
	if _, err := os.Stat(marker); err == nil {
		t.Fatalf("args were expanded by a shell:\n%s", r.log)
	}
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (the exclude is an ordinary glob)\n%s", r.code, r.log)
	}
}

func TestGitHubActionRefusesAnUnmatchedQuote(t *testing.T) {
	ws := twoTemplates(t)
	r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": `--no-builtin --exclude 'test/**`})
	if r.code != 2 {
		t.Fatalf("exit %d, want 2 (a misconfigured step could not decide)\n%s", r.code, r.log)
	}
	wantContains(t, "log", r.log, "::error::tollgate: cannot split args")
}

// Paths with a space are quoted as in a shell.
func TestGitHubActionPathsWithSpaces(t *testing.T) {
	ws := t.TempDir()
	writeFile(t, ws, "my infra/bucket.yaml", sample(t, "violating"))
	r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "paths": `"my infra"`})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.log)
	}
	wantContains(t, "log", r.log, "::error file=my infra/bucket.yaml")
}

// soft-fail passes a blocked scan (the output keeps tollgate's code) and
// never one that could not decide.
func TestGitHubActionSoftFail(t *testing.T) {
	for _, in := range []map[string]string{{"soft-fail": "true"}, {"exit-code": "0"}} {
		ws := twoTemplates(t)
		in["policy"], in["args"] = policyDir, "--no-builtin"
		r := actionRunPrebuilt(t, ws, in)
		if r.code != 0 || r.outputs["exit-code"] != "1" {
			t.Errorf("%v: step exit %d, exit-code output %q; want 0 and 1\n%s", in, r.code, r.outputs["exit-code"], r.log)
		}
		wantContains(t, "log", r.log, "::warning::tollgate: findings block (exit 1) but soft-fail is on")
	}
	ws := t.TempDir()
	writeFile(t, ws, "infra/broken.yaml", []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n"))
	r := actionRunPrebuilt(t, ws, map[string]string{"soft-fail": "true", "policy": policyDir, "args": "--no-builtin"})
	if r.code != 2 {
		t.Errorf("soft-fail on a template that does not parse: exit %d, want 2\n%s", r.code, r.log)
	}
}

// The names Trivy's action takes, where they mean the same.
func TestGitHubActionTrivyNames(t *testing.T) {
	// The sample's finding is high: CRITICAL alone does not block it,
	// CRITICAL,HIGH does.
	ws := twoTemplates(t)
	r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "severity": "CRITICAL"})
	if r.code != 0 {
		t.Errorf("severity CRITICAL: exit %d, want 0 (fail-on critical)\n%s", r.code, r.log)
	}
	r = actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "severity": "CRITICAL,HIGH",
		"skip-dirs": "test/", "scan-type": "config"})
	if r.code != 1 {
		t.Errorf("severity CRITICAL,HIGH: exit %d, want 1\n%s", r.code, r.log)
	}
	if strings.Contains(r.log, "file=test/bucket.yaml") {
		t.Errorf("skip-dirs test/ did not exclude test/:\n%s", r.log)
	}
	wantContains(t, "log", r.log, "::warning::tollgate: scan-type is Trivy's", "fail-on high")
	r = actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "severity": "SEVERE"})
	if r.code != 2 {
		t.Errorf("severity SEVERE: exit %d, want 2\n%s", r.code, r.log)
	}
	// The refusal is the step's own error annotation, and nothing runs
	// after it (it once exited only the subshell that parsed the list, and
	// its text became the value of --fail-on).
	wantContains(t, "log", r.log, "::error::tollgate: severity 'severe': want UNKNOWN")
	if strings.Contains(r.log, "blocking at") || r.outputs["exit-code"] != "2" {
		t.Errorf("severity SEVERE: the step went on after refusing it (exit-code output %q):\n%s", r.outputs["exit-code"], r.log)
	}
}

// output sends the report in format to a file; the log keeps the summary.
func TestGitHubActionOutputFile(t *testing.T) {
	ws := twoTemplates(t)
	r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "paths": "infra",
		"format": "json", "output": "reports/tollgate.json"})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.log)
	}
	b, err := os.ReadFile(filepath.Join(ws, "reports", "tollgate.json"))
	if err != nil {
		t.Fatalf("output file: %v", err)
	}
	var rep struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &rep); err != nil || len(rep.Findings) != 1 || rep.Findings[0].RuleID != "test-s3-bucket-encryption" {
		t.Errorf("output file: %v\n%s", err, b)
	}
	if strings.Contains(r.log, `"findings"`) {
		t.Errorf("the JSON report went to the log too:\n%s", r.log)
	}
}

// Shard jobs write their parts and pass (the merge decides); the merge job
// blocks with one report, and refuses a set with a part missing.
func TestGitHubActionShardAndMerge(t *testing.T) {
	ws := twoTemplates(t)
	for _, k := range []string{"1", "2"} {
		r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "shard": k + "/2"})
		if r.code != 0 {
			t.Fatalf("shard %s/2: exit %d, want 0\n%s", k, r.code, r.log)
		}
		if r.outputs["part-file"] != "tollgate-parts/part-"+k+".json" || r.outputs["part-name"] != "tollgate-part-"+k {
			t.Errorf("shard %s/2 outputs %v", k, r.outputs)
		}
		if _, err := os.Stat(filepath.Join(ws, r.outputs["part-file"])); err != nil {
			t.Errorf("shard %s/2 part: %v", k, err)
		}
	}
	r := actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "merge": "true"})
	if r.code != 1 {
		t.Fatalf("merge: exit %d, want 1\n%s", r.code, r.log)
	}
	wantContains(t, "merge log", r.log, "::error file=infra/bucket.yaml", "::error file=test/bucket.yaml")
	wantContains(t, "summary", r.summary, "test-s3-bucket-encryption")
	if _, err := os.Stat(filepath.Join(ws, "tollgate.sarif")); err != nil {
		t.Errorf("merge wrote no SARIF: %v", err)
	}

	if err := os.Remove(filepath.Join(ws, "tollgate-parts", "part-2.json")); err != nil {
		t.Fatal(err)
	}
	r = actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "args": "--no-builtin", "merge": "true"})
	if r.code != 2 {
		t.Errorf("merge with part 2 missing: exit %d, want 2\n%s", r.code, r.log)
	}
	r = actionRunPrebuilt(t, ws, map[string]string{"policy": policyDir, "shard": "0/2"})
	if r.code != 2 {
		t.Errorf("shard 0/2: exit %d, want 2\n%s", r.code, r.log)
	}
}

// unknown: block reports what a parameter without default leaves open.
func TestGitHubActionUnknownBlock(t *testing.T) {
	ws := t.TempDir()
	fx, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "unknown", "cloudformation", "bucket.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, ws, "infra/bucket.yaml", fx)
	r := actionRunPrebuilt(t, ws, map[string]string{"paths": "infra", "unknown": "block"})
	if r.code != 1 || !strings.Contains(r.log, "aws-s3-bucket-encryption-kms/unknown") {
		t.Errorf("unknown: block: exit %d\n%s", r.code, r.log)
	}
	r = actionRunPrebuilt(t, ws, map[string]string{"paths": "infra"})
	if strings.Contains(r.log, "/unknown") {
		t.Errorf("undecided findings without unknown: block:\n%s", r.log)
	}
}
