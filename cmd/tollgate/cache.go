package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/resultcache"
	"github.com/tollgate-dev/tollgate/scanners"
)

// cacheFlags control the results cache of a scan; the cache root itself
// is --cache-dir (remoteFlags), which every command that fetches policies
// shares.
type cacheFlags struct {
	noCache bool
	maxSize string
}

func (c *cacheFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&c.noCache, "no-cache", false, "scan every target afresh and keep nothing in the results cache (also no_cache: in the configuration)")
	fs.StringVar(&c.maxSize, "cache-max-size", "", "bound the results cache to `SIZE`, evicting the least recently used entries (default cache_max_size in the configuration, else 256MiB)")
}

// debugEnv makes the results cache say on stderr why an entry was not
// used (changed inputs, a corrupt or foreign entry).
const debugEnv = "TOLLGATE_DEBUG"

// resultCache maps the flags and configuration onto the plan's cache;
// nil when it is off.
func (c cacheFlags) resultCache(root string, cfg *config.Config, stderr io.Writer) (*pipeline.ResultCache, error) {
	if c.noCache || cfg.NoCache {
		return nil, nil
	}
	size := c.maxSize
	from := "--cache-max-size"
	if size == "" {
		size, from = cfg.CacheMaxSize, "cache_max_size"
	}
	var max int64
	if size != "" {
		n, err := scanners.ParseSize(size)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%s %q: want a size such as 256MiB", from, size)
		}
		max = n
	}
	root, err := pipeline.CacheRoot(root, cfg)
	if err != nil {
		return nil, err
	}
	build, err := resultcache.BuildID(version, commit)
	if err != nil {
		return nil, err
	}
	rc := &pipeline.ResultCache{Dir: filepath.Join(root, pipeline.CacheResults), MaxSize: max, Build: build}
	if os.Getenv(debugEnv) != "" {
		rc.Note = func(format string, args ...any) {
			fmt.Fprintf(stderr, "tollgate: debug: "+format+"\n", args...)
		}
	}
	return rc, nil
}
