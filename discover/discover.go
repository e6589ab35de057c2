// Package discover walks the scan roots and decides which input kind owns
// each file or directory, trying the kinds' matchers in their list's order
// (package kinds). It reads a file's bytes at most once and hands them on,
// so no later stage reads it again.
package discover

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/glob"
	"github.com/tollgate-dev/tollgate/internal/parallel"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/repopath"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/suggest"
)

// sniffSize is how much of an oversized file is read to tell whether it is
// one we would have scanned (then it is an error, not a skip).
const sniffSize = 64 << 10

// skipDirs never hold what a pipeline deploys, or hold copies of it.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, ".terraform": true,
	".terragrunt-cache": true, "__pycache__": true, ".venv": true, "venv": true,
	".tox": true, ".idea": true, ".vscode": true, ".serverless": true, ".aws-sam": true,
}

// Target is one unit of work for one scanner.
type Target struct {
	// Kind is the name of the input kind (scanners.Kind.Name).
	Kind string
	Unit scanners.Unit
}

// Result is what discovery found.
type Result struct {
	Targets []Target
	// Skipped counts files no scanner claimed: regular files of another
	// format, oversized data files that are not ours, and special files
	// (FIFOs, devices, sockets) met while walking a directory.
	Skipped int
	// Excluded counts files and directories an exclude glob removed.
	Excluded int
	// Unmatched are the exclude globs that removed nothing although they
	// could have (their fixed leading directories lie in a walked tree),
	// in the order given, with what the user probably meant.
	Unmatched []Unmatched
	// Diagnostics report files that could not be examined.
	Diagnostics []document.Diagnostic
}

// Unmatched is an exclude glob that matched nothing.
type Unmatched struct {
	// Index is the glob's position in Options.Exclude.
	Index int
	Glob  string
	// DidYouMean is a glob that would have matched: the same glob below
	// a scan root (it was written relative to the root, not the
	// repository), or with its leading directories replaced by the
	// nearest existing ones (a typo); "" when nothing is near.
	DidYouMean string
}

// Options tune discovery.
type Options struct {
	// Exclude are slash-path globs (`**` spans directories) relative to
	// the repository root (Base), or to the scan root for trees outside
	// the repository.
	Exclude []string
	// Base places scan names in the repository (the zero Base: the
	// working directory is the root).
	Base repopath.Base
	// Limits bound each kind of file read; names it lacks take the
	// kinds' defaults.
	Limits scanners.Limits
	// Kinds are the input kinds in priority order (default kinds.All()).
	Kinds []scanners.Kind
	// FS is what is walked and read, by scan name (nil: the working
	// tree); every unit found carries it to its scanner.
	FS *srcfs.FS
}

type walker struct {
	ctx  context.Context
	opts Options
	res  Result
	// excludes tracks each exclude glob's use (see Result.Unmatched).
	excludes []excludeUse
	// dirs are the walked directories (repository-relative), kept while
	// some exclude glob has matched nothing, for its "did you mean".
	dirs []string
	// walkedTrees are the repository-relative directory roots walked.
	walkedTrees []string
	kinds       []scanners.Kind
	// grouped holds, per grouped kind (Terraform), each directory's files.
	grouped map[string]map[string][]string
	// textKept counts the bytes handed on with fallback targets.
	textKept int64
	// pending are the files met and not yet classified.
	pending []fileJob
}

