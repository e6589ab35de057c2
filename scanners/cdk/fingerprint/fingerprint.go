// Package fingerprint recomputes the source hash aws-cdk-lib gives a file
// or folder asset (FileSystem.fingerprint, core/lib/fs/fingerprint.ts, as
// of aws-cdk-lib 2.276), so that a cloud assembly's staged copy of an asset
// can be checked against the hash its asset manifest records.
//
// CDK hashes, with SHA-256, a sequence of fields (each \x01 name \x02
// value \x03): the extra hash, the symlink follow mode, the ignore mode
// when it is not glob, then, walking the folder depth first with the
// entries of each folder sorted by name, "file:<path>" with the file's
// content fingerprint ("<size>:<sha256 hex>" of its bytes, with CRLF
// turned into LF in text files) and "link:<path>" with the text of each
// symbolic link it does not follow. A single file is one "file:" field
// with an empty path.
//
// The staged copy in cdk.out already lacks what the excludes removed, and
// holds followed links as plain files, so its fingerprint under the options
// the app used equals the recorded hash. Those options are not in the
// assembly: Tree.Sum takes them, and callers try the ones an app can set.
// Links are never followed here, so a link cannot make tollgate read
// anything outside the asset.
package fingerprint

import (
	"bytes"
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
	"slices"
	"strconv"
	"syscall"
	"unicode/utf16"
	"unicode/utf8"
)

// Symlink follow modes (SymlinkFollowMode) and ignore modes (IgnoreMode),
// as CDK spells them in the hash.
const (
	FollowExternal     = "external"
	FollowNever        = "never"
	FollowAlways       = "always"
	FollowInternalOnly = "internal-only"

	IgnoreGlob   = "glob"
	IgnoreGit    = "git"
	IgnoreDocker = "docker"
)

// FollowModes and IgnoreModes list every value, the default first.
var (
	FollowModes = []string{FollowExternal, FollowNever, FollowAlways, FollowInternalOnly}
	IgnoreModes = []string{IgnoreGlob, IgnoreGit, IgnoreDocker}
)

// Options are the fingerprint options CDK folds into the hash.
type Options struct {
	// ExtraHash is FingerprintOptions.extraHash (for Docker image assets,
	// the JSON of the build options the image depends on).
	ExtraHash string
	// Follow is the SymlinkFollowMode; empty means external.
	Follow string
	// IgnoreMode is the IgnoreMode; empty means glob.
	IgnoreMode string
	// LinksFromRoot hashes each link that points inside the tree by its
	// target's path from the root rather than by its text. CDK hashes an
	// absolute link that way, and its staging copy rewrites such a link as
	// a relative one, so the text in cdk.out no longer says it was absolute.
	LinksFromRoot bool
}

// Limits bound the work of reading one asset.
type Limits struct {
	// MaxBytes bounds the bytes read of all the asset's files together.
	MaxBytes int64
	// MaxEntries bounds the files, links and folders of the asset.
	MaxEntries int
}

// maxDepth bounds folder nesting; CDK itself recurses without a bound.
const maxDepth = 256

// ErrLimit is inside every error about a limit of Limits.
var ErrLimit = errors.New("over the asset limit")

// AnomalyError is something cdk synth never writes into an asset: a
// symbolic link in place of the asset, a FIFO, a device or a socket, a file
// replaced while it is read. Its presence means the assembly changed
// after synthesis.
type AnomalyError struct {
	// Path is slash-separated, relative to the asset ("" for the asset
	// itself).
	Path string
	What string
}

func (e *AnomalyError) Error() string {
	if e.Path == "" {
		return "the asset " + e.What
	}
	return e.Path + " " + e.What
}

// Tree is what fingerprinting reads of one asset: its entries in CDK's
// order, each file's content fingerprint already computed, so that many
// option sets cost one read.
type Tree struct {
	entries []entry
	links   int
	// TextBytes is the size of the per-entry fields Sum hashes: what each
	// further option set costs.
	TextBytes int64
}

type entry struct {
	key  string // path from the root, slash-separated
	link bool
	// value is the content fingerprint of a file, the text of a link.
	value string
	// fromRoot is a link's target as a path from the root ("" for the
	// root itself), when rooted: the link is relative and stays inside the
	// tree.
	fromRoot string
	rooted   bool
}

// Links reports how many links the tree holds.
func (t *Tree) Links() int { return t.links }

