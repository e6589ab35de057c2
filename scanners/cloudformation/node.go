package cloudformation

import (
	"errors"
	"fmt"

	"github.com/tollgate-dev/tollgate/document"
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

var (
	errTooDeep   = errors.New("nesting is deeper than 256 levels")
	errTooLarge  = errors.New("template expands to more than 1000000 values (YAML alias bomb?)")
	errDuplicate = errors.New("duplicate key")
)

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

// add appends a mapping entry, refusing duplicates: CloudFormation rejects
// them, and silently keeping either one would evaluate a template that is
// not the one deployed.
func (n *node) add(k string, kp document.Range, v *node) error {
	if n.index == nil {
		n.index = make(map[string]int)
	}
	if _, dup := n.index[k]; dup {
		return &document.SourceError{Range: kp, Err: fmt.Errorf("%w %q", errDuplicate, k)}
	}
	n.index[k] = len(n.keys)
	n.keys = append(n.keys, k)
	n.keyPos = append(n.keyPos, kp)
	n.vals = append(n.vals, v)
	return nil
}

// set replaces or adds an entry; used for YAML merge keys, where explicit
// keys win over merged ones.
func (n *node) setIfAbsent(k string, kp document.Range, v *node) {
	if _, ok := n.index[k]; ok {
		return
	}
	_ = n.add(k, kp, v)
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
