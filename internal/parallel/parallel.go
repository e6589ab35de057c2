// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls fn(i) for each i in [0, n) on as many goroutines as there are
// cores (GOMAXPROCS), each taking the next index as it finishes one, and
// returns when every call has. Callers write results to fn's index, so
// their order is the indices' whatever the goroutines' timing.
func Do(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
