package cloudformation

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
)

// locate returns the line and column of the nth occurrence (from 1) of
// token on the first line containing anchor, found in the fixture text so
// expectations come from the source, not from the parser under test.
func locate(t *testing.T, content []byte, anchor, token string, nth int) (int, int) {
	t.Helper()
	for i, line := range bytes.Split(content, []byte("\n")) {
		if !bytes.Contains(line, []byte(anchor)) {
			continue
		}
		off := 0
		for k := 0; k < nth; k++ {
			j := bytes.Index(line[off:], []byte(token))
			if j < 0 {
				t.Fatalf("token %q not found %d times on line %q", token, nth, line)
			}
			off += j + len(token)
		}
		start := off - len(token)
		return i + 1, utf8.RuneCount(line[:start]) + 1
	}
	t.Fatalf("anchor %q not found", anchor)
	return 0, 0
}

func TestPositions(t *testing.T) {
	type want struct {
		path          string
		anchor, token string
		nth           int
	}
	cases := map[string][]want{
		"testdata/s3-positions.yaml": {
			{"Resources.LogBucket", "LogBucket:", "LogBucket", 1},
			{"Resources.LogBucket.Properties", "Properties:", "Properties", 1},
			// A resolved !Ref keeps the position of the expression.
			{"Resources.LogBucket.Properties.BucketName", "BucketName:", "!Ref", 1},
			{"Resources.LogBucket.Properties.VersioningConfiguration", "VersioningConfiguration:", "VersioningConfiguration", 1},
			// A scalar is at its value token, wherever the key is.
			{"Resources.LogBucket.Properties.VersioningConfiguration.Status", "Status:", "Enabled", 1},
			{"Resources.LogBucket.Properties.Tags.0", "Key: team", "Key", 1},
			{"Resources.LogBucket.Properties.Tags.0.Value", "Value: platform", "platform", 1},
			{"Resources.LogBucket.Properties.Tags.1.Key", "Key: env", "env", 1},
			{"Resources.LogBucket.Properties.Tags.1.Value", "Fn::Join", "Fn::Join", 1},
			{"Parameters.BucketPrefix.Default", "Default: logs", "logs", 1},
		},
		"testdata/s3-positions.json": {
			{"Resources.LogBucket", `"LogBucket"`, `"LogBucket"`, 1},
			{"Resources.LogBucket.Properties", `"Properties"`, `"Properties"`, 1},
			{"Resources.LogBucket.Properties.BucketName", `"BucketName"`, `{"Ref"`, 1},
			{"Resources.LogBucket.Properties.VersioningConfiguration.Status", `"Status"`, `"Enabled"`, 1},
			{"Resources.LogBucket.Properties.Tags.0", `"team"`, `{`, 1},
			{"Resources.LogBucket.Properties.Tags.0.Value", `"team"`, `"platform"`, 1},
			{"Resources.LogBucket.Properties.Tags.1.Key", `"env"`, `"env"`, 1},
			{"Resources.LogBucket.Properties.Tags.1.Value", `"env"`, `{"Fn::Join"`, 1},
			{"Parameters.BucketPrefix.Default", `"BucketPrefix"`, `"logs"`, 1},
		},
	}
	for file, wants := range cases {
		t.Run(file, func(t *testing.T) {
			content, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(file, content)
			if err != nil {
				t.Fatal(err)
			}
			props := doc.Input["Resources"].(map[string]any)["LogBucket"].(map[string]any)["Properties"].(map[string]any)
			if props["BucketName"] != "logs" {
				t.Errorf("BucketName = %#v, want the parameter default", props["BucketName"])
			}
			if v := props["Tags"].([]any)[1].(map[string]any)["Value"]; v != "logs-prod" {
				t.Errorf("Tags.1.Value = %#v", v)
			}
			for _, w := range wants {
				line, col := locate(t, content, w.anchor, w.token, w.nth)
				got, exact := doc.Positions.Lookup(strings.Split(w.path, "."))
				if !exact || got.Line != line || got.Column != col || got.File != file {
					t.Errorf("%s at %s:%d:%d (exact %v), want %d:%d", w.path, got.File, got.Line, got.Column, exact, line, col)
				}
			}
		})
	}
}

// Every value in the input has a recorded position.
func TestEveryInputPathHasAPosition(t *testing.T) {
	for _, file := range []string{"testdata/s3-positions.yaml", "testdata/s3-positions.json", "testdata/suppressions.yaml"} {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(file, content)
		if err != nil {
			t.Fatal(err)
		}
		var walk func(v any, path []string)
		walk = func(v any, path []string) {
			if len(path) > 0 && path[0] != "tollgate" {
				if _, exact := doc.Positions.Lookup(path); !exact {
					t.Errorf("%s: no position for %v", file, path)
				}
			}
			switch x := v.(type) {
			case map[string]any:
				if document.IsUnknown(x) {
					return
				}
				for k, c := range x {
					walk(c, append(append([]string(nil), path...), k))
				}
			case []any:
				for i, c := range x {
					walk(c, append(append([]string(nil), path...), document.PathElem(i)))
				}
			}
		}
		walk(doc.Input, nil)
	}
}

func TestNoValueShiftsListIndices(t *testing.T) {
	src := "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      L:\n        - !Ref AWS::NoValue\n        - kept\n"
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, exact := doc.Positions.Lookup([]string{"Resources", "R", "Properties", "L", "0"})
	if !exact || r.Line != 7 || r.Column != 11 {
		t.Fatalf("L.0 should be the element that was kept (7:11), got %+v exact=%v", r, exact)
	}
	if _, exact := doc.Positions.Lookup([]string{"Resources", "R", "Properties", "L", "1"}); exact {
		t.Fatal("L.1 must not exist after NoValue removed an element")
	}
}
