// Package github renders a report as GitHub Actions workflow commands
// (::error file=...::message), which the runner turns into annotations on
// the pull request diff and the job page.
package github

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/srcpath"
)

// Options tune the commands.
type Options struct {
	// SourceRoot is the repository root (GITHUB_WORKSPACE), as an absolute
	// directory or file:// URI: annotations only attach to files named
	// relative to it. Relative finding paths are taken as already relative.
	SourceRoot string
}

// Write prints one command per unsuppressed finding, then one per
// diagnostic, in the order given.
func Write(w io.Writer, r report.Report, opts Options) error {
	root := srcpath.NewRoot(opts.SourceRoot)
	var buf bytes.Buffer
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		msg := f.Message
		if f.Resource != "" {
			msg = f.Resource + ": " + msg
		}
		if w := f.Location.Within; w != nil {
			// The annotation's file and line are the image archive's.
			msg += "\nAt: " + w.String()
		}
		if f.Remediation != "" {
			msg += "\nFix: " + f.Remediation
		}
		title := fmt.Sprintf("%s [%s] %s", f.RuleID, f.Severity, f.Title)
		writeCommand(&buf, command(f.Severity), root, f.Location, title, msg)
	}
	for _, d := range r.Diagnostics {
		cmd := "notice"
		switch d.Level {
		case document.LevelError:
			cmd = "error"
		case document.LevelWarning:
			cmd = "warning"
		}
		writeCommand(&buf, cmd, root, d.Range, "tollgate "+string(d.Level), d.Message)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func command(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "notice"
	}
}

func writeCommand(buf *bytes.Buffer, cmd string, root srcpath.Root, r document.Range, title, msg string) {
	var props []string
	if r.File != "" {
		file, _ := root.Rel(r.File)
		props = append(props, "file="+escapeProperty(file))
		if r.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", r.Line))
			if r.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", r.Column))
			}
			if r.EndLine >= r.Line {
				props = append(props, fmt.Sprintf("endLine=%d", r.EndLine))
				if r.EndColumn > 0 {
					props = append(props, fmt.Sprintf("endColumn=%d", r.EndColumn))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(buf, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
}

// The runner's escaping: data may not contain raw newlines or percent
// signs; properties additionally not the ':' and ',' that delimit them.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
