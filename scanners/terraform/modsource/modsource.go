// Package modsource downloads the Terraform modules a configuration calls
// from a registry (the module registry protocol, with Terraform's version
// constraint semantics), from git (the system git, shallow at the ref) or
// as an https archive, into a cache, so a scan can evaluate them without
// `terraform init`.
//
// Every cache entry records the SHA-256 tree hash (package checksum) of
// what was downloaded and is refused when its files no longer match. A git
// ref that is a full commit SHA must be the commit checked out. With a warm
// cache nothing is asked of the network that cannot have changed (an exact
// registry version, a commit SHA, an archive URL); a version range or a
// branch or tag is asked again, and the cache answers, with a warning, only
// when the registry or repository cannot be reached.
package modsource

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	version "github.com/hashicorp/go-version"

	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/transport"
)

// Options configure a Fetcher. The zero value uses DefaultCacheDir.
type Options struct {
	// CacheDir holds the downloaded modules; "" is DefaultCacheDir.
	CacheDir string
	// Transport is the base HTTP transport (nil: the default), wrapped
	// with Timeouts.
	Transport http.RoundTripper
	Timeouts  transport.Timeouts
	// Token returns the API token of a registry host ("" for none),
	// sent only to that host; see EnvToken.
	Token func(host string) string
	// Git is the git command (default "git").
	Git string
	// MaxDownload bounds an archive download (default 64MiB).
	MaxDownload int64
	// Limits bound what a package unpacks to.
	Limits Limits
	// Now dates cache entries (default time.Now).
	Now func() time.Time
}

// DefaultCacheDir is the user cache directory's tollgate/modules.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for Terraform modules (%w): give --cache-dir", err)
	}
	return filepath.Join(dir, "tollgate", "modules"), nil
}

// Module is a fetched module.
type Module struct {
	// Dir is the module's directory, the //subdir of the package applied.
	Dir string
	// Root is the package's directory: the module may read files below it.
	Root string
	// Version is the registry version chosen; Commit the git commit.
	Version, Commit string
	// Warnings say when the cache stood in for an unreachable source.
	Warnings []string
}

// Fetcher fetches modules into its cache. It is safe for concurrent use;
// each source and version is fetched (and its cache entry verified) once.
type Fetcher struct {
	o      Options
	client *http.Client
	mu     sync.Mutex
	done   map[string]fetched
}

type fetched struct {
	m   Module
	err error
}

