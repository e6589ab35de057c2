package scanners

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// ErrNotRegular is inside every *NotRegularError.
var ErrNotRegular = fsread.ErrNotRegular

// NotRegularError is a path that names (or links to) a FIFO, device, socket
// or directory where a file was expected.
type NotRegularError = fsread.NotRegularError

// ErrTooLarge is inside every *TooLargeError.
var ErrTooLarge = fsread.ErrTooLarge

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
func FileType(m fs.FileMode) string { return fsread.FileType(m) }

// ReadFile is how tollgate reads every file it scans: fsread.ReadFile
// (regular files only, at most limit bytes, limit <= 0: no limit, checking
// ctx between chunks). Its refusals do not name the file: callers add it,
// with its position when they have one.
//
// Files are read by scan name from fsys (nil: the working tree).
func ReadFile(ctx context.Context, fsys *srcfs.FS, name string, limit int64) ([]byte, error) {
	b, err := fsys.ReadFile(ctx, name, limit)
	return b, unnamed(err)
}

// ReadHead reads at most the first n bytes of a regular file, with the
// same refusals as ReadFile: enough to tell what a file is.
func ReadHead(ctx context.Context, fsys *srcfs.FS, name string, n int64) ([]byte, error) {
	b, err := fsys.ReadHead(ctx, name, n)
	return b, unnamed(err)
}

// unnamed strips the file name from fsread's own refusals, and says which
// setting a size limit comes from.
func unnamed(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Op != "read" {
		return err
	}
	var tl *fsread.TooLargeError
	if errors.As(pe.Err, &tl) {
		return &TooLargeError{Size: tl.Size, Limit: tl.Limit}
	}
	return pe.Err
}
