package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Shards split targets by cost: one huge target gets a shard of its own
// instead of sharing one with half of the others, every target lands in
// exactly one shard, and the split does not depend on the input order.
func TestShardsBalanceByCost(t *testing.T) {
	var targets []discover.Target
	targets = append(targets, discover.Target{Kind: "cloudformation", Unit: scanners.Unit{Path: "huge.yaml", Content: []byte(strings.Repeat("x", 10000))}})
	for i := range 10 {
		targets = append(targets, discover.Target{Kind: "cloudformation", Unit: scanners.Unit{Path: fmt.Sprintf("t%02d.yaml", i), Content: []byte(strings.Repeat("x", 1000))}})
	}
	reversed := make([]discover.Target, len(targets))
	for i, tg := range targets {
		reversed[len(targets)-1-i] = tg
	}
	seen := map[string]int{}
	for k := 1; k <= 2; k++ {
		s, err := ParseShard(fmt.Sprintf("%d/2", k))
		if err != nil {
			t.Fatal(err)
		}
		part := s.Keep(targets)
		again := s.Keep(reversed)
		if len(part) != len(again) {
			t.Fatalf("shard %d depends on the order of the targets", k)
		}
		var cost int64
		for _, tg := range part {
			seen[tg.Unit.Path]++
			cost += targetCost(tg)
		}
		if cost > 10001+1001 {
			t.Errorf("shard %d costs %d: the huge target shares a shard with more than one other", k, cost)
		}
	}
	if len(seen) != len(targets) {
		t.Fatalf("targets covered: %v", seen)
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s in %d shards", p, n)
		}
	}
}
