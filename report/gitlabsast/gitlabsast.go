// Package gitlabsast renders a report as a GitLab SAST security report
// (security-report-schemas, sast-report-format 15.0.7), which GitLab reads
// from artifacts:reports:sast into the merge request security widget, the
// pipeline's Security tab, the vulnerability report and security approval
// policies.
//
// Suppressed findings are left out, as in the Code Quality artifact: the
// report lists what still needs fixing. Scan errors become scan messages
// and mark the scan as failed, so GitLab never shows an undecided scan as
// a clean one.
package gitlabsast

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/findingkey"
	"github.com/tollgate-dev/tollgate/report/internal/srcpath"
)

// SchemaVersion is the version of the report format written; GitLab
// accepts the 15.x line.
const SchemaVersion = "15.0.7"

// SchemaURL is where GitLab publishes that version of the schema.
const SchemaURL = "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v" + SchemaVersion + "/dist/sast-report-format.json"

// IdentifierType is the type of every vulnerability's primary identifier:
// the tollgate rule id.
const IdentifierType = "tollgate_rule_id"

// Limits of the schema, in characters.
const (
	maxName     = 255
	maxSolution = 7000
	maxDesc     = 1 << 20
)

// Options tune the report.
type Options struct {
	// SourceRoot is the repository root (CI_PROJECT_DIR), as an absolute
	// directory or file:// URI; GitLab only matches paths relative to it.
	SourceRoot string
	// Time is written as the scan's start and end. The report carries no
	// clock of its own, so the same input gives the same bytes; the
	// Format passes the job's start time (see ScanTime). Zero means the
	// Unix epoch.
	Time time.Time
}

type sastReport struct {
	Version         string          `json:"version"`
	Schema          string          `json:"schema"`
	Scan            scan            `json:"scan"`
	Vulnerabilities []vulnerability `json:"vulnerabilities"`
}

type scan struct {
	Analyzer           component    `json:"analyzer"`
	Scanner            component    `json:"scanner"`
	Type               string       `json:"type"`
	StartTime          string       `json:"start_time"`
	EndTime            string       `json:"end_time"`
	Status             string       `json:"status"`
	Messages           []message    `json:"messages,omitempty"`
	PrimaryIdentifiers []identifier `json:"primary_identifiers,omitempty"`
}

type component struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	Vendor  vendor `json:"vendor"`
	Version string `json:"version"`
}

type vendor struct {
	Name string `json:"name"`
}

type message struct {
	Level string `json:"level"`
	Value string `json:"value"`
}

type identifier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type vulnerability struct {
	ID          string                `json:"id"`
	Name        string                `json:"name"`
	Description string                `json:"description"`
	Severity    string                `json:"severity"`
	Solution    string                `json:"solution,omitempty"`
	Identifiers []identifier          `json:"identifiers"`
	Location    location              `json:"location"`
	Details     map[string]textDetail `json:"details,omitempty"`
}

type location struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line,omitempty"`
}

// textDetail is a named text entry of a vulnerability's details.
type textDetail struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

var severity = [...]string{
	finding.Info: "Info", finding.Low: "Low", finding.Medium: "Medium", finding.High: "High", finding.Critical: "Critical",
}

