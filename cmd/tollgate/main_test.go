package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/formats"
	"github.com/tollgate-dev/tollgate/report/sarif/sariftest"
)

// tollgate runs the CLI in-process and returns exit code, stdout, stderr.
func tollgate(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const unencryptedDB = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: false
      BackupRetentionPeriod: 7
`

const encryptedDB = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
      BackupRetentionPeriod: 7
`

func TestScanExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad/db.yaml", unencryptedDB)
	good := writeFile(t, dir, "good/db.yaml", encryptedDB)

	code, out, _ := tollgate(t, "scan", "--color", "never", bad)
	if code != 1 || !strings.Contains(out, "aws-rds-storage-encrypted") || !strings.Contains(out, "db.yaml:8:25") {
		t.Fatalf("failing template: exit %d\n%s", code, out)
	}
	if code, out, _ := tollgate(t, "scan", good); code != 0 {
		t.Fatalf("passing template: exit %d\n%s", code, out)
	}
	if code, _, _ := tollgate(t, "scan", "--fail-on", "critical", bad); code != 0 {
		t.Fatalf("a high finding must not block at --fail-on critical (exit %d)", code)
	}
}

func TestMalformedFileIsUndecidedButOthersStillReported(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a-broken.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: [unclosed\n")
	writeFile(t, dir, "b-db.yaml", unencryptedDB)
	code, out, _ := tollgate(t, "scan", "--format", "json", dir)
	if code != 2 {
		t.Fatalf("want exit 2, got %d\n%s", code, out)
	}
	var rep struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
		} `json:"findings"`
		Diagnostics []struct {
			Level    string `json:"level"`
			Message  string `json:"message"`
			Location struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"location"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json report: %v\n%s", err, out)
	}
	if len(rep.Findings) == 0 {
		t.Error("findings of the file that parsed must still be reported")
	}
	var found bool
	for _, d := range rep.Diagnostics {
		if d.Level == "error" && strings.HasSuffix(d.Location.File, "a-broken.yaml") && d.Location.Line >= 4 {
			found = true
		}
	}
	if !found {
		t.Errorf("want an error diagnostic at a-broken.yaml:4, got %+v", rep.Diagnostics)
	}
}

func TestPolicyErrorsAndUsage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad.rego", "package x\n\ndeny contains f if {\n  f := nope(1)\n}\n")
	code, _, stderr := tollgate(t, "scan", "--policy", dir, dir)
	if code != 2 || !strings.Contains(stderr, "bad.rego:4") {
		t.Fatalf("policy compile error: exit %d, stderr %q", code, stderr)
	}
	// An unknown flag: the error, a suggestion, where the help is; not the
	// whole usage, which buried the error.
	code, _, stderr = tollgate(t, "scan", "--no-such-flag")
	if code != 2 || !strings.Contains(stderr, "unknown flag: --no-such-flag") || !strings.Contains(stderr, "tollgate scan --help") || strings.Contains(stderr, "Usage:") {
		t.Fatalf("unknown flag: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = tollgate(t, "scan", "--fial-on", "high", dir); code != 2 || !strings.Contains(stderr, "did you mean --fail-on?") {
		t.Fatalf("misspelt flag: exit %d, stderr %q", code, stderr)
	}
	// --help is asked for: it goes to standard output, exit 0, and shows
	// value names, not Go types or [=true|false].
	code, stdout, stderr := tollgate(t, "scan", "--help")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "Usage: tollgate scan") || !strings.Contains(stdout, "--color MODE") ||
		strings.Contains(stdout, "[=true|false]") || strings.Contains(stdout, " string ") {
		t.Fatalf("scan --help: exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	if code, _, _ := tollgate(t, "scan", "--fail-on", "severe", dir); code != 2 {
		t.Fatalf("bad --fail-on: exit %d", code)
	}
	if code, _, _ := tollgate(t, "scan", "--format", "yaml", dir); code != 2 {
		t.Fatalf("bad --format: exit %d", code)
	}
	if code, _, _ := tollgate(t, "frobnicate"); code != 2 {
		t.Fatalf("unknown command: exit %d", code)
	}
	if code, _, _ := tollgate(t, "scan", "--no-builtin", dir); code != 2 {
		t.Fatal("no rules at all must not pass")
	}
	if code, _, _ := tollgate(t, "scan", filepath.Join(dir, "missing")); code != 2 {
		t.Fatal("a missing path must not pass")
	}
}

func TestSARIFValidatesAndIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", unencryptedDB)
	writeFile(t, dir, "broken.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {`)
	a := filepath.Join(dir, "a.sarif")
	b := filepath.Join(dir, "b.sarif")
	if code, _, stderr := tollgate(t, "scan", "--format", "sarif="+a, "--format", "text", dir); code != 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, _ := tollgate(t, "scan", "--format", "sarif="+b, dir); code != 2 {
		t.Fatalf("exit %d", code)
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Fatal("two runs produced different SARIF")
	}
	sariftest.Validate(t, da)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct {
							StartLine, StartColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
						Kind               string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				Notifications []any `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(da, &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	if len(r.Results) == 0 || r.Results[0].Locations[0].LogicalLocations[0].FullyQualifiedName != "Db" ||
		r.Results[0].Locations[0].PhysicalLocation.Region.StartLine != 8 {
		t.Errorf("unexpected results: %+v", r.Results)
	}
	if len(r.Invocations) == 0 || len(r.Invocations[0].Notifications) == 0 {
		t.Error("the parse error must be a toolExecutionNotification")
	}
}

// TestSecretsNeverLeak scans credentials and checks every output format.
func TestSecretsNeverLeak(t *testing.T) {
	const password = "Tr0ub4dor&3-horse-battery"
	const accessKey = "AKIAZ7QX3L5NPR2TWQ4M"
	const dbPassword = "Zq8-Wm2Xv4Tn"
	dir := t.TempDir()
	writeFile(t, dir, "app.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      MasterUserPassword: "`+password+`"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: {ZipFile: "print(1)"}
      Environment:
        Variables:
          AWS_ACCESS_KEY_ID: "`+accessKey+`"
`)
	if code, out, stderr := tollgate(t, "inspect", filepath.Join(dir, "app.yaml")); code != 0 || strings.Contains(out, password) || strings.Contains(out, accessKey) || !strings.Contains(out, "[REDACTED]") {
		t.Errorf("inspect must redact detected credentials: exit %d %s\n%s", code, stderr, out)
	}
	// The files input kind: any text file, its matches in the input.
	writeFile(t, dir, ".env", "AWS_ACCESS_KEY_ID="+accessKey+"\nDATABASE_URL=postgres://app:"+dbPassword+"@db/app\n")
	if code, out, stderr := tollgate(t, "inspect", filepath.Join(dir, ".env")); code != 0 || strings.Contains(out, dbPassword) || strings.Contains(out, accessKey) || !strings.Contains(out, `"format": "files"`) {
		t.Errorf("inspect of a files document must redact its matches: exit %d %s\n%s", code, stderr, out)
	}
	// Every registered format, so a new one is checked for leaks too.
	for _, f := range formats.Names() {
		code, out, stderr := tollgate(t, "scan", "--format", f, dir)
		if code != 1 {
			t.Fatalf("%s: exit %d: %s", f, code, stderr)
		}
		for _, secret := range []string{password, accessKey, dbPassword} {
			if strings.Contains(out, secret) || strings.Contains(stderr, secret) {
				t.Errorf("%s output leaks %q", f, secret)
			}
		}
		if !strings.Contains(out, "aws-secrets-") || !strings.Contains(out, "secrets-file-credential") {
			t.Errorf("%s output lacks a secrets finding", f)
		}
	}
}

