package main

import (
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
)

// scannerSet holds the inputs scanners need from flags and configuration.
type scannerSet struct {
	buildArgs map[string]string
	varFiles  []string
	vars      map[string]string
	strict    bool
}

// build returns the scanner for each kind discovery produces.
func (s scannerSet) build() map[string]scanners.Scanner {
	return map[string]scanners.Scanner{
		discover.KindCloudFormation: &cloudformation.Scanner{},
		discover.KindDockerfile:     &dockerfile.Scanner{BuildArgs: s.buildArgs},
	}
}

// moduleRoots keeps the Terraform directories that are not called as a
// local module by another scanned directory.
func (s scannerSet) moduleRoots(dirs []string) []string { return dirs }
