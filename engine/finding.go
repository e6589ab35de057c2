package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/redact"
)

// toFinding validates one element of a rule's deny set against the finding
// contract and places it in the source.
func toFinding(rule finding.Rule, doc *document.Document, item any) (finding.Finding, string, error) {
	obj, ok := item.(map[string]any)
	if !ok {
		return finding.Finding{}, "", fmt.Errorf("deny element must be an object, got %T", item)
	}
	msg, _ := obj["message"].(string)
	if msg == "" {
		return finding.Finding{}, "", fmt.Errorf("finding has no message: %v", keys(obj))
	}
	path, err := pathOf(obj["path"])
	if err != nil {
		return finding.Finding{}, "", err
	}
	resource, _ := obj["resource"].(string)
	secret, _ := obj["secret"].(string)

	f := finding.Finding{
		RuleID:      rule.ID,
		Title:       rule.Title,
		Severity:    rule.Severity,
		Theme:       rule.Theme,
		Message:     redact.String(msg, secret),
		Remediation: rule.Remediation,
		Format:      doc.Format,
		Resource:    resource,
		Path:        path,
	}
	// A rule written once for several formats spells the fix in the
	// format's own terms (Properties vs arguments): the finding may carry it.
	if rem, ok := obj["remediation"].(string); ok && strings.TrimSpace(rem) != "" {
		f.Remediation = strings.TrimSpace(rem)
	}
	f.Location = locate(doc, path)
	if res, ok := doc.Resources[resource]; ok {
		f.ResourceType = res.Type
		if res.Name != "" && res.Name != resource {
			f.Resource, f.ResourceID = res.Name, resource
		}
		if src := sourceOf(res, path); src != nil {
			// The user wrote the resource elsewhere (CDK code, a module
			// call): point there first and keep the scanned line as context.
			f.Related = append(f.Related, finding.Related{Message: "as it appears in the scanned file", Range: f.Location})
			f.Location = *src
		}
		label := res.RelatedLabel
		if label == "" {
			label = "referenced here"
		}
		for _, r := range res.Related {
			f.Related = append(f.Related, finding.Related{Message: label, Range: r})
		}
	}
	if rel, ok := obj["related"].([]any); ok {
		for _, x := range rel {
			ro, _ := x.(map[string]any)
			rp, err := pathOf(ro["path"])
			if err != nil {
				return finding.Finding{}, "", fmt.Errorf("related: %w", err)
			}
			m, _ := ro["message"].(string)
			f.Related = append(f.Related, finding.Related{Message: redact.String(m, secret), Range: locate(doc, rp)})
		}
	}
	f.Fingerprint = fingerprint(rule.ID, doc.File, resource, path)
	return f, secret, nil
}

// locate maps a document path to a range, falling back to the deepest
// ancestor that exists and finally to the document's file.
func locate(doc *document.Document, path []string) document.Range {
	r, _ := doc.Positions.Lookup(path)
	if r.File == "" {
		r.File = doc.File
	}
	if r.Line == 0 {
		r.Line, r.Column = 1, 1
	}
	return r
}

// sourceOf picks the user-source range for a finding: the line that set the
// offending property when the scanner knows it, else the resource's.
func sourceOf(res document.Resource, path []string) *document.Range {
	for i, p := range path {
		if p == "Properties" && i+1 < len(path) {
			if r, ok := res.PropertySources[path[i+1]]; ok {
				return &r
			}
		}
	}
	return res.Source
}

func pathOf(v any) ([]string, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, fmt.Errorf("finding path must be a non-empty array, got %v", v)
	}
	out := make([]string, len(arr))
	for i, e := range arr {
		out[i] = document.PathElem(e)
		if out[i] == "" {
			return nil, fmt.Errorf("finding path element %d (%v) is not a string or number", i, e)
		}
	}
	return out, nil
}

// fingerprint identifies a finding by what it is about, not by its line.
func fingerprint(ruleID, file, resource string, path []string) string {
	h := sha256.New()
	for _, s := range []string{ruleID, file, resource, strings.Join(path, "\x1f")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
