// Package discover walks the scan roots and decides which scanner owns each
// file or directory. It reads a file's bytes at most once and hands them on,
// so no later stage reads it again.
package discover

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/glob"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/scanners/files"
	"github.com/tollgate-dev/tollgate/scanners/terraform"
)

// Kinds of target, one per scanner.
const (
	KindCloudFormation = "cloudformation"
	KindTerraform      = "terraform"
	KindTerraformPlan  = "terraform-plan"
	KindDockerfile     = "dockerfile"
	KindCDK            = "cdk"
	// KindFiles is every other file, checked for credentials.
	KindFiles = "files"
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
	// Diagnostics report files that could not be examined.
	Diagnostics []document.Diagnostic
}

// Options tune discovery.
type Options struct {
	// Exclude are slash-path globs relative to each root (`**` spans
	// directories).
	Exclude []string
	// Limits bound each kind of file read; zero fields take
	// scanners.DefaultLimits.
	Limits scanners.Limits
	// ModuleRoots, when set, reduces the Terraform module directories found
	// to those that are roots (not called as a module by another one). It
	// gets the content of every Terraform file found, by directory.
	ModuleRoots func(dirs []string, files map[string]map[string][]byte) []string
}

type walker struct {
	ctx     context.Context
	opts    Options
	res     Result
	tfFiles map[string][]string // module dir -> its Terraform files
	// textKept counts the bytes handed on with files targets.
	textKept int64
	cdkDirs  []string
}

// Find walks each root in lexical order. Roots may be files or directories.
func Find(ctx context.Context, roots []string, opts Options) (Result, error) {
	opts.Limits = opts.Limits.WithDefaults()
	w := &walker{ctx: ctx, opts: opts, tfFiles: map[string][]string{}}
	for _, root := range roots {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if err := w.walkRoot(root); err != nil {
			return Result{}, err
		}
	}
	w.addTerraform()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	w.res.Targets = dropNestedTemplates(w.res.Targets)
	sort.SliceStable(w.res.Targets, func(i, j int) bool {
		return w.res.Targets[i].Unit.Path < w.res.Targets[j].Unit.Path
	})
	return w.res, nil
}

