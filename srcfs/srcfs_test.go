package srcfs

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMountNames(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		cwd, name, under string
		ok               bool
	}{
		{".", "infra/a.yaml", "infra/a.yaml", true},
		{".", ".", ".", true},
		{".", "../x", "", false},
		{".", "/etc/passwd", "", false},
		{"sub", "..", ".", true},
		{"sub", "../infra/a.yaml", "infra/a.yaml", true},
		{"sub", "main.tf", "sub/main.tf", true},
		{"sub", "../../x", "", false},
		{"a/b", "../../c", "c", true},
		{"a/b", "../../../a", "", false},
	}
	for _, c := range cases {
		f := Mount(dir, c.cwd)
		got, ok := f.Under(c.name)
		if got != c.under || ok != c.ok {
			t.Errorf("Mount(%q).Under(%q) = %q %v, want %q %v", c.cwd, c.name, got, ok, c.under, c.ok)
		}
		if ok {
			p := f.OSPath(c.name)
			if back := f.Name(p); back != filepath.ToSlash(filepath.Clean(c.name)) {
				t.Errorf("Mount(%q): %q -> %q -> %q", c.cwd, c.name, p, back)
			}
		} else if f.OSPath(c.name) != filepath.FromSlash(c.name) {
			t.Errorf("Mount(%q): a name outside the mount must be read where it is: %q", c.cwd, f.OSPath(c.name))
		}
	}
	var none *FS
	if _, ok := none.Under("a"); ok || none.OSPath("a/b") != filepath.FromSlash("a/b") {
		t.Error("a nil FS is the working tree")
	}
}

// Reads, walks and errors speak scan names: the mount's directory never
// shows in a result or a message.
func TestMountReadsAndErrors(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"infra", "sub"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "infra", "a.yaml"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := Mount(dir, "sub")
	ctx := context.Background()
	if b, err := f.ReadFile(ctx, "../infra/a.yaml", 0); err != nil || string(b) != "hello" {
		t.Fatalf("read: %q %v", b, err)
	}
	if b, err := f.ReadHead(ctx, "../infra/a.yaml", 2); err != nil || string(b) != "he" {
		t.Fatalf("head: %q %v", b, err)
	}
	_, err := f.ReadFile(ctx, "../infra/missing.yaml", 0)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "../infra/missing.yaml" || strings.Contains(err.Error(), dir) {
		t.Fatalf("error must name the scan path, not the mount: %v", err)
	}
	if _, err := f.ReadFile(ctx, "../infra", 0); err == nil || strings.Contains(err.Error(), dir) {
		t.Fatalf("reading a directory: %v", err)
	}
	if _, err := f.Stat("../nope"); err == nil || strings.Contains(err.Error(), dir) {
		t.Fatalf("stat: %v", err)
	}
	var walked []string
	err = f.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		walked = append(walked, p)
		return err
	})
	// Names are clean and relative to the working directory, "sub": the
	// way a scan of the work tree from there names them.
	if err != nil || strings.Join(walked, " ") != ".. ../infra ../infra/a.yaml ." {
		t.Fatalf("walk: %v %v", walked, err)
	}
	if err := os.Symlink("infra/a.yaml", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if got, err := f.EvalSymlinks("../link"); err != nil || got != "../infra/a.yaml" {
		t.Fatalf("symlink: %q %v", got, err)
	}
	es, err := f.ReadDir("..")
	if err != nil || len(es) != 3 {
		t.Fatalf("readdir: %v %v", es, err)
	}
}
