package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/rulefixtures"
	"github.com/tollgate-dev/tollgate/report/sarif/sariftest"
)

// The inputs of testdata/unknown hold controls that cannot be decided: a
// Ref to a parameter without default and an export of another stack
// (CloudFormation, in the at_rest table and in rules written on views), a
// variable without default (Terraform), a value known only after apply
// (plan) and FROM ${BASE} without value (Dockerfile).
var unknownFixtures = []string{
	"../../testdata/unknown/cloudformation/streams.yaml",
	"../../testdata/unknown/cloudformation/views.yaml",
	"../../testdata/unknown/cloudformation/bucket.yaml",
	"../../testdata/unknown/terraform/main.tf",
	"../../testdata/unknown/terraform-plan/plan.json",
	"../../testdata/unknown/dockerfile/base-arg.Dockerfile",
}

type undecidedFinding struct {
	RuleID   string `json:"ruleId"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Location struct {
		File string `json:"file"`
		Line int    `json:"line"`
	} `json:"location"`
}

func scanJSON(t *testing.T, args ...string) (int, string, []undecidedFinding) {
	t.Helper()
	code, out, stderr := tollgate(t, append([]string{"scan", "--format", "json"}, args...)...)
	var rep struct {
		Findings []undecidedFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("scan %v: %v\n%s%s", args, err, out, stderr)
	}
	return code, out, rep.Findings
}

// TestUnknownBlock: with --unknown=block every undecided control is a
// finding <rule-id>/unknown at the marked line, naming the value and why
// it is unknown; the default run reports none of them, byte for byte as
// --unknown=pass does.
func TestUnknownBlock(t *testing.T) {
	reasons := map[string]string{
		"streams.yaml":        "StreamEncryption.EncryptionType is Ref EncType, a parameter without default",
		"views.yaml":          "StorageEncrypted is Ref Encrypt, a parameter without default",
		"bucket.yaml":         "BucketEncryption is Ref KmsKeyParam, a parameter without default",
		"main.tf":             "encryption_type is var.encryption, a variable without default or value",
		"plan.json":           "encryption_type is (known after apply), a value the plan leaves to apply time",
		"base-arg.Dockerfile": "Base image is ${BASE}, build argument BASE without value",
	}
	for _, fx := range unknownFixtures {
		name := filepath.Base(fx)
		t.Run(name, func(t *testing.T) {
			code, _, fs := scanJSON(t, "--unknown=block", fx)
			if code != 1 {
				t.Fatalf("--unknown=block: exit %d, want 1", code)
			}
			var got, want []string
			messages := ""
			for _, f := range fs {
				if strings.HasSuffix(f.RuleID, "/unknown") {
					got = append(got, fmt.Sprintf("%d %s", f.Location.Line, f.RuleID))
					messages += f.Message + "\n"
				}
			}
			exps, err := rulefixtures.Read(fx)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range exps {
				want = append(want, fmt.Sprintf("%d %s", e.Line, e.RuleID))
			}
			slices.Sort(got)
			slices.Sort(want)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("undecided findings at %v, fixture expects %v", got, want)
			}
			if !strings.Contains(messages, reasons[name]) {
				t.Errorf("messages %q do not say %q", messages, reasons[name])
			}

			_, passOut, passFs := scanJSON(t, fx)
			for _, f := range passFs {
				if strings.HasSuffix(f.RuleID, "/unknown") {
					t.Errorf("default run reports %s at line %d", f.RuleID, f.Location.Line)
				}
			}
			if _, explicit, _ := scanJSON(t, "--unknown=pass", fx); explicit != passOut {
				t.Error("--unknown=pass output differs from the default run's")
			}
		})
	}
}

// TestUnknownBlockConfig: the configuration's unknown: block does what the
// flag does, the flag overrides it, unknown_severity replaces the rule's
// severity, and a waiver of <rule-id>/unknown is a known id.
func TestUnknownBlockConfig(t *testing.T) {
	dir := t.TempDir()
	fx, _ := filepath.Abs("../../testdata/unknown/terraform/main.tf")
	cfg := writeFile(t, dir, "tollgate.yaml", "version: 1\nunknown: block\nunknown_severity: low\n")
	_, _, fs := scanJSON(t, "--config", cfg, fx)
	if len(fs) != 1 || fs[0].RuleID != "aws-kinesis-stream-encryption/unknown" || fs[0].Severity != "low" {
		t.Fatalf("unknown: block in the configuration: got %+v", fs)
	}
	if code, _, fs := scanJSON(t, "--config", cfg, "--unknown=pass", fx); code != 0 || len(fs) != 0 {
		t.Fatalf("--unknown=pass over the configuration: exit %d, %+v", code, fs)
	}
	waived := writeFile(t, dir, "waived.yaml", "version: 1\nunknown: block\nignore:\n  - id: aws-kinesis-stream-encryption/unknown\n    reason: encryption is chosen by the platform team's parameter store\n")
	code, out, _ := scanJSON(t, "--config", waived, fx)
	if code != 0 || strings.Contains(out, "unknown rule id") {
		t.Fatalf("waived undecided finding: exit %d\n%s", code, out)
	}
	off := writeFile(t, dir, "off.yaml", "version: 1\nunknown: block\nrules:\n  disable: [aws-kinesis-stream-encryption/unknown]\n")
	if code, out, _ := scanJSON(t, "--config", off, fx); code != 0 || strings.Contains(out, "unknown rule id") {
		t.Fatalf("rules.disable of the undecided findings: exit %d\n%s", code, out)
	}
	bad := writeFile(t, dir, "bad.yaml", "version: 1\nunknown: maybe\n")
	if code, _, stderr := tollgate(t, "scan", "--config", bad, fx); code != 2 || !strings.Contains(stderr, "unknown") {
		t.Fatalf("unknown: maybe: exit %d, %s", code, stderr)
	}
	if code, _, stderr := tollgate(t, "scan", "--unknown=yes", fx); code != 2 || !strings.Contains(stderr, "--unknown") {
		t.Fatalf("--unknown=yes: exit %d, %s", code, stderr)
	}
}

// TestExplainUndecided: explain RULE-ID/unknown says what the id means and
// prints the rule.
func TestExplainUndecided(t *testing.T) {
	code, out, stderr := tollgate(t, "explain", "aws-efs-encryption/unknown")
	if code != 0 || !strings.HasPrefix(out, "aws-efs-encryption/unknown: aws-efs-encryption could not be decided") || !strings.Contains(out, "\n## aws-efs-encryption\n") {
		t.Fatalf("exit %d, %s\n%s", code, stderr, out)
	}
}

// TestUnknownInlineWaivers: <rule-id>/unknown is waived where a rule id
// is: a Terraform comment above the resource, CloudFormation Metadata.
func TestUnknownInlineWaivers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "encryption" {
  type = string
}

# tollgate:ignore=aws-kinesis-stream-encryption/unknown reason="set by the platform pipeline"
resource "aws_kinesis_stream" "s" {
  name            = "s"
  shard_count     = 1
  encryption_type = var.encryption
}
`)
	writeFile(t, dir, "s.yaml", `Parameters:
  EncType:
    Type: String
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Metadata:
      tollgate:
        ignore:
          - id: aws-kinesis-stream-encryption/unknown
            reason: set by the platform pipeline
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: !Ref EncType
`)
	code, out, stderr := tollgate(t, "scan", "--unknown=block", dir)
	if code != 0 || !strings.Contains(stderr+out, "2 suppressed") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
}

// An undecided control's findings are listed with a rule of their own in
// SARIF: its title, the rule's severity, a fix, and the docs of
// the rule it belongs to.
func TestUnknownBlockRulesInReports(t *testing.T) {
	dir := t.TempDir()
	sarifFile := filepath.Join(dir, "out.sarif")
	code, _, stderr := tollgate(t, "scan", "--unknown=block", "--format", "sarif="+sarifFile, unknownFixtures[2])
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(sarifFile)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, b)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string `json:"id"`
						HelpURI          string `json:"helpUri"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	n := 0
	for _, res := range run.Results {
		if !strings.HasSuffix(res.RuleID, "/unknown") {
			continue
		}
		n++
		r := run.Tool.Driver.Rules[res.RuleIndex]
		base := strings.TrimSuffix(res.RuleID, "/unknown")
		if r.ID != res.RuleID || !strings.HasPrefix(r.ShortDescription.Text, "Cannot decide: ") || !strings.HasSuffix(r.HelpURI, "docs/rules.md#"+base) {
			t.Errorf("rule of %s: %+v", res.RuleID, r)
		}
	}
	if n == 0 {
		t.Fatal("no undecided result in the SARIF")
	}
}
