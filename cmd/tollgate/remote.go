package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/policysource"
	"github.com/tollgate-dev/tollgate/scanners"
)

// remoteFlags say how https:// and oci:// policies are fetched.
type remoteFlags struct {
	cacheDir, maxSize string
}

func (r *remoteFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&r.cacheDir, "cache-dir", "", "tollgate's cache folder `DIR`: downloaded https:// and oci:// policy bundles in DIR/policies, scan results in DIR/results (default: cache_dir in the configuration, else the user cache directory's tollgate)")
	fs.StringVar(&r.maxSize, "max-bundle-size", "", "largest remote policy bundle downloaded, `SIZE` (bytes, 16MB, 64MiB; default 64MiB)")
}

func (r remoteFlags) options() (policysource.Options, error) {
	var o policysource.Options
	if r.cacheDir != "" {
		o.CacheDir = filepath.Join(r.cacheDir, pipeline.CachePolicies)
	}
	if r.maxSize != "" {
		n, err := scanners.ParseSize(r.maxSize)
		if err != nil || n <= 0 {
			return o, fmt.Errorf("--max-bundle-size %q: want a size such as 64MiB", r.maxSize)
		}
		o.MaxSize = n
	}
	return o, nil
}

// printWarnings shows the engine's warnings (a remote bundle served from
// the cache) on commands whose output is no scan report.
func (e *environment) printWarnings(eng *engine.Engine) {
	for _, w := range eng.Warnings() {
		fmt.Fprintf(e.stderr, "tollgate: warning: %s\n", w.Message)
	}
}
