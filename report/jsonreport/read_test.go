package jsonreport

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

func TestReadRoundTrips(t *testing.T) {
	want := reporttest.Sample()
	var buf bytes.Buffer
	if err := Write(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != len(want.Findings) || len(got.Diagnostics) != len(want.Diagnostics) {
		t.Fatalf("read %d findings and %d diagnostics, wrote %d and %d", len(got.Findings), len(got.Diagnostics), len(want.Findings), len(want.Diagnostics))
	}
	for i, f := range got.Findings {
		w := want.Findings[i]
		if f.Location != w.Location || f.Severity != w.Severity || f.Fingerprint != w.Fingerprint ||
			len(f.Related) != len(w.Related) || (f.Suppressed == nil) != (w.Suppressed == nil) {
			t.Errorf("finding %d: got %+v, want %+v", i, f, w)
		}
	}
	if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
		t.Errorf("diagnostics differ:\n got %+v\nwant %+v", got.Diagnostics, want.Diagnostics)
	}
	// Everything else: writing what was read gives the same document.
	var again bytes.Buffer
	got.Rules, got.Summary = want.Rules, want.Summary
	if err := Write(&again, got); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	_ = Write(&buf, want)
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("write(read(write(r))) differs from write(r)")
	}
}

func TestReadRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"other version": `{"version": "2"}`,
		"unknown field": `{"version": "1", "extra": 1}`,
		"bad severity":  `{"version": "1", "findings": [{"severity": "urgent"}]}`,
		"not json":      `{`,
	} {
		if _, err := Read(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// FuzzRead: no input panics the reader, and whatever it accepts can be
// written back.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	_ = Write(&buf, reporttest.Sample())
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version": "1", "findings": [{"severity": "low"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := Write(io.Discard, r); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
	})
}
