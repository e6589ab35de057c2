package policysource

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
	"github.com/tollgate-dev/tollgate/redact"
	"github.com/tollgate-dev/tollgate/transport"
)

// bundleServer serves one bundle over HTTP on 127.0.0.1, answering
// conditional requests as a static file server does, and counts what it
// was asked.
type bundleServer struct {
	mu           sync.Mutex
	body         []byte
	etag         string
	lastModified string
	status       int  // when set, the answer to every request
	hang         bool // never answer
	requests     int
	downloads    int // 200 answers
	header       http.Header
	srv          *httptest.Server
	url          string
}

func serveBundle(t *testing.T, body []byte, etag string) *bundleServer {
	t.Helper()
	s := &bundleServer{body: body, etag: etag}
	done := make(chan struct{})
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve(done)))
	t.Cleanup(func() { close(done); s.srv.Close() })
	s.url = s.srv.URL + "/org/bundle.tar.gz"
	return s
}

func (s *bundleServer) serve(done chan struct{}) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests++
		s.header = r.Header.Clone()
		hang, status := s.hang, s.status
		s.mu.Unlock()
		if hang {
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case status != 0:
			w.WriteHeader(status)
			return
		case s.etag != "" && r.Header.Get("If-None-Match") == s.etag,
			s.lastModified != "" && r.Header.Get("If-Modified-Since") == s.lastModified:
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if s.etag != "" {
			w.Header().Set("ETag", s.etag)
		}
		if s.lastModified != "" {
			w.Header().Set("Last-Modified", s.lastModified)
		}
		s.downloads++
		w.Header().Set("Content-Length", fmt.Sprint(len(s.body)))
		w.Write(s.body)
	}
}

