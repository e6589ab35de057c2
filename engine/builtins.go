package engine

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/types"
)

// Rules that look for something anywhere in a document (a credential
// format, a credential-named property) would otherwise walk every value in
// Rego, which costs more than all other rules together. tollgate.strings
// does that walk in Go. It is generic on purpose: which names and values
// matter stays in the policies.

// StringsBuiltin declares tollgate.strings(x, key_pattern, value_pattern):
// every string in x (object values and array elements, not keys) whose
// value matches value_pattern and whose key — the nearest enclosing object
// key, looking through arrays — matches key_pattern, as [path, value]
// pairs in path order. An empty pattern matches everything.
var StringsBuiltin = &ast.Builtin{
	Name: "tollgate.strings",
	Decl: types.NewFunction(
		types.Args(types.A, types.S, types.S),
		types.NewArray(nil, types.NewArray([]types.Type{types.NewArray(nil, types.A), types.S}, nil)),
	),
}

// Builtins are tollgate's own Rego builtins: declarations for the compiler
// and the implementations to pass to rego.New.
type Builtins struct {
	Decls map[string]*ast.Builtin
	Funcs []func(*rego.Rego)
}

// Capabilities are OPA's sandboxed builtins plus tollgate's, for the
// compiler and the prepared queries.
func (b Builtins) Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, d := range caps.Builtins {
		if !refused(d) {
			kept = append(kept, d)
		}
	}
	caps.Builtins = kept
	for _, d := range b.Decls {
		caps.Builtins = append(caps.Builtins, d)
	}
	return caps
}

// timeDependent are builtins OPA does not mark non-deterministic that still
// read the clock: without an explicit time they verify against now.
var timeDependent = []string{
	"crypto.x509.parse_and_verify_certificates",
	"crypto.x509.parse_and_verify_certificates_with_options",
}

// refused says whether policies may not call d. A gate must give the same
// verdict for the same files wherever it runs, and a policy (possibly a
// third party's bundle) must not exfiltrate what it reads, so every builtin
// OPA marks non-deterministic is refused: the network (http.send,
// net.lookup_ip_addr), the clock (time.now_ns, io.jwt.decode_verify),
// randomness (rand.intn, uuid.rfc4122, signing) and the runtime
// (opa.runtime). Pure builtins that merely share a namespace
// (net.cidr_contains, time.parse_ns) stay.
func refused(d *ast.Builtin) bool {
	return d.Nondeterministic || slices.Contains(timeDependent, d.Name)
}

// NewBuiltins returns the builtins with their own pattern cache.
func NewBuiltins() Builtins {
	cache := &patternCache{m: map[string]*regexp.Regexp{}}
	return Builtins{
		Decls: map[string]*ast.Builtin{StringsBuiltin.Name: StringsBuiltin, SecretsBuiltin.Name: SecretsBuiltin},
		// Funcs follow the order StringsBuiltin, SecretsBuiltin.
		Funcs: []func(*rego.Rego){
			rego.Function3(&rego.Function{Name: StringsBuiltin.Name, Decl: StringsBuiltin.Decl},
				func(_ rego.BuiltinContext, x, keyPat, valPat *ast.Term) (*ast.Term, error) {
					kp, err := cache.get(keyPat)
					if err != nil {
						return nil, err
					}
					vp, err := cache.get(valPat)
					if err != nil {
						return nil, err
					}
					var out []*ast.Term
					collectStrings(x.Value, nil, "", kp, vp, &out)
					return ast.ArrayTerm(out...), nil
				}),
			rego.Function1(&rego.Function{Name: SecretsBuiltin.Name, Decl: SecretsBuiltin.Decl}, secretsFunc),
		},
	}
}

// TesterBuiltins are the same builtins for OPA's test runner, so Rego unit
// tests (the built-in policies', users' through `tollgate policy test`) call
// what scans call.
func (b Builtins) TesterBuiltins() []*tester.Builtin {
	// Funcs follow the order StringsBuiltin, SecretsBuiltin.
	return []*tester.Builtin{
		{Decl: b.Decls[StringsBuiltin.Name], Func: b.Funcs[0]},
		{Decl: b.Decls[SecretsBuiltin.Name], Func: b.Funcs[1]},
	}
}

type patternCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (c *patternCache) get(t *ast.Term) (*regexp.Regexp, error) {
	s, ok := t.Value.(ast.String)
	if !ok {
		return nil, fmt.Errorf("tollgate.strings: pattern must be a string, got %v", ast.ValueName(t.Value))
	}
	if s == "" {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if re, ok := c.m[string(s)]; ok {
		return re, nil
	}
	re, err := regexp.Compile(string(s))
	if err != nil {
		return nil, fmt.Errorf("tollgate.strings: %w", err)
	}
	c.m[string(s)] = re
	return re, nil
}

func collectStrings(v ast.Value, path []*ast.Term, key string, kp, vp *regexp.Regexp, out *[]*ast.Term) {
	switch x := v.(type) {
	case ast.String:
		if (kp == nil || kp.MatchString(key)) && (vp == nil || vp.MatchString(string(x))) {
			p := make([]*ast.Term, len(path))
			copy(p, path)
			*out = append(*out, ast.ArrayTerm(ast.ArrayTerm(p...), ast.NewTerm(x)))
		}
	case ast.Object:
		keys := x.Keys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].Value.Compare(keys[j].Value) < 0 })
		for _, k := range keys {
			ks, ok := k.Value.(ast.String)
			name := string(ks)
			if !ok {
				name = k.String()
			}
			collectStrings(x.Get(k).Value, append(path, k), name, kp, vp, out)
		}
	case *ast.Array:
		for i := 0; i < x.Len(); i++ {
			collectStrings(x.Elem(i).Value, append(path, ast.IntNumberTerm(i)), key, kp, vp, out)
		}
	}
}
