package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Image rule fixtures are OCI archives built here, so they are small,
// reviewable as code and byte-for-byte reproducible. Regenerate with
// `go test ./cmd/tollgate -run TestImageFixtures -update-images`.
var updateImages = flag.Bool("update-images", false, "rewrite the image rule fixtures under testdata/rules/*/image")

// fixtureTime is every timestamp in generated images.
var fixtureTime = time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC)

// imageSpec describes a generated image.
type imageSpec struct {
	user        string
	env         []string
	labels      map[string]string
	history     []string
	files       map[string]string // path (no leading /) -> content, one layer per spec
	annotations map[string]string
}

type imageFixture struct {
	rule, name string
	spec       imageSpec
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
		{rule: "container-runs-as-root", name: "fail-no-user", expect: true, spec: imageSpec{files: app}},
		{rule: "container-runs-as-root", name: "fail-user-root", expect: true, spec: imageSpec{user: "0:0", files: app}},
		{rule: "container-runs-as-root", name: "pass-uid", spec: imageSpec{user: "10001:10001", files: app}},

		{rule: "container-secrets-environment", name: "fail-env-password", expect: true, spec: imageSpec{user: "10001",
			env: []string{"PATH=/usr/local/bin:/usr/bin:/bin", "DATABASE_PASSWORD=Winter2024!"}, files: app}},
		{rule: "container-secrets-environment", name: "pass-env-secret-file", spec: imageSpec{user: "10001",
			env: []string{"PATH=/usr/local/bin:/usr/bin:/bin", "DATABASE_PASSWORD_FILE=/run/secrets/db_password"}, files: app}},

		{rule: "container-secrets-credential-file", name: "fail-npmrc-and-key", expect: true, spec: imageSpec{user: "10001", files: map[string]string{
			"root/.npmrc":              "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_f4KeT0kenV4lue0000000000000000000000\n",
			"home/app/.ssh/id_ed25519": fixturePrivateKey,
			"app/server":               "#!/bin/sh\n",
		}}},
		{rule: "container-secrets-credential-file", name: "pass-config-only", spec: imageSpec{user: "10001", files: map[string]string{
			"root/.npmrc": "registry=https://npm.example.com/\n//npm.example.com/:_authToken=${NPM_TOKEN}\n",
			"usr/local/share/ca-certificates/corp.pem": fixtureCACert,
			"home/app/.ssh/id_ed25519.pub":             "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx app@example\n",
			"app/server":                               "#!/bin/sh\n",
		}}},

		{rule: "container-secrets-known-pattern", name: "fail-token-in-history", expect: true, spec: imageSpec{user: "10001", files: app,
			history: []string{"RUN /bin/sh -c git clone https://x-access-token:ghp_R2d2C3poBb8Ewok1Yoda9Luke7Leia4Han6So@github.com/acme/lib.git /src # buildkit"}}},
		{rule: "container-secrets-known-pattern", name: "pass-clean-history", spec: imageSpec{user: "10001", files: app,
			history: []string{"RUN /bin/sh -c git clone https://github.com/acme/lib.git /src # buildkit"}}},

		{rule: "container-base-image-approved", name: "fail-unapproved-base", expect: true, spec: imageSpec{user: "10001", files: app,
			annotations: baseAnnotations("docker.io/library/debian:12")}},
		{rule: "container-base-image-approved", name: "pass-golden-base", spec: imageSpec{user: "10001", files: app,
			annotations: baseAnnotations("registry.example.com/golden/debian:12")}},

		{rule: "container-base-image-registry-allowed", name: "fail-public-base", expect: true, spec: imageSpec{user: "10001", files: app,
			annotations: baseAnnotations("quay.io/acme/base:2")}},
		{rule: "container-base-image-registry-allowed", name: "pass-mirrored-base", spec: imageSpec{user: "10001", files: app,
			annotations: baseAnnotations("registry.example.com/mirror/debian:12")}},

		{rule: "container-base-image-unverified", name: "fail-no-base", expect: true, spec: imageSpec{user: "10001", files: app}},
		{rule: "container-base-image-unverified", name: "pass-annotated-base", spec: imageSpec{user: "10001", files: app,
			annotations: baseAnnotations("registry.example.com/golden/debian:12")}},
	}
}

// buildImage makes a deterministic OCI image from a spec.
func buildImage(t testing.TB, s imageSpec) v1.Image {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		mode := int64(0o644)
		if filepath.Base(filepath.Dir(p)) == ".ssh" || filepath.Base(p) == ".npmrc" {
			mode = 0o600
		}
		hdr := &tar.Header{Name: p, Mode: mode, Size: int64(len(s.files[p])), ModTime: fixtureTime, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(tw, s.files[p]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
		tarball.WithMediaType(types.OCILayer))
	if err != nil {
		t.Fatal(err)
	}
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	if img, err = mutate.AppendLayers(img, layer); err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Created = v1.Time{Time: fixtureTime}
	cf.Config.User = s.user
	cf.Config.Env = s.env
	cf.Config.Labels = s.labels
	cf.Config.Entrypoint = []string{"/app/server"}
	cf.History = []v1.History{{Created: v1.Time{Time: fixtureTime}, CreatedBy: "COPY . / # buildkit"}}
	for _, h := range s.history {
		cf.History = append(cf.History, v1.History{Created: v1.Time{Time: fixtureTime}, CreatedBy: h, EmptyLayer: true})
	}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	if len(s.annotations) > 0 {
		img = mutate.Annotations(img, s.annotations).(v1.Image)
	}
	return img
}

// ociArchive writes img as an OCI archive: a tar of an OCI image layout,
// entries in a fixed order with fixed times.
func ociArchive(t testing.TB, img v1.Image) []byte {
	t.Helper()
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	manifest := must(img.RawManifest())
	mt, err := img.MediaType()
	if err != nil {
		t.Fatal(err)
	}
	dig, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	index := must(json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     types.OCIImageIndex,
		"manifests":     []any{map[string]any{"mediaType": mt, "digest": dig.String(), "size": len(manifest)}},
	}))
	blobs := map[string][]byte{"sha256/" + dig.Hex: manifest}
	cfgName, err := img.ConfigName()
	if err != nil {
		t.Fatal(err)
	}
	blobs["sha256/"+cfgName.Hex] = must(img.RawConfigFile())
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		rc, err := l.Compressed()
		if err != nil {
			t.Fatal(err)
		}
		blobs["sha256/"+d.Hex] = must(io.ReadAll(rc))
		rc.Close()
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	write := func(name string, b []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), ModTime: fixtureTime, Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	write("oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`))
	write("index.json", index)
	names := make([]string, 0, len(blobs))
	for n := range blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		write("blobs/"+n, blobs[n])
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImageFixtures keeps the image rule fixtures identical to what the
// specs above generate; -update-images rewrites them.
func TestImageFixtures(t *testing.T) {
	for _, fx := range imageFixtures() {
		dir := filepath.Join(fixturesDir, fx.rule, "image")
		path := filepath.Join(dir, fx.name+".tar")
		data := ociArchive(t, buildImage(t, fx.spec))
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
			t.Errorf("%s differs from its spec: run go test ./cmd/tollgate -run TestImageFixtures -update-images", path)
		}
		if side, _ := os.ReadFile(path + ".expect"); !bytes.Equal(side, expect) {
			t.Errorf("%s.expect = %q, want %q", path, side, expect)
		}
	}
}
