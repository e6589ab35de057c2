package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/finding"
)

// undecidedRule stands for a library that records an undecided control
// only when the run asks, as lib/undecided does.
const undecidedRule = `# METADATA
# title: Password is set
# custom:
#   id: test-undecided
#   severity: high
#   theme: secrets
#   formats: [cloudformation]%s
package tollgate.test.undecided

deny contains u if {
	data.tollgate.config.unknown == "block"
	u := {"resource": "DB", "path": ["Resources", "DB", "Properties", "MasterUserPassword"], "undecided": %s}
}
`

const goodRecord = `{"field": "MasterUserPassword", "value": "Ref Pw", "reason": "a parameter without default"}`

func undecidedEngine(t *testing.T, meta, record string, opts Options) (*Engine, error) {
	t.Helper()
	opts.Builtin = fstest.MapFS{"u.rego": &fstest.MapFile{Data: []byte(strings.Replace(strings.Replace(undecidedRule, "%s", meta, 1), "%s", record, 1))}}
	opts.Formats = testFormats
	return New(context.Background(), opts)
}

func TestUndecidedFindings(t *testing.T) {
	ctx := context.Background()
	pass, err := undecidedEngine(t, "", goodRecord, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := pass.Evaluate(ctx, dbDoc()); err != nil || len(ev.Findings) != 0 {
		t.Fatalf("default mode: %v, %+v", err, ev.Findings)
	}
	block, err := undecidedEngine(t, "", goodRecord, Options{Unknown: UnknownBlock})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := block.Evaluate(ctx, dbDoc())
	if err != nil || len(ev.Findings) != 1 {
		t.Fatalf("block: %v, %+v", err, ev.Findings)
	}
	f := ev.Findings[0]
	if f.RuleID != "test-undecided/unknown" || f.Severity != finding.High || f.Location.Line != 6 ||
		f.Message != `cannot decide "Password is set": MasterUserPassword is Ref Pw, a parameter without default` {
		t.Fatalf("finding: %+v", f)
	}
	if known, _ := block.KnownID("test-undecided/unknown"); !known {
		t.Error("a waiver of test-undecided/unknown names no rule")
	}

	low, err := undecidedEngine(t, "", goodRecord, Options{Unknown: UnknownBlock, UnknownSeverity: "low"})
	if err != nil {
		t.Fatal(err)
	}
	if ev, _ := low.Evaluate(ctx, dbDoc()); len(ev.Findings) != 1 || ev.Findings[0].Severity != finding.Low {
		t.Fatalf("unknown severity low: %+v", ev.Findings)
	}

	// rules.disable: [<id>/unknown] turns off the undecided findings only.
	off, err := undecidedEngine(t, "", goodRecord, Options{Unknown: UnknownBlock, Disabled: []string{"test-undecided/unknown"}})
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := off.Evaluate(ctx, dbDoc()); err != nil || len(ev.Findings) != 0 || len(off.Rules()) != 1 {
		t.Fatalf("disabled test-undecided/unknown: %v, %+v, rules %v", err, ev.Findings, off.Rules())
	}

	out, err := undecidedEngine(t, "\n#   undecided: false", goodRecord, Options{Unknown: UnknownBlock})
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := out.Evaluate(ctx, dbDoc()); err != nil || len(ev.Findings) != 0 {
		t.Fatalf("custom.undecided: false: %v, %+v", err, ev.Findings)
	}
}

func TestUndecidedRefusals(t *testing.T) {
	if _, err := undecidedEngine(t, "\n#   undecided: sometimes", goodRecord, Options{}); err == nil || !strings.Contains(err.Error(), "custom.undecided must be true or false") {
		t.Errorf("custom.undecided: sometimes: %v", err)
	}
	if _, err := undecidedEngine(t, "", goodRecord, Options{Unknown: "maybe"}); err == nil {
		t.Error("unknown mode maybe accepted")
	}
	if _, err := undecidedEngine(t, "", goodRecord, Options{UnknownSeverity: "severe"}); err == nil {
		t.Error("unknown severity severe accepted")
	}
	// A record without its reason would make a finding that says nothing.
	e, err := undecidedEngine(t, "", `{"field": "MasterUserPassword", "value": "Ref Pw"}`, Options{Unknown: UnknownBlock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Evaluate(context.Background(), dbDoc()); err == nil || !strings.Contains(err.Error(), "test-undecided") {
		t.Errorf("incomplete record: %v", err)
	}
}
