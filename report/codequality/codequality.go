// Package codequality renders a report as a GitLab Code Quality artifact
// (a JSON array of Code Climate issues), which GitLab shows in the merge
// request widget and diff. Suppressed findings are left out: the artifact
// lists what still needs fixing.
package codequality

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/findingkey"
	"github.com/tollgate-dev/tollgate/report/internal/srcpath"
)

// Options tune the artifact.
type Options struct {
	// SourceRoot is the repository root (CI_PROJECT_DIR), as an absolute
	// directory or file:// URI; GitLab only matches paths relative to it.
	SourceRoot string
}

type issue struct {
	Type        string   `json:"type"`
	Description string   `json:"description"`
	CheckName   string   `json:"check_name"`
	Fingerprint string   `json:"fingerprint"`
	Severity    string   `json:"severity"`
	Categories  []string `json:"categories"`
	Location    location `json:"location"`
}

type location struct {
	Path  string `json:"path"`
	Lines lines  `json:"lines"`
}

type lines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

var severity = [...]string{
	finding.Info: "info", finding.Low: "minor", finding.Medium: "major", finding.High: "critical", finding.Critical: "blocker",
}

// Write renders the unsuppressed findings of r to w as an indented JSON
// array ending in a newline.
func Write(w io.Writer, r report.Report, opts Options) error {
	root := srcpath.NewRoot(opts.SourceRoot)
	issues := make([]issue, 0, len(r.Findings))
	var keys findingkey.Keys
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		path, _ := root.Rel(f.Location.File)
		desc := f.Message
		if f.Resource != "" {
			desc = f.Resource + ": " + desc
		}
		if w := f.Location.Within; w != nil {
			// Code Quality shows a file and a line: for an image, the
			// archive at line 1, so the place inside it joins the text.
			desc += " (at " + w.String() + ")"
		}
		sev := "info"
		if f.Severity >= finding.Info && f.Severity <= finding.Critical {
			sev = severity[f.Severity]
		}
		it := issue{
			Type:        "issue",
			Description: desc,
			CheckName:   f.RuleID,
			Fingerprint: fingerprint(&keys, f, path),
			Severity:    sev,
			Categories:  []string{"Security"},
			Location:    location{Path: path, Lines: lines{Begin: max(f.Location.Line, 1)}},
		}
		if f.Location.EndLine > f.Location.Line {
			it.Location.Lines.End = f.Location.EndLine
		}
		issues = append(issues, it)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(issues); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// fingerprint hashes the finding's line-independent fingerprint, so GitLab
// tracks an issue across commits that move it; unique within the artifact.
func fingerprint(keys *findingkey.Keys, f finding.Finding, path string) string {
	sum := keys.Sum("tollgate/v1", f, path)
	return hex.EncodeToString(sum[:])
}
