package cloudformation

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"gopkg.in/yaml.v3"
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

var leadingZero = regexp.MustCompile(`^[-+]?0[0-9_]+$`)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeYAML parses a single-document YAML template.
func decodeYAML(file string, content []byte) (n *node, err error) {
	// yaml.v3 has panicked on hostile input before; a panic must become a
	// parse error so the run fails closed instead of crashing.
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, &document.SourceError{Range: document.Range{File: file}, Err: fmt.Errorf("YAML parser failed: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(string(content)))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &document.SourceError{Range: document.Range{File: file, Line: 1, Column: 1}, Err: errors.New("empty template")}
		}
		return nil, refineYAMLError(file, content, yamlError(file, err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &document.SourceError{Range: document.Range{File: file, Line: extra.Line, Column: extra.Column}, Err: errors.New("more than one YAML document; a template is a single document")}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err)
	}
	c := &yamlConv{file: file, budget: maxNodes}
	return c.conv(&root, 0)
}

// refineYAMLError improves on yaml.v3's line, which for parser errors is
// the 0-based line where the enclosing block starts rather than where the
// problem is. The smallest prefix of whole lines that fails with the same
// message ends at the problem; bisection finds it in a few parses. When the
// prefix fails differently (a cut inside a multi-line flow collection), the
// original line stands.
func refineYAMLError(file string, content []byte, err error) error {
	se, ok := err.(*document.SourceError)
	if !ok {
		return err
	}
	var ends []int // byte offset after each line
	for i, b := range content {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(content) {
		ends = append(ends, len(content))
	}
	fails := func(n int) string {
		var y yaml.Node
		if e := yaml.Unmarshal(content[:ends[n-1]], &y); e != nil {
			return yamlError(file, e).(*document.SourceError).Err.Error()
		}
		return ""
	}
	lo, hi := 0, len(ends) // prefix of lo lines parses, of hi lines fails
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) != "" {
			hi = mid
		} else {
			lo = mid
		}
	}
	if fails(hi) == se.Err.Error() {
		se.Range.Line, se.Range.Column = hi, 0
	}
	return se
}

func yamlError(file string, err error) error {
	r := document.Range{File: file}
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		r.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &document.SourceError{Range: r, Err: errors.New(msg)}
}

type yamlConv struct {
	file   string
	budget int
}

func (c *yamlConv) rng(y *yaml.Node) document.Range {
	return document.Range{File: c.file, Line: y.Line, Column: y.Column}
}

func (c *yamlConv) fail(y *yaml.Node, err error) error {
	return &document.SourceError{Range: c.rng(y), Err: err}
}

func (c *yamlConv) conv(y *yaml.Node, depth int) (*node, error) {
	c.budget--
	if c.budget < 0 {
		return nil, c.fail(y, errTooLarge)
	}
	if depth > maxDepth {
		return nil, c.fail(y, errTooDeep)
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: kNull, pos: c.rng(y)}, nil
		}
		return c.conv(y.Content[0], depth)
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, c.fail(y, fmt.Errorf("unknown alias %q", y.Value))
		}
		return c.conv(y.Alias, depth+1)
	}
	if strings.HasPrefix(y.Tag, "!") && !strings.HasPrefix(y.Tag, "!!") {
		return c.shortForm(y, depth)
	}
	switch y.Kind {
	case yaml.ScalarNode:
		return c.scalar(y), nil
	case yaml.SequenceNode:
		n := &node{kind: kSeq, pos: c.rng(y), vals: make([]*node, 0, len(y.Content))}
		for _, item := range y.Content {
			v, err := c.conv(item, depth+1)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		return n, nil
	case yaml.MappingNode:
		return c.mapping(y, depth)
	}
	return nil, c.fail(y, fmt.Errorf("unsupported YAML node kind %d", y.Kind))
}

