package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/attest/attesttest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// quietPolicy is a rule set that passes everything, so a scan's verdict
// is "passed" and promotion depends on the artifacts alone.
const quietPolicy = `# METADATA
# title: Never fires
# custom:
#   id: org-never
#   severity: high
#   theme: iam
#   formats: [cloudformation, image, dockerfile, files, artifacts]
package org.never

import rego.v1

deny contains f if {
	input.never_present == "x"
	f := {"resource": "x", "path": [], "message": "never"}
}
`

// attestTree is a working directory with a template, a Terraform module,
// a Dockerfile and a copy of the committed CDK synth output, and a policy
// directory that passes them.
func attestTree(t *testing.T) (policy string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "templates/db.yaml", encryptedDB)
	writeFile(t, dir, "infra/main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  kms_master_key_id = \"alias/k\"\n}\n")
	writeFile(t, dir, "docker/Dockerfile", "FROM scratch\nUSER 10001\n")
	if out, err := exec.Command("cp", "-R", "../../testdata/cdk/app/cdk.out", filepath.Join(dir, "cdk.out")).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	policy = writeFile(t, t.TempDir(), "never.rego", quietPolicy)
	t.Chdir(dir)
	return policy
}

type promoteJSON struct {
	Result    string `json:"result"`
	ExitCode  int    `json:"exitCode"`
	Subjects  int    `json:"subjects"`
	Checks    []struct{ Check, Status, Detail string }
	Artifacts []struct{ Name, Kind, Status, Expected, Actual, Detail string }
	Predicate struct {
		Verdict string
		Policy  struct{ Digest string }
	}
}

func promoteJSONOf(t *testing.T, args ...string) (int, promoteJSON) {
	t.Helper()
	code, out, stderr := tollgate(t, append([]string{"promote", "--format", "json"}, args...)...)
	var p promoteJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out, stderr)
	}
	if p.ExitCode != code {
		t.Fatalf("exitCode %d in the report, process exit %d", p.ExitCode, code)
	}
	return code, p
}

func statusOf(p promoteJSON, name string) string {
	for _, a := range p.Artifacts {
		if a.Name == name {
			return a.Status
		}
	}
	return "absent"
}

// The promotion gate end to end: a passing scan attests what it read,
// signed; promote accepts the untouched tree and refuses, naming the
// artifact, a tampered file, a tampered CDK template, a tampered folder
// asset and Docker build folder, and a file the scan never saw.
func TestPromoteTamperedArtifacts(t *testing.T) {
	policy := attestTree(t)
	key, pub := attesttest.Keys(t, "ed25519")
	att := filepath.Join(t.TempDir(), "scan.att.json")
	code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--attest", att, "--attest-key", key, "templates", "infra", "docker", "cdk.out")
	if code != 0 || !strings.Contains(stderr, "verdict passed") {
		t.Fatalf("scan: exit %d\n%s", code, stderr)
	}
	roots := []string{"templates", "infra", "docker", "cdk.out"}
	code, p := promoteJSONOf(t, append([]string{"--attestation", att, "--key", pub}, roots...)...)
	if code != 0 || p.Result != "passed" || p.Subjects < 40 || p.Predicate.Verdict != "passed" {
		t.Fatalf("untouched tree: exit %d %+v", code, p)
	}
	for _, a := range p.Artifacts {
		if a.Status != "ok" {
			t.Errorf("untouched %s: %s", a.Name, a.Status)
		}
	}
	if code, out, _ := tollgate(t, "promote", "--attestation", att, "--key", pub); code != 0 || !strings.Contains(out, "promote: passed:") {
		t.Fatalf("every subject, text output: exit %d\n%s", code, out)
	}

	template := "cdk.out/ComputeStack.template.json"
	folder := "cdk.out/asset.27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa"
	docker := "cdk.out/asset.c93f57308117ff8e44af683b35da9ed2381f785a9eed8ad9cfd69f62ed82d6ad"
	cases := []struct {
		name, path, tamper, want string
		args                     []string
	}{
		{"file", "infra/main.tf", "infra/main.tf", "infra/main.tf", []string{"infra"}},
		{"file named directly", "templates/db.yaml", "templates/db.yaml", "templates/db.yaml", []string{"templates/db.yaml"}},
		{"CDK template", template, template, template, []string{"cdk.out"}},
		{"folder asset", folder + "/index.js", folder + "/index.js", folder, []string{"cdk.out"}},
		{"Docker asset", docker + "/index.js", docker + "/index.js", docker, []string{"cdk.out"}},
		{"new file in a scanned directory", "infra/extra.tf", "infra/extra.tf", "infra/extra.tf", []string{"infra"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, err := os.ReadFile(c.tamper)
			existed := err == nil
			if err := os.WriteFile(c.tamper, append(old, []byte("\n// tampered\n")...), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if existed {
					os.WriteFile(c.tamper, old, 0o644)
				} else {
					os.Remove(c.tamper)
				}
			}()
			code, p := promoteJSONOf(t, append([]string{"--attestation", att, "--key", pub}, c.args...)...)
			want := "changed"
			if !existed {
				want = "not-covered"
			}
			if code != 1 || statusOf(p, c.want) != want {
				t.Fatalf("exit %d, %s: %s, want %s\n%+v", code, c.want, statusOf(p, c.want), want, p.Artifacts)
			}
			_, out, _ := tollgate(t, append([]string{"promote", "--attestation", att}, c.args...)...)
			if !strings.Contains(out, c.want+": "+strings.ToUpper(want)) {
				t.Errorf("text output does not name %s:\n%s", c.want, out)
			}
		})
	}
	// A deleted file that was scanned.
	if err := os.Remove("infra/main.tf"); err != nil {
		t.Fatal(err)
	}
	if code, p := promoteJSONOf(t, "--attestation", att, "infra"); code != 1 || statusOf(p, "infra/main.tf") != "missing" {
		t.Fatalf("deleted file: exit %d %+v", code, p.Artifacts)
	}
}

