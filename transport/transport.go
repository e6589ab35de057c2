// Package transport is the HTTP transport tollgate reaches registries and
// policy servers with: every step of a request has its own timeout, so a
// peer that accepts the connection and never answers fails in seconds, and
// plain HTTP goes only to this machine or to hosts the user named.
package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Timeouts bound each request, so one that accepts the connection and
// never answers fails in seconds instead of holding the pipeline until the
// run's --timeout. Zero fields take the defaults. The request's context
// still applies on top.
type Timeouts struct {
	// Connect bounds opening the TCP connection (default 30s).
	Connect time.Duration
	// TLSHandshake bounds the TLS handshake (default 30s).
	TLSHandshake time.Duration
	// ResponseHeader bounds the wait from sending a request to the
	// response headers (default 60s).
	ResponseHeader time.Duration
	// BodyIdle bounds the wait for the next bytes of a response body: a
	// slow download goes on, a body that stops sending fails (default
	// 60s).
	BodyIdle time.Duration
}

// WithDefaults fills the zero fields.
func (t Timeouts) WithDefaults() Timeouts {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.Connect, 30*time.Second)
	def(&t.TLSHandshake, 30*time.Second)
	def(&t.ResponseHeader, 60*time.Second)
	def(&t.BodyIdle, 60*time.Second)
	return t
}

// TimeoutError says which peer did not answer, and at which step.
type TimeoutError struct {
	// Peer is what the host is to the user: "registry", "server".
	Peer string
	Host string
	// Step is what did not happen in time: "no connection", "no TLS
	// handshake", "no response headers", "response body stalled: no data".
	Step  string
	After time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s %s: %s within %s", e.Peer, e.Host, e.Step, e.After)
}

// Timeout marks it as a timeout for callers that check net.Error. It is
// deliberately not Temporary: go-containerregistry would retry it, and a
// peer that stalled once is waited for again.
func (e *TimeoutError) Timeout() bool { return true }

// New returns the transport for peer ("registry", "server"): base (nil for
// go-containerregistry's default transport with t's connect and TLS
// handshake timeouts) bounded by t's header and body timeouts, refusing
// plain HTTP to hosts that are neither loopback nor in insecure.
func New(base http.RoundTripper, t Timeouts, peer string, insecure []string) http.RoundTripper {
	t = t.WithDefaults()
	if base == nil {
		base = dialer(t, peer)
	}
	return Guard{Next: timeouts{next: base, t: t, peer: peer}, Insecure: insecure}
}

// dialer is remote.DefaultTransport with the connect and TLS handshake
// timeouts of t.
func dialer(t Timeouts, peer string) http.RoundTripper {
	base, ok := remote.DefaultTransport.(*http.Transport)
	if !ok {
		base = http.DefaultTransport.(*http.Transport)
	}
	tr := base.Clone()
	d := &net.Dialer{Timeout: t.Connect, KeepAlive: 30 * time.Second}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		var ne net.Error
		if err != nil && ctx.Err() == nil && errors.As(err, &ne) && ne.Timeout() {
			return nil, &TimeoutError{Peer: peer, Host: addr, Step: "no connection", After: t.Connect}
		}
		return c, err
	}
	tr.TLSHandshakeTimeout = t.TLSHandshake
	return tr
}

// Guard refuses plain HTTP to any host that is not loopback or listed in
// Insecure: go-containerregistry would otherwise fall back to HTTP for
// private-range addresses too, and a redirect could lead a download there.
type Guard struct {
	Next http.RoundTripper
	// Insecure lists hosts (host or host:port) plain HTTP may go to.
	Insecure []string
}

// RoundTrip sends req unless it is plain HTTP to a host not allowed it.
func (g Guard) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme == "http" && !IsLoopback(req.URL.Host) && !slices.Contains(g.Insecure, req.URL.Host) && !slices.Contains(g.Insecure, req.URL.Hostname()) {
		return nil, fmt.Errorf("refusing plain HTTP to %s (not loopback, not in the insecure registry list)", req.URL.Host)
	}
	return g.Next.RoundTrip(req)
}

// IsLoopback reports whether a host (host or host:port) is this machine.
func IsLoopback(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(h, "[]"))
	return ip != nil && ip.IsLoopback()
}

// timeouts bounds the wait for response headers and every wait for body
// bytes of each request. Both cancel the request's context with a
// *TimeoutError as the cause, which is what the caller then sees.
type timeouts struct {
	next http.RoundTripper
	t    Timeouts
	peer string
}

func (tt timeouts) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Host
	ctx, cancel := context.WithCancelCause(req.Context())
	// The header wait starts once the request is written, so a slow
	// connect or handshake is reported as what it is.
	var mu sync.Mutex
	var timer *time.Timer
	stopped := false
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {
		mu.Lock()
		defer mu.Unlock()
		if !stopped && timer == nil {
			timer = time.AfterFunc(tt.t.ResponseHeader, func() {
				cancel(&TimeoutError{Peer: tt.peer, Host: host, Step: "no response headers", After: tt.t.ResponseHeader})
			})
		}
	}})
	resp, err := tt.next.RoundTrip(req.WithContext(ctx))
	mu.Lock()
	stopped = true
	if timer != nil {
		timer.Stop()
	}
	mu.Unlock()
	if err != nil {
		cancel(nil)
		return nil, tt.explain(ctx, host, err)
	}
	resp.Body = &idleBody{rc: resp.Body, ctx: ctx, cancel: cancel, host: host, peer: tt.peer, idle: tt.t.BodyIdle}
	return resp, nil
}

// explain turns a timeout into one naming the peer and the step.
func (tt timeouts) explain(ctx context.Context, host string, err error) error {
	var te *TimeoutError
	if errors.As(context.Cause(ctx), &te) || errors.As(err, &te) {
		return te
	}
	// net/http does not export its TLS handshake timeout error; its text is
	// the only way to tell it from other timeouts.
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && strings.Contains(err.Error(), "TLS handshake") {
		return &TimeoutError{Peer: tt.peer, Host: host, Step: "no TLS handshake", After: tt.t.TLSHandshake}
	}
	return err
}

// idleBody fails a read that waits longer than idle for data.
type idleBody struct {
	rc     io.ReadCloser
	ctx    context.Context
	cancel context.CancelCauseFunc
	host   string
	peer   string
	idle   time.Duration
	timer  *time.Timer
}

func (b *idleBody) Read(p []byte) (int, error) {
	// Only time spent waiting inside Read counts: a consumer that is slow
	// between reads (decompressing a layer) is not the peer's fault.
	if b.timer == nil {
		b.timer = time.AfterFunc(b.idle, func() {
			b.cancel(&TimeoutError{Peer: b.peer, Host: b.host, Step: "response body stalled: no data", After: b.idle})
		})
	} else {
		b.timer.Reset(b.idle)
	}
	n, err := b.rc.Read(p)
	b.timer.Stop()
	if err != nil && !errors.Is(err, io.EOF) {
		var te *TimeoutError
		if errors.As(context.Cause(b.ctx), &te) {
			return n, te
		}
	}
	return n, err
}

func (b *idleBody) Close() error {
	if b.timer != nil {
		b.timer.Stop()
	}
	err := b.rc.Close()
	b.cancel(nil)
	return err
}
