package modsource

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	version "github.com/hashicorp/go-version"

	"github.com/tollgate-dev/tollgate/transport"
)

// UnreachableError says a registry or server could not be asked (no
// connection, a timeout, a 5xx answer): a cached copy may stand in.
type UnreachableError struct{ Err error }

func (e *UnreachableError) Error() string { return e.Err.Error() }
func (e *UnreachableError) Unwrap() error { return e.Err }

// maxJSON bounds the registry's JSON answers.
const maxJSON = 8 << 20

// get fetches u and returns the response with a 2xx status; other
// statuses are errors, unreachable for 5xx, 408 and 429. A request to the
// registry host (over https) carries its token, when there is one; any
// other host never sees it.
func (f *Fetcher) get(ctx context.Context, u, registry string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, errors.New("not a valid URL")
	}
	if registry != "" && f.o.Token != nil && req.URL.Scheme == "https" && strings.EqualFold(req.URL.Host, registry) {
		if tok := f.o.Token(req.URL.Hostname()); tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, classify(err)
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	resp.Body.Close()
	err = fmt.Errorf("%s answered %s", Redact(u), resp.Status)
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests {
		return nil, &UnreachableError{err}
	}
	return nil, err
}

// classify marks the failures that only say the peer could not be asked.
// Certificate errors stay errors: they may be someone in the middle.
func classify(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		// url.Error quotes the URL, query and all.
		err = ue.Err
	}
	var te *transport.TimeoutError
	var oe *net.OpError
	var de *net.DNSError
	if errors.As(err, &te) || errors.As(err, &oe) || errors.As(err, &de) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &UnreachableError{err}
	}
	return err
}

func (f *Fetcher) getJSON(ctx context.Context, u, registry string, v any) error {
	resp, err := f.get(ctx, u, registry)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxJSON+1))
	if err != nil {
		return classify(err)
	}
	if len(b) > maxJSON {
		return fmt.Errorf("%s: answer over %d bytes", Redact(u), maxJSON)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: not the JSON the registry protocol answers: %v", Redact(u), err)
	}
	return nil
}

// modulesBase asks host's service discovery (/.well-known/terraform.json)
// where its module registry API is.
func (f *Fetcher) modulesBase(ctx context.Context, host string) (*url.URL, error) {
	disc := &url.URL{Scheme: "https", Host: host, Path: "/.well-known/terraform.json"}
	var services map[string]any
	if err := f.getJSON(ctx, disc.String(), host, &services); err != nil {
		return nil, fmt.Errorf("service discovery: %w", err)
	}
	s, ok := services["modules.v1"].(string)
	if !ok {
		return nil, fmt.Errorf("service discovery: %s offers no module registry (modules.v1)", host)
	}
	ref, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("service discovery: modules.v1 %q is not a URL", s)
	}
	base := disc.ResolveReference(ref)
	if base.Scheme != "https" && !(base.Scheme == "http" && transport.IsLoopback(base.Host)) {
		return nil, fmt.Errorf("service discovery: modules.v1 %s is not https", Redact(base.String()))
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base, nil
}

// registryVersions lists the versions the registry has of s.
func (f *Fetcher) registryVersions(ctx context.Context, base *url.URL, s Source) ([]string, error) {
	u := base.JoinPath(s.Namespace, s.Name, s.Provider, "versions")
	var body struct {
		Modules []struct {
			Versions []struct {
				Version string `json:"version"`
			} `json:"versions"`
		} `json:"modules"`
	}
	if err := f.getJSON(ctx, u.String(), s.Host, &body); err != nil {
		return nil, err
	}
	var out []string
	for _, m := range body.Modules {
		for _, v := range m.Versions {
			out = append(out, v.Version)
		}
	}
	return out, nil
}

// downloadLocation asks where version v of s is: the X-Terraform-Get
// header (or the location of a JSON answer), a go-getter source resolved
// against the download URL when it is relative.
func (f *Fetcher) downloadLocation(ctx context.Context, base *url.URL, s Source, v string) (string, error) {
	u := base.JoinPath(s.Namespace, s.Name, s.Provider, v, "download")
	resp, err := f.get(ctx, u.String(), s.Host)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	loc := resp.Header.Get("X-Terraform-Get")
	if loc == "" {
		var body struct {
			Location string `json:"location"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxJSON))
		if json.Unmarshal(b, &body) == nil {
			loc = body.Location
		}
	}
	if loc == "" {
		return "", fmt.Errorf("%s: the registry named no download location (X-Terraform-Get)", Redact(u.String()))
	}
	// Registries behind a proxy may not know their own address, so a
	// location that looks like a relative URL is one.
	if strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "./") || strings.HasPrefix(loc, "../") {
		ref, err := url.Parse(loc)
		if err != nil {
			return "", fmt.Errorf("download location %s is not a URL", Redact(loc))
		}
		loc = u.ResolveReference(ref).String()
	}
	return loc, nil
}

// versionName is a version safe to name a directory with.
var versionName = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+-]*$`)

// pick returns the newest of versions that meets the constraints: as
// Terraform chooses, a pre-release only when the constraint names it
// exactly. The result is as the registry spelled it.
func pick(versions []string, cons version.Constraints, raw string) (string, bool) {
	var best *version.Version
	bestRaw := ""
	for _, s := range versions {
		v, err := version.NewVersion(s)
		if err != nil || !versionName.MatchString(s) {
			continue
		}
		if v.Prerelease() != "" && !exactlyNamed(raw, v) {
			continue
		}
		if cons != nil && !cons.Check(v) {
			continue
		}
		if best == nil || v.GreaterThan(best) {
			best, bestRaw = v, s
		}
	}
	return bestRaw, best != nil
}

// exactlyNamed reports whether a constraint string is "= v" or "v".
func exactlyNamed(raw string, v *version.Version) bool {
	want := exact(raw)
	return want != nil && want.Equal(v) && want.Prerelease() == v.Prerelease()
}

// exact returns the version a constraint pins ("1.2.3", "= 1.2.3"), else nil.
func exact(raw string) *version.Version {
	s := strings.TrimSpace(raw)
	if strings.Contains(s, ",") {
		return nil
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	if s == "" || strings.ContainsAny(s, "<>~!= ") {
		return nil
	}
	v, err := version.NewVersion(s)
	if err != nil {
		return nil
	}
	return v
}

// cachedVersions lists the versions of a registry module in the cache,
// sorted by name so that pick, which chooses the newest, is deterministic
// among versions that compare equal (1.0.0 and 1.0.0+build).
func cachedVersions(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), metaFile)); err == nil && versionName.MatchString(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// EnvToken looks up registry tokens as Terraform does, in environment
// variables TF_TOKEN_<host>: dots become _, hyphens __
// (TF_TOKEN_app_terraform_io). getenv is os.Getenv in the CLI.
func EnvToken(getenv func(string) string) func(host string) string {
	return func(host string) string {
		name := strings.NewReplacer("-", "__", ".", "_").Replace(strings.ToLower(host))
		return getenv("TF_TOKEN_" + name)
	}
}
