package cloudformation

import (
	"sort"
	"strings"
	"sync"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/tollgate-dev/tollgate/document"
)

// resourceTypes is goformation's list of CloudFormation and SAM resource
// types, built on first use and never modified. goformation is used only
// for this knowledge: its intrinsic processor turns unresolvable references
// into null and drops positions, which would hide values from policies.
var resourceTypes = sync.OnceValue(func() []string {
	all := cloudformation.AllResources()
	types := make([]string, 0, len(all))
	for t := range all {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
})

func knownType(t string) bool {
	types := resourceTypes()
	i := sort.SearchStrings(types, t)
	return i < len(types) && types[i] == t
}

// checkType notes an AWS:: type that does not exist, most likely a typo that
// would make every rule for the intended type silently skip the resource.
// The list is as old as the goformation release, so this is a note, not an
// error.
func (b *builder) checkType(t *node) {
	if b.macros || !strings.HasPrefix(t.str, "AWS::") || knownType(t.str) {
		return
	}
	msg := "resource type " + t.str + " is not a known CloudFormation type; rules for the intended type will not check this resource"
	if s := suggestType(t.str); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	b.diags = append(b.diags, document.Diagnostic{Level: document.LevelNote, Message: msg, Range: t.pos})
}

// usesMacros reports whether the template's Transform names a macro other
// than AWS's own (SAM, language extensions): macros may define their own
// AWS::-looking types (the S3Objects example's AWS::S3::Object).
func usesMacros(transform *node) bool {
	if transform == nil {
		return false
	}
	names := []*node{transform}
	if transform.kind == kSeq {
		names = transform.vals
	}
	for _, n := range names {
		if n.kind != kStr || (n.str != "AWS::Serverless-2016-10-31" && n.str != "AWS::LanguageExtensions") {
			return true
		}
	}
	return false
}

// suggestType returns the closest known type within a small edit distance.
func suggestType(t string) string {
	best, bestD := "", 4
	lt := strings.ToLower(t)
	for _, c := range resourceTypes() {
		if d := editDistance(lt, strings.ToLower(c), bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, or limit when
// it is at least limit (the length difference alone rules most out).
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

func sortDiagnostics(d []document.Diagnostic) {
	sort.SliceStable(d, func(i, j int) bool {
		a, b := d[i].Range, d[j].Range
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
