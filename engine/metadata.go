package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/themes"
)

// rulePackage is one compiled package that implements (part of) a rule.
type rulePackage struct {
	rule finding.Rule
	ref  ast.Ref // data.<package>.deny
	// noUndecided: the rule's METADATA says custom.undecided: false.
	noUndecided bool
}

// moduleDecl is what rule discovery reads of one module: its package,
// whether it defines the package's deny rule, and the package-scoped
// METADATA block it carries, if any (nil otherwise).
type moduleDecl struct {
	name  string
	pkg   ast.Ref
	deny  bool
	annot *ast.Annotations
}

// declsOf reads the declarations of parsed modules, sorted by name.
func declsOf(modules map[string]*ast.Module) ([]moduleDecl, error) {
	sorted := make([]*ast.Module, 0, len(modules))
	names := util.KeysSorted(modules)
	for _, name := range names {
		sorted = append(sorted, modules[name])
	}
	as, errs := ast.BuildAnnotationSet(sorted)
	if len(errs) > 0 {
		return nil, compileError(errs)
	}
	out := make([]moduleDecl, 0, len(names))
	for _, name := range names {
		m := modules[name]
		d := moduleDecl{name: name, pkg: m.Package.Path}
		deny := m.Package.Path.Append(ast.StringTerm("deny"))
		for _, r := range m.Rules {
			d.deny = d.deny || r.Ref().GroundPrefix().Equal(deny)
		}
		// Only the module that carries the annotation defines the rule;
		// other files of the same package add to it.
		if a := as.GetPackageScope(m.Package); a != nil && a.Location != nil && a.Location.File == name {
			d.annot = a
		}
		out = append(out, d)
	}
	return out, nil
}

// rulePackages finds every package with a package-scoped METADATA block
// that carries custom.id. Packages without one are libraries. It reads
// declarations (of parsed modules, or of the index), not a compiler, so a
// lazy engine knows its rules before it compiles any.
func rulePackages(decls []moduleDecl, builtin map[string]bool, formats []string) ([]rulePackage, error) {
	var out []rulePackage
	var errs []string
	hasDeny := map[string]bool{}
	for _, d := range decls {
		if d.deny {
			hasDeny[d.pkg.String()] = true
		}
	}
	for _, d := range decls {
		a, name := d.annot, d.name
		if a == nil || a.Custom["id"] == nil {
			continue
		}
		r, err := ruleFromAnnotations(a, name, builtin[name], formats)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !hasDeny[d.pkg.String()] {
			errs = append(errs, fmt.Sprintf("%s: package %s declares rule %s but has no deny rule", name, d.pkg, r.ID))
			continue
		}
		optOut, err := undecidedOptOut(a, fmt.Sprintf("%s:%d", name, a.Location.Row), r.ID)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		out = append(out, rulePackage{rule: r, ref: d.pkg.Append(ast.StringTerm("deny")), noUndecided: optOut})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid rule metadata:\n  %s", strings.Join(errs, "\n  "))
	}
	return out, nil
}

// deps is where a module sits and what it refers to, all modulesFor needs.
type deps struct {
	Package string `json:"package"`
	// Refs are the constant prefixes of the data references of its imports
	// and rules, sorted, each once.
	Refs []string `json:"refs,omitempty"`
}

// graphOf reads the deps of parsed modules.
func graphOf(modules map[string]*ast.Module) map[string]deps {
	out := make(map[string]deps, len(modules))
	for name, m := range modules {
		d := deps{Package: m.Package.Path.String()}
		refer := func(ref ast.Ref) {
			if ref.HasPrefix(ast.DefaultRootRef) {
				d.Refs = append(d.Refs, ref.ConstantPrefix().String())
			}
		}
		for _, imp := range m.Imports {
			if r, ok := imp.Path.Value.(ast.Ref); ok {
				refer(r)
			}
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			refer(r)
			return false
		})
		slices.Sort(d.Refs)
		d.Refs = slices.Compact(d.Refs)
		out[name] = d
	}
	return out
}

// modulesFor is the part of the rule set the formats need, sorted: every
// module of the packages of their rules, and, transitively, of every
// package those modules refer to (imports and data references).
func modulesFor(graph map[string]deps, pkgs []rulePackage, formats []string) []string {
	var roots []string
	for _, p := range pkgs {
		for _, f := range formats {
			if slices.Contains(p.rule.Formats, f) {
				roots = append(roots, p.ref[:len(p.ref)-1].String())
			}
		}
	}
	return closure(graph, roots)
}

