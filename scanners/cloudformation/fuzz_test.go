package cloudformation

import (
	"encoding/json"
	"errors"
	"os"
	"path"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/document"
)

func FuzzParse(f *testing.F) {
	for _, file := range []string{"testdata/s3-positions.yaml", "testdata/s3-positions.json", "testdata/suppressions.yaml", "testdata/malformed-json.json"} {
		content, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(file, content)
	}
	f.Add("t.yaml", []byte("a: &a [*a]"))
	f.Add("t.yaml", []byte("Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      V: !If [C, !Sub '${AWS::Region}', !Select [0, !Split [',', 'a,b']]]\n"))
	f.Add("t.template", []byte(`{"Resources": {"R": {"Properties": {"X": {"Fn::Join": ["", [{"Ref": "P"}]]}}}}}`))
	f.Add("s/t.yaml", []byte("Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ../c/./child.yaml, Parameters: {A: !Transform {Name: AWS::Include}}}\n"))
	f.Fuzz(func(t *testing.T, file string, content []byte) {
		// A scan must not hang on any input: a hostile template would stall
		// the pipeline. Small inputs parse in microseconds.
		type result struct {
			doc *document.Document
			err error
		}
		done := make(chan result, 1)
		go func() {
			doc, err := Parse(file, content)
			done <- result{doc, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("Parse(%q) did not finish in 3s on %d bytes: %q", file, len(content), content)
		}
		doc, err := r.doc, r.err
		if err != nil {
			var se *document.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error is not a SourceError: %v", err)
			}
			return
		}
		// The input must be JSON-compatible, as the engine requires.
		if _, err := json.Marshal(doc.Input); err != nil {
			t.Fatalf("input is not JSON-compatible: %v", err)
		}
		// Discovery matches nested templates to discovered paths, which are
		// clean.
		for _, c := range NestedTemplates(file, content) {
			if c != path.Clean(c) {
				t.Fatalf("nested template path %q is not clean", c)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	// The same real template in both syntaxes: parameters, conditions,
	// mappings and most intrinsics, about 20-40 KB.
	for _, name := range []string{"NeptuneDB/Neptune.yaml", "NeptuneDB/Neptune.json"} {
		b.Run(name, func(b *testing.B) {
			file := corpusDir + "/" + name
			content, err := os.ReadFile(file)
			if err != nil {
				b.Skipf("corpus not available: %v", err)
			}
			b.SetBytes(int64(len(content)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(file, content); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
