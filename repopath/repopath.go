// Package repopath places the paths of a run relative to their repository
// root, the one base that exclude globs and the paths of ignore entries are
// written against: whatever directory tollgate runs in and whatever it is
// pointed at, `exclude: [test/**]` means the repository's test/ folder.
package repopath

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Base resolves names (as a run gives them: relative to the working
// directory, or absolute) to paths relative to their repository root: the
// nearest directory at or above the name that holds .git (a directory, or
// the file of a worktree or submodule). Outside git, the working directory
// is the root for what is below it. The zero Base takes relative names as
// they are. Safe for concurrent use.
type Base struct {
	cwd   string // absolute; "" for the zero Base
	mu    *sync.Mutex
	roots map[string]string // directory → its repository root ("" for none)
}

// New returns the Base of a run in the working directory cwd.
func New(cwd string) (Base, error) {
	abs, err := filepath.Abs(cwd)
	if err != nil {
		return Base{}, err
	}
	return Base{cwd: abs, mu: &sync.Mutex{}, roots: map[string]string{}}, nil
}

// Rel returns name as a slash path relative to its repository root, and
// false for a name in no repository and outside the working directory (the
// caller then keeps its own base, the scan root). A relative name below a
// working directory that is itself a repository root is returned as
// written, so runs from the root see exactly their own paths.
func (b Base) Rel(name string) (string, bool) {
	if b.cwd == "" {
		return filepath.ToSlash(name), !filepath.IsAbs(name)
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(b.cwd, name)
	}
	abs = filepath.Clean(abs)
	root := b.rootOf(abs)
	if root == "" {
		if !within(b.cwd, abs) {
			return "", false
		}
		root = b.cwd
	}
	if root == b.cwd && !filepath.IsAbs(name) && filepath.IsLocal(name) {
		return filepath.ToSlash(name), true
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// rootOf is the repository root holding p, or "".
func (b Base) rootOf(p string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var walked []string
	root := ""
	for dir := p; ; {
		if r, ok := b.roots[dir]; ok {
			root = r
			break
		}
		walked = append(walked, dir)
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for _, d := range walked {
		b.roots[d] = root
	}
	return root
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
