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
		{0, 75 * mib, 0},   // exactly the first regime's Leave stays
		{0, 75*mib + 1, 1}, // past it: the monorepo regime
		{0, 171 * mib, 2},  // past the second's too: straight to the last
		{1, 10 * mib, 1},   // never back: the heap shrinks as a scan ends
		{2, 1 << 40, 2},    // the last regime has nothing to leave for
		{1, 170 * mib, 1},  // the second regime's Leave
		{1, 170*mib + 1, 2},
	} {
		if got := Next(Regimes, c.from, c.live); got != c.want {
			t.Errorf("Next(from %d, live %d MiB) = %d, want %d", c.from, c.live/mib, got, c.want)
		}
	}
}

func TestRegimesLoosenInOrder(t *testing.T) {
	if last := Regimes[len(Regimes)-1]; last.Limit != 0 || last.Leave != 0 {
		t.Fatalf("the last regime has limit %d: a heap past it would collect back to back", last.Limit)
	}
	for i, r := range Regimes[:len(Regimes)-1] {
		// Leaving at two thirds of the limit or later leaves the
		// collector less room than half the live heap.
		if r.Leave <= 0 || r.Leave > r.Limit*2/3 {
			t.Errorf("regime %d leaves at %d MiB live, limit %d MiB", i, r.Leave>>20, r.Limit>>20)
		}
		if i > 0 && (r.Limit <= Regimes[i-1].Limit || r.Leave <= Regimes[i-1].Leave) {
			t.Errorf("regime %d does not loosen regime %d", i, i-1)
		}
	}
}
