package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// An index describes the built-in modules well enough that a lazy engine
// knows every rule, and which modules each format needs, without parsing
// them: parsing all of them cost a one-file scan more than compiling the
// few it needs. go generate writes it next to the embedded rules
// (policies/index.json, from BuildIndex); a test there regenerates it and
// compares. At run time it is used only when it describes exactly the
// bytes embedded (every file's SHA-256, which the policy digest needs
// anyway) and the input schemas of the run; otherwise the engine parses
// every module as it always did.
//
// BuildIndex also compiles every format's modules, and all of them, with
// every check of the compiler: an index exists only for a set that passes
// them, which is why a lazy engine that uses it may leave the checks out
// (checkStages).
type index struct {
	// Schemas is schemasDigest of the input schemas the checks used.
	Schemas string        `json:"schemas"`
	Modules []indexModule `json:"modules"`
}

// indexModule is one module, by its path in the policy file system.
type indexModule struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	deps
	// Deny says the module defines <package>.deny.
	Deny bool `json:"deny,omitempty"`
	// Rule is the package-scoped METADATA the module carries, if any.
	Rule *indexRule `json:"rule,omitempty"`
	// Secrets says the module calls tollgate.secrets (callsSecrets).
	Secrets bool `json:"secrets,omitempty"`
}

// indexRule is what rule discovery reads of a METADATA block.
type indexRule struct {
	Title       string         `json:"title,omitempty"`
	Description string         `json:"description,omitempty"`
	Custom      map[string]any `json:"custom,omitempty"`
	Row         int            `json:"row"`
	Col         int            `json:"col"`
}

// BuildIndex writes the index of the Rego modules of fsys (tests left
// out), named as the engine names built-in rules. It fails when a module
// does not parse, a rule's metadata is invalid for formats, or the modules
// of a format, or all of them, do not compile with every check.
func BuildIndex(fsys fs.FS, formats []string, schemas map[string][]byte) ([]byte, error) {
	s, err := loadFS(fsys, builtinPrefix, "", false)
	if err != nil {
		return nil, err
	}
	builtin := make(map[string]bool, len(s.modules))
	for name := range s.modules {
		builtin[name] = true
	}
	decls, err := declsOf(s.modules)
	if err != nil {
		return nil, err
	}
	pkgs, err := rulePackages(decls, builtin, formats)
	if err != nil {
		return nil, err
	}
	caps := NewBuiltins().Capabilities()
	graph := graphOf(s.modules)
	for _, f := range append(slices.Clone(formats), "") {
		mods := s.modules
		if f != "" {
			mods = map[string]*ast.Module{}
			for _, name := range modulesFor(graph, pkgs, []string{f}) {
				mods[name] = s.modules[name]
			}
		}
		if _, err := compile(caps, schemas, mods, true); err != nil {
			return nil, fmt.Errorf("format %q: %w", f, err)
		}
	}
	idx := index{Schemas: schemasDigest(schemas)}
	for _, d := range decls {
		m := indexModule{File: d.name[len(builtinPrefix)+1:], deps: graph[d.name], Deny: d.deny,
			Secrets: callsSecrets(map[string]*ast.Module{d.name: s.modules[d.name]})}
		m.SHA256 = s.sums[m.File]
		if a := d.annot; a != nil {
			m.Rule = &indexRule{Title: a.Title, Description: a.Description, Custom: a.Custom, Row: a.Location.Row, Col: a.Location.Col}
		}
		idx.Modules = append(idx.Modules, m)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(idx); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// readIndex returns the index raw holds when it describes exactly the
// modules s read and the schemas given, else nil: a stale index (rules
// edited, go generate not run) costs the parse it would have saved, never
// a wrong rule set.
func readIndex(raw []byte, s source, schemas map[string][]byte) *index {
	var idx index
	if len(raw) == 0 || json.Unmarshal(raw, &idx) != nil {
		return nil
	}
	if idx.Schemas != schemasDigest(schemas) || len(idx.Modules) != len(s.sums) {
		return nil
	}
	for _, m := range idx.Modules {
		if sum, ok := s.sums[m.File]; !ok || sum != m.SHA256 {
			return nil
		}
	}
	return &idx
}

// decls are the index's modules as rule discovery sees them.
func (idx *index) decls() ([]moduleDecl, error) {
	out := make([]moduleDecl, 0, len(idx.Modules))
	for _, m := range idx.Modules {
		name := builtinPrefix + "/" + m.File
		pkg, err := packageRef(m.Package)
		if err != nil {
			return nil, fmt.Errorf("policy index: %s: %w", name, err)
		}
		d := moduleDecl{name: name, pkg: pkg, deny: m.Deny}
		if r := m.Rule; r != nil {
			d.annot = &ast.Annotations{Scope: "package", Title: r.Title, Description: r.Description, Custom: r.Custom,
				Location: &ast.Location{File: name, Row: r.Row, Col: r.Col}}
		}
		out = append(out, d)
	}
	return out, nil
}

// packageRef is ast.ParseRef of a package path, without a parser when the
// path prints as itself built from its dotted parts (data.tollgate.aws.x):
// parsing the 190 of them took milliseconds.
func packageRef(s string) (ast.Ref, error) {
	parts := strings.Split(s, ".")
	ref := make(ast.Ref, 0, len(parts))
	ref = append(ref, ast.DefaultRootDocument)
	for _, p := range parts[1:] {
		ref = append(ref, ast.StringTerm(p))
	}
	if parts[0] == ast.DefaultRootDocument.String() && ref.String() == s {
		return ref, nil
	}
	return ast.ParseRef(s)
}

// schemasDigest identifies a set of input schemas.
func schemasDigest(schemas map[string][]byte) string {
	h := sha256.New()
	for _, f := range slices.Sorted(maps.Keys(schemas)) {
		sum := sha256.Sum256(schemas[f])
		fmt.Fprintf(h, "%s %x\n", f, sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Indexed says whether the engine found its rules in the index of the
// built-in rules instead of parsing them all.
func (e *Engine) Indexed() bool { return e.indexed }
