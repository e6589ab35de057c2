package rulefixtures

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tf := write("main.tf", "resource \"a\" \"b\" { # expect: rule-a, rule-b/unknown\n}\n# nothing here\nx = 1 #expect: rule-c\n")
	js := write("t.json", "{\n \"k\": 1\n}\n")
	write("t.json.expect", "2 rule-d\n")
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Expectation{{tf, 1, "rule-a"}, {tf, 1, "rule-b/unknown"}, {tf, 4, "rule-c"}, {js, 2, "rule-d"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	write("t.json.expect", "two rule-d\n")
	if _, err := Read(dir); err == nil {
		t.Fatal("a sidecar line without a number must be an error")
	}
	// An id the marker's pattern stops at is an error, not an
	// expectation quietly dropped.
	for _, bad := range []string{"# expect: rule-a rule-b", "# expect: rule-a, Rule_B", "# expect: rule-a; rule-b"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("x = 1 "+bad+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := Read(dir); err == nil {
			t.Errorf("%q: read as %+v, want an error", bad, got)
		}
	}
}
