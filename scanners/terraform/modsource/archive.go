package modsource

import (
	"archive/tar"
	"archive/zip"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Limits bound what one module package may hold once unpacked.
type Limits struct {
	// Files is the most entries (files, directories, links); default 20000.
	Files int
	// Bytes is the most bytes of file contents; default 256MiB.
	Bytes int64
}

// WithDefaults fills the zero fields.
func (l Limits) WithDefaults() Limits {
	if l.Files <= 0 {
		l.Files = 20000
	}
	if l.Bytes <= 0 {
		l.Bytes = 256 << 20
	}
	return l
}

// ErrUnsafeArchive is an archive entry that would write outside the
// directory it is unpacked into, or that is not a plain file, directory or
// contained symlink.
var ErrUnsafeArchive = errors.New("unsafe archive")

// Extract unpacks the archive file name, of type typ (tar.gz, tar.bz2, tar,
// zip), into the directory dir, which must be empty. Entries that would
// land outside dir (absolute names, .. segments, writes through a symlink),
// symlinks that resolve outside it, hard links, devices and archives over
// lim are refused; what was unpacked before the refusal stays for the
// caller to remove.
func Extract(ctx context.Context, name, typ, dir string, lim Limits) error {
	x := &extractor{ctx: ctx, dir: dir, lim: lim.WithDefaults(), links: map[string]bool{}}
	var err error
	switch typ {
	case "zip":
		err = x.zip(name)
	case "tar.gz", "tar.bz2", "tar":
		err = x.tarFile(name, typ)
	default:
		return fmt.Errorf("%w: archive type %q", ErrUnsupported, typ)
	}
	if err != nil {
		return err
	}
	return CheckLinks(dir)
}

type extractor struct {
	ctx   context.Context
	dir   string
	lim   Limits
	files int
	bytes int64
	// links are the symlinks unpacked so far (slash paths): nothing may be
	// written below one, or the write would follow it.
	links map[string]bool
}

func (x *extractor) tarFile(name, typ string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	switch typ {
	case "tar.gz":
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("not a gzip archive: %w", err)
		}
		defer gz.Close()
		r = gz
	case "tar.bz2":
		r = bzip2.NewReader(f)
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not a tar archive: %w", err)
		}
		switch h.Typeflag {
		case tar.TypeXGlobalHeader:
			// GitHub's tarballs carry the commit in a pax global header.
			continue
		case tar.TypeDir:
			err = x.entry(h.Name, fs.ModeDir, "", nil)
		case tar.TypeReg:
			err = x.entry(h.Name, fs.FileMode(h.Mode)&0o777, "", tr)
		case tar.TypeSymlink:
			err = x.entry(h.Name, fs.ModeSymlink, h.Linkname, nil)
		default:
			err = fmt.Errorf("%w: %s is a %s", ErrUnsafeArchive, quote(h.Name), tarType(h.Typeflag))
		}
		if err != nil {
			return err
		}
	}
}

func tarType(t byte) string {
	switch t {
	case tar.TypeLink:
		return "hard link"
	case tar.TypeChar, tar.TypeBlock:
		return "device"
	case tar.TypeFifo:
		return "FIFO"
	}
	return fmt.Sprintf("tar entry of type %q", t)
}

