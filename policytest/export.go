package policytest

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/fsread"
)

// Exported says what Export wrote.
type Exported struct {
	// Files are the library files written, relative to the directory.
	Files []string
	// Left are the library files left out, with the reason.
	Left []Left
}

// Left is a library file Export did not write.
type Left struct {
	File, Reason string
}

// Export writes the library's modules (tests left out) to dir, keeping
// their paths (dir/lib/view.rego), so that `opa test dir policy/` compiles
// users' rules that import the library. Modules that call tollgate's own
// builtins (tollgate.strings, tollgate.secrets), or import one that does,
// would not compile in plain OPA: they are left out and listed. dir must
// be new or empty, so no stale copy of an older library survives beside
// the new one.
func Export(library fs.FS, dir string) (Exported, error) {
	mods, err := LibraryModules(library)
	if err != nil {
		return Exported{}, err
	}
	left := needsTollgate(mods)
	if err := emptyDir(dir); err != nil {
		return Exported{}, err
	}
	var out Exported
	for _, name := range slices.Sorted(maps.Keys(mods)) {
		if reason, ok := left[name]; ok {
			out.Left = append(out.Left, Left{File: name, Reason: reason})
			continue
		}
		src, err := fsread.ReadFS(library, name, fsread.MaxTextFile)
		if err != nil {
			return out, err
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return out, err
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			return out, err
		}
		out.Files = append(out.Files, name)
	}
	return out, nil
}

// emptyDir creates dir, or accepts it when it exists and is empty.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case os.IsNotExist(err):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: export the library into a new or empty directory", dir)
	}
	return nil
}

// needsTollgate returns the modules that cannot compile without tollgate,
// with the reason: they call one of its builtins, or refer to a package
// of such a module (until nothing changes).
func needsTollgate(mods map[string]*ast.Module) map[string]string {
	custom := engine.NewBuiltins().Decls
	left := make(map[string]string)
	for name, m := range mods {
		var calls []string
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if _, ok := custom[r.String()]; ok {
				calls = append(calls, r.String())
			}
			return false
		})
		if len(calls) > 0 {
			slices.Sort(calls)
			left[name] = "calls tollgate's own builtin " + strings.Join(slices.Compact(calls), ", ")
		}
	}
	for changed := true; changed; {
		changed = false
		for _, name := range slices.Sorted(maps.Keys(mods)) {
			if _, ok := left[name]; ok {
				continue
			}
			for _, other := range slices.Sorted(maps.Keys(left)) {
				if refersTo(mods[name], mods[other].Package.Path) {
					left[name] = "uses " + mods[other].Package.Path.String() + ", which needs tollgate"
					changed = true
					break
				}
			}
		}
	}
	return left
}

// refersTo says whether m imports or names anything under package pkg.
func refersTo(m *ast.Module, pkg ast.Ref) bool {
	for _, imp := range m.Imports {
		if r, ok := imp.Path.Value.(ast.Ref); ok && (r.HasPrefix(pkg) || pkg.HasPrefix(r)) {
			return true
		}
	}
	found := false
	ast.WalkRefs(m, func(r ast.Ref) bool {
		found = found || r.HasPrefix(pkg)
		return found
	})
	return found
}
