package pipeline

import (
	"fmt"
	"hash/fnv"
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

// Keep picks the targets of this shard by a hash of their path, so every
// job agrees without talking to the others and a target's shard does not
// change when unrelated files are added.
func (s Shard) Keep(targets []discover.Target) []discover.Target {
	if s.count <= 1 {
		return targets
	}
	out := targets[:0:0]
	for _, t := range targets {
		h := fnv.New32a()
		h.Write([]byte(t.Kind + "\x00" + t.Unit.Path))
		if int(h.Sum32()%uint32(s.count)) == s.index-1 {
			out = append(out, t)
		}
	}
	return out
}
