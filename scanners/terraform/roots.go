package terraform

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// ModuleCalls returns the directories (cleaned, slash-separated, joined to
// dir) that the configuration files of dir call as local modules. files
// maps file paths to contents; files that do not parse are skipped (the
// scan reports them). Discovery asks this of every directory of the tree,
// so a file that never says "module" is not looked at again, and a native
// file is read by quickSources, parsed only when that cannot answer.
func ModuleCalls(dir string, files map[string][]byte) []string {
	seen := map[string]bool{}
	for _, name := range sortedKeys(files) {
		src := files[name]
		if !isConfigFile(path.Base(name)) || !mayCallModule(src) {
			continue
		}
		sources, ok := []string(nil), false
		if !strings.HasSuffix(name, ".json") {
			sources, ok = quickSources(src)
		}
		if !ok {
			sources = parsedSources(name, src)
		}
		for _, s := range sources {
			if isLocalSource(s) {
				seen[path.Join(dir, s)] = true
			}
		}
	}
	return sortedKeys(seen)
}

// mayCallModule says whether src has the word module followed by what can
// start a block's label (a quote, a letter, an underscore or a non-ASCII
// byte; in JSON, the key's closing quote). Most files that mention modules only refer to
// their outputs (module.vpc.id) and need no further reading.
func mayCallModule(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("module"))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("module")
		if at > 0 && isIdentByte(src[at-1]) {
			continue
		}
		k := i
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) && (src[k] == '"' || src[k] == '_' || src[k] >= 0x80 || 'a' <= src[k]|0x20 && src[k]|0x20 <= 'z') {
			return true
		}
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// parsedSources returns the literal sources of a file's module blocks as
// HCL reads them; a file that does not parse has none.
func parsedSources(name string, src []byte) []string {
	f, diags := parseFile(name, src)
	if f == nil || diags.HasErrors() {
		return nil
	}
	var sources []string
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
		sources = append(sources, v.AsString())
	}
	return sources
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
