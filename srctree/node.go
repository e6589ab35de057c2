// Package srctree decodes JSON and YAML into one tree of values, each
// remembering where it is written: the line and column of its start (in
// Unicode code points, as srcpos counts them) and, for JSON, its byte
// span. Scanners that report findings at a value's position
// (CloudFormation templates, Terraform plans, CDK manifests) decode with
// it instead of each walking tokens on its own, so limits, duplicate keys
// and syntax errors are handled, and placed, the same way everywhere.
package srctree

import (
	"errors"
	"fmt"

	"github.com/tollgate-dev/tollgate/document"
)

// Kind is the kind of a value.
type Kind uint8

// The kinds of values: JSON's, with integers apart from other numbers.
const (
	Null Kind = iota
	String
	Int
	Float
	Bool
	Map
	Seq
)

// Node is one decoded value.
type Node struct {
	Kind  Kind
	Str   string
	Int   int64
	Float float64
	Bool  bool
	// Tag is a YAML node's local tag ("!Ref") when Options.Tagged did not
	// replace the node; empty otherwise.
	Tag string
	// Keys of a mapping in source order, where each is written, and
	// Vals: the mapping's values (aligned with Keys) or a sequence's
	// items.
	Keys      []string
	KeyRanges []document.Range
	Vals      []*Node
	// Range is where the value starts.
	Range document.Range
	// Start and End are the byte offsets of a JSON value in the content it
	// was decoded from (End exclusive): content[Start:End] is the value
	// as written. YAML nodes leave them zero, as yaml.v3 does not report
	// offsets.
	Start, End int

	// index finds keys of a large mapping; small ones are searched.
	index map[string]int
}

// indexFrom is the size from which a mapping keeps an index of its keys:
// below it a linear search is faster than hashing and costs no map.
const indexFrom = 9

// Sentinel errors, the Err of a *document.SourceError (directly or
// wrapped); callers that word them for their format branch on them.
var (
	ErrDuplicate = errors.New("duplicate key")
	ErrTooDeep   = errors.New("nesting is too deep")
	ErrTooLarge  = errors.New("document expands to too many values")
	// ErrEmpty is a YAML stream without a document.
	ErrEmpty = errors.New("empty document")
	// ErrMultipleDocuments is a YAML stream of more than one document.
	ErrMultipleDocuments = errors.New("more than one YAML document")
	// ErrTrailingData is JSON with more after its top-level value.
	ErrTrailingData = errors.New("unexpected data after the top-level JSON value")
)

// limitError words a limit with its value and is ErrTooDeep or
// ErrTooLarge to errors.Is.
type limitError struct {
	sentinel error
	limit    int
}

func (e limitError) Error() string {
	if e.sentinel == ErrTooDeep {
		return fmt.Sprintf("nesting is deeper than %d levels", e.limit)
	}
	return fmt.Sprintf("document expands to more than %d values (YAML alias bomb?)", e.limit)
}

func (e limitError) Is(target error) bool { return target == e.sentinel }

// Options are the limits and rules of one decoding. The zero value
// refuses duplicate keys and sets no limits.
type Options struct {
	// MaxDepth bounds nesting: a value deeper than MaxDepth levels below
	// the top is refused (0: no limit).
	MaxDepth int
	// MaxValues bounds the values a YAML document expands to, counting
	// every use of an alias anew (0: no limit).
	MaxValues int
	// KeepDuplicates keeps every entry of a mapping that repeats a key,
	// Get returning the last one as encoding/json would; otherwise a
	// repeated key is an ErrDuplicate error at the repetition.
	KeepDuplicates bool
	// CheckTag accepts or refuses a YAML local tag ("!Ref") before the
	// tagged value is decoded; nil accepts every tag.
	CheckTag func(tag string) error
	// Tagged, when set, replaces each node with a local tag by what it
	// returns (a CloudFormation short form becomes its one-key long
	// form). The content of a tagged mapping or sequence then counts one
	// level deeper and one value more, for the wrapper around it.
	// Without Tagged, the tag is kept in the node's Tag field.
	Tagged func(tag string, n *Node) *Node
}

// Get is the value of key k of a mapping (the last, should k repeat), or
// nil.
func (n *Node) Get(k string) *Node {
	if i := n.find(k); i >= 0 {
		return n.Vals[i]
	}
	return nil
}

func (n *Node) find(k string) int {
	if n == nil || n.Kind != Map {
		return -1
	}
	if n.index != nil {
		if i, ok := n.index[k]; ok {
			return i
		}
		return -1
	}
	for i := len(n.Keys) - 1; i >= 0; i-- {
		if n.Keys[i] == k {
			return i
		}
	}
	return -1
}

// Has reports whether a mapping sets key k.
func (n *Node) Has(k string) bool { return n.find(k) >= 0 }

// Add appends an entry to a mapping. With keep false, a key already set is
// an ErrDuplicate error at kr and the mapping is unchanged.
func (n *Node) Add(k string, kr document.Range, v *Node, keep bool) error {
	if !keep && n.find(k) >= 0 {
		return &document.SourceError{Range: kr, Err: fmt.Errorf("%w %q", ErrDuplicate, k)}
	}
	n.Keys = append(n.Keys, k)
	n.KeyRanges = append(n.KeyRanges, kr)
	n.Vals = append(n.Vals, v)
	switch {
	case n.index != nil:
		n.index[k] = len(n.Keys) - 1
	case len(n.Keys) == indexFrom:
		n.index = make(map[string]int, 2*indexFrom)
		for i, key := range n.Keys {
			n.index[key] = i
		}
	}
	return nil
}

// Duplicate is the first key a mapping repeats, if any (only a mapping
// decoded with KeepDuplicates can repeat one).
func (n *Node) Duplicate() (string, bool) {
	if n == nil || n.Kind != Map {
		return "", false
	}
	seen := make(map[string]bool, len(n.Keys))
	for _, k := range n.Keys {
		if seen[k] {
			return k, true
		}
		seen[k] = true
	}
	return "", false
}
