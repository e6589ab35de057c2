package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/finding"
)

func TestWriteLoadApply(t *testing.T) {
	old := []finding.Finding{
		{RuleID: "r2", Resource: "B", Fingerprint: "fp2"},
		{RuleID: "r1", Resource: "A", Fingerprint: "fp1"},
		{RuleID: "r1", Resource: "A", Fingerprint: "fp1"}, // same finding twice
		{RuleID: "r3", Resource: "C", Fingerprint: "fp3", Suppressed: &finding.Suppression{Kind: "inline", Reason: "x"}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, old); err != nil {
		t.Fatal(err)
	}
	if strings.Count(buf.String(), `"fingerprint"`) != 2 || strings.Index(buf.String(), "fp1") > strings.Index(buf.String(), "fp2") {
		t.Fatalf("want fp1 then fp2 only, got:\n%s", buf.String())
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []finding.Finding{
		{RuleID: "r1", Resource: "A", Fingerprint: "fp1"},
		{RuleID: "r4", Resource: "D", Fingerprint: "fp4"},
	}
	set.Apply(now)
	if now[0].Suppressed == nil || now[0].Suppressed.Kind != "baseline" {
		t.Errorf("baselined finding not suppressed: %+v", now[0])
	}
	if now[1].Suppressed != nil {
		t.Errorf("a new finding must not be suppressed")
	}
}

func TestLoadRejects(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"not json":       "{",
		"future version": `{"version": 2, "findings": []}`,
		"no fingerprint": `{"version": 1, "findings": [{"ruleId": "r"}]}`,
	}
	for name, content := range cases {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing baseline must be an error")
	}
}

// An entry is located by its fingerprint, so a report can point at the
// line of the baseline that accepted a finding.
func TestEntryLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	src := "{\"version\": 1, \"findings\": [\n  {\"ruleId\": \"r1\", \"fingerprint\": \"fp1\"},\n\n  {\"fingerprint\" :\"fp2\"}\n]}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if set.Line("fp1") != 2 || set.Line("fp2") != 4 || set.Line("fp3") != 0 || set.Name() != path {
		t.Fatalf("lines fp1 %d fp2 %d fp3 %d, name %s", set.Line("fp1"), set.Line("fp2"), set.Line("fp3"), set.Name())
	}
}

// FuzzEntryLines: whatever a baseline file holds, each fingerprint found
// is placed on one of its lines.
func FuzzEntryLines(f *testing.F) {
	f.Add([]byte("{\"findings\": [\n {\"fingerprint\": \"a\"},\n {\"fingerprint\":\"b\"}]}"))
	f.Add([]byte(`"fingerprint": "x\"y"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		for fp, line := range entryLines(data) {
			if line < 1 || line > lines {
				t.Fatalf("fingerprint %q on line %d of %d", fp, line, lines)
			}
		}
	})
}
