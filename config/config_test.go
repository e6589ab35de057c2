package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseFullConfig(t *testing.T) {
	c, err := Parse([]byte(`
version: 1
fail_on: high
policies: [./policy]
exclude: ["legacy/**"]
rules: {disable: [aws-sqs-queue-kms]}
ignore:
  - id: aws-s3-bucket-encryption-kms
    paths: ["static/**"]
    reason: public website assets
    expires: 2027-06-30
approved_base_images:
  - pattern: registry.example.com/golden/*
    digests: ["sha256:` + strings.Repeat("a", 64) + `"]
require_digest_pinning: true
require_pinned_packages: true
allowed_registries: [registry.example.com]
allowed_regions: [ap-southeast-2]
require_customer_managed_keys: true
image_setuid_allowlist: [/opt/app/bin/*]
require_provenance_labels: true
require_signed_images: [keys/cosign.pub]
terraform: {var_files: [prod.tfvars], vars: {env: prod}, strict: true, download_modules: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "high" || len(c.Ignore) != 1 || !reflect.DeepEqual(c.RequireSignedImages, []string{"keys/cosign.pub"}) || !c.Terraform.Strict || !c.Terraform.DownloadModules || c.Terraform.Vars["env"] != "prod" {
		t.Fatalf("decoded %+v", c)
	}
	d := c.Data()
	if d["require_digest_pinning"] != true || d["require_pinned_packages"] != true || len(d["allowed_regions"].([]any)) != 1 || d["require_customer_managed_keys"] != true {
		t.Fatalf("data = %v", d)
	}
	if d["require_provenance_labels"] != true || !reflect.DeepEqual(d["image_setuid_allowlist"], []any{"/opt/app/bin/*"}) {
		t.Fatalf("image settings in data = %v", d)
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"unknown key":       "fail_onn: high\n",
		"bad severity":      "fail_on: urgent\n",
		"ignore w/o reason": "ignore: [{id: x}]\n",
		"bad expiry":        "ignore: [{id: x, reason: y, expires: soon}]\n",
		"bad digest":        "approved_base_images: [{pattern: a, digests: [sha256:1]}]\n",
		"two base sources":  "approved_base_images: [{pattern: a, image: a:1, tarball: a.tar}]\n",
		"future version":    "version: 2\n",
		"not yaml":          "fail_on: [\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse([]byte(src)); err == nil {
				t.Fatalf("%q should be rejected", src)
			}
		})
	}
}

// require_waf is on unless the file turns it off: a pointer keeps "unset"
// apart from false, and the schema check reads through the pointer.
func TestRequireWAFDefaultsOn(t *testing.T) {
	for src, want := range map[string]bool{"": true, "require_waf: true\n": true, "require_waf: false\n": false} {
		c, err := Parse([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := c.Data()["require_waf"]; got != want {
			t.Errorf("%q: require_waf = %v, want %v", src, got, want)
		}
	}
	_, err := Parse([]byte("require_waf: nope\n"))
	if err == nil || !strings.Contains(err.Error(), "require_waf must be true or false") {
		t.Fatalf("require_waf: nope: %v", err)
	}
}

func TestEmptyConfigIsValid(t *testing.T) {
	c, err := Parse(nil)
	if err != nil || c.Version != 1 {
		t.Fatalf("empty config: %+v %v", c, err)
	}
}

// FuzzParse checks that no configuration file, however broken, panics the
// parser or yields a config that fails its own validation.
func FuzzParse(f *testing.F) {
	f.Add([]byte("fail_on: high\nignore: [{id: a, reason: b, expires: 2027-01-01}]\n"))
	f.Add([]byte("approved_base_images: [{pattern: 'r.example.com/*'}]\nterraform: {vars: {a: b}}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		if err := c.validate(); err != nil {
			t.Fatalf("accepted config fails validation: %v", err)
		}
		_ = c.Data()
	})
}

func TestApprovedImageSources(t *testing.T) {
	c, err := Parse([]byte(`approved_base_images:
  - pattern: registry.example.com/golden/python
    image: registry.example.com/golden/python:3.12
  - pattern: registry.example.com/golden/static
    tarball: bases/static.tar
  - pattern: registry.example.com/golden/node
    layout: bases/node
`))
	if err != nil {
		t.Fatal(err)
	}
	got := c.ApprovedBaseImages
	if len(got) != 3 || got[0].Image != "registry.example.com/golden/python:3.12" || got[1].Tarball != "bases/static.tar" || got[2].Layout != "bases/node" {
		t.Fatalf("sources not read: %+v", got)
	}
}

func TestApprovedImagesAsPlainStrings(t *testing.T) {
	c, err := Parse([]byte("approved_base_images:\n  - registry.example.com/golden/*\n  - pattern: registry.example.com/base/*\n    digests: [\"sha256:" + strings.Repeat("b", 64) + "\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.ApprovedBaseImages
	if len(got) != 2 || got[0].Pattern != "registry.example.com/golden/*" || got[1].Pattern != "registry.example.com/base/*" || len(got[1].Digests) != 1 {
		t.Fatalf("approved images = %+v", got)
	}
}

// Errors name the line and say in YAML's words what was expected: never a
// Go type name, never the wrong line.
func TestErrorsSpeakYAML(t *testing.T) {
	cases := []struct{ src, want string }{
		{"version: 1\nfailon: high\n", `line 2: unknown key "failon" at the top level (did you mean "fail_on"?)`},
		{"rules:\n  disable: aws-x\n", `line 2: rules.disable must be a list of strings, not the string "aws-x"`},
		{"approved_base_images:\n  - pattern: a\n    digest: [x]\n", `line 3: unknown key "digest" in approved_base_images[0] (did you mean "digests"?)`},
		{"terraform:\n  strict: maybe\n", `line 2: terraform.strict must be true or false, not the string "maybe"`},
		{"exclude: {a: b}\n", `line 1: exclude must be a list of strings, not a map`},
		{"ignore:\n  - id: a\n    reason: b\n  - id: c\n", `line 4: ignore[1] (c): a reason is required`},
		{"ignore:\n  - id: a\n    reason: b\n    expires: soon\n", `line 4: ignore[0] (a): expires must be a date, YYYY-MM-DD`},
		{"fail_on: urgent\n", `line 1: fail_on: unknown severity "urgent"`},
		{"require_signed_images: cosign.pub\n", `line 1: require_signed_images must be a list of strings, not the string "cosign.pub"`},
		{"require_signed_images:\n  - keys/a.pub\n  - ''\n", `line 3: require_signed_images[1]: want the path of a PEM public key file, not an empty string`},
		{"ignore:\n  - id: a\n    zzzzzzzz: b\n", `line 3: unknown key "zzzzzzzz" in ignore[0] (known keys: expires, id, owner, paths, reason, resources)`},
		{"backup_retention_days: 36\n", "line 1: backup_retention_days must be 1 to 35 (RDS keeps automated backups at most 35 days), not 36"},
		{"backup_retention_days: -1\n", "line 1: backup_retention_days must be 1 to 35"},
		{"backup_retention_days: week\n", `line 1: backup_retention_days must be a whole number, not the string "week"`},
		{"log_retention_days: -5\n", "line 1: log_retention_days must be a positive number of days, not -5"},
		{"backup_copy_accounts:\n  - '111122223333'\n  - 'escrow'\n", `line 3: backup_copy_accounts[1]: "escrow" is not an AWS account id (12 digits)`},
		{"backup_copy_accounts: 111122223333\n", "line 1: backup_copy_accounts must be a list of strings, not the number 111122223333"},
	}
	for _, tc := range cases {
		_, err := Parse([]byte(tc.src))
		if err == nil {
			t.Errorf("%q: accepted", tc.src)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q:\n got  %s\n want %s", tc.src, err, tc.want)
		}
		if strings.Contains(err.Error(), "config.") || strings.Contains(err.Error(), "[]string") {
			t.Errorf("%q: Go type in %q", tc.src, err)
		}
	}
}

func TestMaxFileSizeForms(t *testing.T) {
	for _, src := range []string{"max_file_size: 64MiB\n", "max_file_size: {cloudformation: 1MiB}\n"} {
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	_, err := Parse([]byte("max_file_size: [1]\n"))
	if err == nil || !strings.Contains(err.Error(), "max_file_size must be a size (64MiB), or a map of kinds to sizes, not a list") {
		t.Errorf("list: %v", err)
	}
}