// closure is every module of the packages roots, and, transitively, of
// every package those modules refer to, sorted.
func closure(graph map[string]deps, roots []string) []string {
	byPkg := map[string][]string{}
	for name, d := range graph {
		byPkg[d.Package] = append(byPkg[d.Package], name)
	}
	var queue []string
	seen := map[string]bool{}
	want := func(pkg string) {
		if !seen[pkg] {
			seen[pkg] = true
			queue = append(queue, pkg)
		}
	}
	for _, p := range roots {
		want(p)
	}
	// Modules share most references (the libraries): match each once.
	matched := map[string][]string{}
	var out []string
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		for _, name := range byPkg[pkg] {
			out = append(out, name)
			for _, ground := range graph[name].Refs {
				ps, ok := matched[ground]
				if !ok {
					ps = packagesOf(byPkg, ground)
					matched[ground] = ps
				}
				for _, p := range ps {
					want(p)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// packagesOf are the packages (keys of byPkg) a ground data reference may
// read: the package itself, one it is inside (a rule of data.a referenced
// as data.a.b), or one inside it (a whole subtree referenced).
func packagesOf[V any](byPkg map[string]V, ground string) []string {
	var out []string
	for p := range byPkg {
		if p == ground || strings.HasPrefix(ground, p+".") || strings.HasPrefix(p, ground+".") {
			out = append(out, p)
		}
	}
	return out
}

func ruleFromAnnotations(a *ast.Annotations, file string, builtin bool, formats []string) (finding.Rule, error) {
	where := fmt.Sprintf("%s:%d", file, a.Location.Row)
	str := func(k string) string {
		s, _ := a.Custom[k].(string)
		return strings.TrimSpace(s)
	}
	list := func(k string) ([]string, error) {
		switch v := a.Custom[k].(type) {
		case nil:
			return nil, nil
		case string:
			return []string{v}, nil
		case []any:
			out := make([]string, 0, len(v))
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("%s: custom.%s must be a list of strings", where, k)
				}
				out = append(out, s)
			}
			return out, nil
		default:
			return nil, fmt.Errorf("%s: custom.%s must be a list of strings", where, k)
		}
	}
	r := finding.Rule{
		ID:          str("id"),
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Remediation: str("remediation"),
		Theme:       str("theme"),
		Sources:     []string{file},
		Builtin:     builtin,
	}
	if r.ID == "" {
		return r, fmt.Errorf("%s: custom.id must be a non-empty string", where)
	}
	if r.Title == "" {
		return r, fmt.Errorf("%s: rule %s has no title", where, r.ID)
	}
	sev, err := finding.ParseSeverity(str("severity"))
	if err != nil {
		return r, fmt.Errorf("%s: rule %s: %w", where, r.ID, err)
	}
	r.Severity = sev
	if !themes.Known(r.Theme) {
		return r, fmt.Errorf("%s: rule %s: theme %q is not one of %s", where, r.ID, r.Theme, strings.Join(themes.Names(), ", "))
	}
	if r.Formats, err = list("formats"); err != nil {
		return r, err
	}
	if len(r.Formats) == 0 {
		return r, fmt.Errorf("%s: rule %s: custom.formats is empty", where, r.ID)
	}
	for _, f := range r.Formats {
		if formats != nil && !slices.Contains(formats, f) {
			return r, fmt.Errorf("%s: rule %s: unknown format %q (want one of %s)", where, r.ID, f, strings.Join(formats, ", "))
		}
	}
	if r.ResourceTypes, err = list("resource_types"); err != nil {
		return r, err
	}
	return r, nil
}

// mergeRules folds packages that share an id (one control written once per
// format) into one rule, and rejects ids whose metadata disagree.
func mergeRules(pkgs []rulePackage) ([]finding.Rule, error) {
	byID := make(map[string]*finding.Rule)
	var errs []string
	for _, p := range pkgs {
		r := p.rule
		prev, ok := byID[r.ID]
		if !ok {
			c := r
			byID[r.ID] = &c
			continue
		}
		if prev.Severity != r.Severity || prev.Theme != r.Theme || prev.Title != r.Title {
			errs = append(errs, fmt.Sprintf("rule %s is defined in %s and %s with different title, severity or theme",
				r.ID, prev.Sources[0], r.Sources[0]))
			continue
		}
		prev.Formats = union(prev.Formats, r.Formats)
		prev.ResourceTypes = union(prev.ResourceTypes, r.ResourceTypes)
		prev.Sources = union(prev.Sources, r.Sources)
		prev.Builtin = prev.Builtin && r.Builtin
		if prev.Remediation == "" {
			prev.Remediation = r.Remediation
		}
		if prev.Description == "" {
			prev.Description = r.Description
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("conflicting rules:\n  %s", strings.Join(errs, "\n  "))
	}
	out := make([]finding.Rule, 0, len(byID))
	for _, r := range byID {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	sort.Strings(out)
	return slices.Compact(out)
}
