package formats

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// Every registered format has a unique name and a description, renders
// the sample report, and renders it the same way twice.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range All() {
		if f.Name == "" || f.Description == "" || f.Write == nil || seen[f.Name] {
			t.Fatalf("format %+v: want a unique name, a description and a writer", f)
		}
		seen[f.Name] = true
		var a, b bytes.Buffer
		env := report.Env{SourceRoot: "/src"}
		if err := f.Render(&a, reporttest.Sample(), env); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := f.Render(&b, reporttest.Sample(), env); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: empty or not deterministic", f.Name)
		}
		if !strings.Contains(Help(), f.Name) {
			t.Errorf("help does not list %s", f.Name)
		}
	}
	if _, err := Lookup("sarif"); err != nil {
		t.Fatal(err)
	}
	if _, err := Lookup("yaml"); err == nil || !strings.Contains(err.Error(), "gitlab-codequality") {
		t.Fatalf("an unknown format must be refused, listing the known ones: %v", err)
	}
}
