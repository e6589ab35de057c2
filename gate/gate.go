// Package gate turns findings and diagnostics into the verdict and the exit
// code a pipeline acts on.
package gate

import (
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/report"
)

// Exit codes.
const (
	ExitPassed    = 0
	ExitBlocked   = 1
	ExitUndecided = 2
)

// Verdict is the gate's decision and the counts it was made from.
type Verdict struct {
	// Verdict is report.Passed, report.Blocked or report.Undecided.
	Verdict string
	// BySeverity counts unsuppressed findings, every severity present.
	BySeverity map[string]int
	// Suppressed counts waived findings.
	Suppressed int
}

// Decide counts the findings and decides. Errors win over findings: a run
// that could not read everything cannot say "passed", and says
// "undecided" rather than "blocked" so the cause is fixed first.
func Decide(findings []finding.Finding, diags []document.Diagnostic, failOn finding.Severity) Verdict {
	v := Verdict{BySeverity: map[string]int{}}
	for sev := finding.Info; sev <= finding.Critical; sev++ {
		v.BySeverity[sev.String()] = 0
	}
	blocked := false
	for _, f := range findings {
		if f.Suppressed != nil {
			v.Suppressed++
			continue
		}
		v.BySeverity[f.Severity.String()]++
		// info is advisory by definition: it never blocks. A governance
		// violation always does: a repository must not be able to raise
		// the threshold above the finding that says it weakened the gate.
		if (f.Severity >= failOn && f.Severity > finding.Info) || f.RuleID == governance.RuleID {
			blocked = true
		}
	}
	v.Verdict = report.Passed
	if blocked {
		v.Verdict = report.Blocked
	}
	if document.Diagnostics(diags).HasErrors() {
		v.Verdict = report.Undecided
	}
	return v
}

// ExitCode is the process exit code of a verdict; an unknown verdict
// (a report from elsewhere) could not decide.
func ExitCode(verdict string) int {
	switch verdict {
	case report.Passed:
		return ExitPassed
	case report.Blocked:
		return ExitBlocked
	default:
		return ExitUndecided
	}
}
