// Package kinds is the one list of input kinds tollgate scans, in
// discovery's priority order. Discovery, the engine's format list and a
// run's scanner table are all built from it: a new input kind is a
// scanners/<kind> folder exporting a scanners.Kind, plus a line here.
package kinds

import (
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cdk"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/scanners/files"
	"github.com/tollgate-dev/tollgate/scanners/image"
	"github.com/tollgate-dev/tollgate/scanners/terraform"
)

// All returns the kinds in priority order: a directory that is a cloud
// assembly is one unit before its files are looked at; a file is claimed
// by the first kind whose name matcher (and content matcher, when it has
// one) accepts it; files no kind claims go to the fallback.
func All() []scanners.Kind {
	return []scanners.Kind{
		cdk.Kind,
		terraform.Kind,
		dockerfile.Kind,
		cloudformation.Kind,
		terraform.PlanKind,
		image.Kind,
		files.Kind,
	}
}

// Formats are the document formats the kinds produce: what rules may
// declare in their METADATA.
func Formats() []string { return scanners.Formats(All()) }

// Schemas are the JSON Schemas of the input documents, by format.
func Schemas() map[string][]byte { return scanners.Schemas(All()) }