// The attestation itself: a blocked scan, another policy set, a forged or
// wrongly keyed signature, an unsigned statement where a key is required
// are refused (exit 1); a truncated or malformed attestation and an
// unusable key cannot be decided (exit 2).
func TestPromoteRefusesTheAttestation(t *testing.T) {
	policy := attestTree(t)
	ctxDir := t.TempDir()
	key, pub := attesttest.Keys(t, "ecdsa")
	_, otherPub := attesttest.Keys(t, "ecdsa")
	signed := filepath.Join(ctxDir, "signed.json")
	unsigned := filepath.Join(ctxDir, "unsigned.json")
	blocked := filepath.Join(ctxDir, "blocked.json")
	if code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--attest", signed, "--attest-key", key, "templates"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--attest", unsigned, "templates"); code != 0 {
		t.Fatal(stderr)
	}
	writeFile(t, ".", "bad/db.yaml", unencryptedDB)
	if code, _, stderr := tollgate(t, "scan", "--attest", blocked, "--attest-key", key, "bad"); code != 1 || !strings.Contains(stderr, "verdict blocked") {
		t.Fatalf("blocked scan: exit %d %s", code, stderr)
	}

	code, out, _ := tollgate(t, "rules", "--no-builtin", "--policy", policy, "--policy-digest")
	digest := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("rules --policy-digest: exit %d %q", code, out)
	}
	if code, p := promoteJSONOf(t, "--attestation", signed, "--key", pub, "--policy-digest", digest, "templates"); code != 0 || p.Predicate.Policy.Digest != digest {
		t.Fatalf("same policy set: exit %d %+v", code, p)
	}
	_, builtin, _ := tollgate(t, "rules", "--policy-digest")
	if code, p := promoteJSONOf(t, "--attestation", signed, "--policy-digest", strings.TrimSpace(builtin), "templates"); code != 1 || !checkFailed(p, "policy") {
		t.Fatalf("another policy set: exit %d %+v", code, p.Checks)
	}
	if code, p := promoteJSONOf(t, "--attestation", blocked, "--key", pub, "bad"); code != 1 || !checkFailed(p, "verdict") {
		t.Fatalf("blocked scan: exit %d %+v", code, p.Checks)
	}
	if code, p := promoteJSONOf(t, "--attestation", signed, "--key", otherPub, "templates"); code != 1 || !checkFailed(p, "signature") {
		t.Fatalf("wrong key: exit %d %+v", code, p.Checks)
	}
	if code, p := promoteJSONOf(t, "--attestation", unsigned, "--key", pub, "templates"); code != 1 || !checkFailed(p, "signature") {
		t.Fatalf("unsigned with a key: exit %d %+v", code, p.Checks)
	}
	// Forged: the signed payload swapped for the unsigned statement of
	// another scan, the signature kept.
	var env map[string]any
	raw, _ := os.ReadFile(signed)
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatal(err)
	}
	other, _ := os.ReadFile(blocked)
	var otherEnv map[string]any
	if err := json.Unmarshal(other, &otherEnv); err != nil {
		t.Fatal(err)
	}
	env["payload"] = otherEnv["payload"]
	forged, _ := json.Marshal(env)
	forgedFile := writeFile(t, ctxDir, "forged.json", string(forged))
	if code, p := promoteJSONOf(t, "--attestation", forgedFile, "--key", pub, "bad"); code != 1 || !checkFailed(p, "signature") {
		t.Fatalf("forged: exit %d %+v", code, p.Checks)
	}

	truncated := writeFile(t, ctxDir, "truncated.json", string(raw[:len(raw)/2]))
	for name, args := range map[string][]string{
		"truncated":       {"--attestation", truncated},
		"not json":        {"--attestation", writeFile(t, ctxDir, "x.json", "hello")},
		"missing":         {"--attestation", filepath.Join(ctxDir, "none.json")},
		"key not a key":   {"--attestation", signed, "--key", signed},
		"bad digest flag": {"--attestation", signed, "--policy-digest", "md5:1"},
		"no attestation":  {"templates"},
	} {
		code, _, stderr := tollgate(t, append([]string{"promote"}, args...)...)
		if code != 2 || !strings.Contains(stderr, "tollgate: promote") {
			t.Errorf("%s: exit %d, want 2: %s", name, code, stderr)
		}
	}
}

