package image

import (
	"archive/tar"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"syscall"
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

// newStreamLayer hashes the generated stream once, outside the timed
// loop: the scanner verifies every layer against its digest.
func newStreamLayer(tb testing.TB, seed uint64, files int, fileSize int64) *streamLayer {
	l := &streamLayer{seed: seed, files: files, fileSize: fileSize, totalBytes: int64(files) * fileSize}
	rc, _ := l.Uncompressed()
	defer rc.Close()
	h, _, err := v1.SHA256(rc)
	if err != nil {
		tb.Fatal(err)
	}
	l.digest = h
	return l
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
		layers = append(layers, newStreamLayer(b, uint64(i), 2000, 25_000))
	}
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(10 * 2000 * 25_000)
	s := &Scanner{}
	var peak uint64
	cpu0 := cpuTime()
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
		doc, err := s.document(context.Background(), Source{Reference: "bench/app:1"}, target{img: img, ref: "bench/app:1"})
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
	// CPU time per scan is steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
