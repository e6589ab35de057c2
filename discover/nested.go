package discover

import (
	"path"

	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
)

// dropNestedTemplates removes the CloudFormation templates that another
// discovered template nests (a local TemplateURL): the CloudFormation
// scanner follows them from their parent and scans them with the
// parameters the parent passes, so scanning them alone as well would report
// them twice, once with defaults that are not what is deployed. Templates
// that only nest each other (a cycle with no outside parent) are kept, so
// the cycle is reported rather than nothing scanned.
func dropNestedTemplates(targets []Target) []Target {
	isCFN := map[string]bool{}
	for _, t := range targets {
		if t.Kind == KindCloudFormation {
			isCFN[path.Clean(t.Unit.Path)] = true
		}
	}
	children := map[string][]string{}
	nested := map[string]bool{}
	for _, t := range targets {
		if t.Kind != KindCloudFormation {
			continue
		}
		p := path.Clean(t.Unit.Path)
		for _, c := range cloudformation.NestedTemplates(p, t.Unit.Content) {
			if isCFN[c] && c != p {
				children[p] = append(children[p], c)
				nested[c] = true
			}
		}
	}
	if len(nested) == 0 {
		return targets
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
	out := targets[:0]
	for _, t := range targets {
		if t.Kind == KindCloudFormation && reached[path.Clean(t.Unit.Path)] {
			continue
		}
		out = append(out, t)
	}
	return out
}
