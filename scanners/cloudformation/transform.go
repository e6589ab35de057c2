package cloudformation

import (
	"net/url"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
)

// knownTransforms are the top-level transforms tollgate understands: SAM
// resources are scanned as written and language extensions are resolved.
// Every other transform is a macro (or AWS::Include) that changes the
// template at deploy time.
var knownTransforms = map[string]bool{
	"AWS::Serverless-2016-10-31": true,
	"AWS::LanguageExtensions":    true,
}

const transformKey = "Fn::Transform"

// transformReason says what an Fn::Transform (or a top-level Transform
// entry) hides: the name of each transform it applies and, for
// AWS::Include, the snippet's location. It is both the warning's message and
// the unknown marker's reason, so a later --unknown=block can turn it into a
// finding.
func transformReason(what string, spec *node) string {
	specs := []*node{spec}
	if spec.kind == kSeq {
		specs = spec.vals // Fn::Transform may apply several in turn
	}
	parts := make([]string, 0, len(specs))
	for _, s := range specs {
		parts = append(parts, transformName(s))
	}
	return truncate(what + " " + strings.Join(parts, ", ") + " adds content at deploy time that tollgate cannot see")
}

func transformName(spec *node) string {
	name := "(unnamed)"
	if spec.kind == kStr {
		name = spec.str
	} else if n := spec.get("Name"); n != nil && n.kind == kStr {
		name = n.str
	}
	if loc := spec.get("Parameters").get("Location"); loc != nil {
		if loc.kind == kStr {
			name += " (" + displayURL(loc.str) + ")"
		} else if _, _, ok := loc.intrinsic(); ok {
			name += " (" + exprString(loc) + ")"
		}
	}
	return name
}

// transformUnknown is the value of a mapping that an Fn::Transform fills in:
// unknown, so rules treat what it brings in as set, never as absent.
func transformUnknown(spec *node) map[string]any {
	u := document.Unknown(truncate(transformKey+" "+compact(plain(spec))), false)
	u["reason"] = transformReason(transformKey, spec)
	return u
}

// hasTransform returns the Fn::Transform argument of a mapping that has one
// among its keys (alone, it is the intrinsic; with siblings, AWS::Include
// adds keys to the mapping).
func hasTransform(n *node) (*node, bool) {
	if n == nil || n.kind != kMap {
		return nil, false
	}
	if i, ok := n.index[transformKey]; ok {
		return n.vals[i], true
	}
	return nil, false
}

// warnTransforms reports every place where content arrives at deploy time:
// top-level Transform entries other than SAM and language extensions, and
// every Fn::Transform key anywhere in the template.
func (b *builder) warnTransforms(root *node) {
	if t := root.get("Transform"); t != nil {
		entries := []*node{t}
		if t.kind == kSeq {
			entries = t.vals
		}
		for _, e := range entries {
			if e.kind == kStr && knownTransforms[e.str] {
				continue
			}
			b.warn(e.pos, "%s", transformReason("Transform", e))
		}
	}
	var walk func(n *node)
	walk = func(n *node) {
		switch n.kind {
		case kMap:
			for i, k := range n.keys {
				if k == transformKey {
					b.warn(n.keyPos[i], "%s", transformReason(transformKey, n.vals[i]))
				}
				walk(n.vals[i])
			}
		case kSeq:
			for _, v := range n.vals {
				walk(v)
			}
		}
	}
	walk(root)
}

// displayURL drops what may be a credential from a URL shown in a message:
// user information and the query (a presigned URL's signature and token).
func displayURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		if i := strings.IndexAny(s, "?#@"); i >= 0 {
			return s[:i] + "…"
		}
		return s
	}
	if u.User == nil && u.RawQuery == "" && u.Fragment == "" {
		return s
	}
	u.User, u.RawQuery, u.Fragment, u.ForceQuery = nil, "", "", false
	return u.String() + "?…"
}
