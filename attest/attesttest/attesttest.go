// Package attesttest makes signing keys for tests: PEM files as users
// keep them (PKCS#8 private keys, PKIX public keys).
package attesttest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
)

// Keys writes a new key pair of the given type ("ed25519" or "ecdsa",
// P-256 as cosign generates) and returns the private and public key files.
func Keys(t testing.TB, typ string) (private, public string) {
	t.Helper()
	var priv crypto.Signer
	var err error
	switch typ {
	case "ed25519":
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	case "ecdsa":
		priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		t.Fatalf("unknown key type %q", typ)
	}
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	private, public = filepath.Join(dir, typ+".key"), filepath.Join(dir, typ+".pub")
	write(t, private, "PRIVATE KEY", der)
	write(t, public, "PUBLIC KEY", pubDER)
	return private, public
}

func write(t testing.TB, name, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}
