package main

import (
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate-dev/tollgate/internal/cosigntest"
	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
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