func (c *yamlConv) mapping(y *yaml.Node, depth int) (*node, error) {
	n := &node{kind: kMap, pos: c.rng(y)}
	var merges []*yaml.Node
	for i := 0; i+1 < len(y.Content); i += 2 {
		ky, vy := y.Content[i], y.Content[i+1]
		if ky.Kind == yaml.AliasNode && ky.Alias != nil {
			ky = ky.Alias
		}
		if ky.Kind != yaml.ScalarNode {
			return nil, c.fail(ky, errors.New("mapping key is not a scalar"))
		}
		if ky.Tag == "!!merge" {
			merges = append(merges, vy)
			continue
		}
		v, err := c.conv(vy, depth+1)
		if err != nil {
			return nil, err
		}
		if err := n.add(ky.Value, c.rng(ky), v); err != nil {
			return nil, err
		}
	}
	// Merge keys (<<: *base) contribute the keys the mapping does not set
	// itself, as in YAML 1.1; earlier sources win among merged mappings.
	for _, m := range merges {
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, s := range srcs {
			v, err := c.conv(s, depth+1)
			if err != nil {
				return nil, err
			}
			if v.kind != kMap {
				return nil, c.fail(s, errors.New("merge key (<<) value is not a mapping"))
			}
			for j, k := range v.keys {
				n.setIfAbsent(k, v.keyPos[j], v.vals[j])
			}
		}
	}
	return n, nil
}

func (c *yamlConv) shortForm(y *yaml.Node, depth int) (*node, error) {
	long, ok := shortForms[y.Tag]
	if !ok {
		if strings.HasPrefix(y.Tag, "!Rain::") {
			return nil, c.fail(y, fmt.Errorf("unknown tag %s: a rain directive; scan the template `rain pkg` produces", y.Tag))
		}
		return nil, c.fail(y, fmt.Errorf("unknown tag %s", y.Tag))
	}
	var arg *node
	switch {
	case y.Kind == yaml.ScalarNode && long == "Fn::GetAtt":
		// !GetAtt Resource.Attribute; the attribute itself may contain dots
		// (Endpoint.Address), so only the first dot separates.
		res, attr, _ := strings.Cut(y.Value, ".")
		p := c.rng(y)
		arg = &node{kind: kSeq, pos: p, vals: []*node{{kind: kStr, str: res, pos: p}, {kind: kStr, str: attr, pos: p}}}
	case y.Kind == yaml.ScalarNode:
		// A tagged scalar is always a string: !Ref 123 names "123".
		arg = &node{kind: kStr, str: y.Value, pos: c.rng(y)}
	default:
		plainY := *y
		plainY.Tag = ""
		var err error
		if arg, err = c.conv(&plainY, depth+1); err != nil {
			return nil, err
		}
	}
	n := &node{kind: kMap, pos: c.rng(y)}
	_ = n.add(long, c.rng(y), arg)
	return n, nil
}

func (c *yamlConv) scalar(y *yaml.Node) *node {
	n := &node{kind: kStr, str: y.Value, pos: c.rng(y)}
	switch y.ShortTag() {
	case "!!null":
		n.kind, n.str = kNull, ""
	case "!!bool":
		n.kind, n.str = kBool, ""
		switch strings.ToLower(y.Value) {
		case "true", "yes", "on", "y":
			n.b = true
		}
	case "!!int", "!!float":
		if leadingZero.MatchString(y.Value) {
			// 012345678901 is an account id to a human and octal or a float
			// to YAML 1.1 parsers; keeping the text loses nothing.
			break
		}
		if y.ShortTag() == "!!float" {
			// .inf and .nan have no JSON form; they stay strings as written.
			if f, err := strconv.ParseFloat(strings.ReplaceAll(y.Value, "_", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				n.kind, n.f, n.str = kFloat, f, ""
			}
			break
		}
		s := strings.ReplaceAll(y.Value, "_", "")
		if strings.HasPrefix(s, "0o") || strings.HasPrefix(s, "+0o") || strings.HasPrefix(s, "-0o") {
			s = strings.Replace(s, "0o", "0", 1)
		}
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			n.kind, n.i, n.str = kInt, i, ""
		} else if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			n.kind, n.f, n.str = kFloat, f, ""
		}
	}
	return n
}
