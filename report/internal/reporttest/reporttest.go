// Package reporttest builds the Reports every writer's tests render, so all
// formats are exercised on the same awkward cases: related locations, a CDK
// finding with an absolute path, suppressed findings, error diagnostics,
// characters each format must escape, and redacted secrets.
package reporttest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

// Root is the repository root the sample's absolute path lives under.
const Root = "/work/repo"

// Redacted is the placeholder the engine puts where a secret was.
const Redacted = "[REDACTED]"

func tool() report.Tool {
	return report.Tool{Name: "tollgate", Version: "1.2.3", InformationURI: "https://github.com/tollgate-dev/tollgate"}
}

// rules are sorted by id, as the engine hands them over.
func rules() []finding.Rule {
	return []finding.Rule{
		{ID: "aws-iam-no-static-keys", Title: "No static access keys", Severity: finding.Critical, Theme: "secrets",
			Description: "Static keys leak.", Remediation: "Use a role.", Formats: []string{"cloudformation"}},
		{ID: "aws-rds-storage-encrypted", Title: "RDS storage is encrypted", Severity: finding.High, Theme: "encryption",
			Description: "Unencrypted database storage exposes data and snapshots at rest.",
			Remediation: "Set StorageEncrypted to true and KmsKeyId to a customer-managed key.",
			Formats:     []string{"cloudformation", "terraform"}, ResourceTypes: []string{"AWS::RDS::DBInstance"}},
		{ID: "aws-s3-block-public-access", Title: "S3 buckets block public access", Severity: finding.Critical, Theme: "public-access",
			Description: "Public buckets leak data.", Remediation: "Set all four PublicAccessBlockConfiguration flags to true.",
			Formats: []string{"cloudformation"}},
		{ID: "aws-s3-logging", Title: "S3 access logging is enabled", Severity: finding.Low, Theme: "logging",
			Remediation: "Configure LoggingConfiguration.", Formats: []string{"cloudformation", "terraform"}},
		{ID: "docker-healthcheck", Title: "Images define a HEALTHCHECK", Severity: finding.Info, Theme: "container-hardening",
			Formats: []string{"dockerfile"}},
		{ID: "docker-user-not-root", Title: "Containers do not run as root", Severity: finding.Medium, Theme: "container-hardening",
			Remediation: "Add a USER instruction with a non-root user.", Formats: []string{"dockerfile"}},
	}
}

