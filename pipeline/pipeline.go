// Package pipeline is one tollgate run as a library: it takes a Plan (what
// to scan and with which rules, as the user asked for it) and returns the
// report, after discovery, scanning, evaluation, waivers, baselines and the
// gate. The CLI only maps flags to a Plan and writes the report; tests and
// other front ends call Run directly.
package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/gate"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/policysource"
	"github.com/tollgate-dev/tollgate/repopath"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners/files"
	"github.com/tollgate-dev/tollgate/scanners/image"
	"github.com/tollgate-dev/tollgate/suppress"
)

// Plan is a run as the user asked for it: flag values, not yet merged
// with the configuration (Run does that, so every front end merges alike).
type Plan struct {
	// Roots are the files and directories to scan. Empty means "." unless
	// images or commits are named.
	Roots []string
	// Config and the file it was read from ("" for none).
	Config     *config.Config
	ConfigFile string
	// Engine holds the compiled rules (see NewEngine).
	Engine *engine.Engine
	// FailOn is the lowest blocking severity, as requested; FailOnFrom
	// says where it was set (FailOnFlag, FailOnConfig, "" for the
	// default), so an organisation that refuses it can say where.
	FailOn     finding.Severity
	FailOnFrom string
	// Governance is the organisation's policy (see NewGovernedEngine); nil for none.
	Governance *governance.Policy
	// NoBuiltin records --no-builtin, which Governance may refuse.
	NoBuiltin bool
	// ReportUnused lists waivers that matched no finding, as warnings
	// (the configuration's report_unused_suppressions does too).
	ReportUnused bool
	// Exclude globs, added to the configuration's.
	Exclude []string
	// BuildArgs for Dockerfiles; Vars and VarFiles for Terraform (added to
	// the configuration's, the plan winning on a shared name); Strict
	// makes uninitialised remote modules errors.
	BuildArgs map[string]string
	Vars      map[string]string
	VarFiles  []string
	Strict    bool
	// MaxFileSize are --max-file-size specs applied over the
	// configuration's max_file_size.
	MaxFileSize []string
	// Shard narrows the targets to one part of N; ShardRun names the CI
	// run the parts belong to, recorded so merge can refuse parts of
	// different runs.
	Shard    Shard
	ShardRun string
	// Baseline is a baseline file overriding the configuration's;
	// NoBaseline ignores both (when a new baseline is being recorded).
	Baseline   string
	NoBaseline bool
	// Staged scans the git index instead of the working tree; Roots then
	// name the changed files (pre-commit passes them), if any.
	Staged bool
	// Commits is a git revision range whose added lines are checked for
	// credentials.
	Commits string
	// Images are container images to scan.
	Images Images
	// AllowEmpty passes a scan that found nothing to scan.
	AllowEmpty bool
	// Mirrors are Terraform provider mirror directories whose packages are
	// verified against each root module's lock file.
	Mirrors []string
	// DownloadModules fetches the Terraform registry and git modules
	// terraform init has not installed (so does the configuration's
	// terraform.download_modules), into CacheDir/modules: CacheDir is
	// --cache-dir, else the configuration's cache_dir, else the user
	// cache directory's tollgate.
	DownloadModules bool
	CacheDir        string
	// Now dates waivers (default time.Now).
	Now time.Time
	// Tool identifies tollgate in the report.
	Tool report.Tool
	// Coverage, when set, asks Run to record what the scan covered (the
	// subjects and predicate of a scan attestation) and to evaluate the
	// subjects as an artifacts document; Run fills it.
	Coverage *Coverage
	// ResultCache, when set, reuses the findings of targets whose inputs
	// have not changed since a run kept them; nil scans everything.
	ResultCache *ResultCache
}

