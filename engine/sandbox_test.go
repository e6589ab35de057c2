package engine

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// ruleSource is a cloudformation rule in package user.<pkg> whose deny
// body is body, on line 10.
func ruleSource(id, pkg, body string) string {
	return fmt.Sprintf(`# METADATA
# title: User rule
# custom:
#   id: %s
#   severity: high
#   theme: iam
#   formats: [cloudformation]
package user.%s

deny contains f if { %s; f := {"resource": "DB", "path": ["Resources", "DB"], "message": "m"} }
`, id, pkg, body)
}

// userRule writes ruleSource(id, "rule", body) to dir/policy.rego and
// returns dir.
func userRule(t *testing.T, id, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.rego"), []byte(ruleSource(id, "rule", body)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// evalUserRule compiles userRule(id, body) and evaluates dbDoc with it; it
// returns the rule's directory and the evaluation.
func evalUserRule(t *testing.T, id, body string) (string, Evaluation, error) {
	t.Helper()
	dir := userRule(t, id, body)
	e, err := New(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := e.Evaluate(context.Background(), dbDoc())
	return dir, ev, err
}

// A policy must not reach the network: http.send is refused at compile
// time, so the server never sees a request whatever the document holds.
func TestSandboxRefusesHTTPSend(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, `{"ok": true}`)
	}))
	defer srv.Close()
	dir := userRule(t, "user-http", fmt.Sprintf(`http.send({"method": "GET", "url": %q}).status_code == 200`, srv.URL))
	e, err := New(context.Background(), Options{Paths: []string{dir}})
	if err == nil {
		_, _ = e.Evaluate(context.Background(), dbDoc())
		t.Fatalf("a policy calling http.send must not compile (server hits: %d)", hits.Load())
	}
	want := filepath.ToSlash(filepath.Join(dir, "policy.rego")) + ":10"
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "http.send") {
		t.Errorf("error should name %s and http.send, got %v", want, err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server got %d requests, want 0", n)
	}
}

// Every network, time-dependent or random builtin is refused the same way.
func TestSandboxRefusesNondeterministicBuiltins(t *testing.T) {
	calls := map[string]string{
		"net.lookup_ip_addr":   `count(net.lookup_ip_addr("localhost")) > 0`,
		"time.now_ns":          `time.now_ns() > 0`,
		"rand.intn":            `rand.intn("x", 10) >= 0`,
		"uuid.rfc4122":         `uuid.rfc4122("x") != ""`,
		"opa.runtime":          `opa.runtime() != {}`,
		"io.jwt.decode_verify": `io.jwt.decode_verify("a.b.c", {"secret": "s"})[0]`,
		"crypto.x509.parse_and_verify_certificates": `crypto.x509.parse_and_verify_certificates("x")[0]`,
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			dir := userRule(t, "user-sandbox", call)
			_, err := New(context.Background(), Options{Paths: []string{dir}})
			want := filepath.ToSlash(filepath.Join(dir, "policy.rego")) + ":10"
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), name) {
				t.Fatalf("want a compile error naming %s and %s, got %v", want, name, err)
			}
		})
	}
}

// Pure builtins that merely share a prefix with refused ones stay usable.
func TestSandboxKeepsPureBuiltins(t *testing.T) {
	_, ev, err := evalUserRule(t, "user-cidr", `net.cidr_contains("10.0.0.0/8", "10.1.2.3"); time.parse_rfc3339_ns("2020-01-01T00:00:00Z") > 0; tollgate.strings(input, "", "") != []`)
	if err != nil || len(ev.Findings) != 1 {
		t.Fatalf("want one finding, got %+v %v", ev.Findings, err)
	}
}
