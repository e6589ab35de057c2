package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

func scanUnit(t *testing.T, s Scanner, file string) scanners.Result {
	t.Helper()
	res, err := s.Scan(context.Background(), scanners.Unit{Path: file})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func diagLines(ds []document.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, string(d.Level)+" "+d.Range.String()+": "+d.Message)
	}
	return strings.Join(out, "\n")
}

// A nested stack with a local TemplateURL is scanned with the parameters
// its parent passes; its resources keep the child's positions and point
// back at the parent's Stack resource. Remote and computed URLs are
// unknowns with a warning.
func TestNestedStackGetsParentParameters(t *testing.T) {
	res := scanUnit(t, Scanner{}, "testdata/nested-parameters/parent.yaml")
	if len(res.Documents) != 2 {
		t.Fatalf("%d documents, want parent and child", len(res.Documents))
	}
	child := res.Documents[1]
	if child.File != "testdata/nested-parameters/stacks/storage.yaml" {
		t.Fatalf("child file %q", child.File)
	}
	props := func(id string) map[string]any {
		return child.Input["Resources"].(map[string]any)[id].(map[string]any)["Properties"].(map[string]any)
	}
	if got := props("Volume")["Encrypted"]; got != "false" {
		t.Errorf("Encrypted = %#v, want the parent's \"false\" over the child's default", got)
	}
	if got := props("Volume")["Size"]; got != int64(10) {
		t.Errorf("Size = %#v, want the child's default 10 (the parent passes none)", got)
	}
	if got := props("Db")["DBSubnetGroupName"]; got != "subnet-b" {
		t.Errorf("DBSubnetGroupName = %#v, want subnet-b from the list the parent passes", got)
	}
	pw, _ := props("Db")["MasterUserPassword"].(map[string]any)
	if !document.IsUnknown(pw) || pw["sensitive"] != true {
		t.Errorf("MasterUserPassword = %#v, want a sensitive unknown (the parent passes a NoEcho parameter)", pw)
	}
	if r, _ := child.Positions.Lookup([]string{"Resources", "Volume", "Properties", "Encrypted"}); r.File != child.File || r.Line != 13 {
		t.Errorf("Encrypted at %v, want the child's line 13", r)
	}
	vol := child.Resources["Volume"]
	if len(vol.Related) != 1 || vol.Related[0].String() != "testdata/nested-parameters/parent.yaml:6:3" {
		t.Errorf("Volume related = %v, want the parent's Storage resource", vol.Related)
	}
	want := strings.Join([]string{
		"warning testdata/nested-parameters/parent.yaml:17:20: nested stack Remote: TemplateURL https://s3.amazonaws.com/templates/network.yaml is remote; its template adds content at deploy time that tollgate cannot see",
		"warning testdata/nested-parameters/parent.yaml:21:20: nested stack Computed: TemplateURL Fn::Sub stacks/${Env}.yaml is known only at deploy time; its template adds content that tollgate cannot see",
	}, "\n")
	if got := diagLines(res.Diagnostics); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// A cycle is an error at the TemplateURL that closes it, not a hang.
func TestNestedStackCycle(t *testing.T) {
	res := scanUnit(t, Scanner{}, "testdata/nested-cycle/a.yaml")
	want := "error testdata/nested-cycle/b.yaml:5:20: nested stack A: cycle testdata/nested-cycle/a.yaml -> testdata/nested-cycle/b.yaml -> testdata/nested-cycle/a.yaml"
	if got := diagLines(res.Diagnostics); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Documents) != 2 {
		t.Errorf("%d documents, want a.yaml and b.yaml once each", len(res.Documents))
	}
}

// A template outside the scan root is not read, and a missing one cannot be
// checked: both are errors (the run cannot decide), not silent passes.
func TestNestedStackOutsideRootOrMissing(t *testing.T) {
	res := scanUnit(t, Scanner{Roots: []string{"testdata/nested-escape/root"}}, "testdata/nested-escape/root/parent.yaml")
	got := diagLines(res.Diagnostics)
	for _, want := range []string{
		"error testdata/nested-escape/root/parent.yaml:5:20: nested stack Outside: template testdata/nested-escape/outside.yaml is outside the scan root; not read",
		"error testdata/nested-escape/root/parent.yaml:9:20: nested stack Missing: template testdata/nested-escape/root/missing.yaml: stat",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics:\n%s\nwant a line starting %q", got, want)
		}
	}
	if len(res.Documents) != 1 {
		t.Errorf("%d documents, want only the parent", len(res.Documents))
	}
}

func TestNestedTemplates(t *testing.T) {
	content := []byte("Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ../child.yaml}\n  R:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: 's3://b/k.yaml'}\n")
	got := NestedTemplates("stacks/parent.yaml", content)
	if strings.Join(got, ",") != "child.yaml" {
		t.Errorf("NestedTemplates = %v, want [child.yaml]", got)
	}
}

// Templates that each nest the next one twice would double the work per
// level; the count of templates one scan reaches is bounded and the excess
// is an error, not a hang.
func TestNestedStackFanOutIsBounded(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 20; i++ {
		body := "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
		if i < 19 {
			next := fmt.Sprintf("t%02d.yaml", i+1)
			body = "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: " + next + "}\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: " + next + "}\n"
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%02d.yaml", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := scanUnit(t, Scanner{}, filepath.ToSlash(filepath.Join(dir, "t00.yaml")))
	if len(res.Documents) > maxNested+2 {
		t.Errorf("%d documents, want at most about %d", len(res.Documents), maxNested)
	}
	if got := diagLines(res.Diagnostics); !strings.Contains(got, "more than 1000 nested stack templates") {
		t.Errorf("diagnostics:\n%s\nwant the bound reported", got)
	}
	if len(res.Diagnostics) > 2*20 {
		t.Errorf("%d diagnostics, want one per level at most", len(res.Diagnostics))
	}
}