// Find walks each root in lexical order. Roots may be files or directories.
func Find(ctx context.Context, roots []string, opts Options) (Result, error) {
	w := &walker{ctx: ctx, opts: opts, kinds: opts.Kinds, grouped: map[string]map[string][]string{}}
	if w.kinds == nil {
		w.kinds = kinds.All()
	}
	for _, root := range roots {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if err := w.walkRoot(root); err != nil {
			return Result{}, err
		}
	}
	w.classifyPending()
	for _, k := range w.kinds {
		if k.Match.Grouped {
			w.addGrouped(k)
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	w.selectUnits()
	w.res.Unmatched = w.unmatched()
	sort.SliceStable(w.res.Targets, func(i, j int) bool {
		return w.res.Targets[i].Unit.Path < w.res.Targets[j].Unit.Path
	})
	return w.res, nil
}

func (w *walker) walkRoot(root string) error {
	fsys := w.opts.FS
	st, err := fsys.Stat(root)
	if err != nil {
		return fmt.Errorf("scan path %s: %w", root, err)
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			// Named on the command line: the user meant it to be scanned.
			w.diag(filepath.ToSlash(root), (&scanners.NotRegularError{Type: scanners.FileType(st.Mode())}).Error())
			return nil
		}
		w.file(filepath.ToSlash(root), st.Size())
		return nil
	}
	realRoot, err := fsys.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("scan path %s: %w", root, err)
	}
	// Excludes name repository paths; a tree outside the repository is
	// matched relative to its own root, as nothing else can be meant.
	inRepo, repoRooted := w.opts.Base.Rel(root)
	if repoRooted {
		inRepo = path.Clean(inRepo)
		w.walkedTrees = append(w.walkedTrees, inRepo)
	}
	return fsys.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		slash := p
		if err != nil {
			w.diag(slash, fmt.Sprintf("cannot read: %v", err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(filepath.FromSlash(root), filepath.FromSlash(p))
		rel = filepath.ToSlash(rel)
		name := rel
		if repoRooted {
			name = path.Join(inRepo, rel)
		}
		if rel != "." && w.excluded(name, rel) {
			w.res.Excluded++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			if p != root && (skipDirs[d.Name()] || w.cacheDir(p)) {
				return fs.SkipDir
			}
			if len(w.opts.Exclude) > 0 && repoRooted && name != "." {
				w.dirs = append(w.dirs, name)
			}
			for _, k := range w.kinds {
				if k.Match.Dir != nil && k.Match.Dir(w.ctx, fsys, p) {
					w.res.Targets = append(w.res.Targets, Target{Kind: k.Name, Unit: scanners.Unit{Path: slash, FS: fsys}})
					return fs.SkipDir
				}
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			w.symlink(p, realRoot)
			return nil
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				w.diag(slash, fmt.Sprintf("cannot stat: %v", err))
				return nil
			}
			w.file(slash, info.Size())
			return nil
		default:
			w.special(slash, d.Type())
			return nil
		}
	})
}

// symlink follows a link to a regular file inside the scan root. Links to
// directories are not followed: that is how loops are avoided.
func (w *walker) symlink(p, realRoot string) {
	slash := p
	target, err := w.opts.FS.EvalSymlinks(p)
	if err != nil {
		if w.isCandidateName(slash) {
			w.diag(slash, fmt.Sprintf("broken symlink: %v", err))
		}
		return
	}
	rel, err := filepath.Rel(filepath.FromSlash(realRoot), filepath.FromSlash(target))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		if w.isCandidateName(slash) {
			w.note(slash, "symlink points outside the scan root; not followed")
		}
		return
	}
	st, err := w.opts.FS.Stat(target)
	switch {
	case err != nil:
		w.diag(slash, fmt.Sprintf("cannot stat: %v", err))
	case st.IsDir():
	case !st.Mode().IsRegular():
		w.special(slash, st.Mode())
	default:
		w.file(slash, st.Size())
	}
}

// special skips a FIFO, device or socket met in a directory, with a word:
// reading one would block or never end, and a silent skip of a file named
// like a template would look like a pass.
func (w *walker) special(p string, mode fs.FileMode) {
	w.res.Skipped++
	w.res.Diagnostics = append(w.res.Diagnostics, document.Diagnostic{
		Level: document.LevelWarning, Message: "skipped: " + (&scanners.NotRegularError{Type: scanners.FileType(mode)}).Error(), Range: document.Range{File: p},
	})
}

// file queues one regular file to be classified (classify).
func (w *walker) file(p string, size int64) {
	w.pending = append(w.pending, fileJob{p: p, size: size})
	if len(w.pending) >= classifyBatch {
		w.classifyPending()
	}
}

// fileJob is a regular file met while walking, and its size then.
type fileJob struct {
	p    string
	size int64
}

// classifyBatch is how many files are read and classified at a time:
// enough to keep both cores busy, few enough that the bytes of files no
// kind keeps (past the fallback's budget) do not pile up.
const classifyBatch = 256

