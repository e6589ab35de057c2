// Package policysource turns the policy references of a run into local
// paths the engine reads: a local path stays as it is, and a remote OPA
// bundle (https://…/bundle.tar.gz, oci://registry/repo:tag) is downloaded
// into a cache and named by its reference. When the source cannot be
// reached, the last cached copy is used with a warning; with no copy, the
// run cannot decide. The cache is never trusted more than the download:
// every use re-hashes the copy, and signature verification (in the engine)
// runs on it every time.
package policysource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/redact"
	"github.com/tollgate-dev/tollgate/transport"
)

// DefaultMaxSize bounds a downloaded bundle. Policy bundles are text and
// data, kilobytes to a few megabytes; anything near this is a mistake or
// an attack.
const DefaultMaxSize = 64 << 20

// Options say where remote bundles are cached and how they are fetched.
type Options struct {
	// CacheDir holds the cached bundles; "" is DefaultCacheDir.
	CacheDir string
	// MaxSize bounds each download in bytes; 0 is DefaultMaxSize.
	MaxSize int64
	// Timeouts bound each request; zero fields take transport's defaults.
	Timeouts transport.Timeouts
	// Transport replaces the default HTTP transport (tests, proxies); the
	// timeouts still apply on top.
	Transport http.RoundTripper
	// Keychain authenticates to registries; nil is authn.DefaultKeychain
	// (docker config and credential helpers).
	Keychain authn.Keychain
	// Now dates cache entries and ages (default time.Now).
	Now func() time.Time
}

// Policy is one policy reference, made local.
type Policy struct {
	// Path is what the engine reads: the reference itself for a local
	// path, the cached bundle file for a remote one.
	Path string
	// Name is what users see in listings and messages: the reference,
	// with any credentials in it redacted.
	Name string
}

// Result is the local form of a run's policy references.
type Result struct {
	Policies []Policy
	// Diagnostics are warnings about copies served from the cache because
	// their source could not be reached.
	Diagnostics document.Diagnostics
}

// DefaultCacheDir is the user cache directory's tollgate/policies.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for remote policies (%w): give --cache-dir", err)
	}
	return filepath.Join(dir, "tollgate", "policies"), nil
}

var schemeRe = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// IsRemote reports whether ref names a remote bundle rather than a path.
func IsRemote(ref string) bool { return schemeRe.MatchString(ref) }

// Resolve makes every reference local, in order. An error means the run
// cannot decide (exit 2): a source that refused the request, a download
// over the limit, or a source that cannot be reached and has no cached copy.
func Resolve(ctx context.Context, refs []string, o Options) (Result, error) {
	var res Result
	var f *fetcher
	for _, ref := range refs {
		if !IsRemote(ref) {
			res.Policies = append(res.Policies, Policy{Path: ref, Name: ref})
			continue
		}
		if f == nil {
			var err error
			if f, err = newFetcher(o); err != nil {
				return Result{}, err
			}
		}
		p, diag, err := f.fetch(ctx, ref)
		if err != nil {
			return Result{}, err
		}
		res.Policies = append(res.Policies, p)
		if diag != nil {
			res.Diagnostics = append(res.Diagnostics, *diag)
		}
	}
	return res, nil
}

// fetcher fetches the remote references of one run.
type fetcher struct {
	o     Options
	cache cache
}

