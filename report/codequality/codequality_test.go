package codequality

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// item is what GitLab requires of every entry.
type item struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    *struct {
		Path  string `json:"path"`
		Lines *struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func render(t *testing.T, r report.Report, opts Options) ([]byte, []item) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	var items []item
	if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), items
}

func TestRequiredFields(t *testing.T) {
	r := reporttest.Sample()
	_, items := render(t, r, Options{SourceRoot: reporttest.Root})
	if len(items) != 3 {
		t.Fatalf("%d issues, want the 3 unsuppressed findings", len(items))
	}
	valid := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	seen := map[string]bool{}
	for i, it := range items {
		if it.Description == "" || it.CheckName == "" || it.Fingerprint == "" || !valid[it.Severity] ||
			it.Location == nil || it.Location.Path == "" || it.Location.Lines == nil || it.Location.Lines.Begin < 1 {
			t.Errorf("issue %d lacks a required field: %+v", i, it)
		}
		if strings.HasPrefix(it.Location.Path, "/") {
			t.Errorf("issue %d: path %q is not relative", i, it.Location.Path)
		}
		if seen[it.Fingerprint] {
			t.Errorf("issue %d: duplicate fingerprint", i)
		}
		seen[it.Fingerprint] = true
	}
	got := []string{items[0].Severity, items[1].Severity, items[2].Severity}
	if strings.Join(got, ",") != "blocker,major,critical" {
		t.Errorf("severities = %v", got)
	}
	if items[0].Location.Path != "lib/stack.ts" || items[0].Location.Lines.Begin != 14 || items[0].CheckName != "aws-s3-block-public-access" {
		t.Errorf("first issue = %+v", items[0])
	}
	if !strings.HasPrefix(items[0].Description, "Stack/Assets/Bucket: BlockPublicAcls is false") {
		t.Errorf("description = %q", items[0].Description)
	}
}

func TestFingerprints(t *testing.T) {
	r := reporttest.Sample()
	_, a := render(t, r, Options{})
	// Moving a finding keeps its fingerprint; a repeated one stays unique.
	r.Findings[1].Location.Line += 10
	r.Findings[3].Fingerprint = r.Findings[1].Fingerprint
	_, b := render(t, r, Options{})
	if a[1].Fingerprint != b[1].Fingerprint {
		t.Error("fingerprint changed with the line")
	}
	if b[1].Fingerprint == b[2].Fingerprint {
		t.Error("duplicate upstream fingerprint produced duplicate GitLab fingerprints")
	}
	if len(a[0].Fingerprint) != 64 {
		t.Errorf("fingerprint %q is not a sha256 hex digest", a[0].Fingerprint)
	}
}

func TestEmpty(t *testing.T) {
	out, _ := render(t, reporttest.Empty(), Options{})
	if string(out) != "[]\n" {
		t.Errorf("empty report = %q, want []", out)
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out, _ := render(t, reporttest.WithRedactions(), Options{})
	// Only the finding message: Code Quality has no related locations or diagnostics.
	if n := strings.Count(string(out), reporttest.Redacted); n != 1 {
		t.Errorf("%d placeholders, want 1:\n%s", n, out)
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := render(t, reporttest.Sample(), Options{})
	for range 10 {
		if b, _ := render(t, reporttest.Sample(), Options{}); !bytes.Equal(a, b) {
			t.Fatal("output differs between runs")
		}
	}
}