func (s *bundleServer) set(f func(s *bundleServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *bundleServer) counts() (requests, downloads int, h http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, s.downloads, s.header
}

// clock is a settable Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func testBundle(t *testing.T, id string) []byte {
	t.Helper()
	p := bundletest.Build(t, map[string]string{"policies/x.rego": "package org." + id + "\n\nx := 1\n"})
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testOptions(t *testing.T, c *clock) Options {
	return Options{
		CacheDir: filepath.Join(t.TempDir(), "cache"),
		Now:      c.now,
		Timeouts: transport.Timeouts{Connect: time.Second, ResponseHeader: 300 * time.Millisecond, BodyIdle: 300 * time.Millisecond},
	}
}

// resolveOne resolves one reference and checks that the local copy holds
// want.
func resolveOne(t *testing.T, ref string, o Options, want []byte) (Policy, document.Diagnostics) {
	t.Helper()
	res, err := Resolve(context.Background(), []string{ref}, o)
	if err != nil {
		t.Fatalf("resolve %s: %v", ref, err)
	}
	if len(res.Policies) != 1 {
		t.Fatalf("want one policy, got %+v", res.Policies)
	}
	got, err := os.ReadFile(res.Policies[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the local copy of %s is not what was served", ref)
	}
	return res.Policies[0], res.Diagnostics
}

func readMeta(t *testing.T, o Options, ref string) meta {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(o.CacheDir, cacheKey(ref), metaFile))
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// A first run downloads; later runs ask with the ETag and reuse the copy
// on 304; a new ETag brings the new bundle; superseded copies go once
// they are old.
func TestHTTPDownloadRevalidateAndUpdate(t *testing.T) {
	v1, v2 := testBundle(t, "v1"), testBundle(t, "v2")
	s := serveBundle(t, v1, `"v1"`)
	// Real time: pruning compares the clock with file times.
	c := &clock{t: time.Now().UTC()}
	o := testOptions(t, c)

	p, diags := resolveOne(t, s.url, o, v1)
	if p.Name != s.url || len(diags) != 0 {
		t.Fatalf("fresh download: name %s, diagnostics %+v", p.Name, diags)
	}
	if m := readMeta(t, o, s.url); m.ETag != `"v1"` || m.Source != s.url || !m.Fetched.Equal(c.t) || !m.Checked.Equal(c.t) {
		t.Fatalf("meta after download: %+v", m)
	}
	if st, err := os.Stat(filepath.Dir(p.Path)); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("cache entry directory: %v, %v (want 0700)", st.Mode(), err)
	}

	c.t = c.t.Add(time.Hour)
	p2, _ := resolveOne(t, s.url, o, v1)
	req, downloads, h := s.counts()
	if req != 2 || downloads != 1 || h.Get("If-None-Match") != `"v1"` || p2.Path != p.Path {
		t.Fatalf("revalidation: %d requests, %d downloads, If-None-Match %q", req, downloads, h.Get("If-None-Match"))
	}
	if m := readMeta(t, o, s.url); !m.Checked.Equal(c.t) || m.Fetched.Equal(c.t) {
		t.Fatalf("a 304 confirms the copy without downloading it: %+v", m)
	}

	s.set(func(s *bundleServer) { s.body, s.etag = v2, `"v2"` })
	c.t = c.t.Add(2 * time.Hour)
	p3, _ := resolveOne(t, s.url, o, v2)
	if _, downloads, _ := s.counts(); downloads != 2 || p3.Path == p.Path || readMeta(t, o, s.url).ETag != `"v2"` {
		t.Fatalf("new ETag: %d downloads, %s", downloads, p3.Path)
	}
	// The v1 file is older than pruneAfter by the clock: the v2 download
	// removed it.
	if _, err := os.Stat(p.Path); !os.IsNotExist(err) {
		t.Fatalf("superseded copy %s still there: %v", p.Path, err)
	}
}

// Without an ETag, Last-Modified makes the request conditional.
func TestHTTPLastModified(t *testing.T) {
	v1 := testBundle(t, "v1")
	s := serveBundle(t, v1, "")
	s.lastModified = "Wed, 21 Oct 2026 07:28:00 GMT"
	o := testOptions(t, &clock{t: time.Now()})
	resolveOne(t, s.url, o, v1)
	resolveOne(t, s.url, o, v1)
	if req, downloads, h := s.counts(); req != 2 || downloads != 1 || h.Get("If-Modified-Since") != s.lastModified {
		t.Fatalf("%d requests, %d downloads, If-Modified-Since %q", req, downloads, h.Get("If-Modified-Since"))
	}
}

// When the server cannot be reached (refused, 5xx, no answer) the cached
// copy is used with a warning naming the URL and the copy's age.
func TestHTTPUnreachableUsesCachedCopy(t *testing.T) {
	cases := map[string]struct {
		breakIt func(s *bundleServer)
		reason  string
	}{
		"connection refused": {func(s *bundleServer) { s.srv.Close() }, "connection refused"},
		"503":                {func(s *bundleServer) { s.set(func(s *bundleServer) { s.status = 503 }) }, "server answered 503 Service Unavailable"},
		"502":                {func(s *bundleServer) { s.set(func(s *bundleServer) { s.status = 502 }) }, "server answered 502 Bad Gateway"},
		"429":                {func(s *bundleServer) { s.set(func(s *bundleServer) { s.status = 429 }) }, "server answered 429 Too Many Requests"},
		"no answer":          {func(s *bundleServer) { s.set(func(s *bundleServer) { s.hang = true }) }, "no response headers within 300ms"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			v1 := testBundle(t, "v1")
			s := serveBundle(t, v1, `"v1"`)
			c := &clock{t: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
			o := testOptions(t, c)
			first, _ := resolveOne(t, s.url, o, v1)
			tc.breakIt(s)
			c.t = c.t.Add(3*time.Hour + 20*time.Minute)
			p, diags := resolveOne(t, s.url, o, v1)
			if p.Path != first.Path || len(diags) != 1 {
				t.Fatalf("want the cached copy and one warning, got %+v, %+v", p, diags)
			}
			d := diags[0]
			if d.Level != document.LevelWarning || d.Range != (document.Range{}) || !strings.HasPrefix(d.Message, "policy "+s.url+": source unreachable (") || !strings.Contains(d.Message, tc.reason) ||
				!strings.Contains(d.Message, "using the cached copy last confirmed 3h20m0s ago (2026-05-01T10:00:00Z)") {
				t.Fatalf("warning = %+v", d)
			}
		})
	}
}

// With no cached copy, an unreachable server is an error naming the URL.
func TestHTTPUnreachableWithoutCacheIsAnError(t *testing.T) {
	s := serveBundle(t, testBundle(t, "v1"), `"v1"`)
	s.srv.Close()
	o := testOptions(t, &clock{t: time.Now()})
	_, err := Resolve(context.Background(), []string{s.url}, o)
	if err == nil || !strings.HasPrefix(err.Error(), "policy "+s.url+": ") || !strings.Contains(err.Error(), "connection refused") ||
		!strings.Contains(err.Error(), "no cached copy in "+o.CacheDir) {
		t.Fatalf("err = %v", err)
	}
}

// A server that answers "no" is not down: 404, 401 and 403 are errors even
// with a cached copy (a withdrawn bundle must not live on from the cache).
func TestHTTPRefusalIsAnErrorEvenWithCache(t *testing.T) {
	for _, status := range []int{404, 401, 403, 410} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			v1 := testBundle(t, "v1")
			s := serveBundle(t, v1, `"v1"`)
			o := testOptions(t, &clock{t: time.Now()})
			resolveOne(t, s.url, o, v1)
			s.set(func(s *bundleServer) { s.status = status })
			_, err := Resolve(context.Background(), []string{s.url}, o)
			want := fmt.Sprintf("policy %s: server answered %d %s", s.url, status, http.StatusText(status))
			if err == nil || err.Error() != want {
				t.Fatalf("err = %v, want %s", err, want)
			}
		})
	}
}

