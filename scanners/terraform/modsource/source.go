package modsource

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// Kind is where a module source is fetched from.
type Kind int

// The kinds of source this package fetches.
const (
	KindRegistry Kind = iota + 1
	KindGit
	KindArchive
)

// DefaultRegistry is the registry host of a registry source that names none.
const DefaultRegistry = "registry.terraform.io"

// Source is a parsed remote module source, as Terraform reads the source
// argument of a module block.
type Source struct {
	Kind Kind
	// Host, Namespace, Name and Provider address a registry module
	// (Host lower-case, DefaultRegistry when the source names none).
	Host, Namespace, Name, Provider string
	// URL is a git repository or an archive's address, without the
	// subdirectory and without the ref, depth and archive parameters.
	URL string
	// Ref is the git ref (?ref=); empty for the remote's HEAD.
	Ref string
	// Archive is the archive type: tar.gz, tar.bz2, tar or zip.
	Archive string
	// Subdir is the directory inside the package (after //), slash
	// separated; its segments may hold go-getter's glob patterns ("*").
	Subdir string
}

// Addr is a registry source's address without its subdirectory.
func (s Source) Addr() string {
	return s.Host + "/" + s.Namespace + "/" + s.Name + "/" + s.Provider
}

// ErrUnsupported is a source this package recognises as remote but cannot
// fetch (s3::, gcs::, hg::, bitbucket.org, a plain https page).
var ErrUnsupported = errors.New("not a source tollgate can download")

var (
	registryPart    = regexp.MustCompile(`^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$`)
	registryProv    = regexp.MustCompile(`^[0-9a-z]{1,64}$`)
	registryHost    = regexp.MustCompile(`^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$`)
	forcedGetter    = regexp.MustCompile(`^([A-Za-z0-9]+)::(.+)$`)
	scpLike         = regexp.MustCompile(`^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(.+)$`)
	archiveSuffixes = []struct{ suffix, typ string }{
		{".tar.gz", "tar.gz"}, {".tgz", "tar.gz"}, {".tar.bz2", "tar.bz2"}, {".tbz2", "tar.bz2"},
		{".tar", "tar"}, {".zip", "zip"},
	}
)

// Parse reads a module source that is not a local path. Registry sources
// ([host/]namespace/name/provider[//subdir]) are tried first, as Terraform
// does; then go-getter's forms: git::URL, github.com/org/repo,
// git@host:path and https:// archives.
func Parse(src string) (Source, error) {
	if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".." || path.IsAbs(src) {
		return Source{}, errors.New("a local path is not a remote source")
	}
	if s, ok := parseRegistry(src); ok {
		return s, nil
	}
	return parseRemote(src)
}

// IsRegistry reports whether src is a registry address, the only kind of
// source a version argument applies to.
func IsRegistry(src string) bool {
	_, ok := parseRegistry(src)
	return ok
}

func parseRegistry(src string) (Source, bool) {
	if strings.Contains(src, "::") || strings.Contains(src, "?") || strings.Contains(src, "://") {
		return Source{}, false
	}
	pkg, sub := splitSubdir(src)
	parts := strings.Split(pkg, "/")
	s := Source{Kind: KindRegistry, Host: DefaultRegistry, Subdir: sub}
	switch len(parts) {
	case 3:
	case 4:
		host := strings.ToLower(parts[0])
		// github.com/org/repo/x is go-getter's GitHub shorthand with a
		// subdirectory, never a registry (Terraform refuses both hosts).
		if !registryHost.MatchString(host) || host == "github.com" || host == "bitbucket.org" ||
			(!strings.Contains(host, ".") && !strings.HasPrefix(host, "localhost")) {
			return Source{}, false
		}
		s.Host, parts = host, parts[1:]
	default:
		return Source{}, false
	}
	if !registryPart.MatchString(parts[0]) || !registryPart.MatchString(parts[1]) || !registryProv.MatchString(parts[2]) {
		return Source{}, false
	}
	s.Namespace, s.Name, s.Provider = parts[0], parts[1], parts[2]
	return s, true
}

// parseRemote reads go-getter's source forms.
func parseRemote(src string) (Source, error) {
	if m := forcedGetter.FindStringSubmatch(src); m != nil {
		if m[1] != "git" {
			return Source{}, fmt.Errorf("%w: the %s:: getter", ErrUnsupported, m[1])
		}
		return parseGit(m[2])
	}
	switch {
	case strings.HasPrefix(src, "github.com/"):
		// github.com/org/repo[/sub] is https://github.com/org/repo.git.
		src, sub := splitSubdir(src)
		pkg, query, _ := strings.Cut(src, "?")
		parts := strings.Split(pkg, "/")
		if len(parts) < 3 || parts[1] == "" || parts[2] == "" {
			return Source{}, errors.New("github.com sources are github.com/ORG/REPO")
		}
		repo := strings.TrimSuffix(parts[2], ".git")
		u := "https://github.com/" + parts[1] + "/" + repo + ".git"
		if sub = path.Join(append(parts[3:], sub)...); sub != "" {
			u += "//" + sub
		}
		if query != "" {
			u += "?" + query
		}
		return parseGit(u)
	case strings.HasPrefix(src, "bitbucket.org/"):
		return Source{}, fmt.Errorf("%w: bitbucket.org shorthand (use git::https://bitbucket.org/…)", ErrUnsupported)
	case scpLike.MatchString(src) && !strings.Contains(src, "://"):
		return parseGit(src)
	case strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://"):
		return parseArchive(src)
	}
	return Source{}, ErrUnsupported
}