func TestInspectAndRules(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "db.yaml", unencryptedDB)
	code, out, stderr := tollgate(t, "inspect", p)
	if code != 0 {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	var docs []map[string]any
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 1 {
		t.Fatalf("inspect output: %v\n%s", err, out)
	}
	if docs[0]["tollgate"].(map[string]any)["format"] != "cloudformation" {
		t.Errorf("inspect doc: %v", docs[0]["tollgate"])
	}
	code, out, _ = tollgate(t, "rules", "--format", "json")
	var rules []struct {
		ID      string   `json:"id"`
		Formats []string `json:"formats"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rules) != nil || len(rules) < 20 {
		t.Fatalf("rules: exit %d, %d rules", code, len(rules))
	}
	if code, out, _ := tollgate(t, "version"); code != 0 || !strings.HasPrefix(out, "tollgate ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestInlineSuppressionAndConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", strings.Replace(unencryptedDB, "    Type: AWS::RDS::DBInstance\n",
		"    Type: AWS::RDS::DBInstance\n    Metadata:\n      tollgate:\n        ignore:\n          - id: aws-rds-storage-encrypted\n            reason: scratch database, no data\n            expires: \"2099-01-01\"\n", 1))
	code, out, _ := tollgate(t, "scan", "--format", "json", dir)
	if code != 0 || !strings.Contains(out, `"suppressed": 1`) {
		t.Fatalf("suppressed finding must not block: exit %d\n%s", code, out)
	}
	cfg := writeFile(t, dir, "tollgate.yaml", "fail_on: critical\n")
	writeFile(t, dir, "other/db.yaml", unencryptedDB)
	if code, _, _ := tollgate(t, "scan", "--config", cfg, dir); code != 0 {
		t.Fatalf("fail_on from config: exit %d", code)
	}
	bad := writeFile(t, dir, "bad.yaml", "fail_onn: high\n")
	if code, _, stderr := tollgate(t, "scan", "--config", bad, dir); code != 2 || !strings.Contains(stderr, "fail_onn") {
		t.Fatalf("unknown config key: exit %d %s", code, stderr)
	}
}

func TestTerraformBadInputIsUndecided(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "broken/main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n")
	writeFile(t, dir, "cycle/main.tf", "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_sqs_queue\" \"q\" { name = local.a }\n")
	writeFile(t, dir, "plan/plan.json", `{"format_version": "1.2", "planned_values": {"root_module": {`)
	writeFile(t, dir, "remote/main.tf", "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.8.1\"\n}\n")

	code, out, _ := tollgate(t, "scan", "--format", "json", dir)
	if code != 2 {
		t.Fatalf("want exit 2, got %d\n%s", code, out)
	}
	for _, want := range []string{`"file": "` + filepath.ToSlash(filepath.Join(dir, "broken/main.tf")) + `"`, "local.a", "plan.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("report does not mention %s:\n%s", want, out)
		}
	}
	// An uninitialised registry module is a warning, an error under --strict.
	remote := filepath.Join(dir, "remote")
	if code, out, _ := tollgate(t, "scan", "--no-builtin", "--policy", writeFile(t, t.TempDir(), "p.rego", dbRuleForTest), remote); code != 0 || !strings.Contains(out, "warning") {
		t.Fatalf("uninitialised module without --strict: exit %d\n%s", code, out)
	}
	if code, _, _ := tollgate(t, "scan", "--strict", remote); code != 2 {
		t.Fatalf("uninitialised module with --strict: exit %d", code)
	}
}

// dbRuleForTest is a minimal custom rule, so a test can run with
// --no-builtin and see only what the scan itself reports.
const dbRuleForTest = `# METADATA
# title: nothing
# description: matches nothing
# custom:
#   id: test-nothing
#   severity: low
#   theme: iam
#   formats: [terraform]
#   remediation: none
package test.nothing

deny contains f if {
	false
	f := {}
}
`

// A baseline accepts today's findings: it survives lines moving, and only a
// new finding blocks.
func TestBaselineSurvivesLineMoves(t *testing.T) {
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "infra/db.yaml", unencryptedDB)
	base := filepath.Join(dir, "baseline.json")
	if code, out, stderr := tollgate(t, "scan", "--write-baseline", base, "--format", "json", tmpl); code != 0 {
		t.Fatalf("--write-baseline: exit %d %s\n%s", code, stderr, out)
	}
	data, err := os.ReadFile(base)
	if err != nil || !strings.Contains(string(data), "aws-rds-storage-encrypted") {
		t.Fatalf("baseline: %v\n%s", err, data)
	}

	moved := strings.Replace(unencryptedDB, "Resources:\n", "Description: moved down by a description\n\nResources:\n", 1)
	writeFile(t, dir, "infra/db.yaml", moved)
	code, out, _ := tollgate(t, "scan", "--baseline", base, "--format", "json", tmpl)
	if code != 0 || !strings.Contains(out, `"kind": "baseline"`) {
		t.Fatalf("baselined finding after a line move: exit %d\n%s", code, out)
	}

	writeFile(t, dir, "infra/db.yaml", moved+"  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n")
	code, out, _ = tollgate(t, "scan", "--baseline", base, "--format", "json", tmpl)
	if code != 1 || !strings.Contains(out, "aws-sqs-queue-encryption") {
		t.Fatalf("a new finding must block: exit %d\n%s", code, out)
	}

	if code, _, _ := tollgate(t, "scan", "--baseline", filepath.Join(dir, "missing.json"), tmpl); code != 2 {
		t.Fatalf("a missing baseline must be exit 2, got %d", code)
	}
}

// A rule that never finishes must not hang the pipeline: the scan gives up
// and says it could not decide.
func TestTimeoutIsUndecided(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", unencryptedDB)
	slow := writeFile(t, t.TempDir(), "slow.rego", `# METADATA
# title: slow
# description: spins
# custom:
#   id: test-slow
#   severity: low
#   theme: iam
#   formats: [cloudformation]
#   remediation: none
package test.slow

deny contains f if {
	some i in numbers.range(1, 100000000)
	i < 0
	f := {"resource": "x", "path": ["Resources"], "message": "never"}
}
`)
	code, out, _ := tollgate(t, "scan", "--no-builtin", "--policy", slow, "--timeout", "200ms", "--format", "json", dir)
	if code != 2 || !strings.Contains(out, "deadline") && !strings.Contains(out, "cancel") {
		t.Fatalf("want exit 2 naming the timeout, got %d\n%s", code, out)
	}
}

// With every report going to a file, the verdict must still be visible: a
// blocked run used to print nothing and exit 1.
func TestSummaryOnStderrWhenEveryReportGoesToAFile(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "db.yaml", unencryptedDB)
	sarifFile := filepath.Join(dir, "out.sarif")
	code, out, stderr := tollgate(t, "scan", "--color", "never", "--format", "sarif="+sarifFile, bad)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(stderr, "blocked:") || !strings.Contains(stderr, "1 high") {
		t.Fatalf("stderr has no summary:\n%s", stderr)
	}
	if _, err := os.Stat(sarifFile); err != nil {
		t.Fatal(err)
	}
	// With a format on stdout, stderr stays quiet.
	if _, _, stderr := tollgate(t, "scan", "--format", "json", "--format", "sarif="+sarifFile, bad); stderr != "" {
		t.Fatalf("stderr with a stdout format: %q", stderr)
	}
}
