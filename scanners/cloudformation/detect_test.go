package cloudformation

import (
	"os"
	"testing"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		file string
		want bool
	}{
		{"testdata/s3-positions.yaml", true},
		{"testdata/s3-positions.json", true},
		{"testdata/sam-function.yaml", true},
		{"testdata/custom-resource-only.json", true},
		{"testdata/suppressions.yaml", true},
		// Malformed templates are detected so that scanning them fails.
		{"testdata/malformed-yaml.yaml", true},
		{"testdata/malformed-json.json", true},
		{"testdata/k8s-deployment.yaml", false},
		{"testdata/docker-compose.yml", false},
		{"testdata/package.json", false},
	}
	for _, tc := range cases {
		content, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(tc.file, content); got != tc.want {
			t.Errorf("Detect(%s) = %v, want %v", tc.file, got, tc.want)
		}
	}
}

func TestDetectInline(t *testing.T) {
	cases := []struct {
		name, file, content string
		want                bool
	}{
		{"template extension", "stack.template", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}`, true},
		{"upper-case extension", "STACK.YML", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		{"other extension", "stack.txt", "AWSTemplateFormatVersion: '2010-09-09'\n", false},
		{"empty", "t.yaml", "", false},
		{"alexa skill", "skill.yaml", "Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n", true},
		{"quoted yaml keys", "t.yaml", "\"Resources\":\n  B:\n    \"Type\": \"AWS::S3::Bucket\"\n", true},
		{"BOM before JSON", "t.json", "\ufeff{\"AWSTemplateFormatVersion\": \"2010-09-09\"}", true},
		{"nested version key in JSON", "t.json", `{"x": {"AWSTemplateFormatVersion": "2010-09-09"}}`, false},
		{"nested version key in YAML", "t.yaml", "x:\n  AWSTemplateFormatVersion: '2010-09-09'\n", false},
		{"Resources without AWS types", "t.yaml", "Resources:\n  B:\n    Type: Other::Thing\n", false},
		{"lower-case resources", "t.yaml", "resources:\n  - type: AWS::S3::Bucket\n", false},
		{"JSON with escaped quote in key", "t.json", `{"a\"b": 1, "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, true},
		{"truncated JSON still detected", "t.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {`, true},
		{"binary with marker", "t.yaml", "\x00\x01AWSTemplateFormatVersion\x02", false},
	}
	for _, tc := range cases {
		if got := Detect(tc.file, []byte(tc.content)); got != tc.want {
			t.Errorf("%s: Detect = %v, want %v", tc.name, got, tc.want)
		}
	}
}