// Run executes the plan. An error is a usage or setup problem (exit 2
// before anything was scanned); problems with what was scanned are error
// diagnostics in the report, whose verdict is then "undecided".
func Run(ctx context.Context, p Plan) (report.Report, error) {
	cfg := p.Config
	if cfg == nil {
		cfg = &config.Config{Version: 1}
	}
	vars := make(map[string]string, len(p.Vars)+len(cfg.Terraform.Vars))
	for k, v := range cfg.Terraform.Vars {
		vars[k] = v
	}
	for k, v := range p.Vars {
		vars[k] = v
	}
	for _, m := range p.Mirrors {
		// A mistyped mirror would verify nothing and pass.
		if st, err := os.Stat(m); err != nil || !st.IsDir() {
			return report.Report{}, fmt.Errorf("--provider-mirror %s: not a directory", m)
		}
	}
	var accepted *baseline.Set
	if path := firstNonEmpty(p.Baseline, cfg.Baseline); path != "" && !p.NoBaseline {
		var err error
		if accepted, err = baseline.Load(path); err != nil {
			return report.Report{}, err
		}
	}
	roots := p.Roots
	if len(roots) == 0 && !p.Images.Any() && p.Commits == "" {
		roots = []string{"."}
	}
	var configDigest *attest.Config
	var orgDigests []attest.Config
	if p.Coverage != nil {
		var err error
		if configDigest, orgDigests, err = p.Coverage.digests(ctx, p.ConfigFile); err != nil {
			return report.Report{}, fmt.Errorf("attestation: %w", err)
		}
	}
	stg, err := startStaged(ctx, p.Staged, p.Roots)
	if err != nil {
		return report.Report{}, fmt.Errorf("--staged: %w", err)
	}
	defer stg.close()
	roots = stg.roots(roots)
	var cov *coverage
	if p.Coverage != nil {
		cov = newCoverage(stg.fs())
	}
	limits, err := FileLimits(cfg.MaxFileSize, p.MaxFileSize)
	if err != nil {
		return report.Report{}, err
	}
	exclude := append(append([]string(nil), cfg.Exclude...), p.Exclude...)
	// Exclude globs and ignore paths name files from the repository root,
	// wherever the run starts.
	base, err := repopath.New(".")
	if err != nil {
		return report.Report{}, err
	}
	set := ScannerSet{
		Limits:    limits,
		BuildArgs: p.BuildArgs,
		VarFiles:  append(append([]string(nil), cfg.Terraform.VarFiles...), p.VarFiles...),
		Vars:      vars,
		Strict:    p.Strict || cfg.Terraform.Strict,
		Mirrors:   p.Mirrors,
		FileRoot:  stg.fileRoot(fileRoot(roots)),
		ScanRoots: roots,

		DownloadModules:   p.DownloadModules || cfg.Terraform.DownloadModules,
		ModuleCache:       moduleCache(p.CacheDir, cfg.CacheDir),
		RegionsRestricted: len(cfg.AllowedRegions) > 0,
	}
	found, err := discover.Find(ctx, roots, discover.Options{
		Exclude: exclude,
		Base:    base,
		Limits:  limits,
		Kinds:   stg.kinds(kinds.All()),
		FS:      stg.fs(),
	})
	if err != nil {
		return report.Report{}, err
	}
	// Checked before --staged and --shard narrow the targets: a commit
	// that stages only a README, or a shard left without work, has
	// nothing to check and passes; a tree with nothing tollgate
	// recognises means the scan is pointed at the wrong place. Without
	// roots (only --commits or images), there is no tree to cover.
	if len(found.Targets) == 0 && len(roots) > 0 && !p.Images.Any() && !p.Staged && !p.AllowEmpty {
		found.Diagnostics = append(found.Diagnostics, nothingToScan(roots, found))
	}
	found.Diagnostics = append(found.Diagnostics, unmatchedExcludes(found.Unmatched, cfg, p.ConfigFile)...)
	found = stg.filter(found)
	now := p.Now
	if now.IsZero() {
		now = time.Now()
	}
	waivers := suppress.New(cfg.Ignore, now)
	waivers.RelativeTo(base.Rel)
	waivers.CheckIDs(p.Engine.KnownID)
	waivers.Locate(func(i int) document.Range { return settingAt(cfg, p.ConfigFile, "ignore", i) })
	if p.Governance != nil {
		waivers.Govern(p.Governance, governance.NewRules(p.Engine.Rules(), p.Engine.Disabled()))
	}
	scs := set.Build()
	imageTargets, err := p.Images.setup(ctx, cfg, p.ConfigFile, p.Engine, scs)
	if err != nil {
		return report.Report{}, err
	}
	pushed, pushedSkips, err := commitTargets(ctx, p.Commits, exclude, scs)
	if err != nil {
		return report.Report{}, fmt.Errorf("--commits: %w", err)
	}
	found.Skipped += pushedSkips
	targets := p.Shard.Keep(append(append(found.Targets, imageTargets...), pushed...))
	// The targets of other parts, and the bytes discovery read for them,
	// are not this run's to hold.
	found.Targets = nil
	cache := openResultCache(p, cfg, set)
	var hits scan.Hits
	if cache != nil {
		hits = scan.Lookup(ctx, targets, cache, 0)
	}
	// Only the rules of what is scanned afresh need compiling.
	misses := hits.Misses(targets)
	formats := formatsOf(misses)
	if cov != nil {
		cov.wrap(scs, targets)
		if !slices.Contains(formats, document.FormatArtifacts) {
			formats = append(formats, document.FormatArtifacts)
		}
	}
	// A run of a few targets (a pre-commit hook's files) scans them all
	// first and compiles only the rules their documents need. A larger
	// run compiles the rules of every format its targets produce in one
	// go, so libraries they share are compiled once, while the targets
	// are read and parsed (their evaluation waits for it).
	scanFirst := len(misses) <= scanFirstTargets
	prepared := func() error { return nil }
	if !scanFirst {
		prepared = p.Engine.PrepareInBackground(ctx, formats)
	}
	order, _ := byCost(targets)
	opts := scan.Options{Engine: p.Engine, Scanners: scs, Waivers: waivers, Order: order, Release: true, ScanFirst: scanFirst}
	if cache != nil {
		opts.Cache, opts.Hits = cache, hits
	}
	res := scan.Run(ctx, targets, opts)
	if err := prepared(); err != nil {
		return report.Report{}, err
	}
	if cache != nil {
		if err := cache.Trim(); err != nil {
			note(p.ResultCache, "%v", err)
		}
		st := cache.Stats()
		note(p.ResultCache, "results cache %s: %d of %d targets reused, %d kept", p.ResultCache.Dir, st.Hits, len(targets), st.Stored)
	}
	res.Diagnostics = append(res.Diagnostics, found.Diagnostics...)
	res.Diagnostics = append(res.Diagnostics, p.Engine.Warnings()...)
	res.Diagnostics = append(res.Diagnostics, waivers.Expired(p.ConfigFile)...)
	res.Diagnostics = append(res.Diagnostics, waivers.UnknownIDs(p.ConfigFile, cfg.Rules.Disable)...)
	if cov != nil {
		p.Coverage.record(ctx, cov, p.Engine, waivers, &res)
	}
	accepted.Apply(res.Findings)
	g := applyGovernance(p, cfg, res.Findings, accepted, waivers)
	res.Findings = append(res.Findings, g.violations...)
	res.Diagnostics = append(res.Diagnostics, g.diagnostics...)
	scan.Sort(&res)

	rep := report.Report{
		Findings:    nonNilFindings(res.Findings),
		Diagnostics: res.Diagnostics,
		Summary:     report.Summary{FilesScanned: res.FilesScanned, FilesSkipped: found.Skipped + res.FilesSkipped},
	}
	if p.Shard.Count() > 1 {
		rep.Shard = &report.Shard{Index: p.Shard.Index(), Count: p.Shard.Count(), Run: p.ShardRun}
	}
	Finish(&rep, p.Tool, p.Engine, g.failOn)
	if p.Coverage != nil {
		p.Coverage.Statement.Predicate = p.predicate(rep, configDigest, orgDigests)
	}
	return rep, nil
}

