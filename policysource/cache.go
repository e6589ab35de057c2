package policysource

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/fsread"
)

// The cache keeps one directory per reference:
//
//	<dir>/<key>/meta.json            what the source said about the copy
//	<dir>/<key>/<sha256>.tar.gz      the bundle, named by its content
//
// Both are written to a temporary file and renamed into place, so a
// reader sees a whole old entry or a whole new one; naming the bundle by
// its hash lets meta.json switch to a new bundle in one rename even when
// two runs refresh the same entry at once.
type cache struct {
	dir string
	now func() time.Time
}

// meta describes a cached bundle.
type meta struct {
	// Source is the reference, credentials redacted: for people looking
	// at the cache, never used to fetch.
	Source string `json:"source"`
	// File is the bundle's file name in the entry directory, and SHA256
	// its content's hash, checked on every use.
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	// ETag and LastModified are the HTTP validators of the copy.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Digest is the OCI manifest digest the copy came from.
	Digest string `json:"digest,omitempty"`
	// Fetched is when the copy was downloaded; Checked when its source
	// last confirmed it is current.
	Fetched time.Time `json:"fetched"`
	Checked time.Time `json:"checked"`
}

// entry is a cached bundle that matched its recorded hash.
type entry struct {
	path string
	meta meta
}

const (
	metaFile = "meta.json"
	// maxMeta bounds meta.json: it is a few hundred bytes.
	maxMeta = 1 << 20
	// stale temporary files and superseded bundles older than this are
	// removed; younger ones may belong to a run still using them.
	pruneAfter = time.Hour
)

var bundleFileRe = regexp.MustCompile(`^[0-9a-f]{64}\.tar\.gz$`)

// cacheKey names the entry of a reference: a hash of the reference
// without its user information, so the same bundle fetched with another
// password shares its entry, and no password reaches the disk even
// hashed. The query stays in: it may select what is served.
func cacheKey(ref string) string {
	if i := strings.Index(ref, "://"); i >= 0 {
		rest := ref[i+3:]
		host, path, slash := strings.Cut(rest, "/")
		if _, h, ok := strings.Cut(host, "@"); ok {
			rest = h
			if slash {
				rest += "/" + path
			}
		}
		ref = strings.ToLower(ref[:i]) + "://" + rest
	}
	sum := sha256.Sum256([]byte(ref))
	return hex.EncodeToString(sum[:16])
}

// load returns the entry of key when its bundle is whole; otherwise why
// there is none, in words for an error message.
func (c cache) load(key string) (entry, bool, string) {
	dir := filepath.Join(c.dir, key)
	b, err := fsread.ReadFile(context.Background(), filepath.Join(dir, metaFile), maxMeta)
	if errors.Is(err, fs.ErrNotExist) {
		return entry{}, false, "no cached copy in " + c.dir
	}
	if err != nil {
		return entry{}, false, fmt.Sprintf("the cached copy is unreadable (%v)", err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return entry{}, false, fmt.Sprintf("the cached copy's %s is not valid JSON", filepath.Join(dir, metaFile))
	}
	if !bundleFileRe.MatchString(m.File) {
		return entry{}, false, fmt.Sprintf("the cached copy's %s names no bundle file", filepath.Join(dir, metaFile))
	}
	p := filepath.Join(dir, m.File)
	sum, err := hashFile(p)
	if err != nil {
		return entry{}, false, fmt.Sprintf("the cached copy is unreadable (%v)", err)
	}
	if sum != m.SHA256 {
		return entry{}, false, fmt.Sprintf("the cached copy %s does not match its recorded sha256 (changed after it was downloaded)", p)
	}
	return entry{path: p, meta: m}, true, ""
}

// store writes a downloaded bundle (a temporary file in the entry
// directory, from create) and its metadata into key's entry.
func (c cache) store(key string, tmp string, m meta) (entry, error) {
	dir := filepath.Join(c.dir, key)
	m.File = m.SHA256 + ".tar.gz"
	p := filepath.Join(dir, m.File)
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return entry{}, fmt.Errorf("cache: %w", err)
	}
	if err := c.writeMeta(key, m); err != nil {
		return entry{}, err
	}
	c.prune(dir, m.File)
	return entry{path: p, meta: m}, nil
}

// touch records that the source confirmed e is current. The record only
// dates later warnings, so a cache that cannot be written (mounted
// read-only in CI) does not fail the run.
func (c cache) touch(key string, e entry) entry {
	e.meta.Checked = c.now().UTC()
	_ = c.writeMeta(key, e.meta)
	return e
}

func (c cache) writeMeta(key string, m meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Join(c.dir, key)
	f, err := os.CreateTemp(dir, ".tmp-meta-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, metaFile))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// create opens a temporary file for a download into key's entry.
func (c cache) create(key string) (*os.File, error) {
	dir := filepath.Join(c.dir, key)
	// The cache holds an organisation's policy: readable by this user only.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-bundle-*")
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return f, nil
}

// prune removes superseded bundles and temporary files a crashed run left,
// once they are old enough that no run still reads them. Failures only
// leave files behind.
func (c cache) prune(dir, keep string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range ents {
		n := de.Name()
		if n == keep || n == metaFile || !(bundleFileRe.MatchString(n) || strings.HasPrefix(n, ".tmp-")) {
			continue
		}
		if info, err := de.Info(); err == nil && c.now().Sub(info.ModTime()) > pruneAfter {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// hashFile is the hex sha256 of a regular file.
func hashFile(p string) (string, error) {
	f, err := fsread.Open(context.Background(), p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
