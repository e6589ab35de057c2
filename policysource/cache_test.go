package policysource

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// A meta.json edited to name a file outside its entry, or no bundle file,
// is no cached copy: nothing outside the entry is read as a bundle.
func TestCacheMetaCannotPointOutsideItsEntry(t *testing.T) {
	v1 := testBundle(t, "v1")
	s := serveBundle(t, v1, `"v1"`)
	o := testOptions(t, &clock{t: time.Now()})
	first, _ := resolveOne(t, s.url, o, v1)
	outside := filepath.Join(t.TempDir(), "outside.tar.gz")
	if err := os.WriteFile(outside, v1, 0o600); err != nil {
		t.Fatal(err)
	}
	s.srv.Close()
	m := readMeta(t, o, s.url)
	for _, file := range []string{"../../" + filepath.Base(outside), outside, "meta.json", ""} {
		m.File = file
		b, _ := json.Marshal(m)
		if err := os.WriteFile(filepath.Join(filepath.Dir(first.Path), metaFile), b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Resolve(context.Background(), []string{s.url}, o)
		if err == nil || !strings.Contains(err.Error(), "names no bundle file") {
			t.Errorf("meta file %q: %v", file, err)
		}
	}
}

// Runs sharing a cache while the bundle changes under them each get a
// whole bundle, one of those served, and leave a consistent entry.
func TestConcurrentRunsShareACache(t *testing.T) {
	v1, v2 := testBundle(t, "v1"), testBundle(t, "v2")
	s := serveBundle(t, v1, `"v1"`)
	o := testOptions(t, &clock{t: time.Now()})
	o.Now = time.Now
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 8 {
				s.set(func(s *bundleServer) { s.body, s.etag = v2, `"v2"` })
			}
			res, err := Resolve(context.Background(), []string{s.url}, o)
			if err != nil {
				errs <- err
				return
			}
			b, err := os.ReadFile(res.Policies[0].Path)
			if err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(b, v1) && !bytes.Equal(b, v2) {
				errs <- os.ErrInvalid
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, ok, why := (cache{dir: o.CacheDir, now: time.Now}).load(cacheKey(s.url)); !ok {
		t.Fatalf("the entry is not whole after concurrent runs: %s", why)
	}
}
