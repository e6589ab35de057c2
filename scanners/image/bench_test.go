package image

import (
	"archive/tar"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// streamLayer generates its tar on the fly, so the benchmark measures the
// scanner's memory and not the fixture's: files of pseudo-random bytes.
type streamLayer struct {
	seed       uint64
	files      int
	fileSize   int64
	digest     v1.Hash
	totalBytes int64
}

func newStreamLayer(seed uint64, files int, fileSize int64) *streamLayer {
	h := v1.Hash{Algorithm: "sha256", Hex: fmt.Sprintf("%064x", seed+1)}
	return &streamLayer{seed: seed, files: files, fileSize: fileSize, digest: h, totalBytes: int64(files) * fileSize}
}

func (l *streamLayer) Digest() (v1.Hash, error)            { return l.digest, nil }
func (l *streamLayer) DiffID() (v1.Hash, error)            { return l.digest, nil }
func (l *streamLayer) Size() (int64, error)                { return l.totalBytes, nil }
func (l *streamLayer) MediaType() (types.MediaType, error) { return types.DockerUncompressedLayer, nil }
func (l *streamLayer) Compressed() (io.ReadCloser, error)  { return l.Uncompressed() }
func (l *streamLayer) Uncompressed() (io.ReadCloser, error) {
	pr, pw := io.Pipe()
	go func() {
		tw := tar.NewWriter(pw)
		rng := rand.NewChaCha8([32]byte{byte(l.seed)})
		for i := 0; i < l.files; i++ {
			hdr := &tar.Header{Name: fmt.Sprintf("data/%d/file-%06d.bin", l.seed, i), Mode: 0o644, Size: l.fileSize, Typeflag: tar.TypeReg}
			if err := tw.WriteHeader(hdr); err != nil {
				pw.CloseWithError(err)
				return
			}
			if _, err := io.CopyN(tw, rng, l.fileSize); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(tw.Close())
	}()
	return pr, nil
}

// BenchmarkScanImage streams 500 MB of layer data (10 layers of 2,000
// files of 25 KB) and reports peak heap: layers must never be buffered.
func BenchmarkScanImage(b *testing.B) {
	var layers []v1.Layer
	for i := range 10 {
		layers = append(layers, newStreamLayer(uint64(i), 2000, 25_000))
	}
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(10 * 2000 * 25_000)
	s := &Scanner{}
	var peak uint64
	b.ResetTimer()
	for range b.N {
		done := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-done:
					return
				default:
				}
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
				time.Sleep(2 * time.Millisecond)
			}
		}()
		doc, err := s.document(Source{Reference: "bench/app:1"}, target{img: img, ref: "bench/app:1"})
		close(done)
		if err != nil {
			b.Fatal(err)
		}
		if n := doc.Input["file_stats"].(map[string]any)["count"].(int64); n < 20000 {
			b.Fatalf("indexed %d files", n)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
}
