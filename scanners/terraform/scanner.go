// Package terraform scans Terraform configurations (a directory is a
// module, evaluated like `terraform plan` would with what the files fix)
// and Terraform plan JSON (`terraform show -json`) into policy input
// documents of the same shape, so one rule serves both.
//
// Evaluation follows Terraform: variables from defaults, tfvars and the
// caller's options; locals; count and for_each with instance addresses;
// dynamic blocks; local modules recursively, initialised remote modules and,
// with Options.Modules, remote modules downloaded without terraform init.
// A value that cannot be computed statically (a resource attribute known
// after apply, a data source, a variable without a value) becomes an
// unknown marker that names the resource it came from, never an absent
// value.
package terraform

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/inline"
	"github.com/tollgate-dev/tollgate/scanners/terraform/modsource"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// Options tune evaluation. The zero value scans like `terraform plan` with
// no -var flags.
type Options struct {
	// VarFiles are extra .tfvars / .tfvars.json files, applied after the
	// module's own auto-loaded ones (like -var-file).
	VarFiles []string
	// Vars are "name=value" assignments applied last (like -var). Values of
	// variables with a collection type are parsed as HCL expressions.
	Vars []string
	// Strict turns a remote module that is not initialised into an error
	// instead of a warning.
	Strict bool
	// FileRoot bounds file(), filebase64() and templatefile(): they read
	// only below it. Empty means the scanned directory.
	FileRoot string
	// MaxFileSize bounds every file read: configuration files (a larger
	// one is an error) and what file() and friends read (a larger one
	// evaluates to unknown). 0: the default, MaxFileSize.
	MaxFileSize int64
	// MaxModuleInstances bounds module instances per scan (default 2000) so
	// for_each over nested modules cannot explode.
	MaxModuleInstances int
	// ProviderMirrors are provider mirror directories (the layouts
	// `terraform providers mirror` writes) whose packages of each locked
	// provider are verified against .terraform.lock.hcl, besides the root
	// module's .terraform/providers and terraform.d/plugins.
	ProviderMirrors []string
	// Modules, when set, downloads the registry, git and archive modules
	// that .terraform/modules does not hold (--download-modules); a module
	// it cannot fetch is an error at its module block.
	Modules *modsource.Fetcher
}

// Scanner scans one Terraform root module per unit: Unit.Path is the
// directory, Unit.Files its files (.tf, .tf.json, .tfvars, .tfvars.json,
// .terraform.lock.hcl). Use FilterRoots first so called modules are not
// also scanned as roots.
type Scanner struct {
	Opts Options
	// parses, when set, shares parsed files between Scan calls (Kind.New
	// makes one per run); nil parses each scan's files afresh.
	parses *parseCache
}

var _ scanners.Scanner = Scanner{}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return document.FormatTerraform }

// ErrModuleCycle is reported when a module calls itself, directly or not.
var ErrModuleCycle = errors.New("module calls itself")

// Scan implements scanners.Scanner.
func (sc Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	if err := ctx.Err(); err != nil {
		return scanners.Result{}, err
	}
	dir := u.Path
	files := u.Files
	if files == nil {
		var err error
		if files, err = readDir(u.FS, dir); err != nil {
			return scanners.Result{}, fmt.Errorf("%s: %w", dir, err)
		}
	}
	s := newScan(ctx, sc.Opts, dir)
	s.fsys = u.FS
	if sc.parses != nil {
		s.parses = sc.parses
	}
	s.known = u.Contents
	doc := s.run(files)
	return scanners.Result{Documents: []*document.Document{doc}, Diagnostics: s.diags}, nil
}

// scan is the state of one Scan call.
type scan struct {
	ctx      context.Context
	fsys     *srcfs.FS
	opts     Options
	root     string
	fileRoot string
	diagSink
	// parses are the parsed configuration files, shared with the run's
	// other scans when the Scanner came from Kind.New.
	parses *parseCache
	fixed  fixedVars
	// refs are the references of each expression evaluated (refsOf).
	refs map[hclsyntax.Expression][]exprRef
	// cache holds the files this scan has read (and recorded); known
	// those discovery read, shared by the run's scans: read only, and
	// recorded when this scan first uses one.
	cache     map[string][]byte
	known     map[string][]byte
	instances int
	// remote maps a module key ("a.b") to its installed directory.
	remote map[string]string
	// packages are the directories of downloaded module packages: a
	// module inside one may read files anywhere in it.
	packages []string
	modules  map[string]*module
	// waivers caches the suppression comments above each block, so a block
	// evaluated for several module instances warns once.
	waivers map[document.Range][]document.Suppression
}

// waiversAbove returns the `# tollgate:ignore=` comments directly above the
// block that starts at def; every instance of the block shares them.
func (s *scan) waiversAbove(def document.Range) []document.Suppression {
	if w, ok := s.waivers[def]; ok {
		return w
	}
	src, err := s.read(def.File)
	if err != nil {
		return nil
	}
	w, diags := inline.Above(def.File, src, def.Line)
	s.diags = append(s.diags, diags...)
	if s.waivers == nil {
		s.waivers = map[document.Range][]document.Suppression{}
	}
	s.waivers[def] = w
	return w
}

func newScan(ctx context.Context, opts Options, root string) *scan {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = MaxFileSize
	}
	if opts.MaxModuleInstances <= 0 {
		opts.MaxModuleInstances = 2000
	}
	fr := opts.FileRoot
	if fr == "" {
		fr = root
	}
	return &scan{ctx: ctx, opts: opts, root: root, fileRoot: path.Clean(fr), cache: map[string][]byte{}, parses: newParseCache(), fixed: newFixedVars()}
}

// read returns a file's content, reading each file once per scan (and
// discovery's files not at all). A recording FS is told of each file once
// per scan: telling it again would hash the same bytes again (a
// suppression comment lookup reads its file once per block).
func (s *scan) read(name string) ([]byte, error) {
	if b, ok := s.cache[name]; ok {
		return b, nil
	}
	if b, ok := s.known[name]; ok {
		s.fsys.Saw(name, b)
		s.cache[name] = b
		return b, nil
	}
	b, err := scanners.ReadFile(s.ctx, s.fsys, name, s.opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	s.cache[name] = b
	return b, nil
}

func (s *scan) diag(level document.Level, msg string, r document.Range) {
	s.diags = append(s.diags, document.Diagnostic{Level: level, Message: msg, Range: r})
}

// ParseError returns the first error diagnostic as a *document.SourceError,
// for callers that want a single error.
func ParseError(diags []document.Diagnostic) error {
	for _, d := range diags {
		if d.Level == document.LevelError {
			return &document.SourceError{Range: d.Range, Err: errors.New(d.Message)}
		}
	}
	return nil
}
