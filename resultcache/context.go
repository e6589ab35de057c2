package resultcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/tollgate-dev/tollgate/buildinfo"
)

// RunContext is what of a run can change any target's findings or
// diagnostics. Whatever is applied after the cache (waivers, the
// baseline, the gate's threshold, governance) is left out, so changing it
// keeps the entries.
type RunContext struct {
	// Build identifies the tollgate binary (BuildID).
	Build string `json:"build"`
	// Policies is the policy set's digest (engine.PolicyDigest): the
	// embedded rules, user policies and bundle data.
	Policies string `json:"policies"`
	// Rules are the rules the engine evaluates and those it leaves out
	// (an organisation's locked rule runs although the configuration
	// disables it, which the policy digest does not show).
	Rules    any `json:"rules"`
	Disabled any `json:"disabled"`
	// Config is the effective configuration without what applies after
	// the cache.
	Config any `json:"config"`
	// Scanners are the settings every scanner reads (flags and
	// configuration: limits, build args, Terraform variables and var
	// files, roots).
	Scanners any `json:"scanners"`
	// Images are the image settings that change findings (platform,
	// expected digest).
	Images any `json:"images,omitempty"`
}

// Bytes is the context as key material.
func (rc RunContext) Bytes() ([]byte, error) {
	b, err := json.Marshal(rc)
	if err != nil {
		return nil, fmt.Errorf("results cache context: %w", err)
	}
	return b, nil
}

// BuildID identifies the running tollgate for cache keys. A release
// (stamped version and commit, from an unmodified tree) is its version
// and commit; any other build is the digest of its own executable, since
// a development build's version says nothing about its code.
func BuildID(version, commit string) (string, error) {
	if version != "" && version != buildinfo.DevVersion && commit != "" && !modified() {
		return fmt.Sprintf("%s %s %s %s/%s", version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH), nil
	}
	return executableDigest()
}

// executableDigest hashes the running binary once per process: it cannot
// change under a running process, and a front end that scans many times
// (tests, a long-running server) should not hash it each time.
var executableDigest = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("results cache: identifying this build: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("results cache: identifying this build: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("results cache: identifying this build: %w", err)
	}
	return "exe sha256:" + hex.EncodeToString(h.Sum(nil)), nil
})

// modified says whether Go recorded the build's tree as modified.
func modified() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return true
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.modified" {
			return s.Value == "true"
		}
	}
	return false
}
