// Package gctune sets the garbage collector for a scan: a scan allocates
// many short-lived values per document, so collecting less often saves
// CPU, while a monorepo's scan must still fit in the memory a CI runner
// has. The collector's settings follow the live heap through regimes,
// from the fastest for small scans to Go's default for the largest.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Regime is one setting of the collector: collect when the heap grows by
// Percent over the live heap (GOGC), and keep the Go heap under the soft
// Limit (GOMEMLIMIT; 0: none). A scan leaves the regime for good once its
// live heap passes Leave, before the limit leaves the collector too little
// room and it runs back to back.
type Regime struct {
	Percent int
	Limit   int64
	Leave   int64
}

// Regimes are tried in order.
//   - Small and medium scans collect at 3x the live heap, about a tenth
//     less CPU than 2x (bench/scan.sh), under 150 MiB. The shared corpus
//     peaks at about 70 MiB live. Past 75 MiB the limit would leave less
//     room than the live heap itself: a quarter of the corpus copied eight
//     times (a shard, about 90 MiB live) spent three times the GC CPU of
//     the next regime.
//   - Monorepo scans (the corpus copied six times holds about 130 MiB
//     live) collect at 2x or sooner, under 256 MiB: the peak RSS of that
//     scan drops from about 345 to under 300 MB for a few percent more CPU.
//   - Live heaps past two thirds of that go back to Go's default,
//     unbounded.
var Regimes = []Regime{
	{Percent: 200, Limit: 150 << 20, Leave: 75 << 20},
	{Percent: 100, Limit: 256 << 20, Leave: 170 << 20},
	{Percent: 100},
}

// Start applies the first regime and moves on as the live heap grows,
// unless the user chose (GOGC or GOMEMLIMIT set).
func Start() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	apply(Regimes[0])
	watch(Regimes)
}

func apply(r Regime) {
	debug.SetGCPercent(r.Percent)
	limit := r.Limit
	if limit == 0 {
		limit = math.MaxInt64
	}
	debug.SetMemoryLimit(limit)
}

// Next is the index of the regime for a live heap of live bytes, from
// regime i on.
func Next(regimes []Regime, i int, live uint64) int {
	for i < len(regimes)-1 && regimes[i].Leave > 0 && live > uint64(regimes[i].Leave) {
		i++
	}
	return i
}

// watch checks the live heap after each collection (a finalizer on a
// fresh sentinel runs once per cycle) and changes regime when it must; it
// stops watching in the last one.
func watch(regimes []Regime) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	cur := 0
	var arm func()
	arm = func() {
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				if next := Next(regimes, cur, sample[0].Value.Uint64()); next != cur {
					cur = next
					apply(regimes[cur])
				}
			}
			if cur < len(regimes)-1 {
				arm()
			}
		})
	}
	arm()
}
