package pipeline

import (
	"archive/tar"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Image rule fixtures are OCI archives built here, so they are small,
// reviewable as code and byte-for-byte reproducible. Regenerate with
// `go test ./pipeline -run TestImageFixtures -update-images`.
var updateImages = flag.Bool("update-images", false, "rewrite the image rule fixtures under testdata/rules/*/image")

type imageFixture struct {
	rule, name string
	spec       imagetest.Spec
	expect     bool // a finding of rule at line 1
}

const (
	fixturePrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ\n-----END OPENSSH PRIVATE KEY-----\n"
	fixtureCACert     = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2xvdWQgUm9vdCBDQSAyMDI1MAoGCCqGSM49BAMCMBgx\n-----END CERTIFICATE-----\n"
)

func baseAnnotations(name string) map[string]string {
	return map[string]string{
		image.AnnotationBaseName:   name,
		image.AnnotationBaseDigest: "sha256:5f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
	}
}

func imageFixtures() []imageFixture {
	app := map[string]string{"app/server": "#!/bin/sh\nexec /usr/local/bin/server\n"}
	return []imageFixture{
		{rule: "container-runs-as-root", name: "fail-no-user", expect: true, spec: imagetest.Spec{Files: app}},
		{rule: "container-runs-as-root", name: "fail-user-root", expect: true, spec: imagetest.Spec{User: "0:0", Files: app}},
		{rule: "container-runs-as-root", name: "pass-uid", spec: imagetest.Spec{User: "10001:10001", Files: app}},

		{rule: "container-secrets-environment", name: "fail-env-password", expect: true, spec: imagetest.Spec{User: "10001",
			Env: []string{"PATH=/usr/local/bin:/usr/bin:/bin", "DATABASE_PASSWORD=Winter2024!"}, Files: app}},
		{rule: "container-secrets-environment", name: "pass-env-secret-file", spec: imagetest.Spec{User: "10001",
			Env: []string{"PATH=/usr/local/bin:/usr/bin:/bin", "DATABASE_PASSWORD_FILE=/run/secrets/db_password"}, Files: app}},

		{rule: "container-secrets-credential-file", name: "fail-npmrc-and-key", expect: true, spec: imagetest.Spec{User: "10001", Files: map[string]string{
			"root/.npmrc":              "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_f4KeT0kenV4lue0000000000000000000000\n",
			"home/app/.ssh/id_ed25519": fixturePrivateKey,
			"app/server":               "#!/bin/sh\n",
		}}},
		{rule: "container-secrets-credential-file", name: "pass-config-only", spec: imagetest.Spec{User: "10001", Files: map[string]string{
			"root/.npmrc": "registry=https://npm.example.com/\n//npm.example.com/:_authToken=${NPM_TOKEN}\n",
			"usr/local/share/ca-certificates/corp.pem": fixtureCACert,
			"home/app/.ssh/id_ed25519.pub":             "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx app@example\n",
			"app/server":                               "#!/bin/sh\n",
		}}},

		// The Dockerfile rule's list: a key store is a finding by its presence,
		// a .tfvars by its content.
		{rule: "container-secrets-credential-file", name: "fail-key-store-and-tfvars", expect: true, spec: imagetest.Spec{User: "10001", Files: map[string]string{
			"app/keys/release.jks": "\xfe\xed\xfe\xed\x00\x00\x00\x02\x00\x00\x00\x01",
			"infra/prod.tfvars":    "region      = \"eu-west-1\"\ndb_password = \"Wint3r-Sun-2025\"\n",
			"app/server":           "#!/bin/sh\n",
		}}},
		{rule: "container-secrets-credential-file", name: "pass-trust-store-and-plain-tfvars", spec: imagetest.Spec{User: "10001", Files: map[string]string{
			"app/keys/truststore.jks": "\xfe\xed\xfe\xed\x00\x00\x00\x02\x00\x00\x00\x01",
			"infra/prod.tfvars":       "region        = \"eu-west-1\"\ninstance_type = \"t3.micro\"\n",
			"app/.env.dist":           "DB_PASSWORD=changeme\n",
			"app/server":              "#!/bin/sh\n",
		}}},

		{rule: "container-secrets-known-pattern", name: "fail-token-in-history", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			History: []string{"RUN /bin/sh -c git clone https://x-access-token:ghp_R2d2C3poBb8Ewok1Yoda9Luke7Leia4Han6So@github.com/acme/lib.git /src # buildkit"}}},
		{rule: "container-secrets-known-pattern", name: "pass-clean-history", spec: imagetest.Spec{User: "10001", Files: app,
			History: []string{"RUN /bin/sh -c git clone https://github.com/acme/lib.git /src # buildkit"}}},

		{rule: "container-base-image-approved", name: "fail-unapproved-base", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("docker.io/library/debian:12")}},
		{rule: "container-base-image-approved", name: "pass-golden-base", spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("registry.example.com/golden/debian:12")}},

		{rule: "container-base-image-registry-allowed", name: "fail-public-base", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("quay.io/acme/base:2")}},
		{rule: "container-base-image-registry-allowed", name: "pass-mirrored-base", spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("registry.example.com/mirror/debian:12")}},

		{rule: "container-base-image-unverified", name: "fail-no-base", expect: true, spec: imagetest.Spec{User: "10001", Files: app}},
		{rule: "container-base-image-unverified", name: "pass-annotated-base", spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("registry.example.com/golden/debian:12")}},

		// testdata/rules/container-setuid-files/image/tollgate.yaml allows /opt/app/bin/*.
		{rule: "container-setuid-files", name: "fail-setuid-helper", expect: true, spec: imagetest.Spec{User: "10001", Files: app, Entries: []imagetest.Entry{
			{Path: "usr/bin/passwd", Mode: 0o4755, Content: "\x7fELF"},
			{Path: "usr/local/bin/helper", Mode: 0o4755, Content: "\x7fELF"},
		}}},
		{rule: "container-setuid-files", name: "pass-distribution-and-allowlisted", spec: imagetest.Spec{User: "10001", Files: app, Entries: []imagetest.Entry{
			{Path: "usr/bin/passwd", Mode: 0o4755, Content: "\x7fELF"},
			{Path: "usr/sbin/unix_chkpwd", Mode: 0o2755, Content: "\x7fELF"},
			{Path: "opt/app/bin/ping", Mode: 0o4755, Content: "\x7fELF"},
			{Path: "usr/local/bin/server", Mode: 0o755, Content: "\x7fELF"},
		}}},

		{rule: "container-world-writable-dir", name: "fail-data-0777", expect: true, spec: imagetest.Spec{User: "10001", Files: app, Entries: []imagetest.Entry{
			{Path: "data/", Type: tar.TypeDir, Mode: 0o777},
			{Path: "tmp/", Type: tar.TypeDir, Mode: 0o1777},
		}}},
		{rule: "container-world-writable-dir", name: "pass-sticky-tmp", spec: imagetest.Spec{User: "10001", Files: app, Entries: []imagetest.Entry{
			{Path: "data/", Type: tar.TypeDir, Mode: 0o755},
			{Path: "tmp/", Type: tar.TypeDir, Mode: 0o1777},
		}}},

		{rule: "container-account-empty-password", name: "fail-empty-shadow-password", expect: true, spec: imagetest.Spec{User: "10001", Files: withAccounts(app,
			"root:x:0:0:root:/root:/bin/sh\nguest:x:1001:1001::/home/guest:/bin/sh\n",
			"root:!:19000:0:99999:7:::\nguest::19000:0:99999:7:::\n")}},
		{rule: "container-account-empty-password", name: "pass-locked-accounts", spec: imagetest.Spec{User: "10001", Files: withAccounts(app,
			"root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/sbin/nologin\n",
			"root:*:19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n")}},

		{rule: "container-duplicate-uid", name: "fail-second-root", expect: true, spec: imagetest.Spec{User: "10001", Files: withAccounts(app,
			"root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:10001:10001::/app:/sbin/nologin\n",
			"root:*:19000::::::\ntoor:*:19000::::::\napp:!:19000::::::\n")}},
		{rule: "container-duplicate-uid", name: "pass-unique-uids", spec: imagetest.Spec{User: "10001", Files: withAccounts(app,
			"root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/sbin/nologin\n",
			"root:*:19000::::::\napp:!:19000::::::\n")}},

		{rule: "docker-base-image-latest", name: "fail-untagged-base", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("docker.io/library/debian")}},
		{rule: "docker-base-image-latest", name: "fail-latest-base", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("docker.io/library/debian:latest")}},
		{rule: "docker-base-image-latest", name: "pass-versioned-base", spec: imagetest.Spec{User: "10001", Files: app,
			Annotations: baseAnnotations("docker.io/library/debian:12")}},

		// testdata/rules/container-provenance-labels/image/tollgate.yaml sets require_provenance_labels.
		{rule: "container-provenance-labels", name: "fail-no-revision", expect: true, spec: imagetest.Spec{User: "10001", Files: app,
			Labels: map[string]string{"org.opencontainers.image.source": "https://github.com/acme/app"}}},
		{rule: "container-provenance-labels", name: "pass-source-and-revision", spec: imagetest.Spec{User: "10001", Files: app,
			Labels: map[string]string{"org.opencontainers.image.source": "https://github.com/acme/app", "org.opencontainers.image.revision": "4f2c1e9b7a3d5c8e0f1a2b3c4d5e6f708192a3b4"}}},
	}
}

// withAccounts adds /etc/passwd and /etc/shadow to a file set.
func withAccounts(files map[string]string, passwd, shadow string) map[string]string {
	out := map[string]string{"etc/passwd": passwd, "etc/shadow": shadow}
	for p, c := range files {
		out[p] = c
	}
	return out
}

// TestImageFixtures keeps the image rule fixtures identical to what the
// specs above generate; -update-images rewrites them.
func TestImageFixtures(t *testing.T) {
	for _, fx := range imageFixtures() {
		dir := filepath.Join(fixturesDir, fx.rule, "image")
		path := filepath.Join(dir, fx.name+".tar")
		data := imagetest.OCIArchive(t, imagetest.Build(t, fx.spec))
		var expect []byte
		if fx.expect {
			expect = []byte("1 " + fx.rule + "\n")
		}
		if *updateImages {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if expect != nil {
				if err := os.WriteFile(path+".expect", expect, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-images)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from its spec: run go test ./pipeline -run TestImageFixtures -update-images", path)
		}
		if side, _ := os.ReadFile(path + ".expect"); !bytes.Equal(side, expect) {
			t.Errorf("%s.expect = %q, want %q", path, side, expect)
		}
	}
}