// scanFirstTargets is the most targets a run scans before compiling the
// rules their documents need (scan.Options.ScanFirst). Past a few files
// the documents hold most services anyway, and compiling while scanning
// hides the compile behind the reading and parsing.
const scanFirstTargets = 16

// Finish stamps a report with the tool and its rules and decides the
// verdict; Run calls it, and so does merging of sharded reports.
func Finish(rep *report.Report, tool report.Tool, eng *engine.Engine, failOn finding.Severity) {
	rep.Tool = tool
	rep.Rules = reportRules(eng, rep.Findings)
	v := gate.Decide(rep.Findings, rep.Diagnostics, failOn)
	rep.Summary.BySeverity = v.BySeverity
	rep.Summary.Suppressed = v.Suppressed
	rep.Summary.FailOn = failOn.String()
	rep.Summary.Verdict = v.Verdict
}

// EngineSpec says which rules a run compiles.
type EngineSpec struct {
	// Policies are --policy paths, added to the configuration's.
	Policies []string
	// NoBuiltin leaves the embedded rules out (so does the configuration's
	// no_builtin).
	NoBuiltin bool
	// AllowEmpty accepts policy paths that hold no rule.
	AllowEmpty bool
	// Verification, when set, requires signed OPA bundles.
	Verification *engine.Verification
	// Remote says how https:// and oci:// policies are fetched and
	// cached; its CacheDir defaults to the configuration's cache_dir.
	Remote policysource.Options
}

// NewEngine compiles the rules of a run: the embedded ones unless turned
// off, the configuration's policies and the spec's.
func NewEngine(ctx context.Context, cfg *config.Config, spec EngineSpec) (*engine.Engine, error) {
	if cfg == nil {
		cfg = &config.Config{Version: 1}
	}
	src, err := resolvePolicies(ctx, cfg, spec)
	if err != nil {
		return nil, err
	}
	return compileEngine(ctx, cfg, spec, src)
}