// Downloads are bounded, whether the server announces the size or not,
// and must be gzip: an HTML page served with 200 replaces nothing.
func TestHTTPDownloadIsBoundedAndMustBeGzip(t *testing.T) {
	big := append([]byte{0x1f, 0x8b}, bytes.Repeat([]byte("x"), 2048)...)
	s := serveBundle(t, big, "")
	o := testOptions(t, &clock{t: time.Now()})
	o.MaxSize = 1024
	_, err := Resolve(context.Background(), []string{s.url}, o)
	if err == nil || err.Error() != "policy "+s.url+": download is 2050 bytes, over the 1 KiB limit (--max-bundle-size)" {
		t.Fatalf("announced size: %v", err)
	}
	chunked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			w.Write(big[:512])
			w.(http.Flusher).Flush() // no Content-Length
		}
	}))
	defer chunked.Close()
	_, err = Resolve(context.Background(), []string{chunked.URL + "/b.tar.gz"}, o)
	if err == nil || !strings.Contains(err.Error(), "download over the 1 KiB limit") {
		t.Fatalf("unannounced size: %v", err)
	}

	v1 := testBundle(t, "v1")
	s = serveBundle(t, v1, "")
	o.MaxSize = 0
	first, _ := resolveOne(t, s.url, o, v1)
	s.set(func(s *bundleServer) { s.body = []byte("<html>sign in to the proxy</html>") })
	_, err = Resolve(context.Background(), []string{s.url}, o)
	if err == nil || !strings.Contains(err.Error(), "not a bundle: the download is not gzip") {
		t.Fatalf("HTML: %v", err)
	}
	if got, _ := os.ReadFile(first.Path); !bytes.Equal(got, v1) {
		t.Fatal("the refused download replaced the cached copy")
	}
	if ents, _ := os.ReadDir(filepath.Dir(first.Path)); len(ents) != 2 {
		t.Fatalf("refused downloads leave temporary files: %v", ents)
	}
}

// A cached copy changed after download is never used: with the server
// down that is an error; with the server up the bundle is downloaded
// again without a conditional request.
func TestHTTPTamperedCacheIsNotUsed(t *testing.T) {
	v1 := testBundle(t, "v1")
	s := serveBundle(t, v1, `"v1"`)
	o := testOptions(t, &clock{t: time.Now()})
	first, _ := resolveOne(t, s.url, o, v1)
	tampered := testBundle(t, "evil")
	if err := os.WriteFile(first.Path, tampered, 0o600); err != nil {
		t.Fatal(err)
	}
	resolveOne(t, s.url, o, v1)
	if _, downloads, h := s.counts(); downloads != 2 || h.Get("If-None-Match") != "" {
		t.Fatalf("a tampered copy must be downloaded again unconditionally: %d downloads, If-None-Match %q", downloads, h.Get("If-None-Match"))
	}

	if err := os.WriteFile(first.Path, tampered, 0o600); err != nil {
		t.Fatal(err)
	}
	s.srv.Close()
	_, err := Resolve(context.Background(), []string{s.url}, o)
	if err == nil || !strings.Contains(err.Error(), "the cached copy "+first.Path+" does not match its recorded sha256") {
		t.Fatalf("err = %v", err)
	}
}