func newFetcher(o Options) (*fetcher, error) {
	if o.CacheDir == "" {
		dir, err := DefaultCacheDir()
		if err != nil {
			return nil, err
		}
		o.CacheDir = dir
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Keychain == nil {
		o.Keychain = authn.DefaultKeychain
	}
	return &fetcher{o: o, cache: cache{dir: o.CacheDir, now: o.Now}}, nil
}

func (f *fetcher) fetch(ctx context.Context, ref string) (Policy, *document.Diagnostic, error) {
	name := Redact(ref)
	scheme := strings.ToLower(schemeRe.FindStringSubmatch(ref)[1])
	if scheme != "https" && scheme != "http" && scheme != "oci" {
		return Policy{}, nil, fmt.Errorf("policy %s: unsupported scheme %q (remote bundles are https:// or oci://)", name, scheme)
	}
	// The cached copy is read (and its bundle hashed) once: to revalidate
	// it, and to fall back on it when the source cannot be reached.
	c := lookup{key: cacheKey(ref)}
	c.entry, c.ok, c.why = f.cache.load(c.key)
	var (
		e   entry
		err error
	)
	if scheme == "oci" {
		e, err = f.fetchOCI(ctx, strings.TrimPrefix(ref[len(scheme):], "://"), name, c)
	} else {
		e, err = f.fetchHTTP(ctx, ref, name, c)
	}
	var down *unreachableError
	if errors.As(err, &down) {
		if ctx.Err() != nil {
			// The run itself was cancelled or timed out: that is no
			// outage to bridge with an old copy.
			return Policy{}, nil, fmt.Errorf("policy %s: %w", name, context.Cause(ctx))
		}
		if !c.ok {
			return Policy{}, nil, fmt.Errorf("policy %s: %v, and %s", name, down.err, c.why)
		}
		checked := c.entry.meta.Checked
		// No location: report formats take a location for a file in
		// the scanned tree, and a URL is none; the message names it.
		d := &document.Diagnostic{
			Level: document.LevelWarning,
			Message: fmt.Sprintf("policy %s: source unreachable (%v); using the cached copy last confirmed %s ago (%s)",
				name, down.err, age(f.o.Now().Sub(checked)), checked.UTC().Format(time.RFC3339)),
		}
		return Policy{Path: c.entry.path, Name: name}, d, nil
	}
	if err != nil {
		return Policy{}, nil, fmt.Errorf("policy %s: %w", name, err)
	}
	return Policy{Path: e.path, Name: name}, nil, nil
}

// lookup is a reference's cache entry as the run found it: its key, and
// the entry when its bundle is whole, else why there is none.
type lookup struct {
	key   string
	entry entry
	ok    bool
	why   string
}

// unreachableError is a failure that says nothing about the bundle, only
// that its source could not be asked: no connection, a timeout, a server
// error. Only these fall back to the cached copy.
type unreachableError struct{ err error }

func (e *unreachableError) Error() string { return e.err.Error() }
func (e *unreachableError) Unwrap() error { return e.err }

// age rounds d for people: seconds under a minute, then minutes.
func age(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Minute).String()
}

// digestRe is the digest of a reference by digest, by the algorithms OCI
// registers; a host:port is none.
var digestRe = regexp.MustCompile(`^(sha256|sha384|sha512|blake3):[0-9a-fA-F]+$`)

// Redact returns ref fit for messages, listings and the cache's metadata:
// user information and every query value are replaced, since either may
// be a credential (basic auth, a token, a presigned URL's signature), and
// the fragment, which is never sent, is dropped.
func Redact(ref string) string {
	if rest, ok := strings.CutPrefix(ref, "oci://"); ok {
		// A registry reference has no place for credentials (they come
		// from the keychain), but a mistyped user:pass@ would be shown.
		host, path, slash := strings.Cut(rest, "/")
		if _, h, ok := strings.Cut(host, "@"); ok && slash {
			return "oci://" + redact.Placeholder + "@" + h + "/" + path
		}
		// Without a slash, what follows "@" is a digest (policy@sha256:…)
		// or, after a user:pass@, a registry host.
		if _, h, ok := strings.Cut(rest, "@"); ok && !digestRe.MatchString(h) {
			return "oci://" + redact.Placeholder + "@" + h
		}
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		m := schemeRe.FindString(ref)
		return m + redact.Placeholder
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(redact.Placeholder + "@")
	}
	b.WriteString(u.Host)
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		b.WriteString("?")
		for i, kv := range strings.Split(u.RawQuery, "&") {
			if i > 0 {
				b.WriteString("&")
			}
			if k, _, ok := strings.Cut(kv, "="); ok {
				b.WriteString(k + "=" + redact.Placeholder)
			} else {
				b.WriteString(redact.Placeholder) // a bare token
			}
		}
	}
	return b.String()
}
