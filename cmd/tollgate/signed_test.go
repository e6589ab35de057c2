package main

import (
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate-dev/tollgate/internal/cosigntest"
	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// nonRootImage is an image that trips no built-in rule but the one under
// test; name makes its digest its own.
func nonRootImage(t *testing.T, name string) v1.Image {
	t.Helper()
	return imagetest.Build(t, imagetest.Spec{User: "10001", Files: map[string]string{"app/" + name: name}})
}

// require_signed_images against an in-process registry: a signed image
// passes, an unsigned one or one signed with another key is blocked, an
// unreachable registry and an unreadable key file are undecided.
func TestScanRequireSignedImages(t *testing.T) {
	dir := t.TempDir()
	host, stop := registrytest.Serve(t)
	key, pub := cosigntest.NewECDSA(t, dir, "cosign.pub")
	other, _ := cosigntest.NewECDSA(t, dir, "other.pub")
	repo := host + "/team/app"
	signed := repo + ":signed"
	cosigntest.Sign(t, repo, registrytest.Push(t, signed, nonRootImage(t, signed)), key)
	unsigned := repo + ":unsigned"
	registrytest.Push(t, unsigned, nonRootImage(t, unsigned))
	wrongKey := repo + ":other-key"
	cosigntest.Sign(t, repo, registrytest.Push(t, wrongKey, nonRootImage(t, wrongKey)), other)
	cfg := writeFile(t, dir, "tollgate.yaml", "require_signed_images:\n  - "+pub+"\n")

	code, out, stderr := tollgate(t, "scan", "--config", cfg, "--image", signed, "--format", "json")
	if code != 0 || strings.Contains(out, "container-image-signed") {
		t.Fatalf("signed image: exit %d %s\n%s", code, stderr, out)
	}
	for ref, want := range map[string]string{unsigned: "has no cosign signature", wrongKey: "no signature verifies with the configured keys"} {
		code, out, stderr := tollgate(t, "scan", "--config", cfg, "--image", ref, "--format", "json")
		if code != 1 || !strings.Contains(out, "container-image-signed") || !strings.Contains(out, want) {
			t.Errorf("%s: exit %d, want 1 with %q\n%s\n%s", ref, code, want, stderr, out)
		}
	}
	// Without the setting the same unsigned image passes.
	if code, out, stderr := tollgate(t, "scan", "--image", unsigned, "--format", "json"); code != 0 || strings.Contains(out, "container-image-signed") {
		t.Errorf("not required: exit %d %s\n%s", code, stderr, out)
	}

	bad := writeFile(t, dir, "bad.yaml", "fail_on: high\nrequire_signed_images:\n  - "+dir+"/absent.pub\n")
	if code, _, stderr := tollgate(t, "scan", "--config", bad, "--image", signed); code != 2 || !strings.Contains(stderr, "bad.yaml:3: require_signed_images") {
		t.Errorf("missing key file: exit %d, want 2 naming bad.yaml:3\n%s", code, stderr)
	}

	stop()
	if code, out, stderr := tollgate(t, "scan", "--config", cfg, "--image", signed); code != 2 || !strings.Contains(out+stderr, host) {
		t.Errorf("registry down: exit %d, want 2 naming %s\n%s\n%s", code, host, out, stderr)
	}
}

// The base image an image records by digest must be signed too: a signed
// image on an unsigned base is blocked, on a signed base it passes.
func TestScanRequireSignedBaseImages(t *testing.T) {
	dir := t.TempDir()
	host, _ := registrytest.Serve(t)
	key, pub := cosigntest.NewECDSA(t, dir, "cosign.pub")
	cfg := writeFile(t, dir, "tollgate.yaml", "require_signed_images:\n  - "+pub+"\n")
	onBase := func(tag string, signBase bool) string {
		baseRef := host + "/golden/base:" + tag
		baseDigest := registrytest.Push(t, baseRef, nonRootImage(t, baseRef))
		if signBase {
			cosigntest.Sign(t, host+"/golden/base", baseDigest, key)
		}
		appRef := host + "/team/app:" + tag
		app := imagetest.Build(t, imagetest.Spec{User: "10001", Files: map[string]string{"app/x": tag},
			Annotations: map[string]string{image.AnnotationBaseName: baseRef, image.AnnotationBaseDigest: baseDigest.String()}})
		cosigntest.Sign(t, host+"/team/app", registrytest.Push(t, appRef, app), key)
		return appRef
	}
	if code, out, stderr := tollgate(t, "scan", "--config", cfg, "--image", onBase("signed", true), "--format", "json"); code != 0 {
		t.Fatalf("signed image on a signed base: exit %d %s\n%s", code, stderr, out)
	}
	code, out, stderr := tollgate(t, "scan", "--config", cfg, "--image", onBase("unsigned", false), "--format", "json")
	if code != 1 || !strings.Contains(out, "The base image "+host+"/golden/base:unsigned@sha256:") {
		t.Fatalf("signed image on an unsigned base: exit %d, want 1 naming the base\n%s\n%s", code, stderr, out)
	}
}