// Certificate errors and refused redirects are no outage: someone may be
// in the middle, so they are errors even with a cached copy.
func TestHTTPTrustErrorsAreNotOutages(t *testing.T) {
	v1 := testBundle(t, "v1")
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "http://10.255.255.1/bundle.tar.gz", http.StatusFound)
			return
		}
		w.Write(v1)
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	o := testOptions(t, &clock{t: time.Now()})
	trusting := o
	trusting.Transport = tlsSrv.Client().Transport
	for _, path := range []string{"/bundle.tar.gz", "/redirect"} {
		ref := tlsSrv.URL + path
		if path == "/bundle.tar.gz" {
			resolveOne(t, ref, trusting, v1)
		}
		opts := o
		if path == "/redirect" {
			opts = trusting
		}
		_, err := Resolve(context.Background(), []string{ref}, opts)
		switch path {
		case "/bundle.tar.gz":
			if err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Errorf("untrusted certificate with a cached copy: %v", err)
			}
		case "/redirect":
			if err == nil || !strings.Contains(err.Error(), "refusing plain HTTP to 10.255.255.1") {
				t.Errorf("redirect to plain HTTP: %v", err)
			}
		}
	}
}

// Plain HTTP is for loopback only, and only https, http and oci are
// schemes; both refused before any request.
func TestHTTPSchemes(t *testing.T) {
	o := testOptions(t, &clock{t: time.Now()})
	for ref, want := range map[string]string{
		"http://policy.example.com/b.tar.gz": "policy http://policy.example.com/b.tar.gz: plain HTTP is refused for remote policies",
		"s3://bucket/b.tar.gz":               `policy s3://bucket/b.tar.gz: unsupported scheme "s3"`,
	} {
		if _, err := Resolve(context.Background(), []string{ref}, o); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v, want %s", ref, err, want)
		}
	}
	if _, err := os.Stat(o.CacheDir); !os.IsNotExist(err) {
		t.Errorf("a refused reference created the cache: %v", err)
	}
	// Local paths pass through untouched, without a cache.
	res, err := Resolve(context.Background(), []string{"policy/", "org.tar.gz"}, Options{CacheDir: o.CacheDir})
	if err != nil || len(res.Policies) != 2 || res.Policies[0] != (Policy{Path: "policy/", Name: "policy/"}) || res.Policies[1].Path != "org.tar.gz" {
		t.Fatalf("local paths: %+v, %v", res, err)
	}
}

// The run's own deadline is no outage: it ends the fetch without falling
// back to the cache.
func TestHTTPRunDeadlineIsNotAnOutage(t *testing.T) {
	v1 := testBundle(t, "v1")
	s := serveBundle(t, v1, `"v1"`)
	o := testOptions(t, &clock{t: time.Now()})
	o.Timeouts.ResponseHeader = time.Minute
	resolveOne(t, s.url, o, v1)
	s.set(func(s *bundleServer) { s.hang = true })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := Resolve(ctx, []string{s.url}, o)
	if err == nil || !strings.Contains(err.Error(), "context deadline exceeded") {
		t.Fatalf("err = %v", err)
	}
}

