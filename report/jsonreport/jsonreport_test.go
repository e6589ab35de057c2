package jsonreport

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The golden file is the schema by example: a diff in review is a schema change.
func TestGolden(t *testing.T) {
	reporttest.Golden(t, "sample.json", render(t, reporttest.Sample()), *update)
	reporttest.Golden(t, "empty.json", render(t, reporttest.Empty()), *update)
}

func TestShape(t *testing.T) {
	out := render(t, reporttest.Sample())
	if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.HasPrefix(out, []byte("{\n  \"version\": \"1\",\n")) {
		t.Errorf("want indented document starting with the version and ending in a newline:\n%s", out)
	}
	var doc struct {
		Version  string
		Tool     map[string]string
		Summary  map[string]any
		Findings []struct {
			RuleID   string
			Severity string
			Location struct {
				File                             string
				Line, Column, EndLine, EndColumn int
			}
			Related    []map[string]any
			Suppressed *struct{ Kind, Reason, Expires string }
			ResourceID string
		}
		Diagnostics []struct{ Level, Message string }
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tool["name"] != "tollgate" || doc.Tool["version"] != "1.2.3" {
		t.Errorf("tool = %v", doc.Tool)
	}
	s := doc.Summary
	if s["verdict"] != "undecided" || s["findings"] != 3.0 || s["suppressed"] != 2.0 || s["errors"] != 1.0 || s["warnings"] != 1.0 {
		t.Errorf("summary = %v", s)
	}
	if len(doc.Findings) != 5 || doc.Findings[0].Severity != "critical" || doc.Findings[0].ResourceID != "AssetsBucket1A2B3C" {
		t.Fatalf("findings = %+v", doc.Findings)
	}
	if l := doc.Findings[3].Location; l.File != "templates/db.yaml" || l.Line != 12 || l.Column != 7 || l.EndLine != 12 || l.EndColumn != 30 {
		t.Errorf("location = %v", l)
	}
	if len(doc.Findings[3].Related) != 2 {
		t.Errorf("related = %v", doc.Findings[3].Related)
	}
	if sp := doc.Findings[4].Suppressed; sp == nil || sp.Kind != "inline" || sp.Expires != "2030-01-01" {
		t.Errorf("suppression = %+v", sp)
	}
	if len(doc.Diagnostics) != 2 || doc.Diagnostics[1].Level != "error" {
		t.Errorf("diagnostics = %+v", doc.Diagnostics)
	}
	if !bytes.Contains(out, []byte(`see: <docs>, & more\nsecond line`)) {
		t.Error("message was HTML-escaped or altered")
	}
}

func TestEmptyHasArraysNotNull(t *testing.T) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(render(t, reporttest.Empty()), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "diagnostics"} {
		if string(doc[k]) != "[]" {
			t.Errorf("%s = %s, want []", k, doc[k])
		}
	}
	var sum struct{ BySeverity map[string]int }
	if err := json.Unmarshal(doc["summary"], &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.BySeverity) != 5 {
		t.Errorf("bySeverity must list all five severities: %v", sum.BySeverity)
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out := string(render(t, reporttest.WithRedactions()))
	if n := strings.Count(out, reporttest.Redacted); n != 3 {
		t.Errorf("%d placeholders, want 3:\n%s", n, out)
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, reporttest.Sample())
	for range 20 {
		if !bytes.Equal(a, render(t, reporttest.Sample())) {
			t.Fatal("output differs between runs")
		}
	}
}
