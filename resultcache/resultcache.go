// Package resultcache keeps what scanning and evaluating each target
// produced, keyed by the digest of everything that can change it, so that
// a rescan of a large repository costs what changed.
//
// An entry is found by a key over the run's context (tollgate's build, the
// policy set, the configuration, the flags that change scanning) and the
// target (its kind, path, files and their bytes). It then holds the
// target's findings and diagnostics before waivers, and everything the
// scan read or looked at beyond its own files (a called Terraform module,
// a var file, a nested template, a directory listing), each with a
// fingerprint: the entry is used only when every one of them still holds.
// Anything that is not a certain hit is a miss: an unreadable, corrupt or
// foreign entry is ignored (with a note) and rewritten.
//
// Entries are written to a temporary file and renamed, so processes
// sharing a directory only ever see whole entries; a hit touches the
// entry's modification time, and Trim evicts the least recently used
// entries when the directory outgrows its bound.
package resultcache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// formatVersion changes whenever an entry's layout or meaning does.
const formatVersion = 1

// DefaultMaxSize bounds a results directory unless told otherwise.
const DefaultMaxSize = 256 << 20

// Options configure a cache.
type Options struct {
	// Dir holds the entries (the tollgate cache root's results folder).
	Dir string
	// MaxSize bounds Dir's entries in bytes (default DefaultMaxSize).
	MaxSize int64
	// Context is everything of the run that can change any target's
	// findings: build identity, policy digest, configuration, scanner
	// settings (see Context).
	Context []byte
	// Cacheable says whether a target may be cached.
	Cacheable func(t discover.Target) bool
	// Volatile says whether a kind's errors may pass (a registry that did
	// not answer): its records with an error are not kept.
	Volatile func(kind string) bool
	// Note receives debug notes (why an entry was not used); nil drops
	// them.
	Note func(format string, args ...any)
}

// Cache is a results directory opened for one run. It implements
// scan.Cache.
type Cache struct {
	opts    Options
	context string

	mu      sync.Mutex
	written int64
	stats   Stats
}

// Stats count what a run did with the cache.
type Stats struct {
	Hits, Misses, Stored int
}

// Open prepares dir for use. A directory that cannot be created is an
// error: the caller decides whether to run without a cache.
func Open(opts Options) (*Cache, error) {
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("results cache: %w", err)
	}
	// The tag keeps the folder out of scans (and backups) when it lies
	// inside a scanned tree.
	tag := filepath.Join(opts.Dir, discover.CacheDirTag)
	if _, err := os.Stat(tag); errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomic(tag, discover.CacheDirTagContent("tollgate")); err != nil {
			return nil, fmt.Errorf("results cache: %w", err)
		}
	}
	sum := sha256.Sum256(opts.Context)
	return &Cache{opts: opts, context: hex.EncodeToString(sum[:])}, nil
}

// Stats reports the run's hits, misses and entries written.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// entry is one cached target.
type entry struct {
	Format int    `json:"format"`
	Key    string `json:"key"`
	// Deps are the target's reads and looks, each to be checked again.
	Deps   []srcfs.Dep `json:"deps"`
	Record scan.Record `json:"record"`
}

// Cacheable implements scan.Cache.
func (c *Cache) Cacheable(t discover.Target) bool {
	return c.opts.Cacheable != nil && c.opts.Cacheable(t)
}

