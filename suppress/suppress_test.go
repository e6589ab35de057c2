package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/governance"
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

// A configuration waiver names a resource as findings show it or by its id
// in the document: a Dockerfile stage shown as "stage builder (golang:1.22)"
// is still waived by resources: [builder], as before stages had labels.
func TestConfigIgnoreByResourceID(t *testing.T) {
	ig := []config.Ignore{
		{ID: "r1", Resources: []string{"builder"}, Reason: "build stage only"},
		{ID: "r2", Resources: []string{"stage 1 (alpine:3.20)"}, Reason: "shown name"},
	}
	fs := []finding.Finding{
		{RuleID: "r1", Resource: "stage builder (golang:1.22)", ResourceID: "builder"},
		{RuleID: "r1", Resource: "stage 1 (alpine:3.20)", ResourceID: "stage[1]"},
		{RuleID: "r2", Resource: "stage 1 (alpine:3.20)", ResourceID: "stage[1]"},
		{RuleID: "r2", Resource: "stage[1]"},
	}
	New(ig, day).Apply(doc(), fs)
	for i, want := range []bool{true, false, true, false} {
		if got := fs[i].Suppressed != nil; got != want {
			t.Errorf("finding %d (%s on %s): suppressed %v, want %v", i, fs[i].RuleID, fs[i].Resource, got, want)
		}
	}
}

// orgPolicy governs with the organisation configuration src.
func orgPolicy(t *testing.T, src string) *governance.Policy {
	t.Helper()
	org, err := config.ParseOrg([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return governance.New(org, "org.yaml")
}

var govRules = governance.NewRules([]finding.Rule{
	{ID: "r1", Theme: "encryption"}, {ID: "r2", Theme: "logging"}, {ID: "r3", Theme: "secrets"},
})

func entryAt(i int) document.Range {
	return document.Range{File: ".tollgate.yaml", Line: 10 + i, Column: 5}
}

// Repository waivers the organisation refuses are not applied, each is a
// violation where it is written; the organisation's own waivers apply.
func TestGovernedWaivers(t *testing.T) {
	gov := orgPolicy(t, `locked_rules: [encryption]
forbid_inline_suppressions: [r3]
require_waiver_owner: true
ignore:
  - {id: r1, resources: [Org], reason: signed off by security, owner: security}
`)
	w := New([]config.Ignore{
		{ID: "r1", Reason: "locked by theme", Owner: "me"},
		{ID: "r2", Reason: "owned", Owner: "me", Resources: []string{"DB"}},
		{ID: "r2", Reason: "no owner", Resources: []string{"Other"}},
		{ID: "r3", Reason: "config waivers of a forbidden rule are the organisation's", Owner: "me", Resources: []string{"Cfg"}},
	}, day)
	w.Locate(entryAt)
	w.Govern(gov, govRules)
	d := &document.Document{Resources: map[string]document.Resource{
		"DB":  {Suppressions: []document.Suppression{{RuleID: "r3", Reason: "test key", Owner: "me", Range: document.Range{File: "a.tf", Line: 2, Column: 1}}}},
		"Org": {},
		"Cfg": {},
		"Any": {Suppressions: []document.Suppression{{RuleID: "*", Reason: "sandbox", Owner: "me", Range: document.Range{File: "a.tf", Line: 20, Column: 1}}}},
	}}
	fs := []finding.Finding{
		{RuleID: "r1", Theme: "encryption", Resource: "DB"},
		{RuleID: "r1", Theme: "encryption", Resource: "Org"},
		{RuleID: "r2", Theme: "logging", Resource: "DB"},
		{RuleID: "r3", Theme: "secrets", Resource: "DB"},
		{RuleID: "r3", Theme: "secrets", Resource: "Cfg"},
		{RuleID: "r1", Theme: "encryption", Resource: "Any"},
		{RuleID: "r2", Theme: "logging", Resource: "Any"},
	}
	w.Apply(d, fs)
	want := []string{"", "org", "config", "", "", "", "inline"}
	for i, f := range fs {
		got := ""
		if f.Suppressed != nil {
			got = f.Suppressed.Kind
		}
		if got != want[i] {
			t.Errorf("finding %d (%s on %s): suppressed %q, want %q", i, f.RuleID, f.Resource, got, want[i])
		}
	}
	if fs[1].Suppressed != nil && fs[1].Suppressed.Owner != "security" {
		t.Errorf("the organisation's waiver keeps its owner: %+v", fs[1].Suppressed)
	}
	var got []string
	for _, v := range w.Violations() {
		got = append(got, v.Location.String()+" "+v.Resource)
	}
	wantV := []string{".tollgate.yaml:10:5 ignore[0]", ".tollgate.yaml:12:5 ignore[2]", ".tollgate.yaml:13:5 ignore[3]", "a.tf:2:1 DB", "a.tf:20:1 Any"}
	if strings.Join(got, "\n") != strings.Join(wantV, "\n") {
		t.Fatalf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantV, "\n"))
	}
}

