package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/engine/bundletest"
)

// The policy digest is the documented listing of the modules' bytes and
// the bundle data: the same policies give the same digest wherever they
// are installed, and any change to a module, a new module or other data
// gives another one. Test files are not part of it.
func TestPolicyDigest(t *testing.T) {
	ctx := context.Background()
	rule := bundleRule("digest-rule", bundleDataRule)
	builtin := fstest.MapFS{"aws/x.rego": {Data: []byte(rule)}, "aws/x_test.rego": {Data: []byte(bundleTestFile)}}
	sum := func(s string) string { b := sha256.Sum256([]byte(s)); return hex.EncodeToString(b[:]) }

	e, err := New(ctx, Options{Builtin: builtin})
	if err != nil {
		t.Fatal(err)
	}
	d := e.PolicyDigest()
	wantListing := "file " + sum(rule) + "  aws/x.rego\n"
	if string(d.Listing) != wantListing || d.Modules != 1 || d.Digest != "sha256:"+sum(wantListing) {
		t.Fatalf("digest %+v, want listing %q", d, wantListing)
	}

	// A user directory: names are relative to it, so two checkouts agree.
	write := func(dir, name, content string) {
		bundletest.WriteTree(t, dir, map[string]string{name: content})
	}
	user := bundleRule("user-rule", bundleDataRule)
	one, two := t.TempDir(), t.TempDir()
	write(one, "org/r.rego", strings.Replace(user, "user.bundled", "user.dir", 1))
	write(two, "org/r.rego", strings.Replace(user, "user.bundled", "user.dir", 1))
	digestOf := func(paths ...string) PolicyDigest {
		t.Helper()
		e, err := New(ctx, Options{Builtin: builtin, Paths: paths})
		if err != nil {
			t.Fatal(err)
		}
		return e.PolicyDigest()
	}
	a, b := digestOf(one), digestOf(two)
	// Sorted by name, whatever the hashes: the built-in aws/x.rego first.
	if a.Digest != b.Digest || a.Modules != 2 || !strings.HasPrefix(string(a.Listing), "file "+sum(rule)+"  aws/x.rego\nfile ") || !strings.HasSuffix(string(a.Listing), "  org/r.rego\n") {
		t.Fatalf("the same policies in two places must agree: %+v %+v", a, b)
	}
	if a.Digest == d.Digest {
		t.Fatal("a new module must change the digest")
	}
	write(two, "org/r.rego", strings.Replace(user, "user.bundled", "user.dir", 1)+"\n# edited\n")
	if c := digestOf(two); c.Digest == a.Digest {
		t.Fatal("an edited module must change the digest")
	}
	// A single .rego file is named by its base name.
	if f := digestOf(filepath.Join(one, "org", "r.rego")); !strings.Contains(string(f.Listing), "  r.rego\n") {
		t.Errorf("single file listing: %q", f.Listing)
	}

	// A bundle: its modules by their path inside it, its data as one line.
	bundle := func(data string) PolicyDigest {
		t.Helper()
		e, err := New(ctx, Options{Paths: []string{bundletest.Build(t, map[string]string{
			"policies/x.rego":       rule,
			"policies/x_test.rego":  bundleTestFile,
			"user/config/data.json": data,
		})}})
		if err != nil {
			t.Fatal(err)
		}
		return e.PolicyDigest()
	}
	withData := bundle(bundleDataJSON)
	if !strings.Contains(string(withData.Listing), "file "+sum(rule)+"  policies/x.rego\n") || !strings.Contains(string(withData.Listing), "\ndata ") {
		t.Fatalf("bundle listing: %q", withData.Listing)
	}
	if other := bundle(`{"types": ["AWS::S3::Bucket"]}`); other.Digest == withData.Digest {
		t.Fatal("other bundle data must change the digest")
	}
}
