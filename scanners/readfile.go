package scanners

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

// TooLargeError is a file over its kind's size limit.
type TooLargeError struct {
	// Size is the size stat reported, or limit+1 when the file grew past
	// the limit while it was read.
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, over the %s limit (--max-file-size)", e.Size, FormatSize(e.Limit))
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// FileType names what kind of non-regular file a mode describes.
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

// readChunk is how much is read between two checks of the context.
const readChunk = 1 << 20

// ReadFile is how tollgate reads every file it scans. It follows symbolic
// links, refuses anything that is not then a regular file, and reads at most
// limit bytes (limit <= 0: no limit), checking ctx between chunks. Errors do
// not name the file: callers add it, with its position when they have one.
//
// A FIFO or a device would otherwise never end a scan: opening a FIFO for
// reading blocks until a writer appears, and /dev/zero or /dev/urandom
// never reach EOF (and report size 0, so a size check alone passes them).
func ReadFile(ctx context.Context, name string, limit int64) ([]byte, error) {
	f, st, err := openRegular(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if limit > 0 && st.Size() > limit {
		return nil, &TooLargeError{Size: st.Size(), Limit: limit}
	}
	// The size stat reported is a hint, not a bound: the file may grow
	// while it is read. Reading limit+1 bytes tells a file at the limit
	// from one over it.
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	buf, err := readAll(ctx, r, st.Size())
	if err != nil {
		return nil, err
	}
	if limit > 0 && int64(len(buf)) > limit {
		return nil, &TooLargeError{Size: int64(len(buf)), Limit: limit}
	}
	return buf, nil
}

// ReadHead reads at most the first n bytes of a regular file, with the
// same refusals as ReadFile: enough to tell what a file is.
func ReadHead(ctx context.Context, name string, n int64) ([]byte, error) {
	f, st, err := openRegular(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(ctx, io.LimitReader(f, n), min(st.Size(), n))
}

// openRegular opens a path that is, after following links, a regular file.
func openRegular(ctx context.Context, name string) (*os.File, fs.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	// Stat before opening, so a FIFO is refused without the open that would
	// block on it.
	st, err := os.Stat(filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Type: FileType(st.Mode())}
	}
	// The path may be replaced by a FIFO between the Stat and the open:
	// O_NONBLOCK makes that open return at once instead of waiting for a
	// writer (it changes nothing for a regular file), and the Stat of the
	// open file below refuses it.
	f, err := os.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Type: FileType(st.Mode())}
	}
	return f, st, nil
}

// readAll reads r to its end, checking ctx between chunks: a file on a
// slow or hung network file system must not outlive the run's --timeout
// by more than one chunk. size is the expected size, for the first
// allocation.
func readAll(ctx context.Context, r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size+1, readChunk))
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
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