func checkFailed(p promoteJSON, name string) bool {
	for _, c := range p.Checks {
		if c.Check == name {
			return c.Status == "failed"
		}
	}
	return false
}

// scan --attach pushes the signed attestation next to the image in
// cosign's layout; promote --image finds it and accepts the image, and
// refuses it once the tag is re-pushed with other content, by the
// attached attestation and by a file. Run against the in-process registry
// and, when installed, Debian's docker-registry.
func TestPromoteAttachedImage(t *testing.T) {
	registries := map[string]func(t *testing.T) string{
		"in-process": func(t *testing.T) string { host, _ := registrytest.Serve(t); return host },
		"docker-registry": func(t *testing.T) string {
			return startRegistry(t)
		},
	}
	for name, start := range registries {
		t.Run(name, func(t *testing.T) {
			host := start(t)
			policy := writeFile(t, t.TempDir(), "never.rego", quietPolicy)
			key, pub := attesttest.Keys(t, "ecdsa")
			ref := host + "/team/app:1"
			first := registrytest.PushRandom(t, ref)
			att := filepath.Join(t.TempDir(), "scan.att.json")
			code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--image", ref, "--attest", att, "--attest-key", key, "--attach")
			if code != 0 || !strings.Contains(stderr, "attached to "+ref+"@"+first.String()) {
				t.Fatalf("scan --attach: exit %d\n%s", code, stderr)
			}
			code, p := promoteJSONOf(t, "--image", ref, "--key", pub)
			if code != 0 || statusOf(p, ref) != "ok" {
				t.Fatalf("attached: exit %d %+v %+v", code, p.Checks, p.Artifacts)
			}
			if code, p := promoteJSONOf(t, "--attestation", att, "--image", ref, "--key", pub); code != 0 {
				t.Fatalf("by file: exit %d %+v", code, p.Artifacts)
			}

			second := registrytest.PushRandom(t, ref)
			code, p = promoteJSONOf(t, "--image", ref, "--key", pub)
			if code != 1 || !checkFailed(p, "attestation") {
				t.Fatalf("re-pushed, attached: exit %d %+v", code, p.Checks)
			}
			code, p = promoteJSONOf(t, "--attestation", att, "--image", ref, "--key", pub)
			if code != 1 || statusOf(p, ref) != "changed" || p.Artifacts[0].Actual != second.Hex || p.Artifacts[0].Expected != first.Hex {
				t.Fatalf("re-pushed, by file: exit %d %+v", code, p.Artifacts)
			}
		})
	}
}

