package image

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"
)

// scanWithin scans ref with small timeouts and fails the test, instead of
// hanging the suite, when the scan does not return within limit.
func scanWithin(t *testing.T, ref string, limit time.Duration) error {
	t.Helper()
	return scanWithTimeouts(t, ref, limit, Timeouts{Connect: 300 * time.Millisecond, TLSHandshake: 300 * time.Millisecond,
		ResponseHeader: 300 * time.Millisecond, BodyIdle: 300 * time.Millisecond})
}

func scanWithTimeouts(t *testing.T, ref string, limit time.Duration, timeouts Timeouts) error {
	t.Helper()
	s := &Scanner{Options: Options{Timeouts: timeouts}}
	done := make(chan error, 1)
	go func() {
		_, err := s.ScanSource(context.Background(), Source{Reference: ref})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("scan of %s did not give up within %s", ref, limit)
		return nil
	}
}

// silentListener accepts connections and never writes to them.
func silentListener(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				<-done
				c.Close()
			}()
		}
	}()
	return l.Addr().String()
}

func TestRegistryThatNeverAnswers(t *testing.T) {
	host := silentListener(t)
	ref := host + "/team/app:1"
	// A loopback registry is tried over HTTPS, then plain HTTP: the first
	// never finishes its handshake, the second never gets headers.
	err := scanWithTimeouts(t, ref, 20*time.Second, Timeouts{TLSHandshake: 200 * time.Millisecond, ResponseHeader: 400 * time.Millisecond})
	for _, want := range []string{ref, "registry " + host + ": no TLS handshake within 200ms", "registry " + host + ": no response headers within 400ms"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want it to say %q", err, want)
		}
	}
}

// stallingServer answers /v2/ and stalls the body of every response whose
// path matches stall after sending headers and a first byte; other
// requests go to next.
func stallingServer(t *testing.T, stall func(*http.Request) bool, next http.Handler) string {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !stall(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "{")
		w.(http.Flusher).Flush()
		<-done
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // runs first: lets the handlers return
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestRegistryBodyThatStalls(t *testing.T) {
	ping := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	host := stallingServer(t, func(r *http.Request) bool { return strings.Contains(r.URL.Path, "/manifests/") }, ping)
	ref := host + "/team/app:1"
	err := scanWithin(t, ref, 20*time.Second)
	if err == nil || !strings.Contains(err.Error(), ref) || !strings.Contains(err.Error(), "registry "+host+": response body stalled: no data within 300ms") {
		t.Fatalf("error = %v, want one naming the image, the registry and the stall", err)
	}
}

// A layer download that stalls after the manifest arrived fails the same
// way: the timeouts hold for every request of the scan.
func TestRegistryLayerThatStalls(t *testing.T) {
	real := serveRegistry(t)
	u, _ := url.Parse("http://" + real)
	proxy := httputil.NewSingleHostReverseProxy(u)
	host := stallingServer(t, func(r *http.Request) bool {
		return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/")
	}, proxy)
	push(t, real+"/team/app:1", craftedImage(t))
	ref := host + "/team/app:1"
	err := scanWithin(t, ref, 20*time.Second)
	if err == nil || !strings.Contains(err.Error(), "team/app:1") || !strings.Contains(err.Error(), "response body stalled: no data within 300ms") {
		t.Fatalf("error = %v, want one naming the image and the stall", err)
	}
}

func TestRegistryTimeoutsDoNotCutSlowButLiveBodies(t *testing.T) {
	host := serveRegistry(t)
	ref := host + "/team/app:1"
	push(t, ref, craftedImage(t))
	if err := scanWithin(t, ref, 20*time.Second); err != nil {
		t.Fatalf("a registry that answers: %v", err)
	}
}
