package resultcache

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
)

func open(t *testing.T, dir string, context string, max int64) *Cache {
	t.Helper()
	c, err := Open(Options{Dir: dir, MaxSize: max, Context: []byte(context), Cacheable: func(t discover.Target) bool { return t.Kind == "cloudformation" }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func target(dir, name, content string) discover.Target {
	return discover.Target{Kind: "cloudformation", Unit: scanners.Unit{Path: filepath.ToSlash(filepath.Join(dir, name)), Content: []byte(content)}}
}

func record(msg string) *scan.Record {
	return &scan.Record{Files: 1, Docs: []scan.DocRecord{{File: "t.yaml", Findings: []finding.Finding{{RuleID: "r", Message: msg, Severity: finding.High, Location: document.Range{File: "t.yaml", Line: 3, Column: 5}}}}}}
}

func TestKeyCoversContextPathAndBytes(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	c := open(t, filepath.Join(dir, "results"), "ctx-1", 0)
	tg := target(dir, "t.yaml", "a: 1")
	c.Put(ctx, tg, c.Key(tg), record("first"), nil)
	if rec, ok := c.Get(ctx, tg); !ok || rec.Docs[0].Findings[0].Message != "first" || rec.Docs[0].Findings[0].Location.Line != 3 {
		t.Fatalf("stored record not found: %+v %v", rec, ok)
	}
	for name, other := range map[string]discover.Target{
		"other bytes": target(dir, "t.yaml", "a: 2"),
		"other path":  target(dir, "u.yaml", "a: 1"),
		"other kind":  {Kind: "dockerfile", Unit: tg.Unit},
	} {
		if _, ok := c.Get(ctx, other); ok {
			t.Errorf("%s: hit", name)
		}
	}
	if _, ok := open(t, filepath.Join(dir, "results"), "ctx-2", 0).Get(ctx, tg); ok {
		t.Error("another run context (build, policies, configuration, settings) hit")
	}
	if st := c.Stats(); st.Hits != 1 || st.Misses != 3 || st.Stored != 1 {
		t.Errorf("stats = %+v", st)
	}
}

// An entry records what its scan read beyond the target; a change to any
// of it is a miss.
func TestDepsDecideHits(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	child := filepath.Join(dir, "child.yaml")
	if err := os.WriteFile(child, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	reads := srcfs.NewReads()
	var fsys *srcfs.FS
	rec := fsys.Recording(reads)
	if _, err := rec.ReadFile(ctx, child, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.Stat(filepath.Join(dir, "absent.yaml")); err == nil {
		t.Fatal("absent file exists")
	}
	deps, ok := reads.Deps(rec)
	if !ok || len(deps) != 3 {
		t.Fatalf("deps = %+v %v", deps, ok)
	}
	c := open(t, filepath.Join(dir, "results"), "ctx", 0)
	tg := target(dir, "t.yaml", "a: 1")
	c.Put(ctx, tg, c.Key(tg), record("m"), deps)
	if _, ok := c.Get(ctx, tg); !ok {
		t.Fatal("unchanged deps: miss")
	}
	if err := os.WriteFile(filepath.Join(dir, "absent.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(ctx, tg); ok {
		t.Error("a file that appeared: hit")
	}
	os.Remove(filepath.Join(dir, "absent.yaml"))
	if _, ok := c.Get(ctx, tg); !ok {
		t.Fatal("restored: miss")
	}
	if err := os.WriteFile(child, []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(ctx, tg); ok {
		t.Error("a changed read file: hit")
	}
}

func TestTrimEvictsLeastRecentlyUsed(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	c := open(t, dir, "ctx", 0)
	var paths []string
	for i, name := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		tg := target(dir, name, "x")
		c.Put(ctx, tg, c.Key(tg), record(strings.Repeat("m", 1000)), nil)
		p := c.path(c.Key(tg))
		paths = append(paths, p)
		// a is the oldest, c the newest.
		at := time.Now().Add(time.Duration(i-10) * time.Hour)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	// A hit makes a the most recently used.
	if _, ok := c.Get(ctx, target(dir, "a.yaml", "x")); !ok {
		t.Fatal("miss")
	}
	info, _ := os.Stat(paths[2])
	c.opts.MaxSize = 2*info.Size() + 10
	stale := filepath.Join(filepath.Dir(paths[0]), ".tmp-123")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * staleTemp)
	os.Chtimes(stale, old, old)
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		if _, err := os.Stat(paths[i]); (err == nil) != want {
			t.Errorf("entry %d kept = %v, want %v", i, err == nil, want)
		}
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale temporary file was kept")
	}
}

func TestUnwritableCacheIsNoError(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(Options{Dir: filepath.Join(file, "results")}); err == nil {
		t.Fatal("a cache below a file opened")
	}
	c := open(t, dir, "ctx", 0)
	var notes []string
	c.opts.Note = func(f string, a ...any) { notes = append(notes, f) }
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	c.Put(context.Background(), target(dir, "t.yaml", "x"), c.Key(target(dir, "t.yaml", "x")), record("m"), nil)
	if os.Geteuid() != 0 && (len(notes) != 1 || c.Stats().Stored != 0) {
		t.Errorf("a failed write: notes %v, stats %+v", notes, c.Stats())
	}
}

// FuzzEntry: whatever bytes an entry file holds, Get neither panics nor
// returns a record unless the entry is whole and for this target.
func FuzzEntry(f *testing.F) {
	dir := f.TempDir()
	c, err := Open(Options{Dir: dir, Context: []byte("ctx"), Cacheable: func(discover.Target) bool { return true }})
	if err != nil {
		f.Fatal(err)
	}
	tg := target(dir, "t.yaml", "x")
	c.Put(context.Background(), tg, c.Key(tg), record("m"), nil)
	good, err := os.ReadFile(c.path(c.Key(tg)))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":1}`))
	f.Add([]byte(`{"format":1,"key":"` + c.Key(tg) + `","deps":[{"op":"file","name":"/nonexistent","sum":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := c.path(c.Key(tg))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rec, ok := c.Get(context.Background(), tg)
		if ok && (rec == nil || !strings.Contains(string(b), c.Key(tg))) {
			t.Fatalf("hit on an entry without the target's key: %q", b)
		}
	})
}