// New returns a Fetcher.
func New(o Options) *Fetcher {
	if o.Git == "" {
		o.Git = "git"
	}
	if o.MaxDownload <= 0 {
		o.MaxDownload = 64 << 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Fetcher{
		o:      o,
		client: &http.Client{Transport: transport.New(o.Transport, o.Timeouts, "registry", nil)},
		done:   map[string]fetched{},
	}
}

// Fetch brings the module of a module block's source and version
// (a constraint, registry sources only) into the cache and returns where
// it is.
func (f *Fetcher) Fetch(ctx context.Context, source, constraint string) (Module, error) {
	k := source + "\x00" + constraint
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.done[k]; ok {
		return r.m, r.err
	}
	m, err := f.fetch(ctx, source, constraint)
	if ctx.Err() == nil {
		f.done[k] = fetched{m, err}
	}
	return m, err
}

func (f *Fetcher) fetch(ctx context.Context, source, constraint string) (Module, error) {
	if f.o.CacheDir == "" {
		dir, err := DefaultCacheDir()
		if err != nil {
			return Module{}, err
		}
		f.o.CacheDir = dir
	}
	s, err := Parse(source)
	if err != nil {
		return Module{}, err
	}
	if constraint != "" && s.Kind != KindRegistry {
		return Module{}, errors.New("a version constraint applies only to registry modules")
	}
	var entry string
	var m meta
	var out Module
	switch s.Kind {
	case KindRegistry:
		entry, m, out.Warnings, err = f.registry(ctx, s, constraint)
	case KindGit:
		entry, m, out.Warnings, err = f.gitSource(ctx, s.URL, s.Ref)
	case KindArchive:
		entry, m, err = f.archive(ctx, s.URL, s.Archive)
	}
	if err != nil {
		return Module{}, err
	}
	out.Root = filepath.Join(entry, treeDir)
	out.Version, out.Commit = m.Version, m.Commit
	sub, err := resolveSubdir(out.Root, path.Join(m.Subdir, s.Subdir))
	if err != nil {
		return Module{}, err
	}
	out.Dir = filepath.Join(out.Root, filepath.FromSlash(sub))
	return out, nil
}

// registry resolves a registry source and constraint to a cached entry.
func (f *Fetcher) registry(ctx context.Context, s Source, constraint string) (string, meta, []string, error) {
	var cons version.Constraints
	if constraint != "" {
		var err error
		if cons, err = version.NewConstraint(constraint); err != nil {
			return "", meta{}, nil, fmt.Errorf("version %q: %v", constraint, err)
		}
	}
	dir := filepath.Join(f.o.CacheDir, "registry", key(s.Addr()))
	entry := func(v string) string { return filepath.Join(dir, v) }
	// An exact version in the cache is all there is to know.
	if exact(constraint) != nil {
		if v, ok := pick(cachedVersions(dir), cons, constraint); ok {
			m, _, err := load(ctx, entry(v))
			return entry(v), m, nil, err
		}
	}
	base, err := f.modulesBase(ctx, s.Host)
	var versions []string
	if err == nil {
		versions, err = f.registryVersions(ctx, base, s)
	}
	var unreachable *UnreachableError
	if errors.As(err, &unreachable) {
		if v, ok := pick(cachedVersions(dir), cons, constraint); ok {
			m, _, lerr := load(ctx, entry(v))
			warn := fmt.Sprintf("registry %s could not be reached (%v); using the cached version %s", s.Host, err, v)
			return entry(v), m, []string{warn}, lerr
		}
	}
	if err != nil {
		return "", meta{}, nil, fmt.Errorf("registry %s: %w", s.Host, err)
	}
	v, ok := pick(versions, cons, constraint)
	if !ok {
		return "", meta{}, nil, fmt.Errorf("registry %s has no version of %s that matches %q (it has %d versions)", s.Host, s.Addr(), constraint, len(versions))
	}
	if m, ok, err := load(ctx, entry(v)); ok || err != nil {
		return entry(v), m, nil, err
	}
	loc, err := f.downloadLocation(ctx, base, s, v)
	if err != nil {
		return "", meta{}, nil, fmt.Errorf("registry %s: %s %s: %w", s.Host, s.Addr(), v, err)
	}
	m, err := store(ctx, entry(v), f.o.Now(), func(tree string) (meta, error) {
		m, err := f.fill(ctx, loc, tree)
		m.Source, m.Version = s.Addr(), v
		return m, err
	})
	if err != nil {
		return "", meta{}, nil, fmt.Errorf("%s %s from %s: %w", s.Addr(), v, Redact(loc), err)
	}
	return entry(v), m, nil, nil
}

// fill downloads the package a registry points at (git or an archive)
// into tree and records where its //subdir is.
func (f *Fetcher) fill(ctx context.Context, loc, tree string) (meta, error) {
	s, err := Parse(loc)
	if err != nil {
		return meta{}, err
	}
	var m meta
	switch s.Kind {
	case KindGit:
		commit := s.Ref
		if !fullSHA.MatchString(commit) {
			if commit, err = f.lsRemote(ctx, s.URL, s.Ref); err != nil {
				return meta{}, err
			}
		}
		m.Ref, m.Commit = s.Ref, commit
		err = f.checkout(ctx, s.URL, s.Ref, commit, tree)
	case KindArchive:
		err = f.unpack(ctx, s.URL, s.Archive, tree)
	default:
		return meta{}, fmt.Errorf("%w: a registry that points at another registry", ErrUnsupported)
	}
	if err != nil {
		return meta{}, err
	}
	if m.Subdir, err = resolveSubdir(tree, s.Subdir); err != nil {
		return meta{}, err
	}
	return m, nil
}

// gitRef is the cache's record of the commit a ref last resolved to.
type gitRef struct {
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
}

// gitSource resolves a git repository and ref to a cached entry of the
// commit.
func (f *Fetcher) gitSource(ctx context.Context, repo, ref string) (string, meta, []string, error) {
	if strings.HasPrefix(repo, "-") {
		return "", meta{}, nil, errors.New("not a git URL")
	}
	if u, err := url.Parse(repo); err == nil && u.Scheme == "http" && !transport.IsLoopback(u.Host) {
		// Anyone on the path could hand the scan a harmless module.
		return "", meta{}, nil, errors.New("plain HTTP is refused for git modules (only loopback hosts may use it): use https://")
	}
	dir := filepath.Join(f.o.CacheDir, "git", key(repo))
	record := filepath.Join(dir, "refs", key(ref)+".json")
	var warnings []string
	commit := ref
	if !fullSHA.MatchString(ref) {
		var err error
		commit, err = f.lsRemote(ctx, repo, ref)
		var unreachable *UnreachableError
		if errors.As(err, &unreachable) {
			var rec gitRef
			if b, rerr := os.ReadFile(record); rerr == nil && jsonInto(b, &rec) && rec.Ref == ref && fullSHA.MatchString(rec.Commit) {
				commit, err = rec.Commit, nil
				warnings = append(warnings, fmt.Sprintf("%s could not be reached (%v); using the cached commit %s of %s", Redact(repo), unreachable.Err, commit, refName(ref)))
			}
		}
		if err != nil {
			return "", meta{}, nil, err
		}
	}
	entry := filepath.Join(dir, commit)
	m, ok, err := load(ctx, entry)
	if err == nil && !ok {
		m, err = store(ctx, entry, f.o.Now(), func(tree string) (meta, error) {
			return meta{Source: Redact(repo), Ref: ref, Commit: commit}, f.checkout(ctx, repo, ref, commit, tree)
		})
	}
	if err != nil {
		return "", meta{}, nil, err
	}
	if m.Commit != commit {
		return "", meta{}, nil, fmt.Errorf("%w: %s records commit %s, not %s", ErrTampered, entry, m.Commit, commit)
	}
	if commit != ref {
		if err := writeRecord(record, gitRef{Ref: ref, Commit: commit}); err != nil {
			return "", meta{}, nil, fmt.Errorf("cache: %w", err)
		}
	}
	return entry, m, warnings, nil
}

// archive resolves an https archive to a cached entry; an archive URL is
// taken to name fixed contents, as `terraform init` takes it.
func (f *Fetcher) archive(ctx context.Context, u, typ string) (string, meta, error) {
	entry := filepath.Join(f.o.CacheDir, "archive", key(u))
	m, ok, err := load(ctx, entry)
	if err == nil && !ok {
		m, err = store(ctx, entry, f.o.Now(), func(tree string) (meta, error) {
			return meta{Source: Redact(u)}, f.unpack(ctx, u, typ, tree)
		})
	}
	return entry, m, err
}

// unpack downloads the archive at u into a temporary file and extracts it
// into tree.
func (f *Fetcher) unpack(ctx context.Context, u, typ, tree string) error {
	resp, err := f.get(ctx, u, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.ContentLength > f.o.MaxDownload {
		return fmt.Errorf("the archive is %s, over the %s limit", fsread.FormatSize(resp.ContentLength), fsread.FormatSize(f.o.MaxDownload))
	}
	tmp, err := os.CreateTemp(filepath.Dir(tree), ".archive-")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, f.o.MaxDownload+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return classify(fmt.Errorf("download cut short after %s: %w", fsread.FormatSize(n), err))
	}
	if n > f.o.MaxDownload {
		return fmt.Errorf("the archive is over the %s limit", fsread.FormatSize(f.o.MaxDownload))
	}
	return Extract(ctx, tmp.Name(), typ, tree, f.o.Limits)
}

// resolveSubdir finds a package's //subdir inside root: a relative path
// without .. whose segments may be go-getter glob patterns, each matching
// exactly one directory entry. It returns the slash path found.
func resolveSubdir(root, sub string) (string, error) {
	if sub == "" || sub == "." {
		return ".", nil
	}
	if path.IsAbs(sub) || strings.Contains(sub, "\\") {
		return "", fmt.Errorf("subdirectory %q is not a relative path", sub)
	}
	cur := "."
	for _, seg := range strings.Split(path.Clean(sub), "/") {
		if seg == ".." {
			return "", fmt.Errorf("subdirectory %q leaves the package", sub)
		}
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(cur)))
		if err != nil {
			return "", fmt.Errorf("subdirectory %q: %w", sub, err)
		}
		var match []string
		for _, e := range entries {
			if ok, err := path.Match(seg, e.Name()); err != nil {
				return "", fmt.Errorf("subdirectory %q: %w", sub, err)
			} else if ok {
				match = append(match, e.Name())
			}
		}
		if len(match) != 1 {
			return "", fmt.Errorf("subdirectory %q: %d entries match %q in the package", sub, len(match), seg)
		}
		cur = path.Join(cur, match[0])
	}
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(cur)))
	if err != nil || !st.IsDir() {
		return "", fmt.Errorf("subdirectory %q is not a directory of the package", sub)
	}
	return cur, nil
}