// Sample is a blocked-and-undecided run with every kind of content.
func Sample() report.Report {
	return report.Report{
		Tool:  tool(),
		Rules: rules(),
		Findings: []finding.Finding{
			{
				RuleID: "aws-s3-block-public-access", Title: "S3 buckets block public access", Severity: finding.Critical,
				Theme: "public-access", Format: "cloudformation",
				// Characters every format has to escape somewhere.
				Message:     "BlockPublicAcls is false | 100% public, see: <docs>, & more\nsecond line",
				Remediation: "Set all four PublicAccessBlockConfiguration flags to true.",
				Resource:    "Stack/Assets/Bucket", ResourceID: "AssetsBucket1A2B3C", ResourceType: "AWS::S3::Bucket",
				Location: document.Range{File: Root + "/lib/stack.ts", Line: 14, Column: 5, EndLine: 16, EndColumn: 7},
				Related: []finding.Related{
					{Message: "synthesised resource", Range: document.Range{File: "cdk.out/Stack.template.json", Line: 40, Column: 7}},
				},
				Path:        []string{"Resources", "AssetsBucket1A2B3C", "Properties", "PublicAccessBlockConfiguration"},
				Fingerprint: "fp-s3-public",
			},
			{
				RuleID: "docker-user-not-root", Title: "Containers do not run as root", Severity: finding.Medium,
				Theme: "container-hardening", Format: "dockerfile", Message: "The final stage runs as root.",
				Remediation: "Add a USER instruction with a non-root user.",
				Resource:    "runtime", ResourceType: "stage",
				Location:    document.Range{File: "Dockerfile", Line: 9, Column: 1},
				Fingerprint: "fp-docker-root",
			},
			{
				RuleID: "aws-s3-logging", Title: "S3 access logging is enabled", Severity: finding.Low, Theme: "logging",
				Format: "terraform", Message: "aws_s3_bucket.logs has no access logging.", Remediation: "Configure LoggingConfiguration.",
				Resource: "aws_s3_bucket.logs", ResourceType: "aws_s3_bucket",
				Location:    document.Range{File: "main.tf", Line: 5, Column: 1, EndLine: 5, EndColumn: 30},
				Fingerprint: "fp-tf-logging",
				Suppressed:  &finding.Suppression{Kind: "baseline", Reason: "accepted in baseline"},
			},
			{
				RuleID: "aws-rds-storage-encrypted", Title: "RDS storage is encrypted", Severity: finding.High, Theme: "encryption",
				Format: "cloudformation", Message: "StorageEncrypted is not true",
				Remediation: "Set StorageEncrypted to true and KmsKeyId to a customer-managed key.",
				Resource:    "Database", ResourceType: "AWS::RDS::DBInstance",
				Location: document.Range{File: "templates/db.yaml", Line: 12, Column: 7, EndLine: 12, EndColumn: 30},
				Related: []finding.Related{
					{Message: "engine chosen here", Range: document.Range{File: "templates/db.yaml", Line: 10, Column: 7}},
					{Message: "KMS key defined here", Range: document.Range{File: "templates/kms.yaml", Line: 3, Column: 3}},
				},
				Fingerprint: "fp-rds",
			},
			{
				RuleID: "aws-s3-logging", Title: "S3 access logging is enabled", Severity: finding.Low, Theme: "logging",
				Format: "cloudformation", Message: "Bucket Logs has no LoggingConfiguration.",
				Remediation: "Configure LoggingConfiguration.", Resource: "Logs", ResourceType: "AWS::S3::Bucket",
				Location:    document.Range{File: "templates/db.yaml", Line: 30, Column: 3},
				Fingerprint: "fp-cfn-logging",
				Suppressed:  &finding.Suppression{Kind: "inline", Reason: "logs go to the central account", Owner: "platform-team", Expires: "2030-01-01"},
			},
		},
		Diagnostics: []document.Diagnostic{
			{Level: document.LevelWarning, Message: "module not initialised; run terraform init",
				Range: document.Range{File: "modules/vpc"}},
			{Level: document.LevelError, Message: "mapping values are not allowed in this context",
				Range: document.Range{File: "templates/broken.yaml", Line: 4, Column: 12}},
		},
		Summary: report.Summary{
			FilesScanned: map[string]int{"cloudformation": 3, "terraform": 1, "dockerfile": 1, "cdk": 1},
			FilesSkipped: 2,
			BySeverity:   map[string]int{"critical": 1, "high": 1, "medium": 1, "low": 0, "info": 0},
			Suppressed:   2,
			FailOn:       "high",
			Verdict:      report.Undecided,
		},
	}
}

// Empty is a run that scanned files and found nothing.
func Empty() report.Report {
	return report.Report{
		Tool:    tool(),
		Rules:   rules(),
		Summary: report.Summary{FilesScanned: map[string]int{"terraform": 4}, FailOn: "high", Verdict: report.Passed},
	}
}

