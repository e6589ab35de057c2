package gate

import (
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/report"
)

func TestDecide(t *testing.T) {
	high := finding.Finding{RuleID: "a", Severity: finding.High}
	info := finding.Finding{RuleID: "b", Severity: finding.Info}
	waived := finding.Finding{RuleID: "c", Severity: finding.Critical, Suppressed: &finding.Suppression{Kind: "inline", Reason: "r"}}
	errDiag := document.Diagnostic{Level: document.LevelError, Message: "parse"}
	warn := document.Diagnostic{Level: document.LevelWarning, Message: "w"}
	violation := finding.Finding{RuleID: governance.RuleID, Severity: governance.Rule.Severity}

	cases := []struct {
		name     string
		findings []finding.Finding
		diags    []document.Diagnostic
		failOn   finding.Severity
		code     int
		verdict  string
	}{
		{"clean", nil, nil, finding.Low, ExitPassed, report.Passed},
		{"high blocks at low", []finding.Finding{high}, nil, finding.Low, ExitBlocked, report.Blocked},
		{"high passes at critical", []finding.Finding{high}, nil, finding.Critical, ExitPassed, report.Passed},
		{"info never blocks", []finding.Finding{info}, nil, finding.Info, ExitPassed, report.Passed},
		{"suppressed does not block", []finding.Finding{waived}, []document.Diagnostic{warn}, finding.Low, ExitPassed, report.Passed},
		{"a governance violation blocks above its severity", []finding.Finding{violation}, nil, finding.Critical, ExitBlocked, report.Blocked},
		{"errors are undecided", []finding.Finding{high}, []document.Diagnostic{errDiag}, finding.Low, ExitUndecided, report.Undecided},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := Decide(c.findings, c.diags, c.failOn)
			if code := ExitCode(v.Verdict); code != c.code || v.Verdict != c.verdict {
				t.Fatalf("got %d %s, want %d %s", code, v.Verdict, c.code, c.verdict)
			}
		})
	}
	s := Decide([]finding.Finding{high, info, waived}, nil, finding.Low)
	if s.BySeverity["high"] != 1 || s.BySeverity["info"] != 1 || s.BySeverity["critical"] != 0 || s.Suppressed != 1 {
		t.Fatalf("counts: %+v", s)
	}
}
