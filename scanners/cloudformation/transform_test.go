package cloudformation

import (
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

// Content an AWS::Include or a macro brings in exists only at deploy time:
// each place is a warning naming the transform and where it is written, and
// what it fills in is unknown (with the same reason), never absent.
func TestTransformsAreUnknownAndWarned(t *testing.T) {
	_, doc, diags := parseTestdata(t, "testdata/transform-include.yaml")
	var got []string
	for _, d := range diags {
		got = append(got, string(d.Level)+" "+d.Range.String()+": "+d.Message)
	}
	want := []string{
		"warning testdata/transform-include.yaml:2:66: Transform CountMacro adds content at deploy time that tollgate cannot see",
		"warning testdata/transform-include.yaml:4:3: Fn::Transform AWS::Include (s3://snippets/shared-resources.yaml) adds content at deploy time that tollgate cannot see",
		"warning testdata/transform-include.yaml:12:9: Fn::Transform AWS::Include (s3://snippets/bucket-encryption.yaml) adds content at deploy time that tollgate cannot see",
		"warning testdata/transform-include.yaml:19:7: Fn::Transform AWS::Include (Fn::Sub s3://snippets-${AWS::AccountId}/bucket.yaml) adds content at deploy time that tollgate cannot see",
		"warning testdata/transform-include.yaml:25:18: Fn::Transform String adds content at deploy time that tollgate cannot see",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	res := doc.Input["Resources"].(map[string]any)
	props := func(id string) any { return res[id].(map[string]any)["Properties"] }
	for name, v := range map[string]any{
		"Resources.Fn::Transform":             res["Fn::Transform"],
		"EncryptedElsewhere.BucketEncryption": props("EncryptedElsewhere").(map[string]any)["BucketEncryption"],
		"WholeProperties.Properties":          props("WholeProperties"),
		"Upper.QueueName":                     props("Upper").(map[string]any)["QueueName"],
	} {
		u, _ := v.(map[string]any)
		if !document.IsUnknown(u) {
			t.Errorf("%s = %v, want an unknown marker", name, v)
			continue
		}
		if r, _ := u["reason"].(string); !strings.Contains(r, "adds content at deploy time") {
			t.Errorf("%s: reason %q", name, u["reason"])
		}
	}
	if _, ok := doc.Resources["Fn::Transform"]; ok {
		t.Error("an included Resources block must not become a resource named Fn::Transform")
	}
	if r, _ := doc.Positions.Lookup([]string{"Resources", "EncryptedElsewhere", "Properties", "BucketEncryption"}); r.Line != 12 {
		t.Errorf("BucketEncryption placed at %v, want line 12 (the Fn::Transform)", r)
	}
}

// SAM and language extensions are understood, so they are no warning.
func TestKnownTransformsAreSilent(t *testing.T) {
	_, diags, err := ParseWithDiagnostics("t.yaml", []byte("Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\nResources:\n  Q: {Type: AWS::SQS::Queue}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

// parseTestdata parses a template that must parse.
func parseTestdata(t *testing.T, file string) ([]byte, *document.Document, []document.Diagnostic) {
	t.Helper()
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags, err := ParseWithDiagnostics(file, content)
	if err != nil {
		t.Fatal(err)
	}
	return content, doc, diags
}

// A presigned URL's signature or a password in a URL is never printed.
func TestDisplayURLDropsCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"s3://bucket/snippet.yaml": "s3://bucket/snippet.yaml",
		"https://b.s3.amazonaws.com/t.yaml?X-Amz-Signature=abc&X-Amz-Security-Token=tok": "https://b.s3.amazonaws.com/t.yaml?…",
		"https://user:hunter2@example.com/t.yaml":                                        "https://example.com/t.yaml?…",
		"stacks/child.yaml": "stacks/child.yaml",
	} {
		if got := displayURL(in); got != want {
			t.Errorf("displayURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// The top-level Transform may itself be an AWS::Include of the whole
// template body.
func TestTopLevelIncludeIsWarned(t *testing.T) {
	src := "Transform:\n  Name: AWS::Include\n  Parameters:\n    Location: s3://b/body.yaml\nResources:\n  Q: {Type: AWS::SQS::Queue}\n"
	_, diags, err := ParseWithDiagnostics("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "warning t.yaml:2:3: Transform AWS::Include (s3://b/body.yaml) adds content at deploy time that tollgate cannot see"
	if got := diagLines(diags); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
