package jsonreport

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

// Version is the schema version written in every document.
const Version = "1"

// The types below are the schema. They copy rather than reuse the json tags
// of finding and report so an internal rename cannot change the contract.

type top struct {
	Version     string       `json:"version"`
	Tool        tool         `json:"tool"`
	Summary     summary      `json:"summary"`
	Findings    []result     `json:"findings"`
	Diagnostics []diagnostic `json:"diagnostics"`
	// Shard is present only in the report of one shard of a scan.
	Shard *shard `json:"shard,omitempty"`
}

type shard struct {
	Index int    `json:"index"`
	Count int    `json:"count"`
	Run   string `json:"run,omitempty"`
}

type tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

type summary struct {
	Verdict      string         `json:"verdict"`
	FailOn       string         `json:"failOn"`
	Findings     int            `json:"findings"`
	BySeverity   bySeverity     `json:"bySeverity"`
	Suppressed   int            `json:"suppressed"`
	Errors       int            `json:"errors"`
	Warnings     int            `json:"warnings"`
	FilesScanned map[string]int `json:"filesScanned"` // encoding/json sorts map keys
	FilesSkipped int            `json:"filesSkipped"`
}

// bySeverity is a struct, not a map, so every severity is always present
// and listed from most to least severe.
type bySeverity struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
}

type location struct {
	File      string  `json:"file"`
	Line      int     `json:"line"`
	Column    int     `json:"column"`
	EndLine   int     `json:"endLine,omitempty"`
	EndColumn int     `json:"endColumn,omitempty"`
	Within    *within `json:"within,omitempty"`
}

type within struct {
	Image  string `json:"image,omitempty"`
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	Layer  *int   `json:"layer,omitempty"`
	Digest string `json:"digest"`
}

func toLocation(r document.Range) location {
	l := location{File: r.File, Line: r.Line, Column: r.Column, EndLine: r.EndLine, EndColumn: r.EndColumn}
	if w := r.Within; w != nil {
		l.Within = &within{Image: w.Image, Path: w.Path, Line: w.Line, Layer: w.Layer, Digest: w.Digest}
	}
	return l
}

func (l location) toRange() document.Range {
	r := document.Range{File: l.File, Line: l.Line, Column: l.Column, EndLine: l.EndLine, EndColumn: l.EndColumn}
	if w := l.Within; w != nil {
		r.Within = &document.Within{Image: w.Image, Path: w.Path, Line: w.Line, Layer: w.Layer, Digest: w.Digest}
	}
	return r
}

type related struct {
	Message  string   `json:"message"`
	Location location `json:"location"`
}

type suppression struct {
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
}

type result struct {
	RuleID       string       `json:"ruleId"`
	Title        string       `json:"title"`
	Severity     string       `json:"severity"`
	Theme        string       `json:"theme"`
	Message      string       `json:"message"`
	Remediation  string       `json:"remediation,omitempty"`
	Format       string       `json:"format"`
	Resource     string       `json:"resource"`
	ResourceID   string       `json:"resourceId,omitempty"`
	ResourceType string       `json:"resourceType,omitempty"`
	Location     location     `json:"location"`
	Related      []related    `json:"related"`
	Path         []string     `json:"path"`
	Fingerprint  string       `json:"fingerprint"`
	Suppressed   *suppression `json:"suppressed,omitempty"`
}

type diagnostic struct {
	Level    string   `json:"level"`
	Message  string   `json:"message"`
	Location location `json:"location"`
}

// Write renders r to w as a version 1 document.
func Write(w io.Writer, r report.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// Messages quote source ("<docs>", "a && b"); \u003c escapes would make
	// them unreadable and this output is never embedded in HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(build(r)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func build(r report.Report) top {
	s := r.Summary
	sum := summary{
		Verdict: s.Verdict,
		FailOn:  s.FailOn,
		BySeverity: bySeverity{
			Critical: s.BySeverity[finding.Critical.String()],
			High:     s.BySeverity[finding.High.String()],
			Medium:   s.BySeverity[finding.Medium.String()],
			Low:      s.BySeverity[finding.Low.String()],
			Info:     s.BySeverity[finding.Info.String()],
		},
		Suppressed:   s.Suppressed,
		FilesScanned: s.FilesScanned,
		FilesSkipped: s.FilesSkipped,
	}
	b := sum.BySeverity
	sum.Findings = b.Critical + b.High + b.Medium + b.Low + b.Info
	if sum.FilesScanned == nil {
		sum.FilesScanned = map[string]int{}
	}
	out := top{
		Version:     Version,
		Tool:        tool(r.Tool),
		Findings:    make([]result, 0, len(r.Findings)),
		Diagnostics: make([]diagnostic, 0, len(r.Diagnostics)),
	}
	for _, d := range r.Diagnostics {
		switch d.Level {
		case document.LevelError:
			sum.Errors++
		case document.LevelWarning:
			sum.Warnings++
		}
		out.Diagnostics = append(out.Diagnostics, diagnostic{Level: string(d.Level), Message: d.Message, Location: toLocation(d.Range)})
	}
	out.Summary = sum
	if r.Shard != nil {
		out.Shard = &shard{Index: r.Shard.Index, Count: r.Shard.Count, Run: r.Shard.Run}
	}
	for _, f := range r.Findings {
		res := result{
			RuleID: f.RuleID, Title: f.Title, Severity: f.Severity.String(), Theme: f.Theme,
			Message: f.Message, Remediation: f.Remediation, Format: f.Format,
			Resource: f.Resource, ResourceID: f.ResourceID, ResourceType: f.ResourceType,
			Location:    toLocation(f.Location),
			Related:     make([]related, 0, len(f.Related)),
			Path:        append(make([]string, 0, len(f.Path)), f.Path...),
			Fingerprint: f.Fingerprint,
		}
		for _, rel := range f.Related {
			res.Related = append(res.Related, related{Message: rel.Message, Location: toLocation(rel.Range)})
		}
		if f.Suppressed != nil {
			res.Suppressed = (*suppression)(f.Suppressed)
		}
		out.Findings = append(out.Findings, res)
	}
	return out
}
