package engine

import (
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/tollgate-dev/tollgate/credentials"
)

// SecretsBuiltin declares tollgate.secrets(x): the credentials the
// detector (package credentials: gitleaks' default rules and tollgate's)
// finds in the strings of x (object values and array elements, not keys;
// x itself when it is a string), as [path, {"rule", "description",
// "value"}] pairs in path order. Placeholders and references are already
// left out, and so is generic-api-key (see secretsFunc). One credential
// format list thus serves every input.
var SecretsBuiltin = &ast.Builtin{
	Name: "tollgate.secrets",
	Decl: types.NewFunction(
		types.Args(types.A),
		types.NewArray(nil, types.NewArray([]types.Type{types.NewArray(nil, types.A), types.NewObject(nil, types.NewDynamicProperty(types.S, types.S))}, nil)),
	),
}

// secretsFunc implements tollgate.secrets. The strings are joined with
// newlines and searched in one pass, so a document costs one detector call
// rather than one per string; a match is mapped back to its string, and one
// that spans two strings is not a credential of either.
func secretsFunc(_ rego.BuiltinContext, x *ast.Term) (*ast.Term, error) {
	var found []*ast.Term
	collectStrings(x.Value, nil, "", nil, nil, &found)
	if len(found) == 0 {
		return ast.ArrayTerm(), nil
	}
	var text strings.Builder
	starts := make([]int, len(found))
	for i, pair := range found {
		if i > 0 {
			text.WriteByte('\n')
		}
		starts[i] = text.Len()
		text.WriteString(string(pair.Value.(*ast.Array).Elem(1).Value.(ast.String)))
	}
	det, err := credentials.Default()
	if err != nil {
		return nil, err
	}
	var out []*ast.Term
	for _, m := range det.FindFormats("", text.String()) {
		i := sort.SearchInts(starts, m.Offset+1) - 1
		s := string(found[i].Value.(*ast.Array).Elem(1).Value.(ast.String))
		if m.Offset+len(m.Secret) > starts[i]+len(s) {
			continue
		}
		out = append(out, ast.ArrayTerm(
			found[i].Value.(*ast.Array).Elem(0),
			ast.ObjectTerm(
				ast.Item(ast.StringTerm("rule"), ast.StringTerm(m.RuleID)),
				ast.Item(ast.StringTerm("description"), ast.StringTerm(m.Description)),
				ast.Item(ast.StringTerm("value"), ast.StringTerm(m.Secret)),
			),
		))
	}
	return ast.ArrayTerm(out...), nil
}

// callsSecrets says whether a module calls tollgate.secrets.
func callsSecrets(mods map[string]*ast.Module) bool {
	name := ast.Ref{ast.VarTerm("tollgate"), ast.StringTerm("secrets")}
	found := false
	for _, m := range mods {
		ast.NewGenericVisitor(func(x any) bool {
			switch v := x.(type) {
			case *ast.Expr: // tollgate.secrets(x) as an expression
				found = found || v.IsCall() && v.Operator().Equal(name)
			case ast.Call: // as a term: some p in tollgate.secrets(x)
				found = found || len(v) > 0 && v[0].Value.Compare(name) == 0
			}
			return found
		}).Walk(m)
		if found {
			return true
		}
	}
	return false
}