// The same inline waiver reached through two documents (a module called
// twice) is one violation, named after the first resource by name
// whichever document is applied first.
func TestInlineViolationOncePerWaiver(t *testing.T) {
	gov := orgPolicy(t, "require_waiver_owner: true\n")
	at := document.Range{File: "mod/main.tf", Line: 1, Column: 1}
	mk := func(res string) *document.Document {
		return &document.Document{Resources: map[string]document.Resource{res: {Suppressions: []document.Suppression{{RuleID: "r2", Reason: "x", Range: at}}}}}
	}
	for _, order := range [][]string{{"module.b.x", "module.a.x"}, {"module.a.x", "module.b.x"}} {
		w := New(nil, day)
		w.Govern(gov, govRules)
		for _, res := range order {
			w.Apply(mk(res), []finding.Finding{{RuleID: "r2", Resource: res}})
		}
		v := w.Violations()
		if len(v) != 1 || v[0].Resource != "module.a.x" {
			t.Fatalf("order %v: %+v", order, v)
		}
	}
}

// Waivers that matched no finding are listed, wherever they are written;
// ignore: entries only when the run covered everything they may match.
func TestUnused(t *testing.T) {
	w := New([]config.Ignore{
		{ID: "r1", Reason: "used"},
		{ID: "r2", Reason: "unused", Resources: []string{"Other"}},
		{ID: "typo", Reason: "warned about as unknown already"},
		{ID: "r3", Reason: "expired but matching", Expires: "2020-01-01"},
	}, day)
	w.Locate(entryAt)
	w.CheckIDs(func(id string) (bool, string) { _, ok := govRules[id]; return ok, "" })
	d := &document.Document{Resources: map[string]document.Resource{
		"DB": {Suppressions: []document.Suppression{
			{RuleID: "r2", Reason: "used", Range: document.Range{File: "t.yaml", Line: 5, Column: 9}},
			{RuleID: "r3", Reason: "unused", Range: document.Range{File: "t.yaml", Line: 7, Column: 9}},
		}},
		"Q": {Suppressions: []document.Suppression{{RuleID: "*", Reason: "nothing here", Range: document.Range{File: "t.yaml", Line: 12, Column: 9}}}},
	}}
	w.Apply(d, []finding.Finding{{RuleID: "r1", Resource: "DB"}, {RuleID: "r2", Resource: "DB"}, {RuleID: "r3", Resource: "X"}})
	var got []string
	for _, u := range w.Unused(false) {
		got = append(got, u.At.String()+" "+u.Describe())
	}
	want := []string{
		".tollgate.yaml:11:5 ignore[1] (r2)",
		"t.yaml:7:9 the inline waiver of r3 on DB",
		"t.yaml:12:9 the inline waiver of * on Q",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("unused:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if u := w.Unused(true); len(u) != 2 || !u[0].Inline {
		t.Fatalf("a partial run lists only inline waivers: %+v", u)
	}
}
