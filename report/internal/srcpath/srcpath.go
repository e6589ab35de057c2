// Package srcpath turns the file paths findings carry into the paths and
// URIs code-review tools expect: relative to the repository root, slash
// separated. Several writers (SARIF, GitHub annotations, GitLab Code
// Quality) anchor results on the repository, so they share this one rule.
package srcpath

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Root is a repository root given either as a directory path or as a
// file:// URI. The zero Root means "unknown": paths are left as given.
type Root struct {
	dir string // cleaned, slash-separated, absolute; "" when unknown
}

// NewRoot parses s, an absolute directory path or a file:// URI. An empty
// or unparsable s gives the zero Root.
func NewRoot(s string) Root {
	if s == "" {
		return Root{}
	}
	if strings.HasPrefix(s, "file://") {
		u, err := url.Parse(s)
		if err != nil || u.Path == "" {
			return Root{}
		}
		return Root{dir: path.Clean(u.Path)}
	}
	s = toSlash(s)
	if !isAbs(s) {
		return Root{}
	}
	return Root{dir: path.Clean(s)}
}

// IsZero reports whether the root is unknown.
func (r Root) IsZero() bool { return r.dir == "" }

// URI is the root as a file:// URI ending in "/", as SARIF's
// originalUriBaseIds requires; "" for the zero Root.
func (r Root) URI() string {
	if r.dir == "" {
		return ""
	}
	p := r.dir
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, "/") { // Windows drive paths: file:///C:/...
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Rel returns file relative to the root, slash separated, and whether it is
// relative. Relative inputs are taken as already relative to the root (the
// CLI scans from the repository root); absolute inputs outside the root, or
// any absolute input when the root is unknown, come back cleaned with
// rel false.
func (r Root) Rel(file string) (string, bool) {
	f := toSlash(file)
	if !isAbs(f) {
		return path.Clean(f), true
	}
	f = path.Clean(f)
	if r.dir == "" {
		return f, false
	}
	if f == r.dir {
		return ".", true
	}
	prefix := r.dir
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if rest, ok := strings.CutPrefix(f, prefix); ok {
		return rest, true
	}
	return f, false
}

// URIRef returns file as a SARIF artifact URI: a relative reference
// (percent-encoded, to be resolved against %SRCROOT%) with rel true, or an
// absolute file:// URI with rel false.
func (r Root) URIRef(file string) (uri string, rel bool) {
	p, rel := r.Rel(file)
	if rel {
		u := &url.URL{Path: p}
		return u.String(), true
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String(), false
}

// toSlash also converts Windows drive paths when running elsewhere, since
// reports may describe files from either kind of system.
func toSlash(p string) string {
	p = filepath.ToSlash(p)
	if len(p) >= 3 && p[1] == ':' && p[2] == '\\' {
		p = strings.ReplaceAll(p, "\\", "/")
	}
	return p
}

// isAbs accepts both slash-rooted and Windows drive paths on every OS.
func isAbs(p string) bool {
	if strings.HasPrefix(p, "/") {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' &&
		(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}