// classifyPending reads and classifies the queued files on every core and
// records the outcomes in the order the files were met, so the targets,
// the fallback's budget and the diagnostics come out as they would one
// file at a time.
func (w *walker) classifyPending() {
	jobs := w.pending
	w.pending = w.pending[:0]
	out := make([]classified, len(jobs))
	parallel.Do(len(jobs), func(i int) { out[i] = w.classify(jobs[i].p, jobs[i].size) })
	for i, c := range out {
		p := jobs[i].p
		switch {
		case c.diag != "":
			w.diag(p, c.diag)
		case c.group != "":
			if w.grouped[c.group] == nil {
				w.grouped[c.group] = map[string][]string{}
			}
			dir := path.Dir(p)
			w.grouped[c.group][dir] = append(w.grouped[c.group][dir], p)
		case c.kind != "":
			w.add(c.kind, p, c.content)
		default:
			w.fallback(p, c.size, c.content)
		}
	}
}

// classified is what became of one file: an error (diag), a file of a
// grouped kind (group, read later with its directory), a file a kind
// claims (kind, with its bytes), or else one for the fallback kind (with
// its bytes when they were read, and its size).
type classified struct {
	diag    string
	group   string
	kind    string
	content []byte
	size    int64
}

// classify decides which kind owns a regular file, by the kinds'
// matchers in order. It reads the walker's settings only, so files are
// classified in parallel.
func (w *walker) classify(p string, size int64) classified {
	var candidates []scanners.Kind
	for _, k := range w.kinds {
		if k.Match.Name == nil || !k.Match.Name(p) {
			continue
		}
		switch {
		case k.Match.Grouped:
			return classified{group: k.Name}
		case k.Match.Content == nil:
			content, diag := w.read(p, k.Label, w.limit(k))
			return classified{diag: diag, kind: k.Name, content: content}
		}
		candidates = append(candidates, k)
	}
	if len(candidates) == 0 {
		return classified{size: size}
	}
	if slices.ContainsFunc(candidates, func(k scanners.Kind) bool { return w.over(k, size) }) {
		// Over one candidate's limit: whether that is an error depends on
		// what the file is, which its head tells without reading it all.
		head, err := scanners.ReadHead(w.ctx, w.opts.FS, p, sniffSize)
		if err != nil {
			return classified{diag: fmt.Sprintf("cannot read: %v", err)}
		}
		k, ok := firstMatch(candidates, p, head, true)
		switch {
		case !ok:
			return classified{size: size}
		case w.over(k, size):
			return classified{diag: tooLarge(k.Label, size, w.limit(k))}
		}
	}
	content, diag := w.read(p, "file", w.largest(candidates))
	if diag != "" {
		return classified{diag: diag}
	}
	size = int64(len(content))
	k, ok := firstMatch(candidates, p, content, false)
	switch {
	case !ok:
		return classified{content: content, size: size}
	case w.over(k, size):
		return classified{diag: tooLarge(k.Label, size, w.limit(k))}
	default:
		return classified{kind: k.Name, content: content}
	}
}

// firstMatch is the first kind whose content matcher (or, for the head of
// an oversized file, sniffer) accepts the bytes.
func firstMatch(candidates []scanners.Kind, p string, b []byte, head bool) (scanners.Kind, bool) {
	for _, k := range candidates {
		match := k.Match.Content
		if head && k.Match.Sniff != nil {
			match = k.Match.Sniff
		}
		if match(p, b) {
			return k, true
		}
	}
	return scanners.Kind{}, false
}

// limit is a kind's file size limit in this run (0: none).
func (w *walker) limit(k scanners.Kind) int64 { return k.FileLimit(w.opts.Limits) }

// over says whether a file of size bytes is over a kind's limit; a kind
// without one takes any size.
func (w *walker) over(k scanners.Kind, size int64) bool {
	lim := w.limit(k)
	return lim > 0 && size > lim
}

// largest is what must be read of a file before its kind is known: the
// largest of the candidates' limits, or all of it (0) when one has none.
func (w *walker) largest(candidates []scanners.Kind) int64 {
	var m int64
	for _, k := range candidates {
		lim := w.limit(k)
		if lim <= 0 {
			return 0
		}
		m = max(m, lim)
	}
	return m
}

// textBudget bounds the bytes of files discovery read (YAML and JSON that
// turned out not to be CloudFormation) that it hands on to the fallback
// scanner. Every target is discovered before any is scanned, so handing on
// a whole large tree would hold it all in memory; past the budget the
// scanner reads the file again instead.
const textBudget = 8 << 20

