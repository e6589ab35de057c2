package buildinfo

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/checksum"
	"github.com/tollgate-dev/tollgate/policies"
)

// The digest of the embedded rules is the checksum tree digest of a
// directory holding exactly those rule files (tests left out), so anyone
// can recompute it with `tollgate checksum write` or sha256sum.
func TestPolicyDigestIsTheDirectoryChecksumOfTheRules(t *testing.T) {
	dir := t.TempDir()
	n := 0
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		n++
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil || n < 10 {
		t.Fatalf("copying rules: %v (%d files)", err, n)
	}
	want, _, err := checksum.Dir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PolicyDigest(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("PolicyDigest = %s, checksum of the rule directory = %s", got, want)
	}
}

// Changing a rule changes the digest; adding or changing a test does not.
func TestPolicyDigestCoversRulesOnly(t *testing.T) {
	base := fstest.MapFS{
		"aws/s3.rego":      {Data: []byte("package a\n")},
		"aws/s3_test.rego": {Data: []byte("package a_test\n")},
		"lib/core.rego":    {Data: []byte("package lib\n")},
		"embed.go":         {Data: []byte("package policies\n")},
	}
	d0 := digest(t, base)
	base["aws/s3_test.rego"] = &fstest.MapFile{Data: []byte("package a_test\n# more\n")}
	base["aws/new_test.rego"] = &fstest.MapFile{Data: []byte("package b_test\n")}
	if d := digest(t, base); d != d0 {
		t.Error("a test file changed the policy digest")
	}
	base["aws/s3.rego"] = &fstest.MapFile{Data: []byte("package a\n# changed\n")}
	if d := digest(t, base); d == d0 {
		t.Error("changing a rule kept the policy digest")
	}
	if _, err := PolicyDigest(fstest.MapFS{"x_test.rego": {Data: []byte("")}}); err == nil {
		t.Error("an empty rule set has a digest")
	}
}

func digest(t *testing.T, fsys fs.FS) string {
	t.Helper()
	d, err := PolicyDigest(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReadAndString(t *testing.T) {
	info, err := Read("v1.2.3", "0123456789abcdef0123456789abcdef01234567", policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := info.String()
	want := regexp.MustCompile(`^tollgate v1\.2\.3\ncommit:   0123456789abcdef0123456789abcdef01234567\npolicies: sha256:[0-9a-f]{64}\ngo:       go\S+ \w+/\w+\n$`)
	if !want.MatchString(out) {
		t.Errorf("version output:\n%s", out)
	}
	if Version("") == "" || Version("v9") != "v9" {
		t.Errorf("Version fallback: %q %q", Version(""), Version("v9"))
	}
}
