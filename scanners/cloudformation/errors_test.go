package cloudformation

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, file, content string
		line, col           int // col 0: the parser reports no column
		msg                 string
	}{
		{"empty", "t.yaml", "", 1, 1, "empty template"},
		{"whitespace only", "t.json", " \n\t\n", 1, 1, "empty template"},
		{"binary", "t.yaml", "AWSTemplateFormatVersion: x\nab\x00\x01\x02", 2, 3, "not a text template"},
		{"invalid UTF-8", "t.json", "{\"a\":\n \"\xff\xfe\"}", 2, 3, "not a text template"},
		{"JSON trailing comma", "t.json", "{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}", 3, 14, "invalid character ']'"},
		{"JSON missing comma", "t.json", "{\"a\": 1\n \"b\": 2}", 2, 2, "invalid character '\"'"},
		{"JSON bad literal", "t.json", "{\n  \"a\": tru }", 2, 11, "invalid character ' '"},
		{"JSON bad escape", "t.json", "{\"a\": \"x\\q\"}", 1, 10, "invalid character 'q'"},
		{"JSON truncated", "t.json", "{\"a\": {\"b\": 1}", 1, 15, "unexpected end of JSON input"},
		{"JSON trailing data", "t.json", "{\"a\": 1}\n{\"b\": 2}", 2, 1, "unexpected data after"},
		{"JSON duplicate key", "t.json", "{\"a\": 1,\n  \"a\": 2}", 2, 3, `duplicate key "a"`},
		{"YAML duplicate key", "t.yaml", "Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::SQS::Queue}\n", 3, 3, `duplicate key "A"`},
		{"YAML bad indentation", "t.yaml", "Resources:\n  A:\n    Type: x\n   Properties: {}\n", 4, 0, ""},
		{"YAML unknown tag", "t.yaml", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Reff Y\n", 5, 10, "unknown tag !Reff"},
		{"YAML two documents", "t.yaml", "Resources: {}\n---\nResources: {}\n", 2, 1, "more than one YAML document"},
		{"root is a list", "t.yaml", "- a\n- b\n", 1, 1, "not a mapping"},
		{"Resources is a list", "t.yaml", "Resources:\n  - a\n", 1, 1, "Resources section is not a mapping"},
		{"deep nesting YAML", "t.yaml", "a: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", 1, 0, "deeper than"},
		{"deep nesting JSON", "t.json", "{\"a\": " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "}", 1, 0, "deeper than"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.file, []byte(tc.content))
			var se *document.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a SourceError", err)
			}
			if se.Range.File != tc.file || se.Range.Line != tc.line || (tc.col != 0 && se.Range.Column != tc.col) {
				t.Errorf("error at %s:%d:%d, want %s:%d:%d (%v)", se.Range.File, se.Range.Line, se.Range.Column, tc.file, tc.line, tc.col, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

func TestMalformedFixtures(t *testing.T) {
	cases := []struct {
		file      string
		line, col int
	}{
		// The unterminated flow sequence; yaml.v3 reports no column.
		{"testdata/malformed-yaml.yaml", 6, 0},
		{"testdata/malformed-json.json", 6, 40},
	}
	for _, tc := range cases {
		content, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if !Detect(tc.file, content) {
			t.Errorf("%s: not detected", tc.file)
		}
		_, err = Parse(tc.file, content)
		var se *document.SourceError
		if !errors.As(err, &se) || se.Range.Line != tc.line || (tc.col != 0 && se.Range.Column != tc.col) {
			t.Errorf("%s: error %v, want line %d col %d", tc.file, err, tc.line, tc.col)
		}
	}
}

func TestAliasBomb(t *testing.T) {
	content, err := os.ReadFile("testdata/alias-bomb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("testdata/alias-bomb.yaml", content)
	if !errors.Is(err, errTooLarge) {
		t.Fatalf("error %v, want errTooLarge", err)
	}
}

func TestAliasCycle(t *testing.T) {
	_, err := Parse("t.yaml", []byte("Resources:\n  A: &a\n    Type: AWS::S3::Bucket\n    Properties: *a\n"))
	if err == nil {
		t.Fatal("a self-referencing alias must fail")
	}
}

func TestAliasesAndMergeKeysExpand(t *testing.T) {
	src := `Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: &props
      BucketName: shared
      Tags: [{Key: a, Value: b}]
  B:
    Type: AWS::S3::Bucket
    Properties:
      <<: *props
      BucketName: own
`
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b := doc.Input["Resources"].(map[string]any)["B"].(map[string]any)["Properties"].(map[string]any)
	if b["BucketName"] != "own" || len(b["Tags"].([]any)) != 1 {
		t.Fatalf("merge: %#v", b)
	}
}

func TestHugeTemplateIsRefused(t *testing.T) {
	content := append([]byte("AWSTemplateFormatVersion: x\nMetadata: "), bytes.Repeat([]byte("x"), 4096)...)
	file := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(file, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, u := range map[string]scanners.Unit{
		"read by discovery":   {Path: file, Content: content},
		"read by the scanner": {Path: file},
	} {
		_, err := Scanner{MaxFileSize: 4096}.Scan(context.Background(), u)
		if !errors.Is(err, scanners.ErrTooLarge) || !strings.Contains(err.Error(), "over the 4 KiB limit") {
			t.Errorf("%s: error %v, want a size error", name, err)
		}
		if _, err := (Scanner{MaxFileSize: 8192}).Scan(context.Background(), u); err != nil {
			t.Errorf("%s: under the limit: %v", name, err)
		}
	}
}
