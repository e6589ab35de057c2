package cloudformation

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/srctree"
)

// shortForms maps CloudFormation's YAML short-form tags to the long-form
// key they abbreviate.
var shortForms = map[string]string{
	"!Ref":          "Ref",
	"!Condition":    "Condition",
	"!Sub":          "Fn::Sub",
	"!GetAtt":       "Fn::GetAtt",
	"!If":           "Fn::If",
	"!Join":         "Fn::Join",
	"!Select":       "Fn::Select",
	"!Split":        "Fn::Split",
	"!FindInMap":    "Fn::FindInMap",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!GetAZs":       "Fn::GetAZs",
	"!ImportValue":  "Fn::ImportValue",
	"!Equals":       "Fn::Equals",
	"!And":          "Fn::And",
	"!Or":           "Fn::Or",
	"!Not":          "Fn::Not",
	"!Transform":    "Fn::Transform",
	"!ToJsonString": "Fn::ToJsonString",
	"!Length":       "Fn::Length",
	"!ForEach":      "Fn::ForEach",
	// Rule functions, valid only in the Rules section.
	"!Contains":         "Fn::Contains",
	"!EachMemberEquals": "Fn::EachMemberEquals",
	"!EachMemberIn":     "Fn::EachMemberIn",
	"!RefAll":           "Fn::RefAll",
	"!ValueOf":          "Fn::ValueOf",
	"!ValueOfAll":       "Fn::ValueOfAll",
}

// checkTag refuses the local tags that are not short forms, naming rain's
// directives, which need `rain pkg` first.
func checkTag(tag string) error {
	if _, ok := shortForms[tag]; ok {
		return nil
	}
	if strings.HasPrefix(tag, "!Rain::") {
		return fmt.Errorf("unknown tag %s: a rain directive; scan the template `rain pkg` produces", tag)
	}
	return fmt.Errorf("unknown tag %s", tag)
}

// longForm turns a short form (checked by checkTag) into the one-key
// mapping it abbreviates, placed where the tag is written (as its
// argument is). A tagged scalar, the only kind that decodes to a string,
// is the whole argument: !Ref 123 names "123".
func longForm(tag string, arg *srctree.Node) *srctree.Node {
	long := shortForms[tag]
	p := arg.Range
	if arg.Kind == srctree.String && long == "Fn::GetAtt" {
		// !GetAtt Resource.Attribute; the attribute itself may contain dots
		// (Endpoint.Address), so only the first dot separates.
		res, attr, _ := strings.Cut(arg.Str, ".")
		arg = &srctree.Node{Kind: srctree.Seq, Range: p, Vals: []*srctree.Node{{Kind: srctree.String, Str: res, Range: p}, {Kind: srctree.String, Str: attr, Range: p}}}
	}
	n := &srctree.Node{Kind: srctree.Map, Range: p}
	_ = n.Add(long, p, arg, true)
	return n
}
