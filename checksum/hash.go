// Package checksum records what a pipeline built — files, directories and
// container images — as SHA-256 checksums in a manifest, and verifies
// later that what is about to be promoted is still exactly that.
//
// A file's checksum is the SHA-256 of its contents. A directory's is the
// SHA-256 of its tree listing (TreeListing): one line per file, symlink
// and executable inside, so contents, names and the executable bit are all
// covered, and links are hashed by their target text, never followed. An
// image's is the digest of the manifest or index its reference resolves to.
//
// Manifests are written and read in two forms (docs/checksum.md): the
// sha256sum text format, which `sha256sum -c` verifies for the plain files,
// and a versioned JSON form that also lists the files of each directory,
// so a verification can name which file inside changed.
//
// Every file is read through fsread: only regular files, with reads that
// stop when the context ends. Relative paths are resolved against
// Options.Dir (default: the working directory), as sha256sum resolves them
// against the working directory.
package checksum

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tollgate-dev/tollgate/checksum/tree"
	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Kind is what an artifact is.
type Kind string

// The kinds of artifact.
const (
	KindFile      Kind = "file"
	KindDirectory Kind = "directory"
	KindImage     Kind = "image"
)

// Mode is what an entry of a directory is (package tree).
type Mode = tree.Mode

// The modes of a directory entry (package tree).
const (
	ModeFile    = tree.File
	ModeExec    = tree.Exec
	ModeSymlink = tree.Symlink
)

// Entry is one file, executable or symlink inside a hashed directory
// (package tree).
type Entry = tree.Entry

// Artifact is one thing a manifest records.
type Artifact struct {
	Kind Kind
	// Name is the path as given, slash-separated and cleaned ("./a//b"
	// is "a/b"), for files and directories; the reference for images.
	Name string
	// SHA256 is lowercase hex: of a file's contents, of a directory's
	// tree listing, or the sha256 digest of an image's manifest or index.
	SHA256 string
	// Entries are a directory's files sorted by path; nil when the
	// manifest did not record them (the text form).
	Entries []Entry
	// Line is where the artifact stands in the manifest it was read
	// from; 0 when it was hashed.
	Line int
}

// Options say where artifacts are.
type Options struct {
	// Dir resolves relative paths; empty means the working directory.
	Dir string
	// Image reaches registries (insecure hosts, credentials, transport,
	// timeouts). Its ExpectDigest and Platform are ignored.
	Image image.Options
}

func (o Options) resolve(name string) string {
	p := filepath.FromSlash(name)
	if o.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(o.Dir, p)
}

// CleanPath is how a path given on the command line is recorded:
// slash-separated and cleaned, otherwise as given (relative stays
// relative, absolute stays absolute).
func CleanPath(p string) string { return path.Clean(filepath.ToSlash(p)) }

// File is the lowercase hex SHA-256 of a regular file's contents (after
// following a symlink, as sha256sum does).
func File(ctx context.Context, name string) (string, error) {
	f, err := fsread.Open(ctx, name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return sumReader(sha256.New(), f, name)
}

func sumReader(h hash.Hash, r io.Reader, name string) (string, error) {
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ErrNotRegularEntry is inside the error for a FIFO, device or socket
// found inside a hashed directory: its contents cannot be hashed, and
// skipping it would leave part of the directory unverified.
var ErrNotRegularEntry = errors.New("not a regular file, directory or symlink")

// Dir hashes a directory: its entries, sorted by path, and the SHA-256 of
// their tree listing (TreeSum). A dir that is itself a symlink is followed
// (it was named on purpose); no link inside is. A file name holding a
// newline is an error: it would make the listing ambiguous.
func Dir(ctx context.Context, dir string) (string, []Entry, error) {
	var entries []Entry
	var walk func(rel string, want fs.FileInfo) error
	walk = func(rel string, want fs.FileInfo) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(rel))
		des, err := readDir(full, want)
		if err != nil {
			return err
		}
		for _, de := range des {
			p := path.Join(rel, de.Name())
			if strings.Contains(de.Name(), "\n") {
				return fmt.Errorf("%s: a file name with a newline cannot be listed", filepath.Join(full, de.Name()))
			}
			e, sub, err := entry(ctx, dir, p)
			if err != nil {
				return err
			}
			if sub != nil {
				if err := walk(p, sub); err != nil {
					return err
				}
				continue
			}
			entries = append(entries, *e)
		}
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return "", nil, err
	}
	if !st.IsDir() {
		return "", nil, fmt.Errorf("%s: not a directory", dir)
	}
	if err := walk("", st); err != nil {
		return "", nil, err
	}
	SortEntries(entries)
	return TreeSum(entries), entries, nil
}

