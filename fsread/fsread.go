// Package fsread opens and reads the files tollgate is pointed at — by a
// flag, a configuration key or a scanned file — so that none of them can
// stall a run: it refuses anything that is not a regular file, bounds what
// it reads, and stops reading when the run's context ends.
//
// A FIFO or a device would otherwise never end a run: opening a FIFO for
// reading blocks until a writer appears, and /dev/zero or /dev/urandom
// never reach EOF (and report size 0, so a size check alone passes them).
//
// Every error names the file, as os.ReadFile's do: the refusals made here
// are an *fs.PathError with Op "read" around a *NotRegularError, a
// *TooLargeError or the context's error.
package fsread

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MaxTextFile bounds the files tollgate reads whole that people write or
// review: configuration, baselines, policies, git hooks. None comes near
// it; a file that does is a mistake, not an input.
const MaxTextFile = 16 << 20

// ErrNotRegular is inside every *NotRegularError.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError is a path that names (or links to) a FIFO, device, socket
// or directory where a file was expected.
type NotRegularError struct {
	// Type is "fifo", "device", "socket", "directory" or "irregular".
	Type string
}

func (e *NotRegularError) Error() string { return fmt.Sprintf("not a regular file (%s)", e.Type) }

func (e *NotRegularError) Unwrap() error { return ErrNotRegular }

// ErrTooLarge is inside every *TooLargeError.
var ErrTooLarge = errors.New("file over the size limit")

// TooLargeError is a file over the limit its reader set.
type TooLargeError struct {
	// Size is the size stat reported, or limit+1 when the file grew past
	// the limit while it was read.
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, over the %s limit", e.Size, FormatSize(e.Limit))
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// FormatSize writes a size in the largest binary unit that divides it.
func FormatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return fmt.Sprintf("%d %s", n/u.mult, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// FileType names what kind of file a mode describes.
func FileType(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "regular"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m.IsDir():
		return "directory"
	default:
		return "irregular"
	}
}

// File is a regular file open for reading whose reads fail once its
// context is done: a large file (an image tarball) or one on a hung
// network file system then stops with the run's --timeout.
type File struct {
	ctx  context.Context
	f    *os.File
	size int64
}

// Open opens a path that is, after following links, a regular file.
func Open(ctx context.Context, name string) (*File, error) {
	refuse := func(err error) error { return &fs.PathError{Op: "read", Path: name, Err: err} }
	if err := ctx.Err(); err != nil {
		return nil, refuse(err)
	}
	// Stat before opening, so a FIFO is refused without the open that would
	// block on it.
	st, err := os.Stat(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, refuse(&NotRegularError{Type: FileType(st.Mode())})
	}
	// The path may be replaced by a FIFO between the Stat and the open:
	// O_NONBLOCK makes that open return at once instead of waiting for a
	// writer (it changes nothing for a regular file), and the Stat of the
	// open file below refuses it.
	f, err := os.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, refuse(&NotRegularError{Type: FileType(st.Mode())})
	}
	return &File{ctx: ctx, f: f, size: st.Size()}, nil
}

// Name is the path the file was opened with.
func (f *File) Name() string { return f.f.Name() }

// Size is the size stat reported when the file was opened.
func (f *File) Size() int64 { return f.size }

// Stat describes the open file. A caller that looked the path up with
// os.Lstat compares the two with os.SameFile to know that the file it
// read is the one it looked at, not a symlink swapped in between.
func (f *File) Stat() (fs.FileInfo, error) { return f.f.Stat() }

func (f *File) done() error {
	if err := f.ctx.Err(); err != nil {
		return &fs.PathError{Op: "read", Path: f.f.Name(), Err: err}
	}
	return nil
}

// Read implements io.Reader.
func (f *File) Read(p []byte) (int, error) {
	if err := f.done(); err != nil {
		return 0, err
	}
	return f.f.Read(p)
}

// ReadAt implements io.ReaderAt.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if err := f.done(); err != nil {
		return 0, err
	}
	return f.f.ReadAt(p, off)
}

// Seek implements io.Seeker.
func (f *File) Seek(offset int64, whence int) (int64, error) { return f.f.Seek(offset, whence) }

// Close implements io.Closer.
func (f *File) Close() error { return f.f.Close() }

// ReadFile reads a regular file whole, at most limit bytes (limit <= 0: no
// limit), checking ctx between chunks.
func ReadFile(ctx context.Context, name string, limit int64) ([]byte, error) {
	f, err := Open(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBounded(name, f, f.size, limit)
}

// ReadHead reads at most the first n bytes of a regular file: enough to
// tell what a file is.
func ReadHead(ctx context.Context, name string, n int64) ([]byte, error) {
	f, err := Open(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(io.LimitReader(f, n), min(f.size, n))
}

// ReadFS is ReadFile for a file of an fs.FS (a policy directory read
// through os.DirFS). An fs.FS has no non-blocking open, so a path replaced
// by a FIFO between the Stat and the open would still block; the refusal
// before the open is what keeps a FIFO left in a directory from stalling
// the run.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &NotRegularError{Type: FileType(st.Mode())}}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &NotRegularError{Type: FileType(st.Mode())}}
	}
	return readBounded(name, f, st.Size(), limit)
}

// readBounded reads r, a file of the given stat size, refusing more than
// limit bytes.
func readBounded(name string, r io.Reader, size, limit int64) ([]byte, error) {
	tooLarge := func(n int64) error {
		return &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: n, Limit: limit}}
	}
	if limit > 0 && size > limit {
		return nil, tooLarge(size)
	}
	// The size stat reported is a hint, not a bound: the file may grow
	// while it is read, and /proc files report 0. Reading limit+1 bytes
	// tells a file at the limit from one over it.
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	buf, err := readAll(r, size)
	if err != nil {
		return nil, err
	}
	if limit > 0 && int64(len(buf)) > limit {
		return nil, tooLarge(int64(len(buf)))
	}
	return buf, nil
}

// readChunk is how much is read at once: a *File checks its context
// between two reads, so a slow file outlives the run's --timeout by at
// most one chunk.
const readChunk = 1 << 20

// readAll reads r to its end. size is the expected size, for the first
// allocation.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size+1, readChunk))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, min(max(cap(buf), 512), readChunk))...)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}
