package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/resultcache"
)

// ResultCache asks a run to keep each target's findings between runs
// (package resultcache).
type ResultCache struct {
	// Dir is the results folder (CacheRoot's results).
	Dir string
	// MaxSize bounds it (0: resultcache.DefaultMaxSize).
	MaxSize int64
	// Build identifies the tollgate binary (resultcache.BuildID).
	Build string
	// Note receives debug notes; nil drops them.
	Note func(format string, args ...any)
}

// CacheRoot is the folder tollgate keeps what it caches in: remote policy
// bundles in policies/, scan results in results/, Terraform modules in
// modules/. It is the flag's, else the configuration's cache_dir, else
// the user cache directory's tollgate.
func CacheRoot(flag string, cfg *config.Config) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if cfg != nil && cfg.CacheDir != "" {
		return cfg.CacheDir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (%w): give --cache-dir", err)
	}
	return filepath.Join(dir, "tollgate"), nil
}

// Folders of the cache root.
const (
	CachePolicies = "policies"
	CacheResults  = "results"
	CacheModules  = "modules"
)

// openResultCache opens the plan's results cache for this run, or returns
// nil when the run is not cached: one that records what it read for an
// attestation, or reads the git index. A cache that cannot be opened is a
// note; the run scans everything.
func openResultCache(p Plan, cfg *config.Config, set ScannerSet) *resultcache.Cache {
	rc := p.ResultCache
	if rc == nil || p.Coverage != nil || p.Staged {
		return nil
	}
	settings := set.Settings()
	ctxBytes, err := resultcache.RunContext{
		Build:    rc.Build,
		Policies: p.Engine.PolicyDigest().Digest,
		Rules:    p.Engine.Rules(),
		Disabled: p.Engine.Disabled(),
		Config:   cacheConfig(cfg),
		Scanners: settings,
		Images:   struct{ Platform, ExpectDigest string }{p.Images.Platform, p.Images.ExpectDigest},
	}.Bytes()
	if err != nil {
		note(rc, "%v; scanning without it", err)
		return nil
	}
	cacheable := map[string]bool{}
	for _, k := range kinds.All() {
		cacheable[k.Name] = k.Cacheable != nil && k.Cacheable(settings)
	}
	images := imagesCacheable(cfg)
	c, err := resultcache.Open(resultcache.Options{
		Dir:     rc.Dir,
		MaxSize: rc.MaxSize,
		Context: ctxBytes,
		Cacheable: func(t discover.Target) bool {
			if t.Kind == kindImageRef {
				return images && pinned(t.Unit.Path)
			}
			return cacheable[t.Kind]
		},
		// A registry that did not answer says nothing about the next run.
		Volatile: func(kind string) bool { return kind == kindImageRef },
		Note:     rc.Note,
	})
	if err != nil {
		note(rc, "%v; scanning without it", err)
		return nil
	}
	return c
}

func note(rc *ResultCache, format string, args ...any) {
	if rc.Note != nil {
		rc.Note(format, args...)
	}
}

// cacheConfig is the configuration as far as it can change what a target
// produces: waivers, the baseline, the threshold, exclusions and cache
// settings apply before or after the cache, so editing them keeps the
// entries.
func cacheConfig(cfg *config.Config) config.Config {
	c := *cfg
	c.FailOn = ""
	c.Ignore = nil
	c.Baseline = ""
	c.ReportUnusedSuppressions = false
	c.Exclude = nil
	c.CacheDir = ""
	c.NoCache = false
	c.CacheMaxSize = ""
	return c
}

// imagesCacheable says whether images named by digest may be cached: such
// an image is content-addressed, so its findings depend only on the run's
// settings, unless the run asks for more than the image: cosign signatures
// (require_signed_images, which can be added at any time) or approved base
// images named by tag or read from local files.
func imagesCacheable(cfg *config.Config) bool {
	if len(cfg.RequireSignedImages) > 0 {
		return false
	}
	for _, a := range cfg.ApprovedBaseImages {
		if a.Tarball != "" || a.Layout != "" || (a.Image != "" && !pinned(a.Image)) {
			return false
		}
	}
	return true
}

// pinned says whether an image reference names a digest; a tag can move.
func pinned(ref string) bool { return strings.Contains(ref, "@sha256:") }
