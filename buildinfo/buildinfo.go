// Package buildinfo says which tollgate is running: its version, the commit
// it was built from, and a digest of the built-in policy set, so a report,
// a bug or a pinned release can name exactly the rules that decided.
//
// The version and commit are stamped by the release build (-ldflags -X);
// the policy digest is computed from the embedded rule files at run time,
// so it can never disagree with the rules the binary actually loads.
package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/tollgate-dev/tollgate/checksum/tree"
)

// DevVersion is the version of a build nobody stamped.
const DevVersion = "0.0.0-dev"

// Info describes one build of tollgate.
type Info struct {
	Version string
	// Commit is the full git commit, or "" when unknown.
	Commit string
	// Policies is "sha256:" and the PolicyDigest of the built-in rules.
	Policies string
	// Go is the toolchain, Platform the GOOS/GOARCH it runs as.
	Go       string
	Platform string
}

// Read assembles the Info of the running binary. version and commit are
// what the build stamped (either may be empty); when unstamped, the module
// version and the VCS revision Go recorded are used. rules is the embedded
// policy file system.
func Read(version, commit string, rules fs.FS) (Info, error) {
	version = Version(version)
	bi, ok := debug.ReadBuildInfo()
	if commit == "" && ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				commit = s.Value
			}
		}
	}
	digest, err := PolicyDigest(rules)
	if err != nil {
		return Info{}, err
	}
	return Info{
		Version:  version,
		Commit:   commit,
		Policies: "sha256:" + digest,
		Go:       runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}, nil
}

// Version is the stamped version, else the module version `go install`
// recorded, else DevVersion.
func Version(stamped string) string {
	if stamped != "" {
		return stamped
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return DevVersion
}

// String is what `tollgate version` prints: the first line stays
// "tollgate VERSION", which scripts already read.
func (i Info) String() string {
	commit := i.Commit
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("tollgate %s\ncommit:   %s\npolicies: %s\ngo:       %s %s\n", i.Version, commit, i.Policies, i.Go, i.Platform)
}

// PolicyDigest is the lowercase hex checksum (docs/checksum.md) of the
// directory tree the rule files form: every .rego file of rules except the
// *_test.rego files, which the engine never loads. It equals what
// `tollgate checksum write` records for a directory holding just those
// files, and the shell can recompute it (README, Releases).
func PolicyDigest(rules fs.FS) (string, error) {
	var entries []tree.Entry
	err := fs.WalkDir(rules, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		b, err := fs.ReadFile(rules, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		entries = append(entries, tree.Entry{Path: p, Mode: tree.File, SHA256: hex.EncodeToString(sum[:])})
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("policy digest: %w", err)
	}
	if len(entries) == 0 {
		return "", fmt.Errorf("policy digest: no rule files")
	}
	tree.Sort(entries)
	return tree.Sum(entries), nil
}
