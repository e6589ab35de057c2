package image

import (
	"context"
	"crypto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/partial"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate-dev/tollgate/internal/cosigntest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

func loadKeys(t *testing.T, paths ...string) []SigningKey {
	t.Helper()
	keys, err := LoadSigningKeys(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func signatureOf(t *testing.T, src Source, keys []SigningKey) map[string]any {
	t.Helper()
	doc := scanOne(t, src, Options{SigningKeys: keys})
	sig, ok := doc.Input["signature"].(map[string]any)
	if !ok {
		t.Fatalf("input.signature = %#v", doc.Input["signature"])
	}
	return sig
}

// namedLayout writes img to an OCI layout under the registry name ref, as
// containerd and buildx record it.
func namedLayout(t *testing.T, img v1.Image, ref string) string {
	t.Helper()
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(img, layout.WithAnnotations(map[string]string{"io.containerd.image.name": ref})); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSignatureStatuses(t *testing.T) {
	host := serveRegistry(t)
	dir := t.TempDir()
	ecKey, ecPub := cosigntest.NewECDSA(t, dir, "cosign.pub")
	otherKey, _ := cosigntest.NewECDSA(t, dir, "other.pub")
	edKey, edPub := cosigntest.NewEd25519(t, dir, "ed.pub")
	rsaKey, rsaPub := cosigntest.NewRSA(t, dir, "rsa.pub")
	keys := loadKeys(t, ecPub, edPub, rsaPub)
	repo := host + "/team/app"

	imageAt := func(tag string) (string, v1.Hash) {
		ref := repo + ":" + tag
		return ref, push(t, ref, randomImage(t))
	}
	cases := []struct {
		name   string
		sign   func(d v1.Hash)
		status string
		key    string
		reason string
	}{
		{name: "ecdsa", sign: func(d v1.Hash) { cosigntest.Sign(t, repo, d, ecKey) }, status: SignatureVerified, key: ecPub},
		{name: "ed25519", sign: func(d v1.Hash) { cosigntest.Sign(t, repo, d, edKey) }, status: SignatureVerified, key: edPub},
		{name: "rsa", sign: func(d v1.Hash) { cosigntest.Sign(t, repo, d, rsaKey) }, status: SignatureVerified, key: rsaPub},
		{name: "unsigned", sign: func(v1.Hash) {}, status: SignatureMissing, reason: "no cosign signature at"},
		{name: "other-key", sign: func(d v1.Hash) { cosigntest.Sign(t, repo, d, otherKey) }, status: SignatureInvalid, reason: "no signature verifies with the configured keys"},
		{name: "tampered-payload", sign: func(d v1.Hash) {
			p := cosigntest.Payload(repo, d)
			sig := cosigntest.SignBytes(t, ecKey, p)
			tampered := []byte(strings.Replace(string(p), `"optional":null`, `"optional":{"x":"y"}`, 1))
			cosigntest.Attach(t, repo, d, tampered, sig)
		}, status: SignatureInvalid, reason: "no signature verifies with the configured keys"},
		{name: "digest-mismatch", sign: func(d v1.Hash) {
			other := v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("ab", 32)}
			p := cosigntest.Payload(repo, other)
			cosigntest.Attach(t, repo, d, p, cosigntest.SignBytes(t, ecKey, p))
		}, status: SignatureInvalid, reason: "signed payload is for \"sha256:abab"},
		{name: "wrong-type", sign: func(d v1.Hash) {
			p := []byte(strings.Replace(string(cosigntest.Payload(repo, d)), "cosign container image signature", "something else", 1))
			cosigntest.Attach(t, repo, d, p, cosigntest.SignBytes(t, ecKey, p))
		}, status: SignatureInvalid, reason: "critical.type"},
		{name: "bad-base64", sign: func(d v1.Hash) {
			cosigntest.Attach(t, repo, d, cosigntest.Payload(repo, d), nil)
		}, status: SignatureInvalid, reason: "empty or not base64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ref, d := imageAt(c.name)
			c.sign(d)
			sig := signatureOf(t, Source{Reference: ref}, keys)
			if sig["status"] != c.status || sig["required"] != true || sig["digest"] != d.String() {
				t.Fatalf("signature = %v, want status %s for %s", sig, c.status, d)
			}
			if c.key != "" && sig["key"] != c.key {
				t.Errorf("key = %v, want %s", sig["key"], c.key)
			}
			if c.key == "" && sig["key"] != nil {
				t.Errorf("key = %v for an unverified image", sig["key"])
			}
			if !strings.Contains(sig["reason"].(string), c.reason) {
				t.Errorf("reason = %q, want it to say %q", sig["reason"], c.reason)
			}
		})
	}

	// Without keys there is no check and no signature input.
	ref, _ := imageAt("nokeys")
	if doc := scanOne(t, Source{Reference: ref}, Options{}); doc.Input["signature"] != nil {
		t.Errorf("signature without keys = %v", doc.Input["signature"])
	}
}

func TestSignatureOnIndexDigest(t *testing.T) {
	host := serveRegistry(t)
	k, pub := cosigntest.NewECDSA(t, t.TempDir(), "cosign.pub")
	repo := host + "/team/multi"
	idx := registrytest.PushRandomIndex(t, repo+":1", "amd64", "arm64")
	d, err := idx.Digest()
	if err != nil {
		t.Fatal(err)
	}
	cosigntest.Sign(t, repo, d, k)
	res, err := (&Scanner{Options: Options{SigningKeys: loadKeys(t, pub)}}).ScanSource(context.Background(), Source{Reference: repo + ":1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("want 2 documents, got %d", len(res.Documents))
	}
	for _, doc := range res.Documents {
		if sig := doc.Input["signature"].(map[string]any); sig["status"] != SignatureVerified || sig["digest"] != d.String() {
			t.Errorf("%s: signature = %v", doc.Input["resource"], sig)
		}
	}
}

// cosign --registry-referrers-mode=oci-1-1 stores the signature as a
// referrer of the image rather than under the .sig tag.
func TestSignatureAsReferrer(t *testing.T) {
	host, _ := registrytest.ServeReferrers(t)
	dir := t.TempDir()
	k, pub := cosigntest.NewECDSA(t, dir, "cosign.pub")
	other, _ := cosigntest.NewECDSA(t, dir, "other.pub")
	keys := loadKeys(t, pub)
	repo := host + "/team/app"
	for _, c := range []struct {
		tag    string
		key    crypto.Signer
		status string
	}{{"good", k, SignatureVerified}, {"other", other, SignatureInvalid}} {
		img := randomImage(t)
		d := push(t, repo+":"+c.tag, img)
		desc, err := partial.Descriptor(img)
		if err != nil {
			t.Fatal(err)
		}
		p := cosigntest.Payload(repo, d)
		cosigntest.AttachReferrer(t, repo, *desc, p, cosigntest.SignBytes(t, c.key, p))
		sig := signatureOf(t, Source{Reference: repo + ":" + c.tag}, keys)
		if sig["status"] != c.status || (c.status == SignatureInvalid && !strings.Contains(sig["reason"].(string), "referrer")) {
			t.Errorf("%s: signature = %v, want %s", c.tag, sig, c.status)
		}
	}
}

func TestSignatureOfArchives(t *testing.T) {
	host := serveRegistry(t)
	k, pub := cosigntest.NewECDSA(t, t.TempDir(), "cosign.pub")
	keys := loadKeys(t, pub)
	repo := host + "/team/app"
	img := randomImage(t)
	d := push(t, repo+":1", img)
	cosigntest.Sign(t, repo, d, k)

	// A layout that names the pushed image is checked in its registry.
	if sig := signatureOf(t, Source{Layout: namedLayout(t, img, repo+":1")}, keys); sig["status"] != SignatureVerified {
		t.Errorf("named layout: signature = %v", sig)
	}

	// One that names no repository cannot be checked: a finding, not a pass.
	sig := signatureOf(t, Source{Layout: writeLayout(t, img)}, keys)
	if sig["status"] != SignatureUnverifiable || !strings.Contains(sig["reason"].(string), "names no registry repository") {
		t.Errorf("anonymous layout: signature = %v", sig)
	}

	// A docker save tar has no registry manifest to look up.
	tarPath := filepath.Join(t.TempDir(), "save.tar")
	tag, err := name.NewTag(repo + ":1")
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(tarPath, tag, img); err != nil {
		t.Fatal(err)
	}
	sig = signatureOf(t, Source{Tarball: tarPath}, keys)
	if sig["status"] != SignatureUnverifiable || !strings.Contains(sig["reason"].(string), "docker save") {
		t.Errorf("docker save: signature = %v", sig)
	}
}

func TestSignatureRegistryDown(t *testing.T) {
	host, stop := registrytest.Serve(t)
	_, pub := cosigntest.NewECDSA(t, t.TempDir(), "cosign.pub")
	keys := loadKeys(t, pub)
	named := namedLayout(t, randomImage(t), host+"/team/app:1")
	stop()
	_, err := (&Scanner{Options: Options{SigningKeys: keys}}).ScanSource(context.Background(), Source{Layout: named})
	if err == nil || !strings.Contains(err.Error(), "signature") {
		t.Fatalf("an unreachable registry must be an error, got %v", err)
	}
}

func TestLoadSigningKeysErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "absent.pub"), "absent.pub"},
		{write("text.pub", "not a key"), "no PEM block"},
		{write("priv.pem", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"), `want "PUBLIC KEY"`},
		{write("junk.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), "junk.pub"},
	} {
		if _, err := LoadSigningKeys(context.Background(), []string{c.path}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.path, err, c.want)
		}
	}
}

func FuzzCheckPayload(f *testing.F) {
	d := v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("ab", 32)}
	f.Add(cosigntest.Payload("r.example/app", d))
	f.Add([]byte(`{"critical":null}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		// A payload names one digest: accepted for d, it is refused for
		// any other.
		if CheckPayload(payload, d.String()) == nil && CheckPayload(payload, "sha256:"+strings.Repeat("cd", 32)) == nil {
			t.Fatalf("payload accepted for two digests: %q", payload)
		}
	})
}
