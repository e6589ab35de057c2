package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// startHeapProfile writes, when path is set, the heap profile taken when
// the live heap was largest (sampled every 50 ms): what a run holds at its
// peak is what its peak RSS is made of, and a profile taken at exit only
// shows what outlives the scan. For bench/ and performance work.
func startHeapProfile(path string, stderr io.Writer) func() {
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan []byte)
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		var best []byte
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				finished <- best
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > peak {
				var b bytes.Buffer
				if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
					peak, best = live, b.Bytes()
				}
			}
		}
	}()
	return func() {
		close(done)
		if err := os.WriteFile(path, <-finished, 0o644); err != nil {
			fmt.Fprintf(stderr, "tollgate: TOLLGATE_MEMPROFILE: %v\n", err)
		}
	}
}
