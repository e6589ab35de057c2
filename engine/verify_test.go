package engine

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/engine/bundletest"
)

// untar extracts the tarball at p into a new directory (a directory
// bundle with the same files and signature) and returns it.
func untar(t *testing.T, p string) string {
	t.Helper()
	files := map[string]string{}
	bundletest.Rewrite(t, p, func(name string, data []byte) []byte {
		files[strings.TrimPrefix(name, "/")] = string(data)
		return data
	})
	return bundletest.WriteTree(t, t.TempDir(), files)
}

// Signed bundles load only when OPA's verification passes with the
// configured key: a wrong key, a file changed after signing, a file added
// after signing, an unsigned bundle or a plain policy directory is an
// error naming the bundle (and the file, when OPA says which). The
// built-in rules need no signature.
func TestSignedBundles(t *testing.T) {
	private, public := bundletest.RSAKeys(t)
	_, otherPublic := bundletest.RSAKeys(t)
	src := map[string]string{
		".manifest":             `{"roots": ["user"]}`,
		"policies/x.rego":       bundleRule("bundle-db-type", bundleDataRule),
		"user/config/data.yaml": bundleDataYAML,
	}
	rs256 := bundletest.Build(t, src, bundletest.Signed(private, "RS256"))
	hs256 := bundletest.Build(t, src, bundletest.Signed("correct horse battery staple", "HS256"))
	unsigned := bundletest.Build(t, src)
	rsKey := &Verification{Key: public}
	hsKey := &Verification{Key: "correct horse battery staple", Alg: "HS256"}
	tampered := bundletest.Rewrite(t, rs256, func(name string, data []byte) []byte {
		if name == "/policies/x.rego" {
			return bytes.Replace(data, []byte("data.user.config.types"), []byte("[]"), 1)
		}
		return data
	})
	added := untar(t, rs256)
	bundletest.WriteTree(t, added, map[string]string{"policies/extra.rego": "package user.extra\n"})

	good := map[string]struct {
		path string
		key  *Verification
	}{
		"RS256 tarball":                    {rs256, rsKey},
		"RS256 directory":                  {untar(t, rs256), rsKey},
		"HS256 tarball":                    {hs256, hsKey},
		"key id and algorithm spelled out": {rs256, &Verification{Key: public, KeyID: "default", Alg: "RS256"}},
	}
	for name, c := range good {
		t.Run(name, func(t *testing.T) {
			e, err := New(context.Background(), Options{Builtin: fstest.MapFS{"test/rds.rego": &fstest.MapFile{Data: []byte(dbRule)}},
				Paths: []string{c.path}, Verification: c.key})
			if err != nil {
				t.Fatal(err)
			}
			if ids := ruleIDs(e); ids != "bundle-db-type test-rds-encrypted" {
				t.Fatalf("want the bundle's rule and the built-in one, got %s", ids)
			}
			if ev, err := e.Evaluate(context.Background(), dbDoc()); err != nil || len(ev.Findings) != 2 {
				t.Fatalf("want 2 findings, got %+v, %v", ev.Findings, err)
			}
		})
	}

	plain := bundletest.WriteTree(t, t.TempDir(), map[string]string{"x.rego": bundleRule("bundle-db-type", "true")})
	bad := map[string]struct {
		path string
		key  *Verification
		want string
	}{
		"wrong RSA key":              {rs256, &Verification{Key: otherPublic}, "failed to verify JWT signature"},
		"wrong HMAC secret":          {hs256, &Verification{Key: "correct horse battery stapler", Alg: "HS256"}, "failed to verify JWT signature"},
		"HS256 bundle, RSA key":      {hs256, rsKey, "failed to verify JWT signature"},
		"RS256 bundle, HMAC key":     {rs256, &Verification{Key: public, Alg: "HS256"}, "failed to verify JWT signature"},
		"file changed after signing": {tampered, rsKey, "policies/x.rego: digest mismatch"},
		"file added after signing":   {added, rsKey, "file policies/extra.rego not included in bundle signature"},
		"unsigned bundle":            {unsigned, rsKey, "bundle missing .signatures.json file"},
		"scope differs":              {rs256, &Verification{Key: public, Scope: "production"}, "scope mismatch"},
		"plain directory":            {plain, rsKey, "not a signed bundle"},
		"single .rego file":          {filepath.Join(plain, "x.rego"), rsKey, "not a signed bundle"},
	}
	for name, c := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := New(context.Background(), Options{Paths: []string{c.path}, Verification: c.key})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path+":") {
				t.Fatalf("want an error naming %s and saying %q, got %v", c.path, c.want, err)
			}
			if strings.Contains(err.Error(), "correct horse") || strings.Contains(err.Error(), "BEGIN") {
				t.Fatalf("the error shows the key: %v", err)
			}
		})
	}
}

func ruleIDs(e *Engine) string {
	var ids []string
	for _, r := range e.Rules() {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, " ")
}
