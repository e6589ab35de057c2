package srcfs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
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

// A recording FS names every file read in full with the hash of the bytes
// read, in a mount by scan name; sniffed heads and files read in part are
// not recorded, and a file read twice with other bytes is marked changed.
func TestRecordingFS(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("infra/a.yaml", "hello")
	write("infra/b.txt", "streamed to the end")
	write("infra/c.bin", strings.Repeat("x", 100))
	write("infra/d.txt", "head only")
	reads := NewReads()
	f := Mount(dir, "sub").Recording(reads)
	ctx := context.Background()
	if _, err := f.ReadFile(ctx, "../infra/./a.yaml", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadHead(ctx, "../infra/d.txt", 4); err != nil {
		t.Fatal(err)
	}
	stream := func(name string, n int) {
		t.Helper()
		file, err := f.Open(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		buf := make([]byte, n)
		if _, err := io.ReadFull(file, buf); err != nil && err != io.ErrUnexpectedEOF {
			t.Fatal(err)
		}
		if n > 100 {
			if _, err := io.ReadAll(file); err != nil {
				t.Fatal(err)
			}
		}
	}
	stream("../infra/b.txt", 1000)
	stream("../infra/c.bin", 10)
	if _, err := f.ReadFile(ctx, "../infra/missing", 0); err == nil {
		t.Fatal("missing file read")
	}
	got := reads.Files()
	sum := func(s string) string { b := sha256.Sum256([]byte(s)); return hex.EncodeToString(b[:]) }
	want := []Read{{Name: "../infra/a.yaml", SHA256: sum("hello")}, {Name: "../infra/b.txt", SHA256: sum("streamed to the end")}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("recorded %+v, want %+v", got, want)
	}
	write("infra/a.yaml", "changed")
	if _, err := f.ReadFile(ctx, "../infra/a.yaml", 0); err != nil {
		t.Fatal(err)
	}
	if got := reads.Files(); !got[0].Changed || got[0].SHA256 != sum("hello") || got[1].Changed {
		t.Errorf("a file read twice with other bytes must be marked changed: %+v", got)
	}
	// The FS it was made from records nothing, not even content it is
	// told a scanner used.
	plain := Mount(dir, "sub")
	plain.Saw("../infra/e.txt", []byte("used"))
	if _, err := plain.ReadFile(ctx, "../infra/d.txt", 0); err != nil || len(reads.Files()) != 2 {
		t.Errorf("a plain FS recorded a read: %v %+v", err, reads.Files())
	}
	// Content read earlier, used now, is recorded like a read.
	f.Saw("../infra/e.txt", []byte("used"))
	if got := reads.Files(); len(got) != 3 || got[2].Name != "../infra/e.txt" || got[2].SHA256 != sum("used") {
		t.Errorf("saw: %+v", got)
	}
	var none *FS
	if rec := none.Recording(reads); rec.OSPath("a") != "a" {
		t.Error("recording the working tree must read the working tree")
	}
}
