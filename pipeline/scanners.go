package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scanners"
)

// ScannerSet holds the inputs scanners need from flags and configuration.
type ScannerSet struct {
	BuildArgs map[string]string
	VarFiles  []string
	Vars      map[string]string
	Strict    bool
	// Mirrors are Terraform provider mirrors whose packages are verified
	// against each root module's lock file.
	Mirrors []string
	// FileRoot bounds Terraform's file() functions: the working directory,
	// so a module may read siblings of the scanned tree but nothing above.
	FileRoot string
	// Limits bound each kind of file read (names it lacks: the defaults).
	Limits scanners.Limits
	// ScanRoots are the paths given to scan; CloudFormation reads nested
	// stack templates only below them.
	ScanRoots []string
	// DownloadModules fetches Terraform registry and git modules into
	// ModuleCache ("" for the default).
	DownloadModules bool
	ModuleCache     string
	// RegionsRestricted: the configuration has allowed_regions.
	RegionsRestricted bool
}

// Settings are the values every kind's constructor reads.
func (s ScannerSet) Settings() scanners.Settings {
	return scanners.Settings{
		Limits:    s.Limits,
		BuildArgs: s.BuildArgs,
		VarFiles:  s.VarFiles,
		Vars:      s.tfVars(),
		Strict:    s.Strict,
		Mirrors:   s.Mirrors,
		FileRoot:  s.FileRoot,
		Roots:     s.ScanRoots,

		DownloadModules:   s.DownloadModules,
		ModuleCache:       s.ModuleCache,
		RegionsRestricted: s.RegionsRestricted,
	}
}

// Build returns the scanner of each input kind discovery produces.
func (s ScannerSet) Build() map[string]scanners.Scanner {
	return scanners.Scanners(kinds.All(), s.Settings())
}

// FileLimits applies the configuration's max_file_size, then the
// --max-file-size flags, to the default limits of kinds.All(): the names
// both accept are the kinds'.
func FileLimits(fromConfig config.FileSizes, flags []string) (scanners.Limits, error) {
	lim := scanners.DefaultLimits(kinds.All())
	for _, spec := range fromConfig.Specs() {
		if err := lim.Set(spec); err != nil {
			return lim, fmt.Errorf("config max_file_size: %w", err)
		}
	}
	for _, spec := range flags {
		if err := lim.Set(spec); err != nil {
			return lim, fmt.Errorf("--max-file-size: %w", err)
		}
	}
	return lim, nil
}

// tfVars renders -var style assignments in a stable order.
func (s ScannerSet) tfVars() []string {
	out := make([]string, 0, len(s.Vars))
	for k, v := range s.Vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// fileRoot is the directory Terraform's file() may read below: the working
// directory for relative scan paths, else the scanned directory itself.
func fileRoot(roots []string) string {
	if len(roots) == 1 && filepath.IsAbs(roots[0]) {
		if st, err := os.Stat(roots[0]); err == nil && !st.IsDir() {
			return filepath.ToSlash(filepath.Dir(roots[0]))
		}
		return filepath.ToSlash(filepath.Clean(roots[0]))
	}
	return "."
}
