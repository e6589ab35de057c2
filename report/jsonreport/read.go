package jsonreport

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

// Read parses a document Write produced, so reports of sharded scans can be
// merged. Counts and the verdict are not read back: they are recomputed
// from the findings by whoever merges. Rules are not part of the format.
func Read(r io.Reader) (report.Report, error) {
	var t top
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return report.Report{}, err
	}
	if t.Version != Version {
		return report.Report{}, fmt.Errorf("report version %q is not supported (want %q)", t.Version, Version)
	}
	out := report.Report{
		Tool:        report.Tool(t.Tool),
		Findings:    make([]finding.Finding, 0, len(t.Findings)),
		Diagnostics: make([]document.Diagnostic, 0, len(t.Diagnostics)),
		Summary:     report.Summary{FilesScanned: t.Summary.FilesScanned, FilesSkipped: t.Summary.FilesSkipped},
	}
	if t.Shard != nil {
		out.Shard = &report.Shard{Index: t.Shard.Index, Count: t.Shard.Count, Run: t.Shard.Run}
	}
	for _, d := range t.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, document.Diagnostic{Level: document.Level(d.Level), Message: d.Message, Range: d.Location.toRange()})
	}
	for i, res := range t.Findings {
		sev, err := finding.ParseSeverity(res.Severity)
		if err != nil {
			return report.Report{}, fmt.Errorf("finding %d: %w", i, err)
		}
		f := finding.Finding{
			RuleID: res.RuleID, Title: res.Title, Severity: sev, Theme: res.Theme,
			Message: res.Message, Remediation: res.Remediation, Format: res.Format,
			Resource: res.Resource, ResourceID: res.ResourceID, ResourceType: res.ResourceType,
			Location: res.Location.toRange(), Path: res.Path, Fingerprint: res.Fingerprint,
		}
		for _, rel := range res.Related {
			f.Related = append(f.Related, finding.Related{Message: rel.Message, Range: rel.Location.toRange()})
		}
		if s := res.Suppressed; s != nil {
			f.Suppressed = (*finding.Suppression)(s)
		}
		out.Findings = append(out.Findings, f)
	}
	return out, nil
}
