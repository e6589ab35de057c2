package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/report/gitlabsast/sasttest"
)

// A real scan of the bundled examples (CloudFormation, Terraform, a
// Dockerfile) renders a GitLab SAST report that GitLab's schema accepts,
// with one vulnerability per blocking finding of the JSON report, each at
// a repository-relative file that exists, and the same bytes twice.
func TestGitLabSASTReportOfRealScan(t *testing.T) {
	t.Setenv("CI_JOB_STARTED_AT", "2026-01-02T03:04:05Z")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	dir := t.TempDir()
	sastA, sastB, js := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"), filepath.Join(dir, "report.json")
	if code, _, stderr := tollgate(t, "scan", "--format", "gitlab-sast="+sastA, "--format", "json="+js, "examples"); code != 1 {
		t.Fatalf("exit %d, want 1 (the examples violate policy): %s", code, stderr)
	}
	if code, _, stderr := tollgate(t, "scan", "--format", "gitlab-sast="+sastB, "examples"); code != 1 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(sastA)
	b, _ := os.ReadFile(sastB)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("two runs produced different (or empty) GitLab SAST reports")
	}
	sasttest.Validate(t, a)

	var sast struct {
		Scan struct {
			StartTime string `json:"start_time"`
			Status    string `json:"status"`
		} `json:"scan"`
		Vulnerabilities []struct {
			Location struct {
				File      string `json:"file"`
				StartLine int    `json:"start_line"`
			} `json:"location"`
		} `json:"vulnerabilities"`
	}
	if err := json.Unmarshal(a, &sast); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			Suppressed any `json:"suppressed"`
		} `json:"findings"`
	}
	jb, _ := os.ReadFile(js)
	if err := json.Unmarshal(jb, &rep); err != nil {
		t.Fatal(err)
	}
	open := 0
	for _, f := range rep.Findings {
		if f.Suppressed == nil {
			open++
		}
	}
	if open == 0 || len(sast.Vulnerabilities) != open {
		t.Errorf("%d vulnerabilities, %d unsuppressed findings", len(sast.Vulnerabilities), open)
	}
	if sast.Scan.StartTime != "2026-01-02T03:04:05" || sast.Scan.Status != "success" {
		t.Errorf("scan %+v", sast.Scan)
	}
	for _, v := range sast.Vulnerabilities {
		if filepath.IsAbs(v.Location.File) || v.Location.StartLine < 1 {
			t.Errorf("location %+v", v.Location)
			continue
		}
		if _, err := os.Stat(filepath.Join(root, v.Location.File)); err != nil {
			t.Errorf("location %s: %v", v.Location.File, err)
		}
	}
}
