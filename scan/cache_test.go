package scan

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/suppress"
)

// mapCache keeps records in memory, as JSON like the real one.
type mapCache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

func (c *mapCache) Cacheable(t discover.Target) bool { return t.Kind == "fake" }

func (c *mapCache) Get(_ context.Context, t discover.Target) (*Record, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.entries[c.Key(t)]
	if !ok {
		return nil, false
	}
	var rec Record
	if err := json.Unmarshal(b, &rec); err != nil {
		panic(err)
	}
	return &rec, true
}

func (c *mapCache) Key(t discover.Target) string { return t.Unit.Path + string(t.Unit.Content) }

func (c *mapCache) Put(_ context.Context, _ discover.Target, key string, rec *Record, _ []srcfs.Dep) {
	b, err := json.Marshal(rec)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = b
}

// Targets holding a secret, or whose messages another target's secret
// changes, are not kept; the others are, and replaying them gives the
// result a fresh scan gives.
func TestCacheKeepsNoSecretAndReplaysAlike(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{Builtin: fstest.MapFS{"t.rego": {Data: []byte(rule)}}})
	if err != nil {
		t.Fatal(err)
	}
	targets := []discover.Target{
		{Kind: "fake", Unit: scanners.Unit{Path: "c.yaml", Content: []byte("fail")}},
		{Kind: "fake", Unit: scanners.Unit{Path: "b.yaml", Content: []byte("x")}},
		{Kind: "fake", Unit: scanners.Unit{Path: "a.yaml", Content: []byte("hunter2hunter2")}},
		{Kind: "fake", Unit: scanners.Unit{Path: "n.yaml", Content: []byte("ok")}},
	}
	cache := &mapCache{entries: map[string][]byte{}}
	waivers := func() *suppress.Waivers {
		return suppress.New([]config.Ignore{{ID: "t-secret", Paths: []string{"n.yaml"}, Reason: "test value"}}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	opts := Options{Engine: eng, Scanners: map[string]scanners.Scanner{"fake": fakeScanner{}}, Workers: 2, Cache: cache, Release: true}
	opts.Waivers = waivers()
	// Released as they are scanned: the entries are still kept under the
	// keys of what the targets held.
	scanned := slices.Clone(targets)
	fresh := Run(ctx, scanned, opts)
	for _, tg := range scanned {
		if tg.Unit.Content != nil {
			t.Errorf("%s: contents not released", tg.Unit.Path)
		}
	}
	if len(cache.entries) != 2 {
		t.Fatalf("kept %d entries, want c.yaml's and n.yaml's", len(cache.entries))
	}
	for k, b := range cache.entries {
		if strings.Contains(string(b), "hunter2") {
			t.Errorf("entry %s holds the secret: %s", k, b)
		}
	}
	hits := Lookup(ctx, targets, cache, 2)
	if len(hits) != 2 || hits[0] == nil || hits[3] == nil {
		t.Fatalf("hits = %v", hits)
	}
	opts.Waivers, opts.Hits = waivers(), hits
	again := Run(ctx, slices.Clone(targets), opts)
	if !reflect.DeepEqual(fresh, again) {
		t.Errorf("replayed result differs:\nfresh %+v\nagain %+v", fresh, again)
	}
	var suppressed int
	for _, f := range again.Findings {
		if f.Location.File == "n.yaml" && f.Suppressed != nil && f.Suppressed.Reason == "test value" {
			suppressed++
		}
	}
	if suppressed != 1 {
		t.Errorf("the waiver was not applied to the replayed finding: %+v", again.Findings)
	}
	if got := (Hits{1: &Record{}}).Misses(targets); len(got) != 3 || got[0].Unit.Path != "c.yaml" {
		t.Errorf("misses = %+v", got)
	}
}