// fallback hands a file no other kind claims to the fallback kind (the
// credentials scanner), with its content when discovery already read it
// and the budget allows (the scanner reads the others itself, once). Files
// over the fallback's cap are skipped and counted.
func (w *walker) fallback(p string, size int64, content []byte) {
	i := slices.IndexFunc(w.kinds, func(k scanners.Kind) bool { return k.Match.Fallback })
	if i < 0 {
		w.res.Skipped++
		return
	}
	k := w.kinds[i]
	if w.over(k, size) {
		w.res.Skipped++
		return
	}
	if w.textKept+int64(len(content)) > textBudget {
		content = nil
	}
	w.textKept += int64(len(content))
	w.add(k.Name, p, content)
	if content == nil {
		w.res.Targets[len(w.res.Targets)-1].Unit.Size = size
	}
}

func tooLarge(what string, size, limit int64) string {
	return fmt.Sprintf("%s: %v", what, &scanners.TooLargeError{Size: size, Limit: limit})
}

// read returns the bytes of a file discovery recognised (what names it),
// bounded by its kind's limit, or the error diagnostic it is: an
// oversized, unreadable or special file never passes unseen.
func (w *walker) read(p, what string, limit int64) ([]byte, string) {
	content, err := scanners.ReadFile(w.ctx, w.opts.FS, p, limit)
	var tl *scanners.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, tooLarge(what, tl.Size, tl.Limit)
	case err != nil:
		return nil, fmt.Sprintf("cannot read: %v", err)
	}
	return content, ""
}

func (w *walker) add(kind, p string, content []byte) {
	w.res.Targets = append(w.res.Targets, Target{Kind: kind, Unit: scanners.Unit{Path: p, Content: content, FS: w.opts.FS}})
}

