// Package gate turns findings and diagnostics into the verdict and the exit
// code a pipeline acts on.
package gate

import (
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

// Exit codes.
const (
	ExitPassed    = 0
	ExitBlocked   = 1
	ExitUndecided = 2
)

// Decide fills the summary's counts and verdict. Errors win over findings:
// a run that could not read everything cannot say "passed", and says
// "undecided" rather than "blocked" so the cause is fixed first.
func Decide(findings []finding.Finding, diags []document.Diagnostic, failOn finding.Severity, s *report.Summary) int {
	s.BySeverity = map[string]int{}
	for sev := finding.Info; sev <= finding.Critical; sev++ {
		s.BySeverity[sev.String()] = 0
	}
	s.FailOn = failOn.String()
	blocked := false
	for _, f := range findings {
		if f.Suppressed != nil {
			s.Suppressed++
			continue
		}
		s.BySeverity[f.Severity.String()]++
		// info is advisory by definition: it never blocks.
		if f.Severity >= failOn && f.Severity > finding.Info {
			blocked = true
		}
	}
	for _, d := range diags {
		if d.Level == document.LevelError {
			s.Verdict = report.Undecided
			return ExitUndecided
		}
	}
	if blocked {
		s.Verdict = report.Blocked
		return ExitBlocked
	}
	s.Verdict = report.Passed
	return ExitPassed
}
