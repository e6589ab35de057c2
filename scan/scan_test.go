package scan

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/scanners"
)

// A rule that reports every resource's Secret property and names it.
const rule = `# METADATA
# title: no secrets
# custom:
#   id: t-secret
#   severity: high
#   theme: secrets
#   formats: [cloudformation]
package t.secret

deny contains f if {
	some name, r in input.Resources
	s := r.Secret
	f := {"resource": name, "path": ["Resources", name, "Secret"], "message": "found a secret", "secret": s}
}

deny contains f if {
	some name, r in input.Resources
	r.Note
	f := {"resource": name, "path": ["Resources", name], "message": sprintf("note: %s", [r.Note])}
}
`

// fakeScanner turns the unit's content into a document; "fail" fails with
// a positioned error.
type fakeScanner struct{}

func (fakeScanner) Name() string { return "fake" }

func (fakeScanner) Scan(_ context.Context, u scanners.Unit) (scanners.Result, error) {
	if string(u.Content) == "fail" {
		return scanners.Result{}, &document.SourceError{Range: document.Range{File: u.Path, Line: 3, Column: 7}, Err: errors.New("bad token")}
	}
	pos := document.NewPositions()
	pos.Set([]string{"Resources", "R"}, document.Range{File: u.Path, Line: 2, Column: 1})
	pos.Set([]string{"Resources", "R", "Secret"}, document.Range{File: u.Path, Line: 4, Column: 9})
	res := map[string]any{"Secret": string(u.Content)}
	if strings.HasPrefix(u.Path, "b") {
		// Another document mentions the secret of the first one in text.
		res = map[string]any{"Note": "copied hunter2hunter2"}
	}
	if strings.HasPrefix(u.Path, "n") {
		res = map[string]any{"Note": "plain"}
	}
	return scanners.Result{Documents: []*document.Document{{
		Format: document.FormatCloudFormation, File: u.Path, Positions: pos,
		Input: map[string]any{"Resources": map[string]any{"R": res}},
	}}}, nil
}

func TestRunOrdersRedactsAndKeepsGoing(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Builtin: fstest.MapFS{"t.rego": {Data: []byte(rule)}}})
	if err != nil {
		t.Fatal(err)
	}
	targets := []discover.Target{
		{Kind: "fake", Unit: scanners.Unit{Path: "c.yaml", Content: []byte("fail")}},
		{Kind: "fake", Unit: scanners.Unit{Path: "b.yaml", Content: []byte("x")}},
		{Kind: "fake", Unit: scanners.Unit{Path: "a.yaml", Content: []byte("hunter2hunter2")}},
		{Kind: "unknown-kind", Unit: scanners.Unit{Path: "d.bin"}},
	}
	res := Run(context.Background(), targets, Options{Engine: eng, Scanners: map[string]scanners.Scanner{"fake": fakeScanner{}}, Workers: 3})
	if len(res.Findings) != 2 || res.Findings[0].Location.File != "a.yaml" || res.Findings[1].Location.File != "b.yaml" {
		t.Fatalf("findings not sorted by file: %+v", res.Findings)
	}
	if res.Findings[0].Location.Line != 4 || res.Findings[0].Location.Column != 9 {
		t.Errorf("location = %+v", res.Findings[0].Location)
	}
	if strings.Contains(res.Findings[1].Message, "hunter2") {
		t.Errorf("a secret found in one document must be redacted everywhere: %q", res.Findings[1].Message)
	}
	if len(res.Diagnostics) != 2 {
		t.Fatalf("diagnostics = %+v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Range.File != "c.yaml" || d.Range.Line != 3 || d.Range.Column != 7 || d.Message != "bad token" || d.Level != document.LevelError {
		t.Errorf("positioned scan error lost its place: %+v", d)
	}
	if !strings.Contains(res.Diagnostics[1].Message, "no unknown-kind scanner") {
		t.Errorf("missing scanner must be an error: %+v", res.Diagnostics[1])
	}
	if res.FilesScanned["fake"] != 3 {
		t.Errorf("files scanned = %v", res.FilesScanned)
	}
}
