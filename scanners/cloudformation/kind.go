package cloudformation

import (
	"context"
	_ "embed"

	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Kind is CloudFormation templates: JSON or YAML files that look like one.
var Kind = scanners.Kind{
	Name:    "cloudformation",
	Label:   "CloudFormation template",
	Formats: []string{document.FormatCloudFormation},
	Schemas: map[string][]byte{document.FormatCloudFormation: schema},
	Match: scanners.Match{
		Name:    isDataFile,
		Content: Detect,
		Select:  dropNestedTemplates,
	},
	MaxFileSize: MaxFileSize,
	New: func(s scanners.Settings) scanners.Scanner {
		return &Scanner{MaxFileSize: s.Limits.Get("cloudformation", MaxFileSize), Roots: s.Roots}
	},
	// Nested templates are read through the unit's FS; whether one is
	// inside the roots is judged by its real path, which the record keeps.
	Cacheable: scanners.Always,
}

// MaxFileSize is the default largest template read. CloudFormation
// accepts templates of at most 1 MB, but SAM and CDK templates before
// packaging inline code and can be several times that.
const MaxFileSize = 16 << 20

// isDataFile is a file a template can be written as.
func isDataFile(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".json", ".yaml", ".yml", ".template":
		return true
	}
	return false
}

// dropNestedTemplates removes the templates that another discovered
// template nests (a local TemplateURL): the scanner follows them from their
// parent and scans them with the parameters the parent passes, so scanning
// them alone as well would report them twice, once with defaults that are
// not what is deployed. Templates that only nest each other (a cycle with no
// outside parent) are kept, so the cycle is reported rather than nothing
// scanned.
func dropNestedTemplates(_ context.Context, units []scanners.Unit) ([]scanners.Unit, []document.Diagnostic) {
	isCFN := make(map[string]bool, len(units))
	for _, u := range units {
		isCFN[path.Clean(u.Path)] = true
	}
	children := map[string][]string{}
	nested := map[string]bool{}
	for _, u := range units {
		p := path.Clean(u.Path)
		for _, c := range NestedTemplates(p, u.Content) {
			if isCFN[c] && c != p {
				children[p] = append(children[p], c)
				nested[c] = true
			}
		}
	}
	if len(nested) == 0 {
		return units, nil
	}
	reached := map[string]bool{}
	var visit func(p string)
	visit = func(p string) {
		for _, c := range children[p] {
			if !reached[c] {
				reached[c] = true
				visit(c)
			}
		}
	}
	for p := range isCFN {
		if !nested[p] {
			visit(p)
		}
	}
	out := units[:0:0]
	for _, u := range units {
		if !reached[path.Clean(u.Path)] {
			out = append(out, u)
		}
	}
	return out, nil
}

// schema is the JSON Schema of the input documents of the kind.
//
//go:embed schema.json
var schema []byte
