package cloudformation

import (
	"errors"
	"fmt"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srctree"
)

// Limits that keep hostile input from exhausting memory or the stack. Real
// templates stay far below them: nesting rarely exceeds 20 levels. The size
// of a template is bounded where it is read (Scanner.MaxFileSize), so it
// is one documented, settable limit.
const (
	maxDepth   = 256
	maxNodes   = 1_000_000
	maxExprLen = 256
)

var errTooLarge = errors.New("template expands to more than 1000000 values (YAML alias bomb?)")

// decodeOptions are the limits and rules of a template's syntax: no
// duplicate keys (CloudFormation rejects them, and silently keeping either
// one would evaluate a template that is not the one deployed) and the YAML
// short forms read as the long forms they abbreviate.
var decodeOptions = srctree.Options{MaxDepth: maxDepth, MaxValues: maxNodes, CheckTag: checkTag, Tagged: longForm}

type kind uint8

const (
	kNull kind = iota
	kStr
	kInt
	kFloat
	kBool
	kMap
	kSeq
)

// node is the parsed template before it becomes Rego input: YAML and JSON
// both decode into it, with short-form tags already in long form and aliases
// expanded, so resolution never needs to know which syntax was used.
type node struct {
	kind kind
	str  string
	i    int64
	f    float64
	b    bool
	// Mapping keys in source order, their positions and an index by name.
	keys   []string
	keyPos []document.Range
	index  map[string]int
	// vals holds mapping values (aligned with keys) or sequence items.
	vals []*node
	pos  document.Range
}

func (n *node) get(k string) *node {
	if n == nil || n.kind != kMap {
		return nil
	}
	if i, ok := n.index[k]; ok {
		return n.vals[i]
	}
	return nil
}

// add appends a mapping entry, refusing duplicates as decoding does.
func (n *node) add(k string, kp document.Range, v *node) error {
	if n.index == nil {
		n.index = make(map[string]int)
	}
	if _, dup := n.index[k]; dup {
		return &document.SourceError{Range: kp, Err: fmt.Errorf("%w %q", srctree.ErrDuplicate, k)}
	}
	n.index[k] = len(n.keys)
	n.keys = append(n.keys, k)
	n.keyPos = append(n.keyPos, kp)
	n.vals = append(n.vals, v)
	return nil
}

// fromTree converts a decoded template (duplicate keys already refused)
// into nodes, allocated together: a template's nodes live and die with it.
func fromTree(t *srctree.Node) *node {
	c := &treeConv{slab: make([]node, countTree(t))}
	return c.conv(t)
}

func countTree(t *srctree.Node) int {
	n := 1
	for _, v := range t.Vals {
		n += countTree(v)
	}
	return n
}

type treeConv struct{ slab []node }

func (c *treeConv) conv(t *srctree.Node) *node {
	n := &c.slab[0]
	c.slab = c.slab[1:]
	n.pos = t.Range
	switch t.Kind {
	case srctree.Null:
		n.kind = kNull
	case srctree.String:
		n.kind, n.str = kStr, t.Str
	case srctree.Int:
		n.kind, n.i = kInt, t.Int
	case srctree.Float:
		n.kind, n.f = kFloat, t.Float
	case srctree.Bool:
		n.kind, n.b = kBool, t.Bool
	case srctree.Map:
		n.kind = kMap
		n.keys, n.keyPos = t.Keys, t.KeyRanges
		n.index = make(map[string]int, len(t.Keys))
		n.vals = make([]*node, len(t.Vals))
		for i, v := range t.Vals {
			n.index[t.Keys[i]] = i
			n.vals[i] = c.conv(v)
		}
	case srctree.Seq:
		n.kind = kSeq
		n.vals = make([]*node, len(t.Vals))
		for i, v := range t.Vals {
			n.vals[i] = c.conv(v)
		}
	}
	return n
}

// plain converts a node to its JSON-compatible Go value as written.
func plain(n *node) any {
	switch n.kind {
	case kStr:
		return n.str
	case kInt:
		return n.i
	case kFloat:
		return n.f
	case kBool:
		return n.b
	case kMap:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = plain(n.vals[i])
		}
		return m
	case kSeq:
		s := make([]any, len(n.vals))
		for i, v := range n.vals {
			s[i] = plain(v)
		}
		return s
	default:
		return nil
	}
}

// intrinsic reports whether n is a single-key mapping naming an intrinsic
// function (Ref or Fn::*), and returns the name and argument.
func (n *node) intrinsic() (string, *node, bool) {
	if n.kind != kMap || len(n.keys) != 1 {
		return "", nil, false
	}
	k := n.keys[0]
	if k == "Ref" || (len(k) > 4 && k[:4] == "Fn::") {
		return k, n.vals[0], true
	}
	return "", nil, false
}
