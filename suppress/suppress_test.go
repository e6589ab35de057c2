package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

var day = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func doc(s ...document.Suppression) *document.Document {
	return &document.Document{Resources: map[string]document.Resource{"DB": {Suppressions: s}}}
}

func TestInlineSuppression(t *testing.T) {
	fs := []finding.Finding{{RuleID: "r1", Resource: "DB"}, {RuleID: "r2", Resource: "DB"}}
	diags := New(nil, day).Apply(doc(document.Suppression{RuleID: "r1", Reason: "legacy", Expires: "2026-12-01"}), fs)
	if len(diags) != 0 || fs[0].Suppressed == nil || fs[0].Suppressed.Kind != "inline" || fs[1].Suppressed != nil {
		t.Fatalf("got %+v %+v", fs, diags)
	}
}

func TestInlineSuppressionByConstructPathUsesLogicalID(t *testing.T) {
	fs := []finding.Finding{{RuleID: "r1", Resource: "App/Db/Resource", ResourceID: "DB"}}
	New(nil, day).Apply(doc(document.Suppression{RuleID: "r1", Reason: "x"}), fs)
	if fs[0].Suppressed == nil {
		t.Fatal("suppression keyed by logical id must apply to a CDK finding")
	}
}

func TestExpiredOrReasonlessInlineSuppressionWarnsAndReports(t *testing.T) {
	for _, s := range []document.Suppression{
		{RuleID: "r1", Reason: "old", Expires: "2026-11-24"},
		{RuleID: "r1"},
	} {
		fs := []finding.Finding{{RuleID: "r1", Resource: "DB"}}
		diags := New(nil, day).Apply(doc(s), fs)
		if fs[0].Suppressed != nil || len(diags) != 1 || diags[0].Level != document.LevelWarning {
			t.Fatalf("%+v: got %+v %+v", s, fs, diags)
		}
	}
}

func TestConfigIgnore(t *testing.T) {
	ig := []config.Ignore{
		{ID: "r1", Paths: []string{"legacy/**"}, Reason: "migrating"},
		{ID: "r2", Resources: []string{"Other"}, Reason: "x"},
		{ID: "r3", Reason: "gone", Expires: "2020-01-01"},
	}
	fs := []finding.Finding{
		{RuleID: "r1", Resource: "DB", Location: document.Range{File: "legacy/a.yaml"}},
		{RuleID: "r1", Resource: "DB", Location: document.Range{File: "new/a.yaml"}},
		{RuleID: "r2", Resource: "DB"},
		{RuleID: "r3", Resource: "DB"},
	}
	w := New(ig, day)
	w.Apply(doc(), fs)
	if fs[0].Suppressed == nil || fs[0].Suppressed.Kind != "config" {
		t.Error("path-matched ignore not applied")
	}
	for _, f := range fs[1:] {
		if f.Suppressed != nil {
			t.Errorf("%s wrongly suppressed", f.RuleID)
		}
	}
	exp := w.Expired(".tollgate.yaml")
	if len(exp) != 1 || !strings.Contains(exp[0].Message, "r3") {
		t.Fatalf("expired = %+v", exp)
	}
}
