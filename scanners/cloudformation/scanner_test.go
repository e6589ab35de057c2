package cloudformation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

func TestSuppressions(t *testing.T) {
	file := "testdata/suppressions.yaml"
	content, doc, diags := parseTestdata(t, file)
	line, col := locate(t, content, "id: aws-s3-encryption", "id", 1)
	line2, col2 := locate(t, content, "id: aws-s3-logging", "id", 1)
	want := []document.Suppression{
		{RuleID: "aws-s3-encryption", Reason: "public website assets, nothing sensitive", Expires: "2030-01-31", Range: document.Range{File: file, Line: line, Column: col}},
		{RuleID: "aws-s3-logging", Reason: "access logs are collected by CloudFront", Owner: "edge-team", Range: document.Range{File: file, Line: line2, Column: col2}},
	}
	if got := doc.Resources["Bucket"].Suppressions; !reflect.DeepEqual(got, want) {
		t.Errorf("suppressions = %+v\nwant %+v", got, want)
	}
	if s := doc.Resources["Queue"].Suppressions; s != nil {
		t.Errorf("Queue suppressions = %+v", s)
	}
	noID, _ := locate(t, content, "reason: forgot the id", "reason", 1)
	badDate, _ := locate(t, content, "id: aws-s3-versioning", "id", 1)
	if len(diags) != 2 || diags[0].Range.Line != noID || diags[1].Range.Line != badDate ||
		diags[0].Level != document.LevelWarning || !strings.Contains(diags[1].Message, "YYYY-MM-DD") {
		t.Errorf("diagnostics = %+v", diags)
	}
}

func TestTypeTypoNote(t *testing.T) {
	file := "testdata/type-typo.yaml"
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, diags, err := ParseWithDiagnostics(file, content)
	if err != nil {
		t.Fatal(err)
	}
	line, col := locate(t, content, "AWS::S3::Buckett", "AWS::S3::Buckett", 1)
	if len(diags) != 1 || diags[0].Level != document.LevelNote || diags[0].Range.Line != line || diags[0].Range.Column != col ||
		!strings.Contains(diags[0].Message, "did you mean AWS::S3::Bucket?") {
		t.Fatalf("diagnostics = %+v", diags)
	}

	// A macro may define its own types; SAM's are known.
	for _, src := range []string{
		"Transform: S3Objects\nResources:\n  O:\n    Type: AWS::S3::Object\n",
		"Transform: [AWS::Serverless-2016-10-31]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n",
	} {
		_, diags, err := ParseWithDiagnostics("t.yaml", []byte(src))
		for _, d := range diags {
			if d.Level == document.LevelNote {
				t.Errorf("%q: note %+v", src, d)
			}
		}
		if err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"kitten", "sitting", 3}, {"", "abc", 3}, {"same", "same", 0}, {"abcdefgh", "a", 4}} {
		if got := editDistance(tc.a, tc.b, 4); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestScanner(t *testing.T) {
	var s scanners.Scanner = Scanner{}
	if s.Name() != "cloudformation" {
		t.Fatalf("Name = %q", s.Name())
	}
	content, err := os.ReadFile("testdata/type-typo.yaml")
	if err != nil {
		t.Fatal(err)
	}

	// Content from discovery is used as is; the path need not exist.
	res, err := s.Scan(context.Background(), scanners.Unit{Path: "not/on/disk.yaml", Content: content})
	if err != nil || len(res.Documents) != 1 || res.Documents[0].File != "not/on/disk.yaml" || len(res.Diagnostics) != 1 {
		t.Fatalf("scan with content: %+v, %v", res, err)
	}

	// Without content the file is read.
	res, err = s.Scan(context.Background(), scanners.Unit{Path: "testdata/sam-function.yaml"})
	if err != nil || res.Documents[0].Resources["Handler"].Type != "AWS::Serverless::Function" {
		t.Fatalf("scan from disk: %+v, %v", res, err)
	}

	missing := filepath.Join(t.TempDir(), "gone.yaml")
	if _, err := s.Scan(context.Background(), scanners.Unit{Path: missing}); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing file: %v", err)
	}

	_, err = s.Scan(context.Background(), scanners.Unit{Path: "bad.json", Content: []byte(`{"Resources": {`)})
	var se *document.SourceError
	if !errors.As(err, &se) || se.Range.File != "bad.json" {
		t.Fatalf("malformed: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Scan(ctx, scanners.Unit{Path: "x.yaml", Content: content}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: %v", err)
	}
}
