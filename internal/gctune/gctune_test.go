package gctune

import "testing"

func TestNextRegime(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		from int
		live uint64
		want int
	}{
		{0, 10 * mib, 0},
		{0, 100 * mib, 0},          // exactly two thirds of 150 MiB stays
		{0, 100*mib + 1, 1},        // past it: the monorepo regime
		{0, 171 * mib, 2},          // past two thirds of 256 MiB too: straight to the last
		{1, 10 * mib, 1},           // never back: the heap shrinks as a scan ends
		{2, 1 << 40, 2},            // the last regime has no limit to pass
		{1, 170*mib + 680*1024, 1}, // just under two thirds of 256 MiB (170.67 MiB)
	} {
		if got := Next(Regimes, c.from, c.live); got != c.want {
			t.Errorf("Next(from %d, live %d MiB) = %d, want %d", c.from, c.live/mib, got, c.want)
		}
	}
}

func TestRegimesLoosenInOrder(t *testing.T) {
	if last := Regimes[len(Regimes)-1]; last.Limit != 0 {
		t.Fatalf("the last regime has limit %d: a heap past it would collect back to back", last.Limit)
	}
	for i := 1; i < len(Regimes)-1; i++ {
		if Regimes[i].Limit <= Regimes[i-1].Limit {
			t.Errorf("regime %d's limit %d is not above regime %d's %d", i, Regimes[i].Limit, i-1, Regimes[i-1].Limit)
		}
	}
}
