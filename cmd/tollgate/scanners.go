package main

import (
	"fmt"
	"sort"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cdk"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/scanners/files"
	"github.com/tollgate-dev/tollgate/scanners/terraform"
)

// scannerSet holds the inputs scanners need from flags and configuration.
type scannerSet struct {
	buildArgs map[string]string
	varFiles  []string
	vars      map[string]string
	strict    bool
	// mirrors are Terraform provider mirrors whose packages are verified
	// against each root module's lock file.
	mirrors []string
	// fileRoot bounds Terraform's file() functions: the working directory,
	// so a module may read siblings of the scanned tree but nothing above.
	fileRoot string
	// limits bound each kind of file read (zero: the defaults).
	limits scanners.Limits
	// scanRoots are the paths given to scan; CloudFormation reads nested
	// stack templates only below them.
	scanRoots []string
}

// build returns the scanner for each kind discovery produces.
func (s scannerSet) build() map[string]scanners.Scanner {
	lim := s.limits.WithDefaults()
	df := &dockerfile.Scanner{BuildArgs: s.buildArgs, MaxFileSize: lim.Dockerfile}
	return map[string]scanners.Scanner{
		discover.KindCloudFormation: &cloudformation.Scanner{MaxFileSize: lim.CloudFormation, Roots: s.scanRoots},
		discover.KindDockerfile:     df,
		discover.KindCDK:            cdk.Scanner{Dockerfile: df, Limits: lim},
		discover.KindTerraform: terraform.Scanner{Opts: terraform.Options{
			VarFiles:        s.varFiles,
			Vars:            s.tfVars(),
			Strict:          s.strict,
			FileRoot:        s.fileRoot,
			MaxFileSize:     lim.Terraform,
			ProviderMirrors: s.mirrors,
		}},
		discover.KindTerraformPlan: terraform.PlanScanner{MaxFileSize: lim.TerraformPlan, MaxConfigSize: lim.Terraform},
		discover.KindFiles:         files.Scanner{},
	}
}

// fileLimits applies the configuration's max_file_size, then the
// --max-file-size flags, to the default limits.
func fileLimits(fromConfig config.FileSizes, flags []string) (scanners.Limits, error) {
	lim := scanners.DefaultLimits()
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

// moduleRoots keeps the Terraform directories that are not called as a
// local module by another scanned directory: a called module is evaluated
// with its caller's inputs, not a second time with unknown ones.
func (s scannerSet) moduleRoots(dirs []string, files map[string]map[string][]byte) []string {
	calls := make(map[string][]string, len(dirs))
	for _, d := range dirs {
		calls[d] = terraform.ModuleCalls(d, files[d])
	}
	return terraform.FilterRoots(dirs, calls)
}

// tfVars renders -var style assignments in a stable order.
func (s scannerSet) tfVars() []string {
	out := make([]string, 0, len(s.vars))
	for k, v := range s.vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