// RootedLinks reports whether Options.LinksFromRoot can change the sum.
func (t *Tree) RootedLinks() bool {
	for _, e := range t.entries {
		if e.link && e.rooted && e.fromRoot != e.value {
			return true
		}
	}
	return false
}

// Sum is the fingerprint of the tree under o, in hex.
func (t *Tree) Sum(o Options) string {
	h := sha256.New()
	field(h, "options.extra", o.ExtraHash)
	follow := o.Follow
	if follow == "" {
		follow = FollowExternal
	}
	field(h, "options.follow", follow)
	if o.IgnoreMode != "" && o.IgnoreMode != IgnoreGlob {
		field(h, "options.ignoreMode", o.IgnoreMode)
	}
	for _, e := range t.entries {
		switch {
		case !e.link:
			field(h, "file:"+e.key, e.value)
		case o.LinksFromRoot && e.rooted:
			field(h, "link:"+e.key, e.fromRoot)
		default:
			field(h, "link:"+e.key, e.value)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func field(h hash.Hash, name, value string) {
	h.Write([]byte{1})
	io.WriteString(h, name)
	h.Write([]byte{2})
	io.WriteString(h, value)
	h.Write([]byte{3})
}

// Read reads the file or folder at root (an OS path) without following any
// symbolic link. Errors are an *AnomalyError, an error wrapping ErrLimit,
// the context's error, or an I/O error; each names the path inside the
// asset.
func Read(ctx context.Context, root string, lim Limits) (*Tree, error) {
	fi, err := os.Lstat(root)
	if err != nil {
		return nil, err
	}
	r := &reader{ctx: ctx, lim: lim, t: &Tree{}}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, &AnomalyError{What: "is a symbolic link (cdk synth writes a copy)"}
	case fi.IsDir():
		err = r.walk(root, "", 0)
	case fi.Mode().IsRegular():
		err = r.file(root, "", fi)
	default:
		err = &AnomalyError{What: "is a " + fileType(fi.Mode())}
	}
	if err != nil {
		return nil, err
	}
	return r.t, nil
}

type reader struct {
	ctx   context.Context
	lim   Limits
	t     *Tree
	count int
	bytes int64
}

func (r *reader) walk(dir, rel string, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%s: folders nested more than %d deep: %w", rel, maxDepth, ErrLimit)
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	// Node compares names as UTF-16 strings; Go sorted them as bytes, which
	// differs once characters beyond U+FFFF meet ones above U+E000.
	slices.SortStableFunc(des, func(a, b fs.DirEntry) int { return compareUTF16(a.Name(), b.Name()) })
	for _, de := range des {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := de.Name()
		key := path.Join(rel, name)
		if !utf8.ValidString(name) {
			return &AnomalyError{Path: strconv.Quote(key), What: "has a name that is not UTF-8"}
		}
		if r.count++; r.lim.MaxEntries > 0 && r.count > r.lim.MaxEntries {
			return fmt.Errorf("more than %d files and folders: %w", r.lim.MaxEntries, ErrLimit)
		}
		p := filepath.Join(dir, name)
		switch t := de.Type(); {
		case t&fs.ModeSymlink != 0:
			if err := r.link(p, key); err != nil {
				return err
			}
		case t.IsDir():
			if err := r.walk(p, key, depth+1); err != nil {
				return err
			}
		case t.IsRegular():
			fi, err := de.Info()
			if err != nil {
				return err
			}
			if err := r.file(p, key, fi); err != nil {
				return err
			}
		default:
			// CDK's walk skips these, and its copy never writes one.
			return &AnomalyError{Path: key, What: "is a " + fileType(t)}
		}
	}
	return nil
}

func (r *reader) link(p, key string) error {
	text, err := os.Readlink(p)
	if err != nil {
		return err
	}
	e := entry{key: key, link: true, value: text}
	if !path.IsAbs(text) && !filepath.IsAbs(text) {
		target := path.Join(path.Dir(key), text)
		switch {
		case target == ".":
			e.rooted = true // the root itself: CDK's key is the empty path
		case target != ".." && !hasDotDotPrefix(target):
			e.fromRoot, e.rooted = target, true
		}
	}
	r.t.links++
	r.add(e)
	return nil
}

func hasDotDotPrefix(p string) bool { return len(p) >= 3 && p[:3] == "../" }

func (r *reader) add(e entry) {
	r.t.entries = append(r.t.entries, e)
	r.t.TextBytes += int64(len(e.key) + len(e.value) + 12)
}

// file computes the content fingerprint of the regular file p, which fi
// (from Lstat) describes. The file is opened without blocking and must
// still be that file, so a FIFO or a link swapped in meanwhile is refused.
func (r *reader) file(p, key string, fi fs.FileInfo) error {
	if r.lim.MaxBytes > 0 && r.bytes+fi.Size() > r.lim.MaxBytes {
		return fmt.Errorf("%s: the asset's files are over %d bytes: %w", displayKey(key), r.lim.MaxBytes, ErrLimit)
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() || !os.SameFile(fi, st) {
		return &AnomalyError{Path: key, What: "changed while it was read"}
	}
	budget := int64(-1)
	if r.lim.MaxBytes > 0 {
		budget = r.lim.MaxBytes - r.bytes
	}
	lr := &limitedReader{ctx: r.ctx, r: f, left: budget}
	sum, err := Content(lr)
	r.bytes += lr.read
	if err != nil {
		if errors.Is(err, ErrLimit) {
			return fmt.Errorf("%s: %w", displayKey(key), err)
		}
		return err
	}
	r.add(entry{key: key, value: sum})
	return nil
}

func displayKey(key string) string {
	if key == "" {
		return "the asset"
	}
	return key
}

// limitedReader stops at the byte budget and when ctx is done.
type limitedReader struct {
	ctx  context.Context
	r    io.Reader
	left int64 // < 0: no limit
	read int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if err := l.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	if l.left >= 0 && l.read > l.left {
		return n, fmt.Errorf("grew past the byte budget while read: %w", ErrLimit)
	}
	return n, err
}

// chunk is the size of CDK's reads: text is decoded one read at a time.
const chunk = 8 * 1024

// maxPending bounds the text CDK holds back while reads end in a carriage
// return (it waits for a possible LF); only a hostile file gets near it.
const maxPending = 64 << 20

var crlf = []byte("\r\n")

// Content is CDK's content fingerprint of a file (contentFingerprint in
// fingerprint.ts), "<size>:<sha256 hex>". It mirrors the original read by
// read: a file whose first read holds a NUL byte is hashed as is; any other
// is decoded as UTF-8 one 8 KiB read at a time (see AppendNodeUTF8), CRLF
// becomes LF, and a read that ends in CR is held back and joined to the
// next. As in the original, text still held back at the end is hashed
// without the CRLF rewrite and is left out of the size, and a NUL in the
// first read after held-back text makes the rest binary.
func Content(r io.Reader) (string, error) {
	h := sha256.New()
	buf := make([]byte, chunk)
	var (
		size    int64
		binary  bool
		pending []byte
		text    []byte
		decoded []byte
		joined  []byte
		norm    []byte
	)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			b := buf[:n]
			if size == 0 {
				binary = bytes.IndexByte(b, 0) >= 0
			}
			switch {
			case binary:
				size += int64(n)
				h.Write(b)
			default:
				text = b
				if !utf8.Valid(b) {
					decoded = AppendNodeUTF8(decoded[:0], b)
					text = decoded
				}
				if text[len(text)-1] == '\r' {
					if pending = append(pending, text...); len(pending) > maxPending {
						return "", fmt.Errorf("more than %d bytes of text between line ends that CDK holds back: %w", maxPending, ErrLimit)
					}
					break
				}
				if len(pending) > 0 {
					// pending keeps its own array: text may be the read buffer.
					joined = append(append(joined[:0], pending...), text...)
					text, pending = joined, pending[:0]
				}
				norm = appendLF(norm[:0], text)
				size += int64(len(norm))
				h.Write(norm)
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	if len(pending) > 0 {
		h.Write(pending)
	}
	return strconv.FormatInt(size, 10) + ":" + hex.EncodeToString(h.Sum(nil)), nil
}

// appendLF appends b with every CRLF turned into LF.
func appendLF(dst, b []byte) []byte {
	for {
		i := bytes.Index(b, crlf)
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(append(dst, b[:i]...), '\n')
		b = b[i+2:]
	}
}

// compareUTF16 orders strings as JavaScript's < does: by UTF-16 code units.
func compareUTF16(a, b string) int {
	if a == b {
		return 0
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	return slices.Compare(ua, ub)
}

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "fifo, which cdk synth never writes"
	case m&fs.ModeSocket != 0:
		return "socket, which cdk synth never writes"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "device, which cdk synth never writes"
	default:
		return "special file, which cdk synth never writes"
	}
}
