// Package text renders a report for people reading a terminal or a CI log:
// findings grouped by file, each with where it is, what is wrong and how to
// fix it, then the scan diagnostics and a one-line summary with the verdict.
package text

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

// Options tune the rendering.
type Options struct {
	// Color wraps severities, levels and the verdict in ANSI colours.
	Color bool
	// Quiet prints only error diagnostics and the summary line: for logs
	// where another format (SARIF, a job summary) carries the detail but
	// the reason for exit code 2 must still be visible.
	Quiet bool
	// ShowSuppressed lists suppressed findings, marked with their waiver;
	// by default they are only counted in the summary.
	ShowSuppressed bool
}

const (
	reset     = "\x1b[0m"
	bold      = "\x1b[1m"
	boldRed   = "\x1b[1;31m"
	red       = "\x1b[31m"
	yellow    = "\x1b[33m"
	boldYel   = "\x1b[1;33m"
	cyan      = "\x1b[36m"
	dim       = "\x1b[2m"
	green     = "\x1b[32m"
	boldGreen = "\x1b[1;32m"
)

var severityColor = [...]string{finding.Info: dim, finding.Low: cyan, finding.Medium: yellow, finding.High: red, finding.Critical: boldRed}

// severities in the order the summary lists them.
var severities = []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low, finding.Info}

// Write renders r to w in the order given.
func Write(w io.Writer, r report.Report, opts Options) error {
	p := printer{color: opts.Color}
	if sev, err := finding.ParseSeverity(r.Summary.FailOn); err == nil && r.Summary.FailOn != "" {
		p.failOn, p.hasFailOn = sev, true
	}
	if !opts.Quiet {
		p.findings(r.Findings, opts.ShowSuppressed)
	}
	p.diagnostics(r.Diagnostics, opts.Quiet)
	p.summary(r)
	_, err := w.Write(p.buf.Bytes())
	return err
}

type printer struct {
	buf   bytes.Buffer
	color bool
	// failOn is the run's threshold, when the report says it: findings
	// below it are marked as not blocking.
	failOn    finding.Severity
	hasFailOn bool
}

// blocks reports whether an unsuppressed finding blocks at the threshold
// (info never does, as in the gate).
func blocks(f finding.Finding, failOn finding.Severity) bool {
	return f.Suppressed == nil && f.Severity >= failOn && f.Severity > finding.Info
}

func (p *printer) paint(code, s string) string {
	if !p.color || code == "" {
		return s
	}
	return code + s + reset
}

