// Package tfregistrytest serves Terraform modules from 127.0.0.1 over the
// module registry protocol (service discovery, versions, download) for
// tests, with the archives its download locations point at.
package tfregistrytest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

// Module is one registry module.
type Module struct {
	// Versions hold each version's files (slash path to contents), served
	// as a .tar.gz below one top-level directory, as GitHub's tarballs
	// are; the download location's //* finds it.
	Versions map[string]map[string]string
	// Archives replace a version's tarball with these bytes.
	Archives map[string][]byte
	// Locations replace a version's download location. One starting
	// "json:" is sent as the location of a JSON answer instead of the
	// X-Terraform-Get header, made absolute when it starts with /.
	Locations map[string]string
	// Token, when set, must come as "Authorization: Bearer <Token>" to
	// list or download the module, or the answer is 401.
	Token string
}

// Registry is a running registry.
type Registry struct {
	srv      *httptest.Server
	requests atomic.Int64
}

// New serves modules, keyed "namespace/name/provider", over TLS until the
// test ends. Its API is at /api/modules/v1/, as service discovery says.
func New(t testing.TB, modules map[string]Module) *Registry {
	t.Helper()
	r := &Registry{}
	archives := map[string][]byte{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/terraform.json", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"modules.v1": "/api/modules/v1/"}`)
	})
	for addr, m := range modules {
		var versions []map[string]string
		for _, v := range sortedKeys(m.Versions, m.Archives) {
			versions = append(versions, map[string]string{"version": v})
			file := "/files/" + addr + "/" + v + ".tar.gz"
			if b, ok := m.Archives[v]; ok {
				archives[file] = b
			} else {
				archives[file] = tarball(t, "pkg-"+v, m.Versions[v])
			}
			loc, ok := m.Locations[v]
			if !ok {
				// Relative, as registries behind a proxy send it.
				loc = file + "//*"
			}
			mux.HandleFunc("GET /api/modules/v1/"+addr+"/"+v+"/download", func(w http.ResponseWriter, req *http.Request) {
				if !authorized(w, req, m.Token) {
					return
				}
				if l, ok := strings.CutPrefix(loc, "json:"); ok {
					if strings.HasPrefix(l, "/") {
						l = r.srv.URL + l
					}
					json.NewEncoder(w).Encode(map[string]string{"location": l})
					return
				}
				w.Header().Set("X-Terraform-Get", loc)
				w.WriteHeader(http.StatusNoContent)
			})
		}
		body, _ := json.Marshal(map[string]any{"modules": []any{map[string]any{"versions": versions}}})
		mux.HandleFunc("GET /api/modules/v1/"+addr+"/versions", func(w http.ResponseWriter, req *http.Request) {
			if authorized(w, req, m.Token) {
				w.Write(body)
			}
		})
	}
	mux.HandleFunc("GET /files/", func(w http.ResponseWriter, req *http.Request) {
		b, ok := archives[req.URL.Path]
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Write(b)
	})
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.requests.Add(1)
		mux.ServeHTTP(w, req)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// authorized answers 401 to a request without the token.
func authorized(w http.ResponseWriter, req *http.Request, token string) bool {
	if token != "" && req.Header.Get("Authorization") != "Bearer "+token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return false
	}
	return true
}

// Host is the registry's host:port, the first part of its sources.
func (r *Registry) Host() string { return r.srv.Listener.Addr().String() }

// URL is the registry's base URL.
func (r *Registry) URL() string { return r.srv.URL }

// Transport trusts the registry's certificate.
func (r *Registry) Transport() http.RoundTripper { return r.srv.Client().Transport }

// Requests counts the requests served so far.
func (r *Registry) Requests() int64 { return r.requests.Load() }

// Close stops the registry: every later request fails to connect.
func (r *Registry) Close() { r.srv.Close() }

// tarball makes a .tar.gz of files below the directory top.
func tarball(t testing.TB, top string, files map[string]string) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	entries := make([]Entry, 0, len(names))
	for _, n := range names {
		entries = append(entries, Entry{Header: tar.Header{Name: top + "/" + n, Typeflag: tar.TypeReg, Mode: 0o644}, Body: files[n]})
	}
	return TarGz(t, entries...)
}

// Entry is one member of a test archive.
type Entry struct {
	Header tar.Header
	// Body is a regular file's contents; its length is the size written.
	Body string
}

// TarGz builds a .tar.gz of entries, as they are: names that climb out,
// links that point anywhere, whatever a test needs.
func TarGz(t testing.TB, entries ...Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := e.Header
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.Body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys[A, B any](a map[string]A, b map[string]B) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