// Credentials in a URL (user:pass@, a token in the query) are sent but
// never shown: not in names, errors, warnings or the cache's metadata.
func TestHTTPCredentialsAreRedacted(t *testing.T) {
	const pass, token = "hunter2-pass", "t0ken-in-query"
	v1 := testBundle(t, "v1")
	var gotUser, gotPass, gotToken string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUser, gotPass, _ = r.BasicAuth()
		gotToken = r.URL.Query().Get("token")
		if r.URL.Path == "/missing.tar.gz" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"1"`)
		w.Write(v1)
	}))
	host := strings.TrimPrefix(srv.URL, "http://")
	ref := "http://ci:" + pass + "@" + host + "/b.tar.gz?token=" + token + "&" + token
	o := testOptions(t, &clock{t: time.Now()})
	p, _ := resolveOne(t, ref, o, v1)
	if gotUser != "ci" || gotPass != pass || gotToken != token {
		t.Fatalf("credentials not sent: %q %q %q", gotUser, gotPass, gotToken)
	}
	wantName := "http://[REDACTED]@" + host + "/b.tar.gz?token=[REDACTED]&[REDACTED]"
	if p.Name != wantName {
		t.Fatalf("name = %s, want %s", p.Name, wantName)
	}
	var shown []string
	shown = append(shown, p.Name)
	metaBytes, _ := os.ReadFile(filepath.Join(o.CacheDir, cacheKey(ref), metaFile))
	shown = append(shown, string(metaBytes))
	_, err := Resolve(context.Background(), []string{strings.Replace(ref, "/b.tar.gz", "/missing.tar.gz", 1)}, o)
	if err == nil {
		t.Fatal("404 accepted")
	}
	shown = append(shown, err.Error())
	srv.Close()
	res, err := Resolve(context.Background(), []string{ref}, o)
	if err != nil || len(res.Diagnostics) != 1 {
		t.Fatalf("server down: %v, %+v", err, res.Diagnostics)
	}
	shown = append(shown, res.Diagnostics[0].Message)
	_, err = Resolve(context.Background(), []string{strings.Replace(ref, "/b.tar.gz", "/other.tar.gz", 1)}, o)
	if err == nil {
		t.Fatal("server down without a cache accepted")
	}
	shown = append(shown, err.Error())
	for _, s := range shown {
		if strings.Contains(s, pass) || strings.Contains(s, token) {
			t.Errorf("credential shown: %s", s)
		}
	}
	// The same URL with another password shares the entry.
	if cacheKey(ref) != cacheKey(strings.Replace(ref, pass, "rotated", 1)) {
		t.Error("the cache key depends on the password")
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"https://policy.example.com/org/b.tar.gz":             "https://policy.example.com/org/b.tar.gz",
		"https://u:p@policy.example.com/b.tar.gz?X-Sig=abc#x": "https://[REDACTED]@policy.example.com/b.tar.gz?X-Sig=[REDACTED]",
		"https://tokenonly@policy.example.com/b.tar.gz":       "https://[REDACTED]@policy.example.com/b.tar.gz",
		"https://policy.example.com/%zz?secret":               "https://[REDACTED]",
		"oci://registry.example.com/org/policy:v1":            "oci://registry.example.com/org/policy:v1",
		"oci://registry.example.com/org/policy@sha256:0123":   "oci://registry.example.com/org/policy@sha256:0123",
		"oci://user:pw@registry.example.com/org/policy:v1":    "oci://[REDACTED]@registry.example.com/org/policy:v1",
		"oci://policy@sha256:0123":                            "oci://policy@sha256:0123",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%s) = %s, want %s", in, got, want)
		}
	}
}

// Redact never shows the user information or a query value of a URL,
// whatever the URL looks like (unless the same text is also in its host,
// path or a query key, which are shown).
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"https://u:p4ss@h.example/b.tar.gz?token=t0k3n&x",
		"http://t0k3n@127.0.0.1:8080/b.tar.gz",
		"https://h/b?a=1&a=2;b=3#frag",
		"oci://user:secret@registry/repo:tag",
		"https://[::1]:443/%2e%2e/b.tar.gz?%zz=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Redact(s)
		u, err := url.Parse(s)
		if err != nil || strings.HasPrefix(s, "oci://") {
			return
		}
		// The part before the query is rebuilt from the parsed URL with
		// the user information replaced; only that exact text may precede it.
		prefix := u.Scheme + "://" + u.Host + u.EscapedPath()
		if u.User != nil {
			prefix = u.Scheme + "://" + redact.Placeholder + "@" + u.Host + u.EscapedPath()
		}
		if !strings.HasPrefix(out, prefix) {
			t.Fatalf("Redact(%q) = %q, want it to start with %q", s, out, prefix)
		}
		query := out[len(prefix):]
		// A secret may appear in the query part only where it is also a key
		// (keys are shown) or part of the placeholder itself.
		var keys string
		var secrets []string
		if u.User != nil {
			pw, _ := u.User.Password()
			secrets = append(secrets, u.User.Username(), pw)
		}
		for _, kv := range strings.Split(u.RawQuery, "&") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				secrets = append(secrets, k)
				continue
			}
			keys += k + "\x00"
			secrets = append(secrets, v)
		}
		for _, sec := range secrets {
			if len(sec) >= 4 && !strings.Contains(keys, sec) && !strings.Contains(redact.Placeholder, sec) && strings.Contains(query, sec) {
				t.Fatalf("Redact(%q) = %q shows %q", s, out, sec)
			}
		}
	})
}
