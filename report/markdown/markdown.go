// Package markdown renders a report as GitHub-flavoured Markdown for job
// summaries ($GITHUB_STEP_SUMMARY) and pull/merge request comments: the
// verdict first, counts, then a capped table of findings, how to fix each
// rule, and the scan diagnostics.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/srcpath"
)

// DefaultMaxFindings keeps a comment well below GitHub's 65536-character
// limit for ordinary messages.
const DefaultMaxFindings = 200

// Options tune the document.
type Options struct {
	// MaxFindings caps the findings table; 0 means DefaultMaxFindings and
	// a negative value means no cap.
	MaxFindings int
	// SourceRoot, an absolute directory or file:// URI, shortens absolute
	// paths under it to repository-relative ones.
	SourceRoot string
}

var headline = map[string]string{
	report.Passed:    "✅ tollgate: passed",
	report.Blocked:   "❌ tollgate: blocked",
	report.Undecided: "⚠️ tollgate: undecided",
}

var severities = []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low, finding.Info}

// Write renders r to w.
func Write(w io.Writer, r report.Report, opts Options) error {
	limit := opts.MaxFindings
	if limit == 0 {
		limit = DefaultMaxFindings
	}
	root := srcpath.NewRoot(opts.SourceRoot)
	var b bytes.Buffer
	s := r.Summary

	h, ok := headline[s.Verdict]
	if !ok {
		h = "tollgate: " + text(s.Verdict)
	}
	fmt.Fprintf(&b, "### %s\n\n", h)
	scanned := 0
	for _, n := range s.FilesScanned { // a sum: iteration order cannot show
		scanned += n
	}
	fmt.Fprintf(&b, "%s %s scanned %s (%d skipped)", text(r.Tool.Name), text(r.Tool.Version), plural(scanned, "file"), s.FilesSkipped)
	if s.FailOn != "" {
		fmt.Fprintf(&b, "; blocking at %s and above", text(s.FailOn))
	}
	b.WriteString(".\n\n")

	b.WriteString("| Severity | Findings |\n|---|---:|\n")
	for _, sev := range severities {
		fmt.Fprintf(&b, "| %s | %d |\n", sev, s.BySeverity[sev.String()])
	}
	fmt.Fprintf(&b, "| suppressed | %d |\n\n", s.Suppressed)

	var shown []finding.Finding
	more := 0
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		if limit > 0 && len(shown) == limit {
			more++
			continue
		}
		shown = append(shown, f)
	}
	if len(shown) > 0 {
		b.WriteString("#### Findings\n\n| Severity | Rule | Resource | Location | Message |\n|---|---|---|---|---|\n")
		for _, f := range shown {
			file, _ := root.Rel(f.Location.File)
			loc := f.Location
			loc.File = file
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", f.Severity, code(f.RuleID), code(f.Resource), code(loc.String()), cell(f.Message))
		}
		if more > 0 {
			fmt.Fprintf(&b, "\n_…and %d more %s not shown._\n", more, pluralWord(more, "finding"))
		}
		b.WriteString("\n#### How to fix\n\n")
		seen := map[string]bool{}
		for _, f := range shown {
			if seen[f.RuleID] || f.Remediation == "" {
				continue
			}
			seen[f.RuleID] = true
			fmt.Fprintf(&b, "- %s %s: %s\n", code(f.RuleID), line(f.Title), line(f.Remediation))
		}
		b.WriteString("\n")
	} else {
		b.WriteString("No unsuppressed findings.\n\n")
	}

	if len(r.Diagnostics) > 0 {
		b.WriteString("#### Diagnostics\n\n")
		for _, d := range r.Diagnostics {
			rng := d.Range
			rng.File, _ = root.Rel(rng.File)
			fmt.Fprintf(&b, "- **%s** %s: %s\n", text(string(d.Level)), code(rng.String()), line(d.Message))
		}
		b.WriteString("\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// text escapes what would otherwise format, link or break a table: the
// input is untrusted (resource names and messages come from scanned files),
// and a comment must not turn "[click](https://...)" into a link. Square
// brackets alone stay, so placeholders like [REDACTED] read as written.
var textEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `~`, `\~`, `<`, `\<`, `>`, `\>`,
	`&`, `\&`, `|`, `\|`, `](`, `]\(`, `][`, `]\[`, "\r", "",
)

func text(s string) string { return textEscaper.Replace(s) }

// cell is text that stays inside one table row.
func cell(s string) string { return strings.ReplaceAll(text(s), "\n", "<br>") }

// line is text that stays inside one list item.
func line(s string) string { return strings.ReplaceAll(text(s), "\n", " ") }

// code renders s as a code span usable in a table cell.
func code(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("\r", "", "\n", " ", "|", `\|`).Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || len(fence) > 1 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, word)) }

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