func (x *extractor) zip(name string) error {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return fmt.Errorf("not a zip archive: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		mode := f.Mode()
		var err error
		switch {
		case mode.IsDir():
			err = x.entry(f.Name, fs.ModeDir, "", nil)
		case mode&fs.ModeSymlink != 0:
			err = x.zipLink(f)
		case mode.IsRegular():
			err = x.zipFile(f)
		default:
			err = fmt.Errorf("%w: %s is not a file, directory or symlink", ErrUnsafeArchive, quote(f.Name))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (x *extractor) zipFile(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", quote(f.Name), err)
	}
	defer rc.Close()
	return x.entry(f.Name, f.Mode()&0o777, "", rc)
}

// zipLink reads a zip symlink's target, which zip stores as the entry's
// contents.
func (x *extractor) zipLink(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", quote(f.Name), err)
	}
	defer rc.Close()
	target, err := io.ReadAll(io.LimitReader(rc, 4096))
	if err != nil {
		return fmt.Errorf("%s: %w", quote(f.Name), err)
	}
	return x.entry(f.Name, fs.ModeSymlink, string(target), nil)
}

// entry writes one archive entry: a directory (ModeDir), a symlink to
// target (ModeSymlink), or a file of the given permission bits read from r.
func (x *extractor) entry(raw string, mode fs.FileMode, target string, r io.Reader) error {
	if err := x.ctx.Err(); err != nil {
		return err
	}
	name, err := entryName(raw)
	if err != nil {
		return err
	}
	if name == "." {
		return nil
	}
	if x.files++; x.files > x.lim.Files {
		return fmt.Errorf("%w: more than %d entries", ErrUnsafeArchive, x.lim.Files)
	}
	for p := path.Dir(name); p != "."; p = path.Dir(p) {
		if x.links[p] {
			return fmt.Errorf("%w: %s would be written through the symlink %s", ErrUnsafeArchive, quote(raw), quote(p))
		}
	}
	full := filepath.Join(x.dir, filepath.FromSlash(name))
	if mode&fs.ModeDir != 0 {
		return os.MkdirAll(full, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if mode&fs.ModeSymlink != 0 {
		if !linkInside(name, target) {
			return fmt.Errorf("%w: the symlink %s points outside the archive (%s)", ErrUnsafeArchive, quote(raw), quote(target))
		}
		x.links[name] = true
		if err := os.Symlink(target, full); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrUnsafeArchive, quote(raw), err)
		}
		return nil
	}
	perm := fs.FileMode(0o644)
	if mode&0o111 != 0 {
		perm = 0o755
	}
	// O_EXCL: a second entry of the same name, or one named like a link
	// already written, must not overwrite it or write through it.
	out, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnsafeArchive, quote(raw), err)
	}
	rest := x.lim.Bytes - x.bytes
	n, err := io.Copy(out, io.LimitReader(r, rest+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	x.bytes += n
	if err != nil {
		return fmt.Errorf("%s: %w", quote(raw), err)
	}
	if x.bytes > x.lim.Bytes {
		return fmt.Errorf("%w: more than %s unpacked", ErrUnsafeArchive, fsread.FormatSize(x.lim.Bytes))
	}
	return nil
}

// entryName cleans an archive entry's name: relative, slash-separated,
// with no .. segment.
func entryName(raw string) (string, error) {
	if raw == "" || strings.ContainsAny(raw, "\\\x00") || path.IsAbs(raw) {
		return "", fmt.Errorf("%w: entry name %s", ErrUnsafeArchive, quote(raw))
	}
	for _, seg := range strings.Split(raw, "/") {
		if seg == ".." {
			return "", fmt.Errorf("%w: entry name %s leaves the archive", ErrUnsafeArchive, quote(raw))
		}
	}
	return path.Clean(raw), nil
}

// linkInside reports whether a symlink at name (relative, clean) pointing
// at target stays inside the tree, read lexically. CheckLinks then
// resolves every link for real.
func linkInside(name, target string) bool {
	if target == "" || path.IsAbs(target) || strings.ContainsAny(target, "\\\x00") {
		return false
	}
	p := path.Join(path.Dir(name), target)
	return p != ".." && !strings.HasPrefix(p, "../")
}

// CheckLinks refuses a tree holding a symlink that does not resolve to a
// path inside it: an absolute link, one that climbs out, a chain that ends
// outside, or one that leads nowhere.
func CheckLinks(dir string) error {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		to, err := filepath.EvalSymlinks(p)
		if err != nil {
			return fmt.Errorf("%w: the symlink %s leads nowhere", ErrUnsafeArchive, quote(filepath.ToSlash(rel)))
		}
		if r, err := filepath.Rel(root, to); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%w: the symlink %s points outside the module", ErrUnsafeArchive, quote(filepath.ToSlash(rel)))
		}
		return nil
	})
}

// quote shows an archive name in a message, control characters escaped.
func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return fmt.Sprintf("%q", s)
}