// resolvePolicies turns the policy paths and URLs of a run into files.
func resolvePolicies(ctx context.Context, cfg *config.Config, spec EngineSpec) (policysource.Result, error) {
	remote := spec.Remote
	if remote.CacheDir == "" && cfg.CacheDir != "" {
		// The configuration names the cache root; bundles live in its
		// policies folder (the default root's too: policysource's
		// default is the user cache directory's tollgate/policies).
		remote.CacheDir = filepath.Join(cfg.CacheDir, CachePolicies)
	}
	// Remote bundles become cached files here, so every command that
	// compiles rules (scan, rules, merge) fetches them alike.
	return policysource.Resolve(ctx, append(append([]string(nil), cfg.Policies...), spec.Policies...), remote)
}

// compileEngine compiles the rules of resolved policies.
func compileEngine(ctx context.Context, cfg *config.Config, spec EngineSpec, src policysource.Result) (*engine.Engine, error) {
	return engine.New(ctx, engineOptions(cfg, spec, src))
}

// engineOptions are the engine's options for a run's configuration,
// spec and resolved policies.
func engineOptions(cfg *config.Config, spec EngineSpec, src policysource.Result) engine.Options {
	opts := engine.Options{
		Formats: kinds.Formats(),
		Schemas: kinds.Schemas(),
		// The embedded rules compile per format, when the run knows which
		// formats it scans (user policies compile in full at once).
		Lazy:            true,
		Config:          cfg.Data(),
		Disabled:        cfg.Rules.Disable,
		AllowEmpty:      spec.AllowEmpty,
		Verification:    spec.Verification,
		Names:           map[string]string{},
		Warnings:        src.Diagnostics,
		Unknown:         cfg.Unknown,
		UnknownSeverity: cfg.UnknownSeverity,
	}
	for _, p := range src.Policies {
		opts.Paths = append(opts.Paths, p.Path)
		if p.Name != p.Path {
			opts.Names[p.Path] = p.Name
		}
	}
	if !spec.NoBuiltin && !cfg.NoBuiltin {
		opts.Builtin, opts.BuiltinIndex = policies.FS, policies.Index
	}
	return opts
}

// Where a threshold was set (Plan.FailOnFrom).
const (
	FailOnFlag   = "--fail-on"
	FailOnConfig = "config"
)

// FailOnSource says where ResolveFailOn takes the threshold from.
func FailOnSource(flag, fromConfig string) string {
	switch {
	case flag != "":
		return FailOnFlag
	case fromConfig != "":
		return FailOnConfig
	}
	return ""
}

// ResolveFailOn picks the blocking threshold: the flag, else the
// configuration, else low.
func ResolveFailOn(flag, fromConfig string) (finding.Severity, error) {
	switch {
	case flag != "":
		return finding.ParseSeverity(flag)
	case fromConfig != "":
		return finding.ParseSeverity(fromConfig)
	default:
		return finding.Low, nil
	}
}

// nothingToScan is the error of a scan that found no target: a passing
// gate must mean something was checked.
func nothingToScan(roots []string, found discover.Result) document.Diagnostic {
	var at document.Range
	if len(roots) == 1 {
		at.File = filepath.ToSlash(roots[0])
	}
	return document.Diagnostic{
		Level: document.LevelError,
		Range: at,
		Message: fmt.Sprintf("nothing to scan: %d files skipped, %d paths excluded, none of a format tollgate scans "+
			"(check the paths and exclude globs; --allow-empty passes an empty scan)", found.Skipped, found.Excluded),
	}
}

// moduleCache is where downloaded Terraform modules are kept: the modules
// folder of the cache directory named, "" for the default.
func moduleCache(flag, fromConfig string) string {
	if dir := firstNonEmpty(flag, fromConfig); dir != "" {
		return filepath.Join(dir, CacheModules)
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func nonNilFindings(f []finding.Finding) []finding.Finding {
	if f == nil {
		return []finding.Finding{}
	}
	return f
}

// formatsOf lists the document formats the targets' kinds produce. Image
// sources and commit files are kinds the run sets up itself.
func formatsOf(targets []discover.Target) []string {
	byKind := map[string][]string{kindImageRef: image.Kind.Formats, kindImageTar: image.Kind.Formats, kindOCILayout: image.Kind.Formats, kindCommit: files.Kind.Formats}
	for _, k := range kinds.All() {
		byKind[k.Name] = k.Formats
	}
	var out []string
	for _, t := range targets {
		for _, f := range byKind[t.Kind] {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}