// parseGit reads a git source: a URL (https, ssh, file) or scp-like
// user@host:path, with //subdir and ?ref= and ?depth=.
func parseGit(src string) (Source, error) {
	pkg, sub := splitSubdir(src)
	raw, query, _ := strings.Cut(pkg, "?")
	if m := scpLike.FindStringSubmatch(raw); m != nil && !strings.Contains(raw, "://") {
		// git@github.com:org/repo.git is ssh://git@github.com/org/repo.git.
		raw = "ssh://" + m[1] + "@" + m[2] + "/" + strings.TrimPrefix(m[3], "/")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" && u.Scheme != "file" {
		return Source{}, errors.New("not a git URL")
	}
	switch u.Scheme {
	case "https", "http", "ssh", "file":
	default:
		return Source{}, fmt.Errorf("%w: git over %q", ErrUnsupported, u.Scheme)
	}
	s := Source{Kind: KindGit, URL: raw, Subdir: sub}
	q, err := url.ParseQuery(query)
	if err != nil {
		return Source{}, errors.New("the query of a git source does not parse")
	}
	for k, v := range q {
		switch k {
		case "ref":
			s.Ref = v[len(v)-1]
		case "depth":
			// Every fetch is shallow; a depth asks nothing more of it.
		default:
			// sshkey would carry a private key in the source; others
			// are not git parameters.
			return Source{}, fmt.Errorf("%w: git parameter %q", ErrUnsupported, k)
		}
	}
	if strings.HasPrefix(s.Ref, "-") {
		return Source{}, errors.New("a git ref may not start with -")
	}
	return s, nil
}

// parseArchive reads an https:// archive source: its type from ?archive=
// or the path's extension.
func parseArchive(src string) (Source, error) {
	pkg, sub := splitSubdir(src)
	u, err := url.Parse(pkg)
	if err != nil || u.Host == "" {
		return Source{}, errors.New("not a valid URL")
	}
	s := Source{Kind: KindArchive, Subdir: sub}
	q := u.Query()
	if a := q.Get("archive"); a != "" {
		s.Archive = archiveType(a)
		if s.Archive == "" {
			return Source{}, fmt.Errorf("%w: archive type %q", ErrUnsupported, a)
		}
		q.Del("archive")
		u.RawQuery = q.Encode()
	} else {
		for _, a := range archiveSuffixes {
			if strings.HasSuffix(strings.ToLower(u.Path), a.suffix) {
				s.Archive = a.typ
				break
			}
		}
	}
	if s.Archive == "" {
		return Source{}, fmt.Errorf("%w: an https URL that is not an archive (.tar.gz, .tgz, .tar.bz2, .tar, .zip or ?archive=)", ErrUnsupported)
	}
	s.URL = u.String()
	return s, nil
}

func archiveType(a string) string {
	for _, x := range archiveSuffixes {
		if "."+a == x.suffix {
			return x.typ
		}
	}
	return ""
}

// splitSubdir splits go-getter's "//subdir" off a source: the first "//"
// after the scheme's "://" and before the query. A query after the
// subdirectory belongs to the source.
func splitSubdir(src string) (string, string) {
	stop := len(src)
	if i := strings.Index(src, "?"); i >= 0 {
		stop = i
	}
	offset := 0
	if i := strings.Index(src[:stop], "://"); i >= 0 {
		offset = i + 3
	}
	i := strings.Index(src[offset:stop], "//")
	if i < 0 {
		return src, ""
	}
	i += offset
	sub := src[i+2:]
	src = src[:i]
	if q := strings.Index(sub, "?"); q >= 0 {
		src += sub[q:]
		sub = sub[:q]
	}
	return src, sub
}

// Redact removes what may be a credential from a source or URL for a
// message: the user information's password and the query's values.
func Redact(s string) string {
	pkg, query, hasQuery := strings.Cut(s, "?")
	// The authority follows "scheme://" or, in a scheme-relative
	// reference ("//user:pass@host/..."), the leading "//".
	start := -1
	if i := strings.Index(pkg, "://"); i >= 0 {
		start = i + 3
	} else if strings.HasPrefix(pkg, "//") {
		start = 2
	}
	if start >= 0 {
		rest := pkg[start:]
		if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
			user, _, hasPass := strings.Cut(rest[:at], ":")
			if hasPass || !strings.HasPrefix(pkg, "ssh://") && !strings.HasPrefix(pkg, "git::ssh://") {
				user = "REDACTED"
			}
			pkg = pkg[:start] + user + rest[at:]
		}
	}
	if !hasQuery {
		return pkg
	}
	var kept []string
	for _, kv := range strings.Split(query, "&") {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "ref", "archive", "depth":
			kept = append(kept, kv)
		default:
			kept = append(kept, k+"=REDACTED")
		}
	}
	return pkg + "?" + strings.Join(kept, "&")
}
