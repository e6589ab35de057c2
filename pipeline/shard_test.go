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

// More parts than targets: each target is a part of its own, the costliest
// in part 1, and the parts past the targets are empty — for an N as large
// as the flag accepts, without allocating anything per part.
func TestShardsMoreThanTargets(t *testing.T) {
	var targets []discover.Target
	for i, size := range []int{300, 10, 2000, 10, 50} {
		targets = append(targets, discover.Target{Kind: "cloudformation", Unit: scanners.Unit{Path: fmt.Sprintf("t%d.yaml", i), Content: []byte(strings.Repeat("x", size))}})
	}
	// By cost: t2 (2000), t0 (300), t4 (50), then t1 and t3 (10) by path.
	want := []string{"t2.yaml", "t0.yaml", "t4.yaml", "t1.yaml", "t3.yaml"}
	for _, n := range []int{5, 8, 1 << 40} {
		for k, path := range want {
			got := Shard{index: k + 1, count: n}.Keep(targets)
			if len(got) != 1 || got[0].Unit.Path != path {
				t.Errorf("part %d of %d: %v, want %s", k+1, n, paths(got), path)
			}
		}
		for _, k := range []int{len(want) + 1, n} {
			if k > n || k <= len(want) {
				continue
			}
			if got := (Shard{index: k, count: n}).Keep(targets); len(got) != 0 {
				t.Errorf("part %d of %d: %v, want nothing", k, n, paths(got))
			}
		}
	}
}

func paths(targets []discover.Target) []string {
	var out []string
	for _, t := range targets {
		out = append(out, t.Unit.Path)
	}
	return out
}

// A text file whose bytes discovery did not keep costs its size, not a
// flat guess: 454 READMEs, changelogs and scripts estimated at 1 MiB each
// were once most of a shard's estimated cost, so parts were balanced by
// how many such files they got, not by how much text.
func TestShardsCostUnkeptFilesBySize(t *testing.T) {
	big := discover.Target{Kind: "files", Unit: scanners.Unit{Path: "CHANGELOG.md", Size: 400000}}
	var targets []discover.Target
	targets = append(targets, big)
	for i := range 4 {
		targets = append(targets, discover.Target{Kind: "files", Unit: scanners.Unit{Path: fmt.Sprintf("note%d.md", i), Size: 1000}})
	}
	s, err := ParseShard("1/2")
	if err != nil {
		t.Fatal(err)
	}
	part := s.Keep(targets)
	if len(part) != 1 || part[0].Unit.Path != big.Unit.Path {
		var got []string
		for _, tg := range part {
			got = append(got, tg.Unit.Path)
		}
		t.Errorf("part 1 holds %v; want the 400 kB changelog alone, the four 1 kB notes in part 2", got)
	}
}
