// Package report holds what every output format renders: the findings of a
// run, the rules that produced them, the scan diagnostics and the verdict.
// Each subpackage writes one format and reads only this type.
package report

import (
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

// Report is the complete, already sorted result of one run. Writers must
// not reorder or drop anything: determinism is decided upstream.
type Report struct {
	Tool Tool `json:"tool"`
	// Rules are the loaded rules, sorted by id.
	Rules []finding.Rule `json:"rules"`
	// Findings are sorted by file, line, column, rule id, resource.
	Findings []finding.Finding `json:"findings"`
	// Diagnostics are problems with the scan itself, sorted like findings.
	Diagnostics []document.Diagnostic `json:"diagnostics"`
	// Summary counts what was scanned and found.
	Summary Summary `json:"summary"`
	// Shard says which part of a sharded scan this report is; nil for a
	// whole scan (and for the merge of a complete set).
	Shard *Shard `json:"shard,omitempty"`
}

// Shard identifies one part of a sharded scan, so merge can refuse a set
// with a part missing, doubled or from another run.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	// Run names the CI run the shards belong to ("" outside CI).
	Run string `json:"run,omitempty"`
}

// Tool identifies tollgate in reports.
type Tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// Verdicts.
const (
	Passed    = "passed"
	Blocked   = "blocked"
	Undecided = "undecided" // errors prevented a decision (exit 2)
)

// Summary counts a run.
type Summary struct {
	// FilesScanned by format family (cloudformation, terraform, ...).
	FilesScanned map[string]int `json:"filesScanned"`
	// FilesSkipped counts files discovery looked at and did not recognise.
	FilesSkipped int `json:"filesSkipped"`
	// BySeverity counts unsuppressed findings.
	BySeverity map[string]int `json:"bySeverity"`
	Suppressed int            `json:"suppressed"`
	// FailOn is the threshold the verdict was computed with.
	FailOn  string `json:"failOn"`
	Verdict string `json:"verdict"`
}
