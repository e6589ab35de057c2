package image

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/partial"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// ErrLayerDigest is wrapped by every error about a layer whose content
// does not hash to the digest the image records for it.
var ErrLayerDigest = errors.New("layer content does not match its digest")

// LayerDigestError names the layer, which recorded digest it fails, and
// both digests.
type LayerDigestError struct {
	Layer    int
	Blob     bool // the manifest's digest of the blob as stored; else the config's diff_id of the uncompressed tar
	Expected v1.Hash
	Actual   v1.Hash
}

func (e *LayerDigestError) Error() string {
	if e.Blob {
		return fmt.Sprintf("layer %d: the manifest's digest is %s, but the layer blob hashes to %s", e.Layer, e.Expected, e.Actual)
	}
	return fmt.Sprintf("layer %d: the config's rootfs.diff_ids[%d] is %s, but the uncompressed layer hashes to %s", e.Layer, e.Layer, e.Expected, e.Actual)
}

func (e *LayerDigestError) Unwrap() error { return ErrLayerDigest }

// supported refuses digests tollgate cannot compute: such a layer cannot
// be verified.
func supported(h v1.Hash) error {
	if h.Algorithm != "sha256" && h.Algorithm != "sha512" {
		return fmt.Errorf("digest %s: unsupported algorithm, so the layer cannot be verified", h)
	}
	return nil
}

// hasher starts hashing for a digest that passed supported.
func hasher(h v1.Hash) *asyncHash {
	if h.Algorithm == "sha512" {
		return newAsyncHash(sha512.New())
	}
	return newAsyncHash(sha256.New())
}

func sum(alg string, h *asyncHash) v1.Hash {
	return v1.Hash{Algorithm: alg, Hex: hex.EncodeToString(h.Sum())}
}

// asyncHash hashes on its own goroutine, so that hashing a layer runs
// beside decompressing and indexing it instead of adding to their time.
// Writes copy into recycled chunks; Sum waits for the queue to drain.
// stop must be called on every path (Sum does it).
type asyncHash struct {
	h     hash.Hash
	queue chan []byte
	free  chan []byte
	done  chan struct{}
	buf   []byte // the chunk being filled
	once  sync.Once
}

const hashChunk = 64 << 10

func newAsyncHash(h hash.Hash) *asyncHash {
	a := &asyncHash{h: h, queue: make(chan []byte, 4), free: make(chan []byte, 6), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for b := range a.queue {
			a.h.Write(b)
			select {
			case a.free <- b[:0]:
			default:
			}
		}
	}()
	return a
}

func (a *asyncHash) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if a.buf == nil {
			select {
			case a.buf = <-a.free:
			default:
				a.buf = make([]byte, 0, hashChunk)
			}
		}
		k := min(len(p), cap(a.buf)-len(a.buf))
		a.buf = append(a.buf, p[:k]...)
		p = p[k:]
		if len(a.buf) == cap(a.buf) {
			a.queue <- a.buf
			a.buf = nil
		}
	}
	return n, nil
}

func (a *asyncHash) stop() {
	a.once.Do(func() {
		if len(a.buf) > 0 {
			a.queue <- a.buf
			a.buf = nil
		}
		close(a.queue)
		<-a.done
	})
}

// Sum flushes, waits for the hashing goroutine, and returns the digest.
func (a *asyncHash) Sum() []byte {
	a.stop()
	return a.h.Sum(nil)
}

// hashingBlob is a layer whose stored (compressed) stream is hashed as it
// is read. go-containerregistry verifies a registry blob against its
// digest, but not a blob of an OCI layout or archive, nor any
// uncompressed content against the config's diff_id; hashing here covers
// every source the same way and still reads the blob once.
type hashingBlob struct {
	l v1.Layer
	h io.Writer
	r io.Reader // the stored stream, hashed as it is read
}

