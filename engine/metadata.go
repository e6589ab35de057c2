package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/tollgate-dev/tollgate/finding"
)

// Themes a rule may declare; one per rule so reports can group by it.
var themes = []string{
	"encryption", "secrets", "base-image", "integrity", "network-exposure",
	"public-access", "logging", "iam", "residency", "container-hardening", "backup",
}

// rulePackage is one compiled package that implements (part of) a rule.
type rulePackage struct {
	rule finding.Rule
	ref  ast.Ref // data.<package>.deny
	// noUndecided: the rule's METADATA says custom.undecided: false.
	noUndecided bool
}

// rulePackages finds every package with a package-scoped METADATA block
// that carries custom.id. Packages without one are libraries. It reads the
// parsed modules, not a compiler, so a lazy engine knows its rules before
// it compiles any.
func rulePackages(modules map[string]*ast.Module, as *ast.AnnotationSet, builtin map[string]bool, formats []string) ([]rulePackage, error) {
	var out []rulePackage
	var errs []string
	hasDeny := map[string]bool{}
	for _, m := range modules {
		deny := m.Package.Path.Append(ast.StringTerm("deny"))
		for _, r := range m.Rules {
			if r.Ref().GroundPrefix().Equal(deny) {
				hasDeny[m.Package.Path.String()] = true
			}
		}
	}
	for _, name := range util.KeysSorted(modules) {
		m := modules[name]
		a := as.GetPackageScope(m.Package)
		if a == nil || a.Custom["id"] == nil {
			continue
		}
		// Only the module that carries the annotation defines the rule;
		// other files of the same package add to it.
		if a.Location == nil || a.Location.File != name {
			continue
		}
		r, err := ruleFromAnnotations(a, name, builtin[name], formats)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !hasDeny[m.Package.Path.String()] {
			errs = append(errs, fmt.Sprintf("%s: package %s declares rule %s but has no deny rule", name, m.Package.Path, r.ID))
			continue
		}
		optOut, err := undecidedOptOut(a, fmt.Sprintf("%s:%d", name, a.Location.Row), r.ID)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		out = append(out, rulePackage{rule: r, ref: m.Package.Path.Append(ast.StringTerm("deny")), noUndecided: optOut})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid rule metadata:\n  %s", strings.Join(errs, "\n  "))
	}
	return out, nil
}

// modulesFor is the part of the rule set the formats need: every module
// of the packages of their rules, and, transitively, of every package those
// modules refer to (imports and data references).
func modulesFor(modules map[string]*ast.Module, pkgs []rulePackage, formats []string) map[string]*ast.Module {
	byPkg := map[string][]string{}
	for name, m := range modules {
		p := m.Package.Path.String()
		byPkg[p] = append(byPkg[p], name)
	}
	var queue []string
	seen := map[string]bool{}
	want := func(pkg string) {
		if !seen[pkg] {
			seen[pkg] = true
			queue = append(queue, pkg)
		}
	}
	for _, p := range pkgs {
		for _, f := range formats {
			if slices.Contains(p.rule.Formats, f) {
				want(p.ref[:len(p.ref)-1].String())
			}
		}
	}
	out := map[string]*ast.Module{}
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		for _, name := range byPkg[pkg] {
			m := modules[name]
			out[name] = m
			refer := func(ref ast.Ref) {
				if !ref.HasPrefix(ast.DefaultRootRef) {
					return
				}
				ground := ref.ConstantPrefix().String()
				for p := range byPkg {
					// The package itself, one it is inside (a rule of
					// data.a referenced as data.a.b), or one inside it (a
					// whole subtree referenced).
					if p == ground || strings.HasPrefix(ground, p+".") || strings.HasPrefix(p, ground+".") {
						want(p)
					}
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
	if !slices.Contains(themes, r.Theme) {
		return r, fmt.Errorf("%s: rule %s: theme %q is not one of %s", where, r.ID, r.Theme, strings.Join(themes, ", "))
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
