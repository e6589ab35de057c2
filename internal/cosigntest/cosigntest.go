// Package cosigntest signs images in tests the way `cosign sign --key`
// does: a simple-signing payload as the layer of a manifest tagged
// sha256-<hex>.sig next to the image, its signature in a layer annotation.
// Keys are made in the test; nothing leaves 127.0.0.1.
package cosigntest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
)

// Payload is the simple-signing payload cosign writes for an image of
// repo with digest d.
func Payload(repo string, d v1.Hash) []byte {
	return fmt.Appendf(nil, `{"critical":{"identity":{"docker-reference":%q},"image":{"docker-manifest-digest":%q},"type":"cosign container image signature"},"optional":null}`, repo, d.String())
}

// NewECDSA makes a P-256 key (cosign's default) and writes its public
// half as PEM to dir/name, returning the key and the file's path.
func NewECDSA(t testing.TB, dir, name string) (crypto.Signer, string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k, writePub(t, dir, name, k.Public())
}

// NewEd25519 makes an Ed25519 key, as NewECDSA.
func NewEd25519(t testing.TB, dir, name string) (crypto.Signer, string) {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k, writePub(t, dir, name, k.Public())
}

// NewRSA makes a 2048-bit RSA key, as NewECDSA.
func NewRSA(t testing.TB, dir, name string) (crypto.Signer, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k, writePub(t, dir, name, k.Public())
}

func writePub(t testing.TB, dir, name string, pub crypto.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// SignBytes signs payload as cosign does: Ed25519 over the bytes, ECDSA
// and RSA (PKCS #1 v1.5) over their SHA-256.
func SignBytes(t testing.TB, k crypto.Signer, payload []byte) []byte {
	t.Helper()
	var sig []byte
	var err error
	if _, ok := k.(ed25519.PrivateKey); ok {
		sig, err = k.Sign(rand.Reader, payload, crypto.Hash(0))
	} else {
		h := sha256.Sum256(payload)
		sig, err = k.Sign(rand.Reader, h[:], crypto.SHA256)
	}
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// Attach writes the .sig manifest for digest d in repo (host/path) with
// one layer: payload, annotated with sig.
func Attach(t testing.TB, repo string, d v1.Hash, payload, sig []byte) {
	t.Helper()
	r := repository(t, repo)
	img := signatureImage(t, payload, sig)
	if err := remote.Write(r.Tag(d.Algorithm+"-"+d.Hex+".sig"), img); err != nil {
		t.Fatal(err)
	}
}

// AttachReferrer stores a signature as cosign's OCI 1.1 referrers mode
// does: a manifest of artifact type application/vnd.dev.cosign.artifact.sig.v1+json
// whose subject is the image. The in-process registry reports a
// referrer's config media type as its artifact type, so that is where the
// type goes.
func AttachReferrer(t testing.TB, repo string, subject v1.Descriptor, payload, sig []byte) {
	t.Helper()
	r := repository(t, repo)
	img := signatureImage(t, payload, sig)
	img = mutate.ConfigMediaType(img, "application/vnd.dev.cosign.artifact.sig.v1+json")
	withSubject, ok := mutate.Subject(img, subject).(v1.Image)
	if !ok {
		t.Fatal("mutate.Subject did not return an image")
	}
	d, err := withSubject.Digest()
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r.Digest(d.String()), withSubject); err != nil {
		t.Fatal(err)
	}
}

// signatureImage is a manifest with one simple-signing layer annotated
// with its signature.
func signatureImage(t testing.TB, payload, sig []byte) v1.Image {
	t.Helper()
	img, err := mutate.Append(empty.Image, mutate.Addendum{
		Layer:       static.NewLayer(payload, "application/vnd.dev.cosign.simplesigning.v1+json"),
		Annotations: map[string]string{"dev.cosignproject.cosign/signature": base64.StdEncoding.EncodeToString(sig)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func repository(t testing.TB, repo string) name.Repository {
	t.Helper()
	r, err := name.NewRepository(repo, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Sign signs the image with digest d in repo with k and attaches the
// signature.
func Sign(t testing.TB, repo string, d v1.Hash, k crypto.Signer) {
	t.Helper()
	p := Payload(repo, d)
	Attach(t, repo, d, p, SignBytes(t, k, p))
}
