package document

import (
	"errors"
	"fmt"
	"testing"
)

func TestDiagnostics(t *testing.T) {
	var d Diagnostics
	d.Append("a.yaml", nil)
	if len(d) != 0 || d.HasErrors() {
		t.Fatal("a nil error is no diagnostic")
	}
	d.Add(LevelWarning, Range{File: "w.tf"}, "slow %d", 1)
	if d.HasErrors() {
		t.Fatal("a warning is not an error")
	}
	d.Append("a.yaml", fmt.Errorf("parse: %w", &SourceError{Range: Range{Line: 3, Column: 2}, Err: errors.New("bad indent")}))
	d.Append("b.yaml", errors.New("b.yaml: cannot read"))
	want := Diagnostics{
		{Level: LevelWarning, Message: "slow 1", Range: Range{File: "w.tf"}},
		{Level: LevelError, Message: "bad indent", Range: Range{File: "a.yaml", Line: 3, Column: 2}},
		{Level: LevelError, Message: "cannot read", Range: Range{File: "b.yaml"}},
	}
	if fmt.Sprint(d) != fmt.Sprint(want) || !d.HasErrors() {
		t.Fatalf("got %+v\nwant %+v", d, want)
	}
}

func TestHeader(t *testing.T) {
	d := &Document{Input: map[string]any{"tollgate": Header("dockerfile", "Dockerfile")}}
	if m := d.Meta(); m["api"] != int64(APIVersion) || m["format"] != "dockerfile" || m["file"] != "Dockerfile" {
		t.Fatalf("header %v", m)
	}
	if (&Document{Input: map[string]any{}}).Meta() != nil {
		t.Fatal("no header, no meta")
	}
}
