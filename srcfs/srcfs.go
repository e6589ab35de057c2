// Package srcfs is the file system a scan reads. Its names are the paths
// reports show — slash-separated, relative to the working directory or
// absolute, exactly as the user gave them — so scanners build documents,
// positions and messages from the names they read and nothing is rewritten
// afterwards.
//
// The zero FS (and a nil *FS) is the working tree. A mount makes the names
// of a tree read from somewhere else: `scan --staged` mounts the git index,
// exported to a private directory, over the repository, so a staged scan
// reads the commit's content under the very names a scan of the work tree
// would show. Every read goes through package fsread (regular
// files only, bounded, cancelled with the run), and errors name the file
// by its scan name, never by where the mount keeps it.
package srcfs

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// FS reads files by scan name.
type FS struct {
	// dir is the OS directory holding the mounted tree and cwd the working
	// directory's place in that tree ("." at its root, "sub/dir" below);
	// empty dir means no mount.
	dir, cwd string
	// reads, when set, is told about every file read in full.
	reads *Reads
}

// Recording returns a copy of f (nil: the working tree) that records in r
// the SHA-256 of every file read in full through it: what a scan
// attestation names as the files the scan covered.
func (f *FS) Recording(r *Reads) *FS {
	var out FS
	if f != nil {
		out = *f
	}
	out.reads = r
	return &out
}

// Mount returns a file system where the tree in the OS directory dir is
// seen as if the working directory were at cwd inside it (a slash path
// relative to the tree's root): the names that reach into the tree, such
// as "a.yaml" or "../../infra" from cwd "sub/dir", are read from dir; any
// other name from the working tree.
func Mount(dir, cwd string) *FS {
	return &FS{dir: filepath.Clean(dir), cwd: path.Clean(filepath.ToSlash(cwd))}
}

// Under reports the path in the mounted tree that a scan name reaches
// ("." for its root), when it does.
func (f *FS) Under(name string) (string, bool) {
	if f == nil || f.dir == "" {
		return "", false
	}
	name = filepath.ToSlash(name)
	if path.IsAbs(name) {
		return "", false
	}
	rel := path.Join(f.cwd, name)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// OSPath is where the OS keeps a scan name.
func (f *FS) OSPath(name string) string {
	if rel, ok := f.Under(name); ok {
		return filepath.Join(f.dir, filepath.FromSlash(rel))
	}
	return filepath.FromSlash(name)
}

// Name is the scan name of an OS path (the inverse of OSPath): for a path
// in the mounted tree, relative to the working directory's place in it and
// clean, as a scan of the work tree names it; an OS path outside the mount
// is its own name.
func (f *FS) Name(osPath string) string {
	if f != nil && f.dir != "" {
		if rel, err := filepath.Rel(f.dir, osPath); err == nil && filepath.IsLocal(rel) {
			if n, err := filepath.Rel(filepath.FromSlash(f.cwd), rel); err == nil {
				return filepath.ToSlash(n)
			}
		}
	}
	return filepath.ToSlash(osPath)
}

// named replaces an OS path in a path error by its scan name.
func (f *FS) named(err error) error {
	if f == nil || f.dir == "" || err == nil {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		out := *pe
		out.Path = f.Name(pe.Path)
		return &out
	}
	return err
}

// Open opens a regular file (see fsread.Open). On a recording FS,
// reading the file to its end records it.
func (f *FS) Open(ctx context.Context, name string) (*File, error) {
	file, err := fsread.Open(ctx, f.OSPath(name))
	if err != nil {
		if f != nil && f.reads != nil {
			f.failed(name, err)
		}
		return nil, f.named(err)
	}
	out := &File{File: file}
	if f != nil && f.reads != nil {
		out.rec = f.reads.stream(name)
	}
	return out, nil
}

// ReadFile reads a regular file whole, at most limit bytes (see
// fsread.ReadFile). A recording FS records it.
func (f *FS) ReadFile(ctx context.Context, name string, limit int64) ([]byte, error) {
	b, err := fsread.ReadFile(ctx, f.OSPath(name), limit)
	if f != nil && f.reads != nil {
		if err != nil {
			f.failed(name, err)
		} else {
			f.reads.add(name, b)
		}
	}
	return b, f.named(err)
}

// Saw tells a recording FS that a scanner used the content of name read
// earlier (discovery reads templates and Terraform files once and hands
// them on): it is recorded as if read now. On any other FS it does
// nothing. Only what a scanner uses is recorded, so files discovery read
// for targets a shard or --staged then left out are not.
func (f *FS) Saw(name string, b []byte) {
	if f != nil && f.reads != nil {
		f.reads.add(name, b)
	}
}

// ReadHead reads at most the first n bytes of a regular file. It is
// never recorded as a file read (a sniffed file was not read in full),
// only as a look at its head (Deps).
func (f *FS) ReadHead(ctx context.Context, name string, n int64) ([]byte, error) {
	b, err := fsread.ReadHead(ctx, f.OSPath(name), n)
	if f != nil && f.reads != nil {
		sum, serr := headSum(b, err)
		f.reads.probe(Dep{Op: "head", Name: name, N: n, Sum: sum}, serr)
	}
	return b, f.named(err)
}

// Stat follows links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	st, err := os.Stat(f.OSPath(name))
	if f != nil && f.reads != nil {
		sum, serr := statSum(st, err)
		f.reads.probe(Dep{Op: "stat", Name: name, Sum: sum}, serr)
	}
	return st, f.named(err)
}

// ReadDir lists a directory, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := os.ReadDir(f.OSPath(name))
	if f != nil && f.reads != nil {
		sum, serr := dirSum(es, err)
		f.reads.probe(Dep{Op: "dir", Name: name, Sum: sum}, serr)
	}
	return es, f.named(err)
}

// EvalSymlinks resolves links, returning a scan name: relative when name
// is relative and the target is inside the mount or reachable from the
// working directory the way filepath.EvalSymlinks keeps it.
func (f *FS) EvalSymlinks(name string) (string, error) {
	p, err := filepath.EvalSymlinks(f.OSPath(name))
	if f != nil && f.reads != nil {
		sum, serr := realSum(p, err)
		f.reads.probe(Dep{Op: "real", Name: name, Sum: sum}, serr)
	}
	if err != nil {
		return "", f.named(err)
	}
	return f.Name(p), nil
}

// WalkDir walks the tree at root (see filepath.WalkDir), giving fn scan
// names.
func (f *FS) WalkDir(root string, fn fs.WalkDirFunc) error {
	if f != nil && f.reads != nil {
		// A walk's findings are not something Deps can fingerprint.
		f.reads.partial()
	}
	// Whether the root is in the mount decides how every path below it is
	// named; it is asked once, not for each entry.
	_, mounted := f.Under(root)
	return filepath.WalkDir(f.OSPath(root), func(p string, d fs.DirEntry, err error) error {
		name := filepath.ToSlash(p)
		if mounted {
			name = f.Name(p)
		}
		return fn(name, d, f.named(err))
	})
}
