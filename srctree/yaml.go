package srctree

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

var leadingZero = regexp.MustCompile(`^[-+]?0[0-9_]+$`)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// DecodeYAML decodes content, which must hold exactly one YAML document,
// with aliases expanded (each use counted against MaxValues) and merge
// keys (<<) applied. Scalars resolve as YAML 1.2's core schema says,
// except that a number written with a leading zero (an account id) stays
// the string it is, and .inf and .nan, which JSON cannot hold, too; a
// scalar with a local tag is a string.
//
// Errors are *document.SourceError values. yaml.v3 reports a syntax error
// at the line where the enclosing block starts; the line reported here is
// where the problem is.
func DecodeYAML(file string, content []byte, opts Options) (n *Node, err error) {
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
			return nil, &document.SourceError{Range: document.Range{File: file, Line: 1, Column: 1}, Err: ErrEmpty}
		}
		return nil, refineYAMLError(file, content, yamlError(file, err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &document.SourceError{Range: document.Range{File: file, Line: extra.Line, Column: extra.Column}, Err: ErrMultipleDocuments}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err)
	}
	c := &yamlConv{file: file, opts: opts, budget: opts.MaxValues}
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
	opts   Options
	budget int
	slab   []Node // as jsonParser's
}

func (c *yamlConv) node(k Kind, y *yaml.Node) *Node {
	if len(c.slab) == 0 {
		c.slab = make([]Node, 128)
	}
	n := &c.slab[0]
	c.slab = c.slab[1:]
	n.Kind, n.Range = k, c.rng(y)
	return n
}

func (c *yamlConv) rng(y *yaml.Node) document.Range {
	return document.Range{File: c.file, Line: y.Line, Column: y.Column}
}

func (c *yamlConv) fail(y *yaml.Node, err error) error {
	return &document.SourceError{Range: c.rng(y), Err: err}
}

func (c *yamlConv) conv(y *yaml.Node, depth int) (*Node, error) {
	if c.opts.MaxValues > 0 {
		c.budget--
		if c.budget < 0 {
			return nil, c.fail(y, limitError{ErrTooLarge, c.opts.MaxValues})
		}
	}
	if c.opts.MaxDepth > 0 && depth > c.opts.MaxDepth {
		return nil, c.fail(y, limitError{ErrTooDeep, c.opts.MaxDepth})
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return c.node(Null, y), nil
		}
		return c.conv(y.Content[0], depth)
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, c.fail(y, fmt.Errorf("unknown alias %q", y.Value))
		}
		return c.conv(y.Alias, depth+1)
	}
	if strings.HasPrefix(y.Tag, "!") && !strings.HasPrefix(y.Tag, "!!") {
		return c.tagged(y, depth)
	}
	switch y.Kind {
	case yaml.ScalarNode:
		return c.scalar(y), nil
	case yaml.SequenceNode:
		n := c.node(Seq, y)
		n.Vals = make([]*Node, 0, len(y.Content))
		for _, item := range y.Content {
			v, err := c.conv(item, depth+1)
			if err != nil {
				return nil, err
			}
			n.Vals = append(n.Vals, v)
		}
		return n, nil
	case yaml.MappingNode:
		return c.mapping(y, depth)
	}
	return nil, c.fail(y, fmt.Errorf("unsupported YAML node kind %d", y.Kind))
}

func (c *yamlConv) mapping(y *yaml.Node, depth int) (*Node, error) {
	n := c.node(Map, y)
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
		if err := n.Add(ky.Value, c.rng(ky), v, c.opts.KeepDuplicates); err != nil {
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
			if v.Kind != Map {
				return nil, c.fail(s, errors.New("merge key (<<) value is not a mapping"))
			}
			for j, k := range v.Keys {
				if !n.Has(k) {
					_ = n.Add(k, v.KeyRanges[j], v.Vals[j], true)
				}
			}
		}
	}
	return n, nil
}

// tagged decodes a node with a local tag.
func (c *yamlConv) tagged(y *yaml.Node, depth int) (*Node, error) {
	if c.opts.CheckTag != nil {
		if err := c.opts.CheckTag(y.Tag); err != nil {
			return nil, c.fail(y, err)
		}
	}
	var n *Node
	if y.Kind == yaml.ScalarNode {
		// A tagged scalar is always a string: !Ref 123 names "123".
		n = c.node(String, y)
		n.Str = y.Value
	} else {
		untagged := *y
		untagged.Tag = ""
		inner := depth
		if c.opts.Tagged != nil {
			// Counted as the wrapper Tagged builds around it.
			inner = depth + 1
		}
		var err error
		if n, err = c.conv(&untagged, inner); err != nil {
			return nil, err
		}
	}
	if c.opts.Tagged != nil {
		return c.opts.Tagged(y.Tag, n), nil
	}
	n.Tag = y.Tag
	return n, nil
}

func (c *yamlConv) scalar(y *yaml.Node) *Node {
	n := c.node(String, y)
	n.Str = y.Value
	switch y.ShortTag() {
	case "!!null":
		n.Kind, n.Str = Null, ""
	case "!!bool":
		n.Kind, n.Str = Bool, ""
		switch strings.ToLower(y.Value) {
		case "true", "yes", "on", "y":
			n.Bool = true
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
				n.Kind, n.Float, n.Str = Float, f, ""
			}
			break
		}
		s := strings.ReplaceAll(y.Value, "_", "")
		if strings.HasPrefix(s, "0o") || strings.HasPrefix(s, "+0o") || strings.HasPrefix(s, "-0o") {
			s = strings.Replace(s, "0o", "0", 1)
		}
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			n.Kind, n.Int, n.Str = Int, i, ""
		} else if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			n.Kind, n.Float, n.Str = Float, f, ""
		}
	}
	return n
}