// addGrouped makes one unit per directory of a grouped kind's files
// (Terraform modules). Every file is read once here: selecting the units
// needs them (module calls), and each unit's scanner reads its own files
// and the modules it calls from the shared map.
func (w *walker) addGrouped(k scanners.Kind) {
	byDir := w.grouped[k.Name]
	dirs := make([]string, 0, len(byDir))
	for d, files := range byDir {
		if k.Match.Module == nil || k.Match.Module(files) {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	var names []string
	for _, d := range dirs {
		names = append(names, byDir[d]...)
	}
	contents, diags := make([][]byte, len(names)), make([]string, len(names))
	parallel.Do(len(names), func(i int) {
		contents[i], diags[i] = w.read(names[i], k.Label, w.limit(k))
	})
	all := make(map[string][]byte, len(names))
	for i, f := range names {
		if diags[i] != "" {
			w.diag(f, diags[i])
		} else {
			all[f] = contents[i]
		}
	}
	for _, d := range dirs {
		files := append([]string(nil), byDir[d]...)
		sort.Strings(files)
		w.res.Targets = append(w.res.Targets, Target{Kind: k.Name, Unit: scanners.Unit{Path: d, Files: files, Contents: all, FS: w.opts.FS}})
	}
}

// selectUnits lets each kind narrow the units found of it (called modules,
// nested templates), keeping the targets' order.
func (w *walker) selectUnits() {
	for _, k := range w.kinds {
		if k.Match.Select == nil {
			continue
		}
		var units []scanners.Unit
		for _, t := range w.res.Targets {
			if t.Kind == k.Name {
				units = append(units, t.Unit)
			}
		}
		if len(units) == 0 {
			continue
		}
		keep := map[string]bool{}
		kept, notes := k.Match.Select(w.ctx, units)
		w.res.Diagnostics = append(w.res.Diagnostics, notes...)
		for _, u := range kept {
			keep[u.Path] = true
		}
		out := w.res.Targets[:0]
		for _, t := range w.res.Targets {
			if t.Kind != k.Name || keep[t.Unit.Path] {
				out = append(out, t)
			}
		}
		w.res.Targets = out
	}
}

// excludeUse is what became of one exclude glob.
type excludeUse struct {
	matched bool
	// underRoot is the first root-relative path it would have matched,
	// as a repository path (the glob was written relative to a scan root).
	underRoot string
}

// excluded reports whether an exclude glob matches name (the
// repository-relative path, or the root-relative one outside the
// repository); rel is the path below the scan root, tried only to say
// "did you mean" for a glob that matched nothing.
func (w *walker) excluded(name, rel string) bool {
	if w.excludes == nil {
		w.excludes = make([]excludeUse, len(w.opts.Exclude))
	}
	hit := false
	for i, g := range w.opts.Exclude {
		if glob.Match(g, name) {
			w.excludes[i].matched = true
			hit = true
		} else if name != rel && w.excludes[i].underRoot == "" && glob.Match(g, rel) {
			w.excludes[i].underRoot = strings.TrimSuffix(name, rel)
		}
	}
	return hit
}

// unmatched lists the exclude globs that removed nothing although a walked
// tree could hold what they name, each with its likely meaning.
func (w *walker) unmatched() []Unmatched {
	var out []Unmatched
	dirs := slices.Sorted(slices.Values(w.dirs))
	for i, g := range w.opts.Exclude {
		var use excludeUse
		if w.excludes != nil {
			use = w.excludes[i]
		}
		if use.matched {
			continue
		}
		u := Unmatched{Index: i, Glob: g}
		prefix := literalDirs(g)
		switch {
		case use.underRoot != "":
			u.DidYouMean = use.underRoot + g
		case prefix != "":
			if near, ok := suggest.Closest(prefix, dirs, suggest.Within(len(prefix), 2)); ok && near != prefix {
				u.DidYouMean = near + strings.TrimPrefix(g, prefix)
			}
		}
		if u.DidYouMean == "" && !w.couldHold(prefix) {
			continue // names a place this scan did not walk
		}
		out = append(out, u)
	}
	return out
}

// couldHold reports whether a walked tree contains the directory dir (""
// for a glob that starts with a wildcard: any tree could).
func (w *walker) couldHold(dir string) bool {
	for _, t := range w.walkedTrees {
		if t == "." || dir == "" || dir == t || strings.HasPrefix(dir, t+"/") || strings.HasPrefix(t, dir+"/") {
			return true
		}
	}
	return false
}

// literalDirs is the leading directories of a glob before its first
// wildcard segment: "infra/test/**" → "infra/test", "**/x" → ""; a glob
// without wildcards is a path and all of it is literal.
func literalDirs(g string) string {
	if !strings.ContainsAny(g, "*?[{\\") {
		return g // a path, not a pattern
	}
	segs := strings.Split(g, "/")
	n := 0
	for n < len(segs)-1 && !strings.ContainsAny(segs[n], "*?[{\\") {
		n++
	}
	return strings.Join(segs[:n], "/")
}

func (w *walker) diag(p, msg string) {
	w.res.Diagnostics = append(w.res.Diagnostics, document.Diagnostic{
		Level: document.LevelError, Message: msg, Range: document.Range{File: p},
	})
}

func (w *walker) note(p, msg string) {
	w.res.Diagnostics = append(w.res.Diagnostics, document.Diagnostic{
		Level: document.LevelNote, Message: msg, Range: document.Range{File: p},
	})
}

// isCandidateName is a file some kind would claim by name: a broken or
// escaping symlink so named is worth a word.
func (w *walker) isCandidateName(p string) bool {
	for _, k := range w.kinds {
		if k.Match.Name != nil && k.Match.Name(p) {
			return true
		}
	}
	return false
}

// CacheDirTag marks a cache directory (https://bford.info/cachedir/):
// tollgate's results cache carries one, and so do other tools' caches.
// What a cache holds is a tool's output, never something a pipeline
// deploys, and scanning tollgate's own entries would give every run
// targets the last one did not have.
const CacheDirTag = "CACHEDIR.TAG"

// cacheDirSignature starts every valid CACHEDIR.TAG.
const cacheDirSignature = "Signature: 8a477f597d28d172789f06886806bc55"

func (w *walker) cacheDir(dir string) bool {
	head, err := w.opts.FS.ReadHead(w.ctx, path.Join(dir, CacheDirTag), int64(len(cacheDirSignature)))
	return err == nil && string(head) == cacheDirSignature
}

// CacheDirTagContent is what a cache directory's CACHEDIR.TAG holds.
func CacheDirTagContent(tool string) []byte {
	return []byte(cacheDirSignature + "\n# This file is a cache directory tag created by " + tool + ".\n# For information about cache directory tags see https://bford.info/cachedir/\n")
}