func (p *printer) findings(fs []finding.Finding, showSuppressed bool) {
	file, first := "", true
	for _, f := range fs {
		if f.Suppressed != nil && !showSuppressed {
			continue
		}
		// Findings arrive sorted by file; a file that reappears later
		// (a CDK source sorted among templates) simply gets a new header.
		if first || f.Location.File != file {
			if !first {
				p.buf.WriteByte('\n')
			}
			file, first = f.Location.File, false
			fmt.Fprintf(&p.buf, "%s\n", p.paint(bold, clean(fileName(file))))
		}
		p.finding(f)
	}
	if !first {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) finding(f finding.Finding) {
	sev := strings.ToUpper(f.Severity.String())
	code := ""
	if f.Severity >= finding.Info && f.Severity <= finding.Critical {
		code = severityColor[f.Severity]
	}
	fmt.Fprintf(&p.buf, "  %s %s  %s", p.paint(code, fmt.Sprintf("%-8s", sev)), clean(f.RuleID), clean(f.Resource))
	var detail []string
	if f.ResourceType != "" && !strings.HasPrefix(f.Resource, f.ResourceType+" ") {
		// "stage builder (golang:1.22)" already says it is a stage.
		detail = append(detail, clean(f.ResourceType))
	}
	if f.ResourceID != "" && f.ResourceID != f.Resource {
		detail = append(detail, "id "+clean(f.ResourceID))
	}
	if len(detail) > 0 {
		fmt.Fprintf(&p.buf, " (%s)", strings.Join(detail, ", "))
	}
	p.buf.WriteByte('\n')
	const indent = "           "
	if f.Suppressed != nil {
		s := "suppressed (" + clean(f.Suppressed.Kind) + ")"
		if f.Suppressed.Reason != "" {
			s += ": " + clean(f.Suppressed.Reason)
		}
		if f.Suppressed.Owner != "" {
			s += " (owner " + clean(f.Suppressed.Owner) + ")"
		}
		if f.Suppressed.Expires != "" {
			s += " until " + clean(f.Suppressed.Expires)
		}
		fmt.Fprintf(&p.buf, "%s%s\n", indent, p.paint(dim, s))
	} else if p.hasFailOn && !blocks(f, p.failOn) {
		fmt.Fprintf(&p.buf, "%s%s\n", indent, p.paint(dim, "does not block (below fail-on "+p.failOn.String()+")"))
	}
	fmt.Fprintf(&p.buf, "%sat %s\n", indent, clean(position(f.Location)))
	fmt.Fprintf(&p.buf, "%s%s\n", indent, indentLines(clean(f.Message), indent))
	if f.Remediation != "" {
		fmt.Fprintf(&p.buf, "%s%s %s\n", indent, p.paint(green, "fix:"), indentLines(clean(f.Remediation), indent+"     "))
	}
	for _, rel := range f.Related {
		fmt.Fprintf(&p.buf, "%s  related %s: %s\n", indent, clean(position(rel.Range)), indentLines(clean(rel.Message), indent+"    "))
	}
}

func (p *printer) diagnostics(ds []document.Diagnostic, errorsOnly bool) {
	header := false
	for _, d := range ds {
		if errorsOnly && d.Level != document.LevelError {
			continue
		}
		if !header {
			fmt.Fprintf(&p.buf, "%s\n", p.paint(bold, "Diagnostics"))
			header = true
		}
		code := dim
		switch d.Level {
		case document.LevelError:
			code = red
		case document.LevelWarning:
			code = yellow
		}
		fmt.Fprintf(&p.buf, "  %s %s: %s\n", p.paint(code, fmt.Sprintf("%-7s", clean(string(d.Level)))),
			clean(position(d.Range)), indentLines(clean(d.Message), "    "))
	}
	if header {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) summary(r report.Report) {
	s := r.Summary
	code := ""
	switch s.Verdict {
	case report.Passed:
		code = boldGreen
	case report.Blocked:
		code = boldRed
	case report.Undecided:
		code = boldYel
	}
	counts := make([]string, 0, len(severities))
	for _, sev := range severities {
		n := s.BySeverity[sev.String()]
		c := fmt.Sprintf("%d %s", n, sev)
		if n > 0 {
			c = p.paint(severityColor[sev], c)
		}
		counts = append(counts, c)
	}
	errs, warns := 0, 0
	for _, d := range r.Diagnostics {
		switch d.Level {
		case document.LevelError:
			errs++
		case document.LevelWarning:
			warns++
		}
	}
	scanned := 0
	for _, n := range s.FilesScanned { // a sum: iteration order cannot show
		scanned += n
	}
	accepted := 0
	for _, f := range r.Findings {
		if f.Suppressed != nil && f.Suppressed.Kind == "baseline" {
			accepted++
		}
	}
	waived := fmt.Sprintf("%d suppressed", s.Suppressed-accepted)
	if accepted > 0 {
		waived += fmt.Sprintf(", %d accepted by the baseline", accepted)
	}
	fmt.Fprintf(&p.buf, "%s: %s; %s; %s, %s; %s scanned, %d skipped",
		p.paint(code, clean(verdict(s.Verdict))), strings.Join(counts, ", "), waived,
		plural(errs, "error"), plural(warns, "warning"), plural(scanned, "file"), s.FilesSkipped)
	if p.hasFailOn {
		open, blocking := 0, 0
		for _, f := range r.Findings {
			if f.Suppressed == nil {
				open++
				if blocks(f, p.failOn) {
					blocking++
				}
			}
		}
		fmt.Fprintf(&p.buf, "; %d of %s block (fail-on %s)", blocking, plural(open, "finding"), p.failOn)
	} else if s.FailOn != "" {
		fmt.Fprintf(&p.buf, "; fail-on %s", clean(s.FailOn))
	}
	p.buf.WriteByte('\n')
}

func verdict(v string) string {
	if v == "" {
		return "no verdict"
	}
	return v
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func fileName(f string) string {
	if f == "" {
		return "(no file)"
	}
	return f
}

// position renders file:line:col, dropping what is unknown.
func position(r document.Range) string {
	r.File = fileName(r.File)
	return r.String()
}

// indentLines keeps continuation lines of a multi-line message aligned.
func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// clean neutralises control characters: scanned files are untrusted and a
// resource name or message carrying escape sequences must not be able to
// rewrite the terminal (hide a finding, fake a "passed"). Newlines and tabs
// are kept; other controls and invalid UTF-8 bytes (which some terminals
// read as 8-bit controls) are shown escaped.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case isControl(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func isControl(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