func (b *hashingBlob) Digest() (v1.Hash, error)            { return b.l.Digest() }
func (b *hashingBlob) Size() (int64, error)                { return b.l.Size() }
func (b *hashingBlob) MediaType() (types.MediaType, error) { return b.l.MediaType() }
func (b *hashingBlob) Compressed() (io.ReadCloser, error) {
	rc, err := b.l.Compressed()
	if err != nil {
		return nil, err
	}
	b.r = io.TeeReader(rc, b.h)
	return struct {
		io.Reader
		io.Closer
	}{b.r, rc}, nil
}

// verifiedLayer is a layer's uncompressed stream that hashes what is read
// from it. check, called once the stream is read to its end, compares the
// hashes with the digests the image records; explain turns a read error
// into the blob's digest mismatch when there is one (a tampered gzip blob
// usually fails to decompress before its end, and the mismatch is the
// cause worth naming). Close also stops the hashing goroutines.
type verifiedLayer struct {
	r       io.Reader
	rc      io.Closer
	hashes  []*asyncHash
	check   func() error
	explain func(error) error
}

func (v *verifiedLayer) Read(p []byte) (int, error) { return v.r.Read(p) }

func (v *verifiedLayer) Close() error {
	for _, h := range v.hashes {
		h.stop()
	}
	return v.rc.Close()
}

// openVerified opens layer i of an image for one streaming read. The
// uncompressed tar must hash to diffID; with blob, the stored blob must
// also hash to the layer's digest (sources whose manifest records it: a
// registry, an OCI layout or archive; a docker save manifest.json records
// none, so there the digest is computed from the very content it would be
// checked against).
func openVerified(i int, l v1.Layer, diffID v1.Hash, blob bool) (*verifiedLayer, error) {
	if err := supported(diffID); err != nil {
		return nil, err
	}
	checkDiffID := func(dh *asyncHash) error { return compare(i, false, diffID, sum(diffID.Algorithm, dh)) }
	if !blob {
		rc, err := l.Uncompressed()
		if err != nil {
			return nil, err
		}
		dh := hasher(diffID)
		return &verifiedLayer{
			r: io.TeeReader(rc, dh), rc: rc, hashes: []*asyncHash{dh},
			check:   func() error { return checkDiffID(dh) },
			explain: func(err error) error { return err },
		}, nil
	}
	digest, err := l.Digest()
	if err != nil {
		return nil, err
	}
	if err := supported(digest); err != nil {
		return nil, err
	}
	bh := hasher(digest)
	hb := &hashingBlob{l: l, h: bh}
	ul, err := partial.CompressedToLayer(hb)
	if err != nil {
		bh.stop()
		return nil, err
	}
	rc, err := ul.Uncompressed()
	if err != nil {
		bh.stop()
		return nil, err
	}
	// blobCheck reads the rest of the blob (bytes after the end of the
	// compressed stream are part of it too) and compares its digest. A
	// read error (cause, or one while draining) is returned unless the
	// digest mismatches: then the mismatch is the cause worth naming.
	blobCheck := func(cause error) error {
		_, derr := io.Copy(io.Discard, hb.r)
		if cause == nil {
			cause = derr
		}
		if err := compare(i, true, digest, sum(digest.Algorithm, bh)); err != nil {
			if cause != nil {
				return fmt.Errorf("%w (%v)", err, cause)
			}
			return err
		}
		return cause
	}
	if digest == diffID {
		// An uncompressed layer: the blob is the tar, and hashing it once
		// verifies both digests.
		return &verifiedLayer{r: rc, rc: rc, hashes: []*asyncHash{bh}, check: func() error { return blobCheck(nil) }, explain: blobCheck}, nil
	}
	dh := hasher(diffID)
	return &verifiedLayer{
		r: io.TeeReader(rc, dh), rc: rc, hashes: []*asyncHash{bh, dh},
		check: func() error {
			if err := blobCheck(nil); err != nil {
				return err
			}
			return checkDiffID(dh)
		},
		explain: blobCheck,
	}, nil
}

func compare(i int, blob bool, want, got v1.Hash) error {
	if want != got {
		return &LayerDigestError{Layer: i, Blob: blob, Expected: want, Actual: got}
	}
	return nil
}
