package fsread

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// guard fails the test instead of hanging the suite when f does not return.
func guard(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("read did not return")
	}
}

// specialFiles makes a directory holding a FIFO and a link to /dev/zero.
func specialFiles(t *testing.T) (dir string, want map[string]string) {
	dir = t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.rego"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.rego")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.rego"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, map[string]string{"fifo.rego": "fifo", "zero.rego": "device", "dir.rego": "directory"}
}

// checkRefusal wants a refusal of a special file that names it.
func checkRefusal(t *testing.T, what string, err error, name, typ string) {
	t.Helper()
	var nr *NotRegularError
	var pe *fs.PathError
	if !errors.As(err, &nr) || nr.Type != typ || !errors.Is(err, ErrNotRegular) || !errors.As(err, &pe) || pe.Path != name {
		t.Errorf("%s(%s): %v, want %s: not a regular file (%s)", what, name, err, name, typ)
	}
}

func TestSpecialFilesAreRefused(t *testing.T) {
	dir, want := specialFiles(t)
	for base, typ := range want {
		p := filepath.Join(dir, base)
		var err error
		guard(t, func() { _, err = ReadFile(context.Background(), p, 1<<20) })
		checkRefusal(t, "ReadFile", err, p, typ)
		guard(t, func() { _, err = ReadHead(context.Background(), p, 16) })
		checkRefusal(t, "ReadHead", err, p, typ)
		guard(t, func() { _, err = Open(context.Background(), p) })
		checkRefusal(t, "Open", err, p, typ)
		guard(t, func() { _, err = ReadFS(os.DirFS(dir), base, 1<<20) })
		checkRefusal(t, "ReadFS", err, base, typ)
	}
}

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.rego")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(context.Background(), p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("at the limit: %q %v", b, err)
	}
	if b, err := ReadFS(os.DirFS(dir), "p.rego", 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("ReadFS at the limit: %q %v", b, err)
	}
	want := "read " + p + ": file is 10 bytes, over the 9 bytes limit"
	if _, err := ReadFile(context.Background(), p, 9); !errors.Is(err, ErrTooLarge) || err.Error() != want {
		t.Fatalf("over the limit: %v, want %s", err, want)
	}
	if _, err := ReadFS(os.DirFS(dir), "p.rego", 9); !errors.Is(err, ErrTooLarge) || err.Error() != "read p.rego: file is 10 bytes, over the 9 bytes limit" {
		t.Fatalf("ReadFS over the limit: %v", err)
	}
	// /proc files report size 0: only the bounded read sees they are over.
	if _, err := os.Stat("/proc/self/status"); err == nil {
		var tl *TooLargeError
		if _, err := ReadFS(os.DirFS("/proc/self"), "status", 16); !errors.As(err, &tl) || tl.Size != 17 {
			t.Errorf("ReadFS of /proc/self/status: %v, want a size error found while reading", err)
		}
	}
	if FormatSize(MaxTextFile) != "16 MiB" {
		t.Errorf("MaxTextFile is %s", FormatSize(MaxTextFile))
	}
}

// A File stops reading when its context ends: an image tarball read
// stops with --timeout.
func TestFileStopsWithItsContext(t *testing.T) {
	p := filepath.Join(t.TempDir(), "image.tar")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 4096)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	f, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Size() != 4096 || f.Name() != p {
		t.Fatalf("size %d, name %s", f.Size(), f.Name())
	}
	buf := make([]byte, 1024)
	if n, err := f.Read(buf); n != 1024 || err != nil {
		t.Fatalf("read before cancel: %d %v", n, err)
	}
	cancel()
	var pe *fs.PathError
	if _, err := f.Read(buf); !errors.Is(err, context.Canceled) || !errors.As(err, &pe) || pe.Path != p {
		t.Fatalf("Read after cancel: %v", err)
	}
	if _, err := f.ReadAt(buf, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("ReadAt after cancel: %v", err)
	}
	if _, err := io.Copy(io.Discard, f); !errors.Is(err, context.Canceled) {
		t.Fatalf("io.Copy after cancel: %v", err)
	}
	if _, err := Open(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("Open after cancel: %v", err)
	}
}

// Stat describes the file that was opened, not whatever the path names
// later: a file renamed away after the open is still the one Stat reports.
func TestStatIsTheOpenFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a")
	if err := os.WriteFile(p, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.Rename(p, p+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	now, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, st) || os.SameFile(now, st) {
		t.Errorf("Stat does not describe the open file")
	}
}
