package terraform

import (
	"path"
	"regexp"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// moduleBlock finds where a module block may start: the word module and a
// label, quoted or bare (or, in JSON configuration, the key "module"). In
// expressions the word is followed by a dot (module.vpc.id), so the files
// without a module block, most of them, need no parse here: discovery
// looks for calls in every configuration file of the tree, and parsing
// them all was three quarters of its time (the scanner parses the
// directories it scans anyway).
var moduleBlock = regexp.MustCompile(`\bmodule(?:\s*"|\s+[A-Za-z_])`)

// ModuleCalls returns the directories (cleaned, slash-separated, joined to
// dir) that the configuration files of dir call as local modules. files
// maps file paths to contents; files that do not parse are skipped (the
// scan reports them).
func ModuleCalls(dir string, files map[string][]byte) []string {
	seen := map[string]bool{}
	for _, name := range sortedKeys(files) {
		if !isConfigFile(path.Base(name)) || !moduleBlock.Match(files[name]) {
			continue
		}
		f, diags := parseFile(name, files[name])
		if f == nil || diags.HasErrors() {
			continue
		}
		body, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}})
		for _, b := range body.Blocks {
			attrs, _ := b.Body.JustAttributes()
			a := attrs["source"]
			if a == nil {
				continue
			}
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type().FriendlyName() != "string" {
				continue
			}
			if src := v.AsString(); isLocalSource(src) {
				seen[path.Join(dir, src)] = true
			}
		}
	}
	return sortedKeys(seen)
}

// FilterRoots keeps the directories that are root modules: those no other
// directory in dirs calls as a local module. A called module scanned on its
// own would be evaluated with unknown inputs and repeat its caller's
// findings. Directories only reachable through a cycle of calls keep one
// representative so nothing goes unscanned. calls maps each directory to
// ModuleCalls of it. The result is sorted.
func FilterRoots(dirs []string, calls map[string][]string) []string {
	in := map[string]bool{}
	for _, d := range dirs {
		in[path.Clean(d)] = true
	}
	called := map[string]bool{}
	for _, d := range dirs {
		for _, c := range calls[d] {
			if c = path.Clean(c); c != path.Clean(d) && in[c] {
				called[c] = true
			}
		}
	}
	sorted := append([]string(nil), dirs...)
	sort.Strings(sorted)
	var roots []string
	reached := map[string]bool{}
	var reach func(string)
	reach = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, c := range calls[d] {
			reach(path.Clean(c))
		}
	}
	for _, d := range sorted {
		if !called[path.Clean(d)] {
			roots = append(roots, d)
			reach(path.Clean(d))
		}
	}
	for _, d := range sorted {
		if !reached[path.Clean(d)] {
			roots = append(roots, d)
			reach(path.Clean(d))
		}
	}
	sort.Strings(roots)
	return roots
}
