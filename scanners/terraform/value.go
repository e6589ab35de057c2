package terraform

import (
	"math/big"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate-dev/tollgate/document"
)

// refMark rides on a value derived from a resource (or data source, or
// module output that could not be computed) so that, when the value ends up
// unknown, the marker can name where it came from.
type refMark struct{ addr, attr string }

// sensitiveMark rides on values that come from a sensitive variable or
// output.
type sensitiveMark struct{}

// partialJSONMark rides on the unknown result of jsonencode over a partly
// unknown value: Terraform knows the text only after apply, but a policy can
// still read the statements around an unknown bucket ARN.
type partialJSONMark struct{ value *cty.Value }

// entry is one element of a top-level input list with positions relative
// to that element.
type entry struct {
	key   string // sort key
	value map[string]any
	pos   []posEntry
}

type posEntry struct {
	path []string
	rng  document.Range
}

// recorder collects values' positions relative to an entry.
type recorder struct{ pos []posEntry }

func (r *recorder) set(path []string, rng document.Range) {
	r.pos = append(r.pos, posEntry{path: append([]string(nil), path...), rng: rng})
}

func appendPath(p []string, elems ...string) []string {
	out := make([]string, 0, len(p)+len(elems))
	return append(append(out, p...), elems...)
}

// exprText is the source of an expression as written.
func (s *scan) exprText(r hcl.Range) string {
	b := s.cache[r.Filename]
	if r.Start.Byte >= 0 && r.End.Byte <= len(b) && r.Start.Byte < r.End.Byte {
		return string(b[r.Start.Byte:r.End.Byte])
	}
	return ""
}

// unknownMarker builds the input's unknown marker for v (unknown, possibly
// marked) written as the expression at r.
func (s *scan) unknownMarker(marks cty.ValueMarks, r hcl.Range) map[string]any {
	sensitive := false
	var refs []refMark
	var partial *cty.Value
	for m := range marks {
		switch x := m.(type) {
		case sensitiveMark:
			sensitive = true
		case refMark:
			refs = append(refs, x)
		case partialJSONMark:
			partial = x.value
		}
	}
	u := document.Unknown(s.exprText(r), sensitive)
	if partial != nil && !sensitive {
		// Positions inside are the expression's: record them nowhere.
		u["json"] = s.toInput(*partial, nil, r, &recorder{}, nil)
	}
	addrs := map[string]bool{}
	for _, x := range refs {
		addrs[x.addr] = true
	}
	if len(addrs) == 1 {
		u["ref"] = refs[0].addr
		attrs := map[string]bool{}
		for _, x := range refs {
			attrs[x.attr] = true
		}
		if len(attrs) == 1 && refs[0].attr != "" {
			u["attribute"] = refs[0].attr
		}
	} else if len(addrs) > 1 {
		list := make([]any, 0, len(addrs))
		for _, k := range sortedKeys(addrs) {
			list = append(list, k)
		}
		u["refs"] = list
	}
	return u
}

// toInput converts an evaluated value to its JSON form, recording the
// position of every element: a nested element keeps the range of the
// sub-expression that wrote it when the expression is a literal object or
// tuple, and the whole expression's range otherwise.
func (s *scan) toInput(v cty.Value, expr hcl.Expression, rng hcl.Range, rec *recorder, p []string) any {
	if expr != nil {
		rng = expr.Range()
	}
	rec.set(p, rangeOf(rng))
	v, marks := v.Unmark()
	if _, ok := marks[sensitiveMark{}]; ok && v.IsWhollyKnown() && !v.IsNull() {
		// A sensitive value is never shown, even when the configuration
		// fixes it: like a NoEcho parameter it is supplied at deploy time.
		return s.unknownMarker(marks, rng)
	}
	if !v.IsKnown() {
		return s.unknownMarker(marks, rng)
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		return numberValue(v.AsBigFloat())
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		var elems []hcl.Expression
		if !ty.IsSetType() {
			elems = elementExprs(expr, v.LengthInt())
		}
		out := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			ev = ev.WithMarks(marks)
			var ee hcl.Expression
			if elems != nil {
				ee = elems[i]
			}
			out = append(out, s.toInput(ev, ee, rng, rec, appendPath(p, strconv.Itoa(i))))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		items := itemExprs(expr)
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			ks, _ := k.Unmark()
			key := ks.AsString()
			out[key] = s.toInput(ev.WithMarks(marks), items[key], rng, rec, appendPath(p, key))
		}
		return out
	}
	return nil
}

// numberValue renders a number as int64 when it is one, float64 otherwise.
func numberValue(f *big.Float) any {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return i
		}
	}
	x, _ := f.Float64()
	return x
}

func unwrap(expr hcl.Expression) hcl.Expression {
	for {
		switch e := expr.(type) {
		case *hclsyntax.ParenthesesExpr:
			expr = e.Expression
		default:
			return expr
		}
	}
}

func elementExprs(expr hcl.Expression, n int) []hcl.Expression {
	if t, ok := unwrap(expr).(*hclsyntax.TupleConsExpr); ok && len(t.Exprs) == n {
		out := make([]hcl.Expression, len(t.Exprs))
		for i, e := range t.Exprs {
			out[i] = e
		}
		return out
	}
	return nil
}

func itemExprs(expr hcl.Expression) map[string]hcl.Expression {
	o, ok := unwrap(expr).(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	out := map[string]hcl.Expression{}
	for _, it := range o.Items {
		k, diags := it.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
			if kw := hcl.ExprAsKeyword(it.KeyExpr); kw != "" {
				out[kw] = it.ValueExpr
			}
			continue
		}
		out[k.AsString()] = it.ValueExpr
	}
	return out
}

// sortEntries orders entries by key, keeping declaration order for ties.
func sortEntries(es []entry) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].key < es[j].key })
}
