package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

const residencyFixtures = "../../testdata/rules/aws-region-allowed/cloudformation"

func scanResidency(t *testing.T, args ...string) (int, verdictReport) {
	t.Helper()
	code, out, stderr := tollgate(t, append([]string{"scan", "--format", "json"}, args...)...)
	var rep verdictReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, out, stderr)
	}
	return code, rep
}

// TestResidencyCDKStack: a CDK stack deployed outside allowed_regions is
// reported at its environment line in manifest.json, named by its construct
// path, through the real CLI and configuration.
func TestResidencyCDKStack(t *testing.T) {
	cfg := filepath.Join(residencyFixtures, "tollgate.yaml")
	code, rep := scanResidency(t, "--config", cfg, filepath.Join(residencyFixtures, "fail-cdk"))
	var got []string // in report order
	for _, f := range rep.Findings {
		if f.RuleID == "aws-region-allowed" {
			got = append(got, fmt.Sprintf("%s %s:%d %s", f.Resource, filepath.Base(f.Location.File), f.Location.Line, strings.Join(f.Path, ".")))
		}
	}
	want := []string{
		"ReportsStack/Reports/Resource ReportsStack.template.json:11 Resources.Reports.Properties.Replicas.1.Region",
		"ReportsStack manifest.json:6 tollgate.cdk.region",
	}
	if code != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, findings:\n%s\nwant:\n%s", code, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestResidencyEnvironmentAgnosticIsVisible: an environment-agnostic stack
// is not judged (no finding, exit 0) but, with allowed_regions configured,
// a note at its environment line says so; without it, nothing is said.
func TestResidencyEnvironmentAgnosticIsVisible(t *testing.T) {
	dir := filepath.Join(residencyFixtures, "pass-cdk-agnostic")
	notes := func(rep verdictReport) []string {
		var out []string
		for _, d := range rep.Diagnostics {
			if d.Level == document.LevelNote && strings.Contains(d.Message, "environment-agnostic") {
				out = append(out, fmt.Sprintf("%s:%d", filepath.Base(d.Range.File), d.Range.Line))
			}
		}
		return out
	}
	code, rep := scanResidency(t, "--config", filepath.Join(residencyFixtures, "tollgate.yaml"), dir)
	for _, f := range rep.Findings {
		if f.RuleID == "aws-region-allowed" {
			t.Errorf("environment-agnostic stack reported: %+v", f)
		}
	}
	if got := notes(rep); code != 0 || len(got) != 1 || got[0] != "manifest.json:6" {
		t.Errorf("exit %d, notes %v, want one at manifest.json:6", code, got)
	}
	if _, rep := scanResidency(t, dir); len(notes(rep)) != 0 {
		t.Errorf("without allowed_regions: notes %v", notes(rep))
	}
}
