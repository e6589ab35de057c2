package cloudformation

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
	"github.com/tollgate-dev/tollgate/srctree"
)

// Parse turns a CloudFormation template (JSON or YAML) into a document:
// the template as policy input with resource properties resolved, the
// position of every value, and per-resource types and inline suppressions.
// Errors are *document.SourceError values naming file, line and column.
func Parse(file string, content []byte) (*document.Document, error) {
	doc, _, err := ParseWithDiagnostics(file, content)
	return doc, err
}

// ParseWithDiagnostics is Parse plus what is worth telling the user about a
// template that parsed: suppressions that cannot be applied (warnings) and
// resource types that do not exist (notes). Diagnostics are sorted by
// position.
func ParseWithDiagnostics(file string, content []byte) (*document.Document, []document.Diagnostic, error) {
	return parse(file, content, nil)
}

// parse is ParseWithDiagnostics with the parameter values a parent stack
// passes (nil for a template deployed on its own).
func parse(file string, content []byte, given map[string]any) (*document.Document, []document.Diagnostic, error) {
	root, err := decode(file, content)
	if err != nil {
		return nil, nil, err
	}
	if root.kind != kMap {
		return nil, nil, &document.SourceError{Range: root.pos, Err: errors.New("template is not a mapping")}
	}
	b := &builder{
		file:  file,
		given: given,
		doc: &document.Document{
			Format:    document.FormatCloudFormation,
			File:      file,
			Positions: document.NewPositions(),
			Resources: map[string]document.Resource{},
		},
	}
	if err := b.build(root); err != nil {
		return nil, nil, err
	}
	sortDiagnostics(b.diags)
	return b.doc, b.diags, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode checks the bytes are text and parses them as JSON or YAML.
func decode(file string, content []byte) (*node, error) {
	content = bytes.TrimPrefix(content, utf8BOM)
	if len(bytes.TrimSpace(content)) == 0 {
		return nil, &document.SourceError{Range: document.Range{File: file, Line: 1, Column: 1}, Err: errors.New("empty template")}
	}
	if err := checkText(file, content); err != nil {
		return nil, err
	}
	if isJSON(file, content) {
		n, err := srctree.DecodeJSON(file, content, decodeOptions)
		if err == nil || strings.EqualFold(path.Ext(file), ".json") {
			return treeResult(n, err)
		}
		// A .template or .yaml file starting with "{" may be YAML flow
		// style that JSON rejects; the JSON error is the better report when
		// YAML fails too.
		if yn, yerr := srctree.DecodeYAML(file, content, decodeOptions); yerr == nil {
			return fromTree(yn), nil
		}
		return nil, err
	}
	return treeResult(srctree.DecodeYAML(file, content, decodeOptions))
}

// treeResult converts a decoded template, and words decoding errors for a
// template.
func treeResult(t *srctree.Node, err error) (*node, error) {
	if err == nil {
		return fromTree(t), nil
	}
	var se *document.SourceError
	if errors.As(err, &se) {
		switch {
		case errors.Is(se.Err, srctree.ErrEmpty):
			se.Err = errors.New("empty template")
		case errors.Is(se.Err, srctree.ErrMultipleDocuments):
			se.Err = errors.New("more than one YAML document; a template is a single document")
		case errors.Is(se.Err, srctree.ErrTooLarge):
			se.Err = errTooLarge
		}
	}
	return nil, err
}

func isJSON(file string, content []byte) bool {
	if strings.EqualFold(path.Ext(file), ".json") {
		return true
	}
	t := bytes.TrimLeft(content, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// checkText rejects binary input with the position of the first byte that
// cannot occur in a template, which YAML and JSON parsers report poorly.
func checkText(file string, content []byte) error {
	bad := -1
	if !utf8.Valid(content) {
		for i := 0; i < len(content); {
			r, size := utf8.DecodeRune(content[i:])
			if r == utf8.RuneError && size <= 1 {
				bad = i
				break
			}
			i += size
		}
	}
	for i, c := range content {
		if bad >= 0 && i >= bad {
			break
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			bad = i
			break
		}
	}
	if bad < 0 {
		return nil
	}
	return &document.SourceError{
		Range: srcpos.New(file, content).At(bad),
		Err:   fmt.Errorf("not a text template: byte 0x%02X at offset %d", content[bad], bad),
	}
}

type builder struct {
	file   string
	given  map[string]any
	macros bool
	doc    *document.Document
	diags  []document.Diagnostic
}

func (b *builder) build(root *node) error {
	pos := b.doc.Positions
	input := make(map[string]any, len(root.keys)+1)
	res := newResolver(root, pos)
	res.given = b.given
	b.macros = usesMacros(root.get("Transform"))
	b.warnTransforms(root)
	for i, k := range root.keys {
		v, kp := root.vals[i], &root.keyPos[i]
		if k != "Resources" {
			input[k] = plain(v)
			recordWritten(pos, v, []string{k}, kp)
			continue
		}
		if v.kind != kMap {
			return &document.SourceError{Range: *kp, Err: errors.New("the Resources section is not a mapping")}
		}
		pos.Set([]string{k}, *kp)
		resources := make(map[string]any, len(v.keys))
		for j, id := range v.keys {
			if id == transformKey {
				// AWS::Include of resources (or of the whole section): they
				// exist, but only at deploy time.
				pos.Set(with([]string{k}, id), v.keyPos[j])
				resources[id] = transformUnknown(v.vals[j])
				continue
			}
			resources[id] = b.resource(res, id, v.vals[j], &v.keyPos[j])
		}
		input[k] = resources
	}
	input["tollgate"] = document.Header(document.FormatCloudFormation, b.file)
	b.doc.Input = input
	return nil
}

// resource builds one resource's input: everything as written except
// Properties, which is resolved.
func (b *builder) resource(res *resolver, id string, n *node, kp *document.Range) any {
	path := []string{"Resources", id}
	if spec, ok := hasTransform(n); ok {
		// The resource's body arrives with the transform.
		res.pos.Set(path, *kp)
		return transformUnknown(spec)
	}
	if n.kind != kMap {
		// Not a resource (a language-extension Fn::ForEach, or an error
		// CloudFormation reports): keep it visible as written.
		recordWritten(res.pos, n, path, kp)
		return plain(n)
	}
	res.pos.Set(path, *kp)
	out := make(map[string]any, len(n.keys))
	for i, k := range n.keys {
		v, vkp := n.vals[i], &n.keyPos[i]
		if k == "Properties" {
			if pv, nv := res.emit(v, with(path, k), vkp); !nv {
				out[k] = pv
			}
			continue
		}
		out[k] = plain(v)
		recordWritten(res.pos, v, with(path, k), vkp)
	}
	r := document.Resource{}
	if t := n.get("Type"); t != nil && t.kind == kStr {
		r.Type = t.str
		b.checkType(t)
	}
	r.Suppressions = b.suppressions(id, n.get("Metadata").get("tollgate").get("ignore"))
	b.doc.Resources[id] = r
	return out
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// suppressions reads Metadata.tollgate.ignore ({id, reason, owner,
// expires}). An entry that cannot be
// understood suppresses nothing and says so: a waiver that silently fails
// to apply is visible in the findings, one that silently applies is not.
func (b *builder) suppressions(id string, list *node) []document.Suppression {
	if list == nil {
		return nil
	}
	if list.kind != kSeq {
		b.warn(list.pos, "resource %s: Metadata.tollgate.ignore must be a list of {id, reason, expires}", id)
		return nil
	}
	var out []document.Suppression
	for _, e := range list.vals {
		str := func(k string) (string, bool) {
			v := e.get(k)
			if v == nil {
				return "", true
			}
			if v.kind != kStr {
				return "", false
			}
			return v.str, true
		}
		rule, rok := str("id")
		reason, reok := str("reason")
		owner, ook := str("owner")
		expires, eok := str("expires")
		switch {
		case e.kind != kMap || !rok || rule == "":
			b.warn(e.pos, "resource %s: ignored suppression without a rule id", id)
			continue
		case !reok || !ook || !eok:
			b.warn(e.pos, "resource %s: ignored suppression of %s: reason, owner and expires must be strings", id, rule)
			continue
		case expires != "" && !datePattern.MatchString(expires):
			b.warn(e.pos, "resource %s: ignored suppression of %s: expires %q is not YYYY-MM-DD", id, rule, expires)
			continue
		}
		out = append(out, document.Suppression{RuleID: rule, Reason: reason, Owner: owner, Expires: expires, Range: e.pos})
	}
	return out
}

func (b *builder) warn(at document.Range, format string, args ...any) {
	b.diags = append(b.diags, document.Diagnostic{Level: document.LevelWarning, Message: fmt.Sprintf(format, args...), Range: at})
}