// The attestation flags are checked before anything is scanned, and each
// form is what it says: an unsigned statement by default, a signed
// envelope with a key, the predicate alone for cosign attest.
func TestScanAttestFlags(t *testing.T) {
	policy := attestTree(t)
	key, pub := attesttest.Keys(t, "ed25519")
	out := filepath.Join(t.TempDir(), "a.json")
	for name, args := range map[string][]string{
		"key without attest":       {"--attest-key", key},
		"attach without key":       {"--attest", out, "--attach", "--image", "127.0.0.1:1/x:1"},
		"attach without image":     {"--attest", out, "--attest-key", key, "--attach"},
		"envelope without key":     {"--attest", out, "--attest-format", "envelope"},
		"predicate with key":       {"--attest", out, "--attest-key", key, "--attest-format", "predicate"},
		"unknown form":             {"--attest", out, "--attest-format", "yaml"},
		"public key signs nothing": {"--attest", out, "--attest-key", pub},
		"key file missing":         {"--attest", out, "--attest-key", filepath.Join(t.TempDir(), "none")},
	} {
		code, _, stderr := tollgate(t, append([]string{"scan", "--no-builtin", "--policy", policy, "templates"}, args...)...)
		if code != 2 || stderr == "" {
			t.Errorf("%s: exit %d, want 2 before scanning: %s", name, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%s: an attestation was written", name)
		}
	}
	read := func(args ...string) map[string]any {
		t.Helper()
		if code, _, stderr := tollgate(t, append([]string{"scan", "--no-builtin", "--policy", policy, "--attest", out, "templates"}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		var m map[string]any
		b, _ := os.ReadFile(out)
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := read(); m["_type"] != "https://in-toto.io/Statement/v1" {
		t.Errorf("default without a key: %v", m)
	}
	first, _ := os.ReadFile(out)
	read()
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("two scans of the same tree wrote different statements")
	}
	if m := read("--attest-key", key); m["payloadType"] != "application/vnd.in-toto+json" || len(m["signatures"].([]any)) != 1 {
		t.Errorf("default with a key: %v", m)
	}
	if m := read("--attest-format", "predicate"); m["verdict"] != "passed" || m["_type"] != nil {
		t.Errorf("predicate: %v", m)
	}
}

// The built-in rules alone have the policy digest `tollgate version`
// prints: one listing format, so a deploy stage can pin either.
func TestPolicyDigestOfTheBuiltinRulesIsTheVersionOne(t *testing.T) {
	_, version, _ := tollgate(t, "version")
	code, digest, _ := tollgate(t, "rules", "--policy-digest")
	if code != 0 || !strings.Contains(version, "policies: "+strings.TrimSpace(digest)+"\n") {
		t.Fatalf("rules --policy-digest %q, version:\n%s", digest, version)
	}
}

// cosign verify-attestation --key accepts what scan --attach pushes: the
// layout and the signature are cosign's. cosign is not installed by
// scripts/install-test-deps (building it from the module proxy takes a
// quarter of an hour); the test runs when a cosign binary is on PATH or
// named by TOLLGATE_COSIGN.
func TestCosignVerifiesAttachedAttestation(t *testing.T) {
	cosign := os.Getenv("TOLLGATE_COSIGN")
	if cosign == "" {
		var err error
		if cosign, err = exec.LookPath("cosign"); err != nil {
			t.Skip("no cosign binary (set TOLLGATE_COSIGN or put cosign on PATH)")
		}
	}
	host := startRegistry(t)
	policy := writeFile(t, t.TempDir(), "never.rego", quietPolicy)
	for _, typ := range []string{"ecdsa", "ed25519"} {
		t.Run(typ, func(t *testing.T) {
			key, pub := attesttest.Keys(t, typ)
			ref := host + "/team/" + typ + ":1"
			registrytest.PushRandom(t, ref)
			att := filepath.Join(t.TempDir(), "scan.att.json")
			if code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--image", ref, "--attest", att, "--attest-key", key, "--attach"); code != 0 {
				t.Fatalf("scan --attach: exit %d\n%s", code, stderr)
			}
			verify := func(pubKey string) (string, error) {
				cmd := exec.Command(cosign, "verify-attestation", "--key", pubKey, "--type", "https://github.com/tollgate-dev/tollgate/attestation/scan/v1",
					"--insecure-ignore-tlog", "--allow-http-registry", ref)
				cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "TUF_ROOT="+t.TempDir(), "SIGSTORE_NO_CACHE=1")
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			out, err := verify(pub)
			if err != nil || !strings.Contains(out, "The signatures were verified against the specified public key") {
				t.Fatalf("cosign verify-attestation: %v\n%s", err, out)
			}
			_, otherPub := attesttest.Keys(t, typ)
			if out, err := verify(otherPub); err == nil {
				t.Fatalf("cosign accepted another key:\n%s", out)
			}
		})
	}
}

// The predicate names the configuration and the organisation
// configuration the run read, by the SHA-256 of their bytes.
func TestAttestationRecordsTheConfigurations(t *testing.T) {
	policy := attestTree(t)
	cfg := writeFile(t, t.TempDir(), "tollgate.yaml", "fail_on: medium\n")
	org := writeFile(t, t.TempDir(), "org.yaml", "minimum_fail_on: high\n")
	out := filepath.Join(t.TempDir(), "a.json")
	t.Setenv("TOLLGATE_ORG_CONFIG", org)
	if code, _, stderr := tollgate(t, "scan", "--no-builtin", "--policy", policy, "--config", cfg, "--org-config", org, "--attest", out, "templates"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	var st struct {
		Predicate struct {
			FailOn     string
			Config     struct{ File, Digest string }
			OrgConfigs []struct{ File, Digest string }
		}
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	digest := func(f string) string {
		b, _ := os.ReadFile(f)
		sum := sha256.Sum256(b)
		return "sha256:" + hex.EncodeToString(sum[:])
	}
	p := st.Predicate
	if p.FailOn != "medium" || p.Config.File != filepath.ToSlash(cfg) || p.Config.Digest != digest(cfg) ||
		len(p.OrgConfigs) != 1 || p.OrgConfigs[0].Digest != digest(org) {
		t.Fatalf("predicate %+v", p)
	}
}
