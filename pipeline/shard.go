package pipeline

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/discover"
)

// Shard is one of N deterministic parts of a scan, for CI jobs that split
// the work (`scan --shard 2/4 --format json=part2.json`, then `merge`).
// The zero Shard is the whole scan.
type Shard struct{ index, count int }

// ParseShard reads K/N; "" is the whole scan.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{index: 1, count: 1}, nil
	}
	k, n, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(k)
	c, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || c < 1 || i < 1 || i > c {
		return Shard{}, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N", s)
	}
	return Shard{index: i, count: c}, nil
}

// Index and Count are the shard's K and N (1 of 1 for the whole scan).
func (s Shard) Index() int { return max(s.index, 1) }

// Count is N.
func (s Shard) Count() int { return max(s.count, 1) }

// Keep picks the targets of this shard. Every job discovers the same
// targets, so they agree without talking to each other: targets are dealt
// out by cost, largest first, each to the shard with the least cost so far
// (ties by path, then by shard number), so one huge module does not make
// one job the tail of the pipeline.
func (s Shard) Keep(targets []discover.Target) []discover.Target {
	if s.count <= 1 {
		return targets
	}
	order, cost := byCost(targets)
	// With more parts than targets, target k (costliest first) goes to
	// part k and the other parts get nothing: dealing over as many parts
	// as there are targets gives the same answer, without N counters for
	// an N as large as a flag allows.
	parts := min(s.count, len(targets))
	if s.index > parts {
		return targets[:0:0]
	}
	load := make([]int64, parts)
	mine := make([]bool, len(targets))
	for _, i := range order {
		least := 0
		for k := 1; k < parts; k++ {
			if load[k] < load[least] {
				least = k
			}
		}
		load[least] += cost[i]
		mine[i] = least == s.index-1
	}
	out := targets[:0:0]
	for i, t := range targets {
		if mine[i] {
			out = append(out, t)
		}
	}
	return out
}

// byCost returns the indices of targets costliest first (ties by path,
// then kind) and each target's cost.
func byCost(targets []discover.Target) (order []int, cost []int64) {
	order = make([]int, len(targets))
	for i := range order {
		order[i] = i
	}
	cost = make([]int64, len(targets))
	for i, t := range targets {
		cost[i] = targetCost(t)
	}
	sort.SliceStable(order, func(a, b int) bool {
		ta, tb := targets[order[a]], targets[order[b]]
		if cost[order[a]] != cost[order[b]] {
			return cost[order[a]] > cost[order[b]]
		}
		if ta.Unit.Path != tb.Unit.Path {
			return ta.Unit.Path < tb.Unit.Path
		}
		return ta.Kind < tb.Kind
	})
	return order, cost
}

// targetCost estimates what scanning a target costs, from what discovery
// knows without reading more: the bytes of its files, or the size of a
// file it did not keep the bytes of. Directory units discovery did not
// read (a cloud assembly) and images count as large.
func targetCost(t discover.Target) int64 {
	const unread = 1 << 20
	switch {
	case t.Unit.Content != nil:
		return int64(len(t.Unit.Content)) + 1
	case t.Unit.Size > 0:
		return t.Unit.Size + 1
	case len(t.Unit.Files) > 0:
		var n int64 = 1
		for _, f := range t.Unit.Files {
			n += int64(len(t.Unit.Contents[f]))
		}
		return n
	case t.Kind == kindImageRef || t.Kind == kindImageTar || t.Kind == kindOCILayout:
		return 16 * unread
	default:
		return unread
	}
}