// readDir lists a directory after checking that the directory opened is
// the one stat saw (want), not a link swapped in since: os.ReadDir would
// follow it out of the tree. O_NONBLOCK keeps a FIFO swapped in from
// blocking the open.
func readDir(full string, want fs.FileInfo) ([]fs.DirEntry, error) {
	f, err := os.OpenFile(full, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.IsDir() || !os.SameFile(want, st) {
		return nil, fmt.Errorf("%s: replaced while it was hashed", full)
	}
	return f.ReadDir(-1)
}

// entry hashes one directory entry; for a subdirectory it returns its
// lstat instead, to be walked.
func entry(ctx context.Context, dir, rel string) (*Entry, fs.FileInfo, error) {
	full := filepath.Join(dir, filepath.FromSlash(rel))
	info, err := os.Lstat(full)
	if err != nil {
		return nil, nil, err
	}
	switch m := info.Mode(); {
	case m.IsDir():
		return nil, info, nil
	case m&fs.ModeSymlink != 0:
		target, err := os.Readlink(full)
		if err != nil {
			return nil, nil, err
		}
		sum := sha256.Sum256([]byte(target))
		return &Entry{Path: rel, Mode: ModeSymlink, SHA256: hex.EncodeToString(sum[:])}, nil, nil
	case m.IsRegular():
		f, err := fsread.Open(ctx, full)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		// fsread.Open follows links: make sure the file read is the one
		// Lstat saw, not a link to outside the directory swapped in.
		opened, err := f.Stat()
		if err != nil {
			return nil, nil, err
		}
		if !os.SameFile(info, opened) {
			return nil, nil, fmt.Errorf("%s: replaced while it was hashed", full)
		}
		sum, err := sumReader(sha256.New(), f, full)
		if err != nil {
			return nil, nil, err
		}
		mode := ModeFile
		if m&0o111 != 0 {
			mode = ModeExec
		}
		return &Entry{Path: rel, Mode: mode, SHA256: sum}, nil, nil
	default:
		return nil, nil, fmt.Errorf("%s: %w (%s)", full, ErrNotRegularEntry, fsread.FileType(m))
	}
}

// SortEntries sorts entries by path, byte-wise (tree.Sort).
func SortEntries(es []Entry) { tree.Sort(es) }

// TreeListing is what a directory's checksum is the SHA-256 of
// (tree.Listing).
func TreeListing(entries []Entry) []byte { return tree.Listing(entries) }

// TreeSum is the lowercase hex SHA-256 of TreeListing(entries); entries
// must be sorted (SortEntries).
func TreeSum(entries []Entry) string { return tree.Sum(entries) }

// Image resolves a registry reference to the lowercase hex SHA-256 digest
// of the manifest or index it names now (image.Digest).
func Image(ctx context.Context, ref string, o image.Options) (string, error) {
	d, err := image.Digest(ctx, image.Source{Reference: ref}, o)
	if err != nil {
		return "", err
	}
	if d.Algorithm != "sha256" {
		return "", fmt.Errorf("%s: digest %s is not sha256", ref, d)
	}
	return d.Hex, nil
}

// HashPath hashes a file or a directory, as what it is on disk now. name
// is recorded cleaned (CleanPath) and read relative to o.Dir.
func HashPath(ctx context.Context, name string, o Options) (Artifact, error) {
	name = CleanPath(name)
	full := o.resolve(name)
	st, err := os.Stat(full)
	if err != nil {
		return Artifact{}, err
	}
	if st.IsDir() {
		sum, entries, err := Dir(ctx, full)
		if err != nil {
			return Artifact{}, err
		}
		return Artifact{Kind: KindDirectory, Name: name, SHA256: sum, Entries: entries}, nil
	}
	sum, err := File(ctx, full)
	if err != nil {
		return Artifact{}, err
	}
	return Artifact{Kind: KindFile, Name: name, SHA256: sum}, nil
}

// HashImage resolves a registry reference (Image) into an artifact.
func HashImage(ctx context.Context, ref string, o Options) (Artifact, error) {
	sum, err := Image(ctx, ref, o.Image)
	if err != nil {
		return Artifact{}, err
	}
	return Artifact{Kind: KindImage, Name: ref, SHA256: sum}, nil
}