// Write renders the unsuppressed findings of r to w as indented JSON
// ending in a newline.
func Write(w io.Writer, r report.Report, opts Options) error {
	root := srcpath.NewRoot(opts.SourceRoot)
	docs := docsBase(r.Tool.InformationURI)
	builtin := map[string]bool{}
	when := opts.Time
	if when.IsZero() {
		when = time.Unix(0, 0)
	}
	out := sastReport{
		Version: SchemaVersion,
		Schema:  SchemaURL,
		Scan: scan{
			Analyzer:  tool(r.Tool),
			Scanner:   tool(r.Tool),
			Type:      "sast",
			StartTime: stamp(when),
			EndTime:   stamp(when),
			Status:    "success",
		},
		Vulnerabilities: make([]vulnerability, 0, len(r.Findings)),
	}
	for _, rule := range r.Rules {
		builtin[rule.ID] = rule.Builtin
		out.Scan.PrimaryIdentifiers = append(out.Scan.PrimaryIdentifiers, ruleIdentifier(rule.ID, rule.Builtin, docs))
	}
	for _, d := range r.Diagnostics {
		level := "warn"
		if d.Level == document.LevelError {
			level = "fatal"
			out.Scan.Status = "failure"
		}
		text := d.Message
		if d.Range.File != "" {
			at := d.Range
			at.File, _ = root.Rel(at.File)
			text = at.String() + ": " + text
		}
		out.Scan.Messages = append(out.Scan.Messages, message{Level: level, Value: text})
	}
	if r.Summary.Verdict == report.Undecided {
		out.Scan.Status = "failure"
	}
	var keys findingkey.Keys
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		path, _ := root.Rel(f.Location.File)
		sum := keys.Sum("tollgate/gitlab-sast/v1", f, path)
		sev := "Unknown"
		if f.Severity >= finding.Info && f.Severity <= finding.Critical {
			sev = severity[f.Severity]
		}
		name := f.Title
		if name == "" {
			name = f.RuleID
		}
		desc := f.Message
		if f.Resource != "" {
			desc = f.Resource + ": " + desc
		}
		v := vulnerability{
			ID:          uuid(sum[:16]),
			Name:        truncate(name, maxName),
			Description: truncate(desc, maxDesc),
			Severity:    sev,
			Solution:    truncate(f.Remediation, maxSolution),
			Identifiers: []identifier{ruleIdentifier(f.RuleID, builtin[f.RuleID], docs)},
			Location:    location{File: path, StartLine: max(f.Location.Line, 1)},
		}
		if f.Location.EndLine > f.Location.Line {
			v.Location.EndLine = f.Location.EndLine
		}
		if f.Resource != "" {
			v.Details = map[string]textDetail{"resource": {Name: "Resource", Type: "text", Value: resourceText(f)}}
		}
		if w := f.Location.Within; w != nil {
			// The schema's location is a file and line; the place inside
			// an image (file, layer, digest) goes with the details.
			if v.Details == nil {
				v.Details = map[string]textDetail{}
			}
			v.Details["image_location"] = textDetail{Name: "Location in the image", Type: "text", Value: w.Full()}
		}
		out.Vulnerabilities = append(out.Vulnerabilities, v)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func tool(t report.Tool) component {
	name := t.Name
	if name == "" {
		name = "tollgate"
	}
	version := t.Version
	if version == "" {
		version = "unknown"
	}
	c := component{ID: "tollgate", Name: name, Vendor: vendor{Name: "tollgate"}, Version: version}
	if strings.HasPrefix(t.InformationURI, "https://") || strings.HasPrefix(t.InformationURI, "http://") {
		c.URL = t.InformationURI
	}
	return c
}

// docsBase is where the built-in rules are documented, one heading per
// rule id; "" when the tool names no https home.
func docsBase(home string) string {
	if !strings.HasPrefix(home, "https://github.com/") {
		return ""
	}
	return strings.TrimSuffix(home, "/") + "/blob/main/docs/rules.md#"
}

func ruleIdentifier(id string, builtin bool, docs string) identifier {
	ident := identifier{Type: IdentifierType, Name: "tollgate " + id, Value: id}
	if builtin && docs != "" {
		ident.URL = docs + id
	}
	return ident
}

func resourceText(f finding.Finding) string {
	s := f.Resource
	if f.ResourceType != "" {
		s += " (" + f.ResourceType + ")"
	}
	return s
}

// stamp is the schema's time format: UTC, seconds, no zone.
func stamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05")
}

// uuid formats 16 bytes of a hash as an RFC 4122 UUID (version 8,
// custom): GitLab recommends UUIDs for vulnerability ids, and one derived
// from the fingerprint keeps the id stable across pipelines.
func uuid(b []byte) string {
	var u [16]byte
	copy(u[:], b)
	u[6] = u[6]&0x0f | 0x80
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// truncate cuts s to at most n characters (code points), marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
