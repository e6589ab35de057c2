package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
)

// policyServer serves bundles by path with an ETag, like a static file
// server; status, when set, answers every request.
type policyServer struct {
	mu      sync.Mutex
	bundles map[string][]byte
	status  int
	srv     *httptest.Server
}

func servePolicies(t *testing.T, bundles map[string][]byte) *policyServer {
	t.Helper()
	s := &policyServer{bundles: bundles}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.status != 0 {
			w.WriteHeader(s.status)
			return
		}
		b, ok := s.bundles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(b)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write(b)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *policyServer) set(f func(*policyServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func readBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseReport(t *testing.T, out string) report.Report {
	t.Helper()
	r, err := jsonreport.Read(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

// A bundle given as an https(loopback http here) URL loads like a local one,
// in scan and rules, from the flag and from the configuration; when the
// server is down the cached copy is used with a warning in the report;
// with no cached copy, a refusing server or a download over the limit the
// scan cannot decide.
func TestRemoteBundleOverHTTP(t *testing.T) {
	files := map[string]string{
		".manifest":             `{"roots": ["org"]}`,
		"policies/db.rego":      bundledRule,
		"org/engines/data.yaml": "denied: [postgres]\n",
	}
	s := servePolicies(t, map[string][]byte{"/org.tar.gz": readBytes(t, bundletest.Build(t, files))})
	url := s.srv.URL + "/org.tar.gz"
	cache := filepath.Join(t.TempDir(), "cache")
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", unencryptedDB)

	code, out, stderr := tollgate(t, "rules", "--no-builtin", "--format", "json", "--cache-dir", cache, "--policy", url)
	if code != 0 || !strings.Contains(out, `"`+url+`/policies/db.rego"`) {
		t.Fatalf("rules: exit %d, stdout %s, stderr %q; want the rule named by its URL", code, out, stderr)
	}
	code, out, stderr = tollgate(t, "scan", "--no-builtin", "--format", "json", "--cache-dir", cache, "--policy", url, db)
	if r := parseReport(t, out); code != 1 || len(r.Findings) != 1 || r.Findings[0].RuleID != "org-db-engine" || len(r.Diagnostics) != 0 {
		t.Fatalf("scan: exit %d, %s, stderr %q", code, out, stderr)
	}
	cfg := writeFile(t, dir, "tollgate.yaml", "version: 1\nno_builtin: true\ncache_dir: "+cache+"\npolicies: ["+url+"]\n")
	if code, out, stderr = tollgate(t, "scan", "--config", cfg, "--format", "json", db); code != 1 {
		t.Fatalf("from the configuration: exit %d, %s, stderr %q", code, out, stderr)
	}

	// merge loads the same rules for the rule help.
	part := filepath.Join(dir, "part.json")
	if code, _, stderr = tollgate(t, "scan", "--config", cfg, "--format", "json="+part, db); code != 1 {
		t.Fatalf("shard: exit %d, stderr %q", code, stderr)
	}
	if code, out, stderr = tollgate(t, "merge", "--no-builtin", "--cache-dir", cache, "--policy", url, "--format", "sarif", part); code != 1 || !strings.Contains(out, "Database engine is on the bundle's deny list") {
		t.Fatalf("merge: exit %d, %s, stderr %q", code, out, stderr)
	}

	s.set(func(s *policyServer) { s.status = http.StatusServiceUnavailable })
	code, out, stderr = tollgate(t, "scan", "--config", cfg, "--format", "json", db)
	r := parseReport(t, out)
	if code != 1 || len(r.Findings) != 1 || len(r.Diagnostics) != 1 || r.Diagnostics[0].Level != document.LevelWarning || !strings.HasPrefix(r.Diagnostics[0].Message, "policy "+url+": ") ||
		!strings.Contains(r.Diagnostics[0].Message, "unreachable (server answered 503 Service Unavailable); using the cached copy last confirmed") {
		t.Fatalf("server down: exit %d, %s, stderr %q", code, out, stderr)
	}
	code, out, _ = tollgate(t, "scan", "--config", cfg, db)
	if code != 1 || !strings.Contains(out, url) || !strings.Contains(out, "using the cached copy") {
		t.Fatalf("server down, text: exit %d, %s", code, out)
	}
	// The warning has no file location: a URL is not a file of the scanned
	// tree for SARIF or annotations to point at.
	code, out, _ = tollgate(t, "scan", "--config", cfg, "--format", "sarif", db)
	if code != 1 || !strings.Contains(out, "policy "+url+": source unreachable") || strings.Contains(out, `"uri": "`+url) || strings.Contains(out, `"uri": "./http`) {
		t.Fatalf("server down, SARIF: exit %d, %s", code, out)
	}
	code, out, _ = tollgate(t, "scan", "--config", cfg, "--format", "github", db)
	if code != 1 || !strings.Contains(out, "::warning title=tollgate warning::policy "+url+": source unreachable") {
		t.Fatalf("server down, github: exit %d, %s", code, out)
	}
	code, _, stderr = tollgate(t, "rules", "--config", cfg)
	if code != 0 || !strings.Contains(stderr, "tollgate: warning: policy "+url+": source unreachable (server answered 503") {
		t.Fatalf("rules, server down: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = tollgate(t, "scan", "--no-builtin", "--cache-dir", t.TempDir(), "--policy", url, db)
	if code != 2 || !strings.Contains(stderr, "policy "+url+": server answered 503 Service Unavailable, and no cached copy in ") {
		t.Fatalf("server down, no cached copy: exit %d, stderr %q", code, stderr)
	}

	s.set(func(s *policyServer) { s.status = 0 })
	missing := s.srv.URL + "/gone.tar.gz?token=s3cr3t-t0ken"
	code, out, stderr = tollgate(t, "scan", "--no-builtin", "--cache-dir", cache, "--policy", missing, db)
	if code != 2 || !strings.Contains(stderr, "policy "+s.srv.URL+"/gone.tar.gz?token=[REDACTED]: server answered 404 Not Found") || strings.Contains(out+stderr, "s3cr3t-t0ken") {
		t.Fatalf("404: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = tollgate(t, "scan", "--no-builtin", "--cache-dir", t.TempDir(), "--max-bundle-size", "100", "--policy", url, db)
	if code != 2 || !strings.Contains(stderr, "over the 100 bytes limit (--max-bundle-size)") {
		t.Fatalf("oversized: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = tollgate(t, "scan", "--max-bundle-size", "lots", db); code != 2 || !strings.Contains(stderr, `--max-bundle-size "lots"`) {
		t.Fatalf("bad size: exit %d, stderr %q", code, stderr)
	}
}

// Signature verification applies to remote bundles as to local ones, and
// to the cached copy on every run: a cached bundle edited after download
// (its recorded hash updated too) fails verification whether the server
// confirms the copy (304) or cannot be reached.
func TestRemoteSignedBundleAndTamperedCache(t *testing.T) {
	files := map[string]string{
		".manifest":             `{"roots": ["org"]}`,
		"policies/db.rego":      bundledRule,
		"org/engines/data.yaml": "denied: [postgres]\n",
	}
	private, public := bundletest.RSAKeys(t)
	_, otherPublic := bundletest.RSAKeys(t)
	dir := t.TempDir()
	privateFile := writeFile(t, dir, "private.pem", private)
	publicFile := writeFile(t, dir, "public.pem", public)
	otherFile := writeFile(t, dir, "other.pem", otherPublic)
	s := servePolicies(t, map[string][]byte{
		"/signed.tar.gz":   readBytes(t, bundletest.Build(t, files, bundletest.Signed(privateFile, "RS256"))),
		"/unsigned.tar.gz": readBytes(t, bundletest.Build(t, files)),
	})
	signed, unsigned := s.srv.URL+"/signed.tar.gz", s.srv.URL+"/unsigned.tar.gz"
	cache := filepath.Join(t.TempDir(), "cache")
	db := writeFile(t, dir, "db.yaml", unencryptedDB)
	scan := func(key, url string) (int, string) {
		code, _, stderr := tollgate(t, "scan", "--no-builtin", "--format", "json", "--cache-dir", cache, "--verification-key", key, "--policy", url, db)
		return code, stderr
	}
	if code, stderr := scan(publicFile, signed); code != 1 {
		t.Fatalf("signed, right key: exit %d, stderr %q", code, stderr)
	}
	if code, stderr := scan(otherFile, signed); code != 2 || !strings.Contains(stderr, "bundle "+signed+": failed to verify JWT signature") {
		t.Fatalf("signed, wrong key: exit %d, stderr %q", code, stderr)
	}
	if code, stderr := scan(publicFile, unsigned); code != 2 || !strings.Contains(stderr, "bundle "+unsigned+": bundle missing .signatures.json file") {
		t.Fatalf("unsigned: exit %d, stderr %q", code, stderr)
	}

	// Edit the rule inside the cached signed bundle so it never fires,
	// keep its .signatures.json, and record the new hash.
	tamperCachedBundle(t, cache, signed, "policies/db.rego", func(b []byte) []byte {
		return bytes.Replace(b, []byte("r.Properties.Engine in data.org.engines.denied"), []byte("false"), 1)
	})
	wantErr := "bundle " + signed + ": policies/db.rego: digest mismatch"
	if code, stderr := scan(publicFile, signed); code != 2 || !strings.Contains(stderr, wantErr) {
		t.Fatalf("tampered cache, server confirms it: exit %d, stderr %q", code, stderr)
	}
	s.srv.Close()
	if code, stderr := scan(publicFile, signed); code != 2 || !strings.Contains(stderr, wantErr) {
		t.Fatalf("tampered cache, server down: exit %d, stderr %q", code, stderr)
	}
}

// tamperCachedBundle rewrites file inside the cached copy of url, as
// someone with write access to the cache would, and updates the recorded
// hash so only the signature can tell.
func tamperCachedBundle(t *testing.T, cache, url, file string, edit func([]byte) []byte) {
	t.Helper()
	metas, _ := filepath.Glob(filepath.Join(cache, "policies", "*", "meta.json"))
	for _, mp := range metas {
		var m map[string]any
		if err := json.Unmarshal(readBytes(t, mp), &m); err != nil {
			t.Fatal(err)
		}
		if m["source"] != url {
			continue
		}
		old := filepath.Join(filepath.Dir(mp), m["file"].(string))
		edited := false
		out := readBytes(t, bundletest.Rewrite(t, old, func(name string, b []byte) []byte {
			if strings.TrimPrefix(name, "/") != file {
				return b
			}
			edited = true
			return edit(b)
		}))
		if !edited {
			t.Fatalf("%s not in the cached bundle", file)
		}
		sum := sha256.Sum256(out)
		m["sha256"] = hex.EncodeToString(sum[:])
		m["file"] = m["sha256"].(string) + ".tar.gz"
		writeFile(t, filepath.Dir(mp), m["file"].(string), string(out))
		mb, _ := json.Marshal(m)
		writeFile(t, filepath.Dir(mp), "meta.json", string(mb))
		return
	}
	t.Fatalf("no cache entry for %s in %s", url, cache)
}

// A bundle pushed to a registry as an OCI artifact (OPA's layout) loads by
// tag and by digest; a re-pushed tag brings its new rules.
func TestRemoteBundleFromOCIRegistry(t *testing.T) {
	host, stop := registrytest.Serve(t)
	push := func(tag string, denied string) string {
		b := readBytes(t, bundletest.Build(t, map[string]string{
			".manifest":             `{"roots": ["org"]}`,
			"policies/db.rego":      bundledRule,
			"org/engines/data.yaml": "denied: [" + denied + "]\n",
		}))
		img, err := mutate.Append(empty.Image, mutate.Addendum{Layer: static.NewLayer(b, types.OCILayer)})
		if err != nil {
			t.Fatal(err)
		}
		img = mutate.ConfigMediaType(mutate.MediaType(img, types.OCIManifestSchema1), types.OCIConfigJSON)
		return registrytest.Push(t, host+"/org/policy:"+tag, img).String()
	}
	d1 := push("stable", "postgres")
	cache := t.TempDir()
	db := writeFile(t, t.TempDir(), "db.yaml", unencryptedDB)
	scan := func(ref string) (int, string, string) {
		return tollgate(t, "scan", "--no-builtin", "--format", "json", "--cache-dir", cache, "--policy", ref, db)
	}
	tag := "oci://" + host + "/org/policy:stable"
	byDigest := "oci://" + host + "/org/policy@" + d1
	for _, ref := range []string{tag, byDigest} {
		if code, out, stderr := scan(ref); code != 1 || !strings.Contains(out, `"ruleId": "org-db-engine"`) {
			t.Fatalf("%s: exit %d, %s, stderr %q", ref, code, out, stderr)
		}
	}
	if code, out, _ := tollgate(t, "rules", "--no-builtin", "--format", "json", "--cache-dir", cache, "--policy", tag); code != 0 || !strings.Contains(out, `"`+tag+`/policies/db.rego"`) {
		t.Fatalf("rules: exit %d, %s", code, out)
	}
	// The team re-pushes the tag with postgres allowed: the scan passes.
	push("stable", "mysql")
	if code, out, stderr := scan(tag); code != 0 {
		t.Fatalf("re-pushed tag: exit %d, %s, stderr %q", code, out, stderr)
	}
	stop()
	code, out, stderr := scan(tag)
	if r := parseReport(t, out); code != 0 || len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "using the cached copy") {
		t.Fatalf("registry down: exit %d, %s, stderr %q", code, out, stderr)
	}
	if code, _, stderr := scan(byDigest); code != 1 {
		t.Fatalf("cached digest, registry down: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := scan("oci://" + host + "/org/policy:other"); code != 2 || !strings.Contains(stderr, fmt.Sprintf("policy oci://%s/org/policy:other: ", host)) {
		t.Fatalf("registry down, nothing cached: exit %d, stderr %q", code, stderr)
	}
}