// Key names the entry of a target: a digest of the run's context and of
// the target's kind, path, files and the bytes discovery read of them.
func (c *Cache) Key(t discover.Target) string {
	h := sha256.New()
	field := func(s string) {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	field(c.context)
	field(t.Kind)
	field(t.Unit.Path)
	if t.Unit.Content != nil {
		sum := sha256.Sum256(t.Unit.Content)
		field("content " + hex.EncodeToString(sum[:]))
	}
	for _, f := range t.Unit.Files {
		field("file " + f)
		if b, ok := t.Unit.Contents[f]; ok {
			sum := sha256.Sum256(b)
			field(hex.EncodeToString(sum[:]))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.opts.Dir, key[:2], key+".json")
}

func (c *Cache) note(format string, args ...any) {
	if c.opts.Note != nil {
		c.opts.Note(format, args...)
	}
}

func (c *Cache) count(hit bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if hit {
		c.stats.Hits++
	} else {
		c.stats.Misses++
	}
}

// Get implements scan.Cache: the target's record when an entry exists for
// its key and everything its scan read still holds.
func (c *Cache) Get(ctx context.Context, t discover.Target) (*scan.Record, bool) {
	rec, why := c.get(ctx, t)
	c.count(rec != nil)
	if rec == nil && why != "" {
		c.note("results cache: %s: %s; scanning it", t.Unit.Path, why)
	}
	return rec, rec != nil
}

func (c *Cache) get(ctx context.Context, t discover.Target) (*scan.Record, string) {
	key := c.Key(t)
	p := c.path(key)
	b, err := os.ReadFile(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ""
	case err != nil:
		return nil, fmt.Sprintf("entry %s unreadable (%v)", p, err)
	}
	var e entry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Sprintf("entry %s is corrupt (%v)", p, err)
	}
	if e.Format != formatVersion || e.Key != key {
		return nil, fmt.Sprintf("entry %s is of another format or key", p)
	}
	known := t.Unit.Contents
	if t.Unit.Content != nil {
		known = map[string][]byte{t.Unit.Path: t.Unit.Content}
		for k, v := range t.Unit.Contents {
			known[k] = v
		}
	}
	for _, d := range e.Deps {
		if ctx.Err() != nil {
			return nil, ""
		}
		if !t.Unit.FS.Holds(ctx, d, known) {
			return nil, fmt.Sprintf("%s %s changed", d.Op, d.Name)
		}
	}
	// The modification time is the entry's last use, for Trim.
	now := time.Now()
	_ = os.Chtimes(p, now, now)
	return &e.Record, ""
}

// Put implements scan.Cache. A failed write is a note, not an error: the
// next run scans the target again.
func (c *Cache) Put(_ context.Context, t discover.Target, key string, rec *scan.Record, deps []srcfs.Dep) {
	if c.opts.Volatile != nil && c.opts.Volatile(t.Kind) && hasError(rec) {
		return
	}
	b, err := json.Marshal(entry{Format: formatVersion, Key: key, Deps: deps, Record: *rec})
	if err != nil {
		c.note("results cache: %s: %v", t.Unit.Path, err)
		return
	}
	if err := writeAtomic(c.path(key), b); err != nil {
		c.note("results cache: %s: %v", t.Unit.Path, err)
		return
	}
	c.mu.Lock()
	c.written += int64(len(b))
	c.stats.Stored++
	c.mu.Unlock()
}

// writeAtomic writes b to a temporary file beside p and renames it over p,
// so a reader sees the old entry or the new one, never a part.
func writeAtomic(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// staleTemp is how old a leftover temporary file (a process killed while
// writing) must be before Trim removes it: younger ones may be another
// process's write in progress.
const staleTemp = time.Hour

// Trim evicts the least recently used entries until the directory holds
// at most MaxSize bytes; a run that wrote nothing leaves it alone. Runs
// sharing the directory may trim at once: an entry removed under
// another's feet is just a miss there.
func (c *Cache) Trim() error {
	c.mu.Lock()
	wrote := c.written > 0
	c.mu.Unlock()
	if !wrote {
		return nil
	}
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	err := filepath.WalkDir(c.opts.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		if d.Name() == discover.CacheDirTag {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".tmp-") {
			if time.Since(info.ModTime()) > staleTemp {
				os.Remove(p)
			}
			return nil
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return fmt.Errorf("results cache: %w", err)
	}
	if total <= c.opts.MaxSize {
		return nil
	}
	sort.Slice(files, func(i, j int) bool {
		if !files[i].used.Equal(files[j].used) {
			return files[i].used.Before(files[j].used)
		}
		return files[i].path < files[j].path
	})
	for _, f := range files {
		if total <= c.opts.MaxSize {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}

// hasError says whether a record holds an error diagnostic.
func hasError(rec *scan.Record) bool {
	for _, d := range rec.Diagnostics {
		if d.Level == document.LevelError {
			return true
		}
	}
	for _, doc := range rec.Docs {
		if len(doc.Errors) > 0 {
			return true
		}
	}
	return false
}
