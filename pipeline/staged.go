package pipeline

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/staged"
)

// stagedRun is `tollgate scan --staged`: the whole git index is exported to a
// private directory and mounted, as the scan's file system, at the
// repository root (srcfs), because a Terraform module or a CDK assembly
// needs its unchanged siblings to be scanned. The scan reads the commit's
// content under the names a scan of the work tree would report, so nothing
// is rewritten afterwards. Only the targets the commit touches are scanned
// and reported: a changed file, or the module directory / assembly holding
// a changed file. A nil *stagedRun is a plain scan and every method is a
// no-op, so the run needs no branches.
type stagedRun struct {
	top     string // repository root
	cwd     string // the working directory paths are reported against
	tmp     string // export directory, symlinks resolved
	at      string // the repository root as a scan name ("." or "../..")
	fsys    *srcfs.FS
	changed map[string]bool
	// all scans every target: the configuration changed, or a changed
	// Terraform directory is a module called from a root we cannot pick out.
	all   bool
	notes []document.Diagnostic
}

// startStaged exports the index when enabled. files, when given, are the
// changed set (what pre-commit passes); otherwise the index is compared to
// HEAD.
func startStaged(ctx context.Context, enabled bool, files []string) (*stagedRun, error) {
	if !enabled {
		return nil, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	top, err := staged.TopLevel(ctx, cwd)
	if err != nil {
		return nil, fmt.Errorf("not in a git work tree: %w", err)
	}
	if top, err = filepath.EvalSymlinks(top); err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	tmp, err := os.MkdirTemp("", "tollgate-staged-")
	if err != nil {
		return nil, err
	}
	s := &stagedRun{top: top, cwd: cwd, changed: map[string]bool{}}
	if real, err := filepath.EvalSymlinks(tmp); err == nil {
		tmp = real
	}
	s.tmp = tmp
	s.at = s.report(".")
	inRepo, err := filepath.Rel(top, cwd)
	if err != nil || !filepath.IsLocal(inRepo) {
		s.close()
		return nil, fmt.Errorf("the working directory %s is not inside the repository %s", cwd, top)
	}
	s.fsys = srcfs.Mount(tmp, filepath.ToSlash(inRepo))
	tree, err := staged.Export(ctx, top, tmp)
	if err != nil {
		s.close()
		return nil, err
	}
	for _, sk := range tree.Skipped {
		s.notes = append(s.notes, document.Diagnostic{
			Level: document.LevelNote, Message: "not scanned: " + sk.Reason, Range: document.Range{File: s.report(sk.Path)},
		})
	}
	var changed []string
	if len(files) > 0 {
		for _, f := range files {
			abs, err := filepath.Abs(f)
			if err != nil {
				s.close()
				return nil, err
			}
			rel, err := filepath.Rel(top, abs)
			if err != nil || !filepath.IsLocal(rel) {
				s.close()
				return nil, fmt.Errorf("%s is not inside the repository %s", f, top)
			}
			changed = append(changed, filepath.ToSlash(rel))
		}
	} else if changed, err = staged.Changed(ctx, top); err != nil {
		s.close()
		return nil, err
	}
	for _, c := range changed {
		s.changed[c] = true
		// The configuration decides what every file is checked against.
		if c == ".tollgate.yaml" || c == ".tollgate.yml" {
			s.all = true
		}
	}
	return s, nil
}

func (s *stagedRun) close() {
	if s != nil {
		os.RemoveAll(s.tmp)
	}
}

// roots replaces the scan roots with the repository root: the changed
// paths given select targets, they do not bound discovery.
func (s *stagedRun) roots(roots []string) []string {
	if s == nil {
		return roots
	}
	return []string{s.at}
}

// fs is the scan's file system: the index at the repository root.
func (s *stagedRun) fs() *srcfs.FS {
	if s == nil {
		return nil
	}
	return s.fsys
}

// kinds wraps each kind's unit selection: when the commit touches a unit
// a kind leaves out (a module called from a root, a template nested in
// another), we cannot tell which kept unit reaches it, so every unit is
// scanned (fail closed).
func (s *stagedRun) kinds(list []scanners.Kind) []scanners.Kind {
	if s == nil {
		return list
	}
	out := append([]scanners.Kind(nil), list...)
	for i := range out {
		inner := out[i].Match.Select
		if inner == nil {
			continue
		}
		out[i].Match.Select = func(ctx context.Context, units []scanners.Unit) ([]scanners.Unit, []document.Diagnostic) {
			kept, notes := inner(ctx, units)
			isKept := make(map[string]bool, len(kept))
			for _, u := range kept {
				isKept[u.Path] = true
			}
			for _, u := range units {
				if !isKept[u.Path] && s.touches(s.rel(u.Path), false) {
					s.all = true
				}
			}
			return kept, notes
		}
	}
	return out
}

// filter keeps the targets the commit touches and adds notes on what the
// export left out.
func (s *stagedRun) filter(found discover.Result) discover.Result {
	if s == nil {
		return found
	}
	found.Diagnostics = append(found.Diagnostics, s.notes...)
	if s.all {
		return found
	}
	kept := found.Targets[:0:0]
	for _, t := range found.Targets {
		if s.touches(s.rel(t.Unit.Path), true) {
			kept = append(kept, t)
		}
	}
	found.Targets = kept
	return found
}

// touches reports whether the changed set holds rel or, with nested, a file
// anywhere below directory rel (else directly in it).
func (s *stagedRun) touches(rel string, nested bool) bool {
	if s.changed[rel] {
		return true
	}
	for c := range s.changed {
		dir := path.Dir(c)
		if dir == rel || (nested && (rel == "." || strings.HasPrefix(dir, rel+"/"))) {
			return true
		}
	}
	return false
}

// rel turns a scan name into a repository-relative path.
func (s *stagedRun) rel(p string) string {
	if rel, ok := s.fsys.Under(p); ok {
		return rel
	}
	return p
}

// report turns a repository-relative path into the path users see: relative
// to the working directory, as a plain scan would print it.
func (s *stagedRun) report(rel string) string {
	if s.cwd == s.top {
		return rel
	}
	p, err := filepath.Rel(s.cwd, filepath.Join(s.top, filepath.FromSlash(rel)))
	if err != nil {
		return rel
	}
	return filepath.ToSlash(p)
}

// fileRoot bounds Terraform's file() to the repository in a staged scan,
// as it bounds it to the working directory in a plain one.
func (s *stagedRun) fileRoot(plain string) string {
	if s == nil {
		return plain
	}
	return s.at
}