// WithRedactions is a run whose messages already had a secret replaced by
// the placeholder: once in a finding message, once in a related location
// and once in a diagnostic; writers must render each exactly as given.
func WithRedactions() report.Report {
	return report.Report{
		Tool:  tool(),
		Rules: rules(),
		Findings: []finding.Finding{{
			RuleID: "aws-iam-no-static-keys", Title: "No static access keys", Severity: finding.Critical, Theme: "secrets",
			Format: "cloudformation", Message: "Secret access key " + Redacted + " is hard-coded",
			Remediation: "Use a role.", Resource: "Function", ResourceType: "AWS::Lambda::Function",
			Location: document.Range{File: "templates/fn.yaml", Line: 8, Column: 9},
			Related: []finding.Related{
				{Message: "the same key " + Redacted + " again", Range: document.Range{File: "templates/fn.yaml", Line: 20, Column: 9}},
			},
			Fingerprint: "fp-key",
		}},
		Diagnostics: []document.Diagnostic{
			{Level: document.LevelWarning, Message: "value " + Redacted + " could not be resolved",
				Range: document.Range{File: "templates/fn.yaml", Line: 3, Column: 1}},
		},
		Summary: report.Summary{
			FilesScanned: map[string]int{"cloudformation": 1},
			BySeverity:   map[string]int{"critical": 1},
			FailOn:       "high",
			Verdict:      report.Blocked,
		},
	}
}

// Digests of the image in InImage: its two layers' and its config's.
const (
	Layer0Digest = "sha256:0b0b0c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"
	Layer1Digest = "sha256:1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"
	ConfigDigest = "sha256:cafe0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab"
)

// InImage is a run over a docker save archive holding the tagged image
// app:1.0: a finding in a file of its second layer, with a related place
// in another file, and a finding in its config. Every range stays at 1:1
// of the archive; Within says where in the image.
func InImage() report.Report {
	one, zero := 1, 0
	archive := "images/app.tar"
	return report.Report{
		Tool: tool(),
		Rules: []finding.Rule{
			{ID: "container-runs-as-root", Title: "Container does not run as root", Severity: finding.Medium, Theme: "container-hardening", Formats: []string{"image"}},
			{ID: "container-setuid-files", Title: "No unexpected setuid or setgid files", Severity: finding.High, Theme: "container-hardening", Formats: []string{"image"}},
		},
		Findings: []finding.Finding{
			{
				RuleID: "container-runs-as-root", Title: "Container does not run as root", Severity: finding.Medium,
				Theme: "container-hardening", Format: "image", Resource: "app:1.0", ResourceType: "image",
				Message:  "The image config sets no user, so the container runs as root",
				Location: document.Range{File: archive, Line: 1, Column: 1, Within: &document.Within{Image: "app:1.0", Path: document.WithinConfig, Digest: ConfigDigest}},
				Path:     []string{"config", "user"}, Fingerprint: "fp-root",
			},
			{
				RuleID: "container-setuid-files", Title: "No unexpected setuid or setgid files", Severity: finding.High,
				Theme: "container-hardening", Format: "image", Resource: "app:1.0", ResourceType: "image",
				Message:  "/usr/local/bin/helper is setuid (mode 4755, owner uid 0, group gid 0) and not in the setuid allowlist",
				Location: document.Range{File: archive, Line: 1, Column: 1, Within: &document.Within{Image: "app:1.0", Path: "/usr/local/bin/helper", Layer: &one, Digest: Layer1Digest}},
				Related: []finding.Related{{Message: "owner account", Range: document.Range{File: archive, Line: 1, Column: 1,
					Within: &document.Within{Image: "app:1.0", Path: "/etc/passwd", Line: 1, Layer: &zero, Digest: Layer0Digest}}}},
				Path: []string{"files", "3", "mode"}, Fingerprint: "fp-setuid",
			},
		},
		Summary: report.Summary{
			FilesScanned: map[string]int{"image": 1},
			BySeverity:   map[string]int{"high": 1, "medium": 1},
			FailOn:       "high",
			Verdict:      report.Blocked,
		},
	}
}

// Golden compares got with testdata/<name>, rewriting the file instead when
// update is set (go test -update).
func Golden(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to accept):\n--- got ---\n%s\n--- want ---\n%s", p, got, want)
	}
}

// Contains fails t for each of want that out does not contain.
func Contains(t testing.TB, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in\n%s", w, out)
		}
	}
}
