package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// One list (policies/lib/credential_files.rego) decides, for a path, both
// whether the image scanner lists the file with its content and whether
// copying it in a Dockerfile is a finding. The cases marked "Go" were
// named by the image scanner's own list only, those marked "Rego" by the
// Dockerfile rule's only: the two disagreed.
func TestCredentialFilesOneList(t *testing.T) {
	cases := []struct {
		path           string
		listed, copied bool
	}{
		{"root/.ssh/id_ed25519", true, true},
		{"root/.ssh/id_ed25519.pub", false, false},
		{"app/.npmrc", true, true},
		{"app/certs/server-key.pem", true, true},
		{"app/keys/release.jks", true, true},         // Go: a key store in images only
		{"app/keys/android.keystore", true, true},    // Go
		{"srv/credentials", true, true},              // Rego: never read in images
		{"app/.env.dist", false, false},              // Go: a template
		{"app/certs/ca-bundle.pem", false, false},    // Go: every .pem
		{"root/.ssh/config", false, false},           // Go: holds no secret
		{"app/keys/truststore.jks", false, false},    // certificates only
		{"infra/prod.tfvars", true, false},           // Go; content decides
		{"root/.aws/config", true, false},            // Go; content decides
		{"root/.m2/settings.xml", true, false},       // Go; content decides
		{"root/.cargo/credentials.toml", true, true}, // Go
		{"root/.config/gcloud/credentials.db", true, true},
	}
	eng := builtinEngine(t)
	ctx := context.Background()

	files := map[string]string{}
	for _, c := range cases {
		files[c.path] = "placeholder\n" // nothing the credential detector flags
	}
	archive := filepath.Join(t.TempDir(), "app.tar")
	if err := os.WriteFile(archive, imagetest.OCIArchive(t, imagetest.Build(t, imagetest.Spec{User: "10001", Files: files})), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := imageTarScanner(t, eng).Scan(ctx, scanners.Unit{Path: archive})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, f := range res.Documents[0].Input["files"].([]any) {
		m := f.(map[string]any)
		listed[m["path"].(string)] = m["content"] == "placeholder\n"
	}

	dir := t.TempDir()
	var df strings.Builder
	df.WriteString("FROM scratch\n")
	for _, c := range cases {
		fmt.Fprintf(&df, "COPY %s /dst/\n", c.path)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	found, err := discover.Find(ctx, []string{dir}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := scan.Run(ctx, found.Targets, scan.Options{Engine: eng, Scanners: ScannerSet{}.Build()})
	copied := map[int]bool{}
	for _, f := range run.Findings {
		if f.RuleID == "container-secrets-credential-file" {
			copied[f.Location.Line] = true
		}
	}
	if len(run.Findings) == 0 {
		t.Fatalf("the Dockerfile was not evaluated: %v", run.Diagnostics)
	}

	for i, c := range cases {
		if got := listed["/"+c.path]; got != c.listed {
			t.Errorf("image lists /%s with its content: %v, want %v", c.path, got, c.listed)
		}
		if got := copied[i+2]; got != c.copied {
			t.Errorf("COPY %s is a finding: %v, want %v", c.path, got, c.copied)
		}
	}
}

// The image input holds facts, not the judgement of which file is a
// credential: a typed rule that reads the files' former credential field
// fails to compile, rather than silently never matching.
func TestImageFilesHaveNoCredentialField(t *testing.T) {
	const rule = `# METADATA
# title: Reads a field of image files
# schemas:
#   - input: schema.image
# custom:
#   id: test-image-file-field
#   severity: low
#   theme: secrets
#   formats: [image]
#   remediation: none
package user.image_files

import rego.v1

deny contains f if {
	some i, file in input.files
	file.FIELD
	f := {"resource": input.resource, "path": ["files", i], "message": file.path}
}
`
	compile := func(field string) error {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "rule.rego"), []byte(strings.Replace(rule, "FIELD", field, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := engine.New(context.Background(), engine.Options{Paths: []string{dir}, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
		return err
	}
	if err := compile("setuid"); err != nil {
		t.Fatalf("a documented field: %v", err)
	}
	if err := compile("credential"); err == nil || !strings.Contains(err.Error(), "credential") {
		t.Fatalf("want a type error naming the field, got %v", err)
	}
}

// Without the built-in rules the triage is whatever the policies declare:
// nothing (the neutral listing), their own list, or an error naming the
// list when it is malformed.
func TestImageTriageComesFromThePolicies(t *testing.T) {
	const rule = `# METADATA
# title: A user rule
# custom:
#   id: test-user-image-rule
#   severity: low
#   theme: secrets
#   formats: [image]
#   remediation: none
package user.image_rule

import rego.v1

deny contains f if {
	input.nothing
	f := {"resource": input.resource, "path": [], "message": "x"}
}
`
	triage := func(list string) (*image.Triage, error) {
		dir := t.TempDir()
		if list != "" {
			if err := os.WriteFile(filepath.Join(dir, "list.rego"), []byte("package tollgate.lib.credential_files\n\nimport rego.v1\n\npatterns := "+list+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "rule.rego"), []byte(rule), 0o644); err != nil {
			t.Fatal(err)
		}
		eng, err := engine.New(context.Background(), engine.Options{Paths: []string{dir}, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
		if err != nil {
			t.Fatal(err)
		}
		return imageTriage(context.Background(), eng)
	}
	none, err := triage("")
	if err != nil || none.Names("/root/.ssh/id_rsa") {
		t.Errorf("no list: %v, %v", none, err)
	}
	own, err := triage(`[{"path": "/deploy\\.token$"}]`)
	if err != nil || !own.Names("/app/deploy.token") || own.Names("/root/.ssh/id_rsa") {
		t.Errorf("own list: %v", err)
	}
	if _, err := triage(`[{"path": "("}]`); err == nil || !strings.Contains(err.Error(), credentialFilesRef) {
		t.Errorf("bad pattern: %v", err)
	}
	if _, err := triage(`{"path": "x"}`); err == nil || !strings.Contains(err.Error(), credentialFilesRef) {
		t.Errorf("not an array: %v", err)
	}
}
