package text

import (
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// A Dockerfile stage is shown by name (or index) and base; its type is not
// repeated when the name already says it, its id is kept for waivers.
func TestStageLabel(t *testing.T) {
	f := finding.Finding{
		RuleID: "docker-user-not-root", Severity: finding.Medium, Message: "no USER", Format: "dockerfile",
		Resource: "stage builder (golang:1.22)", ResourceID: "builder", ResourceType: "stage",
		Location: document.Range{File: "Dockerfile", Line: 1, Column: 1},
	}
	other := f
	other.Resource, other.ResourceID, other.ResourceType = "Db", "", "AWS::RDS::DBInstance"
	out := render(t, report.Report{Findings: []finding.Finding{f, other}}, Options{})
	reporttest.Contains(t, out,
		"  MEDIUM   docker-user-not-root  stage builder (golang:1.22) (id builder)\n",
		"  MEDIUM   docker-user-not-root  Db (AWS::RDS::DBInstance)\n")
}