func (w *walker) walkRoot(root string) error {
	st, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("scan path %s: %w", root, err)
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			// Named on the command line: the user meant it to be scanned.
			w.diag(filepath.ToSlash(root), (&scanners.NotRegularError{Type: scanners.FileType(st.Mode())}).Error())
			return nil
		}
		w.file(filepath.ToSlash(root), st.Size(), true)
		return nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("scan path %s: %w", root, err)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		slash := filepath.ToSlash(p)
		if err != nil {
			w.diag(slash, fmt.Sprintf("cannot read: %v", err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if rel != "." && w.excluded(filepath.ToSlash(rel)) {
			w.res.Excluded++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			if p != root && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			if w.isCDKAssembly(p) {
				w.cdkDirs = append(w.cdkDirs, slash)
				w.res.Targets = append(w.res.Targets, Target{Kind: KindCDK, Unit: scanners.Unit{Path: slash}})
				return fs.SkipDir
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
			w.file(slash, info.Size(), false)
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
	slash := filepath.ToSlash(p)
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		if isCandidateName(slash) {
			w.diag(slash, fmt.Sprintf("broken symlink: %v", err))
		}
		return
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		if isCandidateName(slash) {
			w.note(slash, "symlink points outside the scan root; not followed")
		}
		return
	}
	st, err := os.Stat(target)
	switch {
	case err != nil:
		w.diag(slash, fmt.Sprintf("cannot stat: %v", err))
	case st.IsDir():
	case !st.Mode().IsRegular():
		w.special(slash, st.Mode())
	default:
		w.file(slash, st.Size(), false)
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

// file classifies one regular file. explicit is true when the user named it
// on the command line: then an unrecognised file is worth a note.
func (w *walker) file(p string, size int64, explicit bool) {
	base := path.Base(p)
	dir := path.Dir(p)
	switch {
	case isTerraformFile(base):
		w.tfFiles[dir] = append(w.tfFiles[dir], p)
		return
	case dockerfile.Detect(p):
		if content, ok := w.read(p, "Dockerfile", w.opts.Limits.Dockerfile); ok {
			w.add(KindDockerfile, p, content)
		}
		return
	}
	ext := strings.ToLower(path.Ext(p))
	if ext != ".json" && ext != ".yaml" && ext != ".yml" && ext != ".template" {
		w.text(p, size, nil)
		return
	}
	lim := w.opts.Limits
	if size > min(lim.CloudFormation, lim.TerraformPlan) {
		// Over one data limit: whether that is an error depends on what
		// the file is, which its head tells without reading it all.
		head, err := scanners.ReadHead(w.ctx, p, sniffSize)
		if err != nil {
			w.diag(p, fmt.Sprintf("cannot read: %v", err))
			return
		}
		isCFN, isPlan := cloudformation.Detect(p, head), looksLikePlan(head)
		switch {
		case isCFN && size > lim.CloudFormation:
			w.tooLarge(p, "CloudFormation template", size, lim.CloudFormation)
			return
		case isPlan && !isCFN && size > lim.TerraformPlan:
			w.tooLarge(p, "Terraform plan", size, lim.TerraformPlan)
			return
		case !isCFN && !isPlan:
			w.text(p, size, nil)
			return
		}
	}
	content, ok := w.read(p, "file", max(lim.CloudFormation, lim.TerraformPlan))
	if !ok {
		return
	}
	size = int64(len(content))
	switch {
	case cloudformation.Detect(p, content):
		if size > lim.CloudFormation {
			w.tooLarge(p, "CloudFormation template", size, lim.CloudFormation)
			return
		}
		w.add(KindCloudFormation, p, content)
	case terraform.DetectPlan(p, content):
		if size > lim.TerraformPlan {
			w.tooLarge(p, "Terraform plan", size, lim.TerraformPlan)
			return
		}
		w.add(KindTerraformPlan, p, content)
	default:
		w.text(p, size, content)
	}
}

// textBudget bounds the bytes of files discovery read (YAML and JSON that
// turned out not to be CloudFormation) that it hands on to the credentials
// scanner. Every target is discovered before any is scanned, so handing on
// a whole large tree would hold it all in memory; past the budget the
// scanner reads the file again instead.
const textBudget = 8 << 20

// text hands a file no other scanner claims to the credentials scanner,
// with its content when discovery already read it and the budget allows
// (the scanner reads the others itself, once). Files over the scanner's
// cap are skipped and counted.
func (w *walker) text(p string, size int64, content []byte) {
	if size > files.MaxSize {
		w.res.Skipped++
		return
	}
	if w.textKept+int64(len(content)) > textBudget {
		content = nil
	}
	w.textKept += int64(len(content))
	w.add(KindFiles, p, content)
}

func looksLikePlan(head []byte) bool {
	return bytes.Contains(head, []byte(`"format_version"`))
}

func (w *walker) tooLarge(p, what string, size, limit int64) {
	w.diag(p, fmt.Sprintf("%s: %v", what, &scanners.TooLargeError{Size: size, Limit: limit}))
}

// read returns the bytes of a file discovery recognised (what names it),
// bounded by its kind's limit: an oversized, unreadable or special file
// is an error, so it never passes unseen.
func (w *walker) read(p, what string, limit int64) ([]byte, bool) {
	content, err := scanners.ReadFile(w.ctx, p, limit)
	var tl *scanners.TooLargeError
	switch {
	case errors.As(err, &tl):
		w.tooLarge(p, what, tl.Size, tl.Limit)
		return nil, false
	case err != nil:
		w.diag(p, fmt.Sprintf("cannot read: %v", err))
		return nil, false
	}
	return content, true
}

func (w *walker) add(kind, p string, content []byte) {
	w.res.Targets = append(w.res.Targets, Target{Kind: kind, Unit: scanners.Unit{Path: p, Content: content}})
}

func (w *walker) addTerraform() {
	dirs := make([]string, 0, len(w.tfFiles))
	for d := range w.tfFiles {
		if hasTerraformSource(w.tfFiles[d]) {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	// Read every Terraform file once: root selection needs the module calls,
	// and the scanner of each root reads its own files and the modules it
	// calls from this shared map.
	all := make(map[string][]byte)
	byDir := make(map[string]map[string][]byte, len(dirs))
	for _, d := range dirs {
		byDir[d] = map[string][]byte{}
		for _, f := range w.tfFiles[d] {
			if content, ok := w.read(f, "Terraform file", w.opts.Limits.Terraform); ok {
				all[f] = content
				byDir[d][f] = content
			}
		}
	}
	if w.opts.ModuleRoots != nil {
		dirs = w.opts.ModuleRoots(dirs, byDir)
	}
	for _, d := range dirs {
		files := append([]string(nil), w.tfFiles[d]...)
		sort.Strings(files)
		w.res.Targets = append(w.res.Targets, Target{Kind: KindTerraform, Unit: scanners.Unit{Path: d, Files: files, Contents: all}})
	}
}

func (w *walker) excluded(rel string) bool {
	for _, g := range w.opts.Exclude {
		if glob.Match(g, rel) {
			return true
		}
	}
	return false
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

func isTerraformFile(base string) bool {
	return strings.HasSuffix(base, ".tf") || strings.HasSuffix(base, ".tf.json") ||
		strings.HasSuffix(base, ".tfvars") || strings.HasSuffix(base, ".tfvars.json") ||
		base == ".terraform.lock.hcl"
}

func hasTerraformSource(files []string) bool {
	for _, f := range files {
		if strings.HasSuffix(f, ".tf") || strings.HasSuffix(f, ".tf.json") {
			return true
		}
	}
	return false
}

func isCandidateName(p string) bool {
	base := path.Base(p)
	switch strings.ToLower(path.Ext(p)) {
	case ".json", ".yaml", ".yml", ".template":
		return true
	}
	return isTerraformFile(base) || dockerfile.Detect(p)
}

// isCDKAssembly recognises a cloud assembly by its manifest.json.
func (w *walker) isCDKAssembly(dir string) bool {
	b, err := scanners.ReadHead(w.ctx, filepath.Join(dir, "manifest.json"), sniffSize)
	if err != nil {
		return false
	}
	return bytes.Contains(b, []byte(`"artifacts"`)) && bytes.Contains(b, []byte(`"version"`)) &&
		(bytes.Contains(b, []byte(`aws:cloudformation:stack`)) || bytes.Contains(b, []byte(`cdk:cloud-assembly`)))
}
