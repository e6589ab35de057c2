// Package formats is the one list of output formats, in the order --format's
// help shows them.
package formats

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/codequality"
	"github.com/tollgate-dev/tollgate/report/github"
	"github.com/tollgate-dev/tollgate/report/gitlabsast"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
	"github.com/tollgate-dev/tollgate/report/junit"
	"github.com/tollgate-dev/tollgate/report/markdown"
	"github.com/tollgate-dev/tollgate/report/sarif"
	"github.com/tollgate-dev/tollgate/report/text"
)

// All lists the output formats.
func All() []report.Format {
	return []report.Format{
		text.Format,
		jsonreport.Format,
		sarif.Format,
		github.Format,
		markdown.Format,
		junit.Format,
		codequality.Format,
		gitlabsast.Format,
	}
}

// Lookup finds a format by name.
func Lookup(name string) (report.Format, error) {
	for _, f := range All() {
		if f.Name == name {
			return f, nil
		}
	}
	return report.Format{}, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Names(), ", "))
}

// Names are the formats' names.
func Names() []string {
	var out []string
	for _, f := range All() {
		out = append(out, f.Name)
	}
	return out
}

// Help lists the formats, one per line with its description, for the
// commands' usage text.
func Help() string {
	var b strings.Builder
	for _, f := range All() {
		fmt.Fprintf(&b, "  %-20s %s\n", f.Name, f.Description)
	}
	return b.String()
}
