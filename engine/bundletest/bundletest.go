// Package bundletest builds OPA bundles for tests the way `opa build
// --bundle` does, with OPA's own compile package, optionally signed as
// `opa build --signing-key` signs them.
package bundletest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
)

// Option configures a build.
type Option func(*compile.Compiler) *compile.Compiler

// Signed signs the bundle with key (PEM private key, HMAC secret, or a
// file holding either) and alg under key id "default", OPA's defaults.
func Signed(key, alg string) Option {
	return func(c *compile.Compiler) *compile.Compiler {
		return c.WithBundleSigningConfig(bundle.NewSigningConfig(key, alg, "")).WithBundleVerificationKeyID("default")
	}
}

// Build writes files (slash paths) to a source directory and builds it as
// `cd SRC && opa build --bundle . -o OUT` would; it returns OUT, a
// bundle.tar.gz in a fresh directory.
func Build(t testing.TB, files map[string]string, opts ...Option) string {
	t.Helper()
	src := WriteTree(t, t.TempDir(), files)
	var buf bytes.Buffer
	c := compile.New().WithAsBundle(true).WithFS(os.DirFS(src)).WithPaths(".").WithOutput(&buf).WithRegoVersion(ast.RegoV1)
	for _, o := range opts {
		c = o(c)
	}
	if err := c.Build(context.Background()); err != nil {
		t.Fatalf("opa build: %v", err)
	}
	out := filepath.Join(t.TempDir(), "bundle.tar.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// WriteTree writes files (slash paths relative to dir) and returns dir.
func WriteTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// RSAKeys returns a fresh RSA key pair as PEM: the private key signs, the
// public key verifies.
func RSAKeys(t testing.TB) (private, public string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
}

// Rewrite copies the bundle tarball at p to a new file, passing every
// file's content through edit (a signed bundle keeps its .signatures.json
// unless edit changes it), and returns the copy's path.
func Rewrite(t *testing.T, p string, edit func(name string, data []byte) []byte) string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		data = edit(h.Name, data)
		h.Size = int64(len(data))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bundle.tar.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}
