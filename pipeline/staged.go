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
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/staged"
)

// stagedRun is `tollgate scan --staged`: the whole git index is exported to a
// temporary tree and discovery runs there, because a Terraform module or a
// CDK assembly needs its unchanged siblings to be scanned. Only the targets
// the commit touches are scanned and reported: a changed file, or the module
// directory / assembly holding a changed file. A nil *stagedRun is a plain
// scan and every method is a no-op, so scan needs no branches.
type stagedRun struct {
	top     string // repository root
	cwd     string // the working directory paths are reported against
	tmp     string // export directory, slash-separated, symlinks resolved
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
	s.tmp = filepath.ToSlash(tmp)
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
		os.RemoveAll(filepath.FromSlash(s.tmp))
	}
}

// roots replaces the scan roots with the exported tree.
func (s *stagedRun) roots(roots []string) []string {
	if s == nil {
		return roots
	}
	return []string{filepath.FromSlash(s.tmp)}
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
		out[i].Match.Select = func(units []scanners.Unit) []scanners.Unit {
			kept := inner(units)
			isKept := make(map[string]bool, len(kept))
			for _, u := range kept {
				isKept[u.Path] = true
			}
			for _, u := range units {
				if !isKept[u.Path] && s.touches(s.rel(u.Path), false) {
					s.all = true
				}
			}
			return kept
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

// scanners makes every scanner report repository paths: documents are
// rewritten before evaluation so fingerprints and path waivers are those of
// a normal scan of the work tree.
func (s *stagedRun) scanners(m map[string]scanners.Scanner) map[string]scanners.Scanner {
	if s == nil {
		return m
	}
	out := make(map[string]scanners.Scanner, len(m))
	for k, sc := range m {
		out[k] = stagedScanner{inner: sc, run: s}
	}
	return out
}

// mapResult rewrites export paths left in the result (scanner errors,
// discovery diagnostics) to reported paths.
func (s *stagedRun) mapResult(res *scan.Result) {
	if s == nil {
		return
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Location.File = s.mapPath(f.Location.File)
		f.Message = s.mapText(f.Message)
		for j := range f.Related {
			f.Related[j].Range.File = s.mapPath(f.Related[j].Range.File)
			f.Related[j].Message = s.mapText(f.Related[j].Message)
		}
	}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		d.Range.File = s.mapPath(d.Range.File)
		d.Message = s.mapText(d.Message)
	}
}

// rel turns an export path into a repository-relative one.
func (s *stagedRun) rel(p string) string {
	if p == s.tmp {
		return "."
	}
	return strings.TrimPrefix(p, s.tmp+"/")
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

func (s *stagedRun) mapPath(p string) string {
	if p == s.tmp || strings.HasPrefix(p, s.tmp+"/") {
		return s.report(s.rel(p))
	}
	return p
}

func (s *stagedRun) mapText(t string) string {
	if !strings.Contains(t, s.tmp) {
		return t
	}
	t = strings.ReplaceAll(t, s.tmp+"/", "")
	return strings.ReplaceAll(t, s.tmp, ".")
}

// stagedScanner scans the exported file and reports it under its
// repository path.
type stagedScanner struct {
	inner scanners.Scanner
	run   *stagedRun
}

func (w stagedScanner) Name() string { return w.inner.Name() }

func (w stagedScanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	res, err := w.inner.Scan(ctx, u)
	for _, doc := range res.Documents {
		w.run.mapDocument(doc)
	}
	for i := range res.Diagnostics {
		res.Diagnostics[i].Range.File = w.run.mapPath(res.Diagnostics[i].Range.File)
	}
	return res, err
}

func (s *stagedRun) mapDocument(doc *document.Document) {
	doc.File = s.mapPath(doc.File)
	if meta, ok := doc.Input["tollgate"].(map[string]any); ok {
		if f, ok := meta["file"].(string); ok {
			meta["file"] = s.mapPath(f)
		}
	}
	if doc.Positions != nil {
		for _, p := range doc.Positions.Paths() {
			r, _ := doc.Positions.Lookup(p)
			if m := s.mapPath(r.File); m != r.File {
				r.File = m
				doc.Positions.Set(p, r)
			}
		}
	}
	for key, res := range doc.Resources {
		if res.Source != nil {
			src := *res.Source
			src.File = s.mapPath(src.File)
			res.Source = &src
		}
		if len(res.PropertySources) > 0 {
			ps := make(map[string]document.Range, len(res.PropertySources))
			for k, r := range res.PropertySources {
				r.File = s.mapPath(r.File)
				ps[k] = r
			}
			res.PropertySources = ps
		}
		res.Related = append(res.Related[:0:0], res.Related...)
		for i := range res.Related {
			res.Related[i].File = s.mapPath(res.Related[i].File)
		}
		res.Suppressions = append(res.Suppressions[:0:0], res.Suppressions...)
		for i := range res.Suppressions {
			res.Suppressions[i].Range.File = s.mapPath(res.Suppressions[i].Range.File)
		}
		doc.Resources[key] = res
	}
}
