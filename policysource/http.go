package policysource

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"

	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/transport"
)

// fetchHTTP brings the bundle at ref into the cache, asking the server
// only whether the cached copy is still current when there is one.
func (f *fetcher) fetchHTTP(ctx context.Context, ref, name string, c lookup) (entry, error) {
	u, err := url.Parse(ref)
	if err != nil {
		// url's error quotes the URL, credentials and all.
		return entry{}, errors.New("not a valid URL")
	}
	if u.Scheme == "http" && !transport.IsLoopback(u.Host) {
		// Without TLS anyone on the path can replace the policy; only a
		// server on this machine (tests, a local mirror) is spared it.
		return entry{}, errors.New("plain HTTP is refused for remote policies (only loopback hosts may use it): use https://")
	}
	key, cached, haveCache := c.key, c.entry, c.ok
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ref, nil)
	if err != nil {
		return entry{}, errors.New("not a valid URL")
	}
	if haveCache {
		if cached.meta.ETag != "" {
			req.Header.Set("If-None-Match", cached.meta.ETag)
		}
		if cached.meta.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.meta.LastModified)
		}
	}
	client := &http.Client{Transport: transport.New(f.o.Transport, f.o.Timeouts, "server", nil)}
	resp, err := client.Do(req)
	if err != nil {
		return entry{}, classify(unwrapURL(err))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && haveCache:
		return f.cache.touch(key, cached), nil
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return entry{}, &unreachableError{fmt.Errorf("server answered %s", resp.Status)}
	default:
		// 404, 401, 403 and the rest: the server is there and says no.
		// A withdrawn or forbidden bundle is not replaced by an old copy.
		return entry{}, fmt.Errorf("server answered %s", resp.Status)
	}
	if resp.ContentLength > f.o.MaxSize {
		return entry{}, tooLarge(resp.ContentLength, f.o.MaxSize)
	}
	tmp, sum, err := f.download(key, resp.Body)
	if err != nil {
		return entry{}, err
	}
	now := f.o.Now().UTC()
	return f.cache.store(key, tmp, meta{
		Source: name, SHA256: sum,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		Fetched: now, Checked: now,
	})
}

// download writes body into a temporary file of key's entry and returns
// its path and sha256. It refuses more than MaxSize bytes and anything
// that is not gzip (an HTML error page served with 200 by a proxy or a
// captive portal must not replace a good copy).
func (f *fetcher) download(key string, body io.Reader) (string, string, error) {
	tmp, err := f.cache.create(key)
	if err != nil {
		return "", "", err
	}
	h := sha256.New()
	var head bytes.Buffer
	n, err := io.Copy(io.MultiWriter(tmp, h, &limitedBuffer{buf: &head, n: 2}), io.LimitReader(body, f.o.MaxSize+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		os.Remove(tmp.Name())
		var pe *os.PathError
		if errors.As(err, &pe) {
			return "", "", fmt.Errorf("cache: %w", err)
		}
		return "", "", classify(fmt.Errorf("download cut short after %s: %w", fsread.FormatSize(n), err))
	case n > f.o.MaxSize:
		os.Remove(tmp.Name())
		return "", "", tooLarge(-1, f.o.MaxSize)
	case !bytes.Equal(head.Bytes(), []byte{0x1f, 0x8b}):
		os.Remove(tmp.Name())
		return "", "", errors.New("not a bundle: the download is not gzip (a .tar.gz built by opa build)")
	}
	return tmp.Name(), hex.EncodeToString(h.Sum(nil)), nil
}

func tooLarge(size, limit int64) error {
	if size < 0 {
		return fmt.Errorf("download over the %s limit (--max-bundle-size)", fsread.FormatSize(limit))
	}
	return fmt.Errorf("download is %s, over the %s limit (--max-bundle-size)", fsread.FormatSize(size), fsread.FormatSize(limit))
}

// limitedBuffer keeps the first n bytes written to it.
type limitedBuffer struct {
	buf *bytes.Buffer
	n   int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if rest := l.n - l.buf.Len(); rest > 0 {
		l.buf.Write(p[:min(rest, len(p))])
	}
	return len(p), nil
}

// unwrapURL drops net/http's *url.Error wrapper: it quotes the URL,
// and with it any token in its query.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// classify marks the failures that only say the source could not be
// asked: no connection, a timeout, a connection cut. Certificate and
// protocol errors stay errors: they may be someone in the middle.
func classify(err error) error {
	var te *transport.TimeoutError
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.As(err, &te), errors.As(err, &de):
		return &unreachableError{err}
	case errors.As(err, &oe) && (oe.Op == "dial" || oe.Op == "read" || oe.Op == "write"):
		return &unreachableError{err}
	case errors.As(err, &ne) && ne.Timeout():
		return &unreachableError{err}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &unreachableError{err}
	}
	return err
}
