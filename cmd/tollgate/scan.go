package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/gate"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/suppress"
)

// scanFlags are the flags of `tollgate scan`.
type scanFlags struct {
	formats    []string
	failOn     string
	policies   []string
	noBuiltin  bool
	allowEmpty bool
	quiet      bool
	color      string
	configFile string
	exclude    []string
	buildArgs  []string
	varFiles   []string
	vars       []string
	strict     bool
	mirrors    []string
	baseline   string
	writeBase  string
	shard      string
	timeout    time.Duration
	staged     bool
	commits    string
	images     imageFlags
	maxSize    []string
	verify     verifyFlags
}

func newScanFlagSet(f *scanFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	fs.StringArrayVar(&f.formats, "format", nil, "output `FORMAT` or FORMAT=FILE, repeatable: text, json, sarif, github, markdown, junit, gitlab-codequality (default text)")
	fs.StringVar(&f.failOn, "fail-on", "", "lowest `SEVERITY` that blocks: info, low, medium, high, critical (default low; info never blocks)")
	fs.StringArrayVar(&f.policies, "policy", nil, "extra Rego `DIR`, .rego file or OPA bundle (.tar.gz), repeatable")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "do not load the built-in rules")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "text output: only errors and the summary line")
	fs.StringVar(&f.color, "color", "auto", "colour text output: auto, always, never")
	fs.StringVar(&f.configFile, "config", "", "configuration `FILE` (default .tollgate.yaml when present)")
	fs.StringArrayVar(&f.exclude, "exclude", nil, "skip paths matching `GLOB` (relative to each scan root), repeatable")
	fs.StringArrayVar(&f.buildArgs, "build-arg", nil, "Dockerfile build argument `KEY=VALUE`, repeatable")
	fs.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variables `FILE`, repeatable")
	fs.StringArrayVar(&f.vars, "var", nil, "Terraform variable `KEY=VALUE`, repeatable")
	fs.BoolVar(&f.strict, "strict", false, "treat uninitialised remote Terraform modules as errors")
	fs.StringArrayVar(&f.mirrors, "provider-mirror", nil, "also verify the Terraform provider packages in mirror `DIR` against .terraform.lock.hcl, repeatable")
	fs.StringVar(&f.baseline, "baseline", "", "findings recorded in this baseline `FILE` do not block (default: baseline in the configuration)")
	fs.DurationVar(&f.timeout, "timeout", 15*time.Minute, "give up (exit 2) when the scan takes longer than `DURATION`, e.g. a custom rule that never ends; 0 waits forever")
	fs.StringVar(&f.shard, "shard", "", "scan only part `K/N` of the targets (deterministic; combine the JSON reports with tollgate merge)")
	fs.StringVar(&f.writeBase, "write-baseline", "", "record every unsuppressed finding in `FILE` and pass unless the scan itself failed")
	fs.BoolVar(&f.staged, "staged", false, "scan what the git index holds for the next commit, not the working tree; reports on staged changes (or on the PATHs given) and the Terraform modules and CDK assemblies holding them")
	registerMaxFileSize(fs, &f.maxSize)
	fs.BoolVar(&f.allowEmpty, "allow-empty", false, "pass instead of exit 2 when nothing was scanned or a --policy path or configured policy holds no rule")
	fs.StringVar(&f.commits, "commits", "", "also check what the commits of git `RANGE` added (e.g. origin/main..HEAD) for credentials, each finding naming its commit; without PATHs only the commits are scanned")
	f.images.register(fs)
	f.verify.register(fs)
	return fs
}

func (e *environment) scan(args []string) int {
	var f scanFlags
	fs := newScanFlagSet(&f)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: tollgate scan [flags] [PATH...]\n\nFlags:\n%s", fs.FlagUsages())
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if f.timeout > 0 {
		ctx, cancel := context.WithTimeout(e.ctx, f.timeout)
		defer cancel()
		scoped := *e
		scoped.ctx = ctx
		e = &scoped
	}
	run, err := e.prepare(&f)
	if err != nil {
		return e.errorf("%v", err)
	}
	cfg, eng := run.cfg, run.eng
	part, err := parseShard(f.shard)
	if err != nil {
		return e.errorf("%v", err)
	}
	buildArgs, err := keyValues("--build-arg", f.buildArgs)
	if err != nil {
		return e.errorf("%v", err)
	}
	tfVars, err := keyValues("--var", f.vars)
	if err != nil {
		return e.errorf("%v", err)
	}
	for k, v := range cfg.Terraform.Vars {
		if _, set := tfVars[k]; !set {
			tfVars[k] = v
		}
	}
	for _, m := range f.mirrors {
		// A mistyped mirror would verify nothing and pass.
		if st, err := os.Stat(m); err != nil || !st.IsDir() {
			return e.errorf("--provider-mirror %s: not a directory", m)
		}
	}

	var accepted *baseline.Set
	if path := firstNonEmpty(f.baseline, cfg.Baseline); path != "" && f.writeBase == "" {
		if accepted, err = baseline.Load(path); err != nil {
			return e.errorf("%v", err)
		}
	}
	roots := fs.Args()
	if len(roots) == 0 && !f.images.any() && f.commits == "" {
		roots = []string{"."}
	}
	stg, err := startStaged(e.ctx, f.staged, fs.Args())
	if err != nil {
		return e.errorf("--staged: %v", err)
	}
	defer stg.close()
	roots = stg.roots(roots)
	limits, err := fileLimits(cfg.MaxFileSize, f.maxSize)
	if err != nil {
		return e.errorf("%v", err)
	}
	sc := scannerSet{
		limits:    limits,
		buildArgs: buildArgs,
		varFiles:  append(append([]string(nil), cfg.Terraform.VarFiles...), f.varFiles...),
		vars:      tfVars,
		strict:    f.strict || cfg.Terraform.Strict,
		mirrors:   f.mirrors,
		fileRoot:  fileRoot(roots),
		scanRoots: roots,
	}
	found, err := discover.Find(e.ctx, roots, discover.Options{
		Exclude:     append(append([]string(nil), cfg.Exclude...), f.exclude...),
		Limits:      limits,
		ModuleRoots: stg.moduleRoots(sc.moduleRoots),
	})
	if err != nil {
		return e.errorf("%v", err)
	}
	// Checked before --staged and --shard narrow the targets: a commit
	// that stages only a README, or a shard left without work, has
	// nothing to check and passes; a tree with nothing tollgate
	// recognises means the scan is pointed at the wrong place. Without
	// roots (only --commits or images), there is no tree to cover.
	if len(found.Targets) == 0 && len(roots) > 0 && !f.images.any() && !f.staged && !f.allowEmpty {
		found.Diagnostics = append(found.Diagnostics, nothingToScan(roots, found))
	}
	found = stg.filter(found)
	waivers := suppress.New(cfg.Ignore, time.Now())
	waivers.CheckIDs(eng.KnownID)
	scs := stg.scanners(sc.build())
	imageTargets, err := f.images.setup(e.ctx, cfg, scs)
	if err != nil {
		return e.errorf("%v", err)
	}
	pushed, pushedSkips, err := commitTargets(e.ctx, f.commits, append(append([]string(nil), cfg.Exclude...), f.exclude...), scs)
	if err != nil {
		return e.errorf("--commits: %v", err)
	}
	found.Skipped += pushedSkips
	res := scan.Run(e.ctx, part.keep(append(append(found.Targets, imageTargets...), pushed...)), scan.Options{
		Engine:   eng,
		Scanners: scs,
		Waivers:  waivers,
	})
	res.Diagnostics = append(res.Diagnostics, found.Diagnostics...)
	stg.mapResult(&res)
	res.Diagnostics = append(res.Diagnostics, waivers.Expired(run.cfgFile)...)
	res.Diagnostics = append(res.Diagnostics, waivers.UnknownIDs(run.cfgFile, cfg.Rules.Disable)...)
	accepted.Apply(res.Findings)
	scan.Sort(&res)

	rep := report.Report{
		Findings:    nonNilFindings(res.Findings),
		Diagnostics: res.Diagnostics,
		Summary:     report.Summary{FilesScanned: res.FilesScanned, FilesSkipped: found.Skipped + res.FilesSkipped},
	}
	code, err := e.finish(run, &rep, &f)
	if err != nil {
		return e.errorf("%v", err)
	}
	if f.writeBase != "" {
		if err := writeBaseline(f.writeBase, rep.Findings); err != nil {
			return e.errorf("%v", err)
		}
		// Recording the current state is the point: only a scan that
		// could not decide fails.
		if code == gate.ExitBlocked {
			code = gate.ExitPassed
		}
	}
	return code
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

// registerMaxFileSize adds the flag scan and inspect share.
func registerMaxFileSize(fs *pflag.FlagSet, v *[]string) {
	fs.StringArrayVar(v, "max-file-size", nil, "largest file read, `SIZE` (bytes, 16MB, 64MiB) for every kind or KIND=SIZE for one (cloudformation, terraform, terraform-plan, dockerfile, cdk), repeatable; a recognised file over it is an error (exit 2)")
}

func writeBaseline(path string, findings []finding.Finding) error {
	var buf bytes.Buffer
	if err := baseline.Write(&buf, findings); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// runSetup is what scan and merge both settle before they run: the
// configuration, the blocking threshold, the outputs and the compiled rules.
type runSetup struct {
	cfg     *config.Config
	cfgFile string
	failOn  finding.Severity
	outputs []output
	eng     *engine.Engine
}

func (e *environment) prepare(f *scanFlags) (*runSetup, error) {
	cfg, cfgFile, err := loadConfig(f.configFile)
	if err != nil {
		return nil, err
	}
	failOn, err := resolveFailOn(f.failOn, cfg.FailOn)
	if err != nil {
		return nil, fmt.Errorf("--fail-on: %w", err)
	}
	outputs, err := parseOutputs(f.formats)
	if err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	opts := engineOptions(cfg, f.policies, f.noBuiltin)
	opts.AllowEmpty = f.allowEmpty
	if opts.Verification, err = f.verify.verification(cfg.BundleVerification); err != nil {
		return nil, err
	}
	eng, err := engine.New(e.ctx, opts)
	if err != nil {
		return nil, err
	}
	return &runSetup{cfg: cfg, cfgFile: cfgFile, failOn: failOn, outputs: outputs, eng: eng}, nil
}

// finish stamps the report with the tool and its rules, decides the
// verdict and writes every requested output; it returns the exit code.
func (e *environment) finish(run *runSetup, rep *report.Report, f *scanFlags) (int, error) {
	rep.Tool = report.Tool{Name: "tollgate", Version: toolVersion(), InformationURI: "https://github.com/tollgate-dev/tollgate"}
	rep.Rules = run.eng.Rules()
	code := gate.Decide(rep.Findings, rep.Diagnostics, run.failOn, &rep.Summary)
	return code, e.writeOutputs(run.outputs, *rep, writeOptions{quiet: f.quiet, color: f.color})
}

// fileRoot is the directory Terraform's file() may read below: the working
// directory for relative scan paths, else the scanned directory itself.
func fileRoot(roots []string) string {
	if len(roots) == 1 && filepath.IsAbs(roots[0]) {
		if st, err := os.Stat(roots[0]); err == nil && !st.IsDir() {
			return filepath.ToSlash(filepath.Dir(roots[0]))
		}
		return filepath.ToSlash(filepath.Clean(roots[0]))
	}
	return "."
}

func loadConfig(path string) (*config.Config, string, error) {
	if path != "" {
		c, err := config.Load(path)
		return c, path, err
	}
	return config.LoadDefault()
}

func resolveFailOn(flag, fromConfig string) (finding.Severity, error) {
	switch {
	case flag != "":
		return finding.ParseSeverity(flag)
	case fromConfig != "":
		return finding.ParseSeverity(fromConfig)
	default:
		return finding.Low, nil
	}
}

func newEngine(e *environment, cfg *config.Config, extra []string, noBuiltin bool) (*engine.Engine, error) {
	return engine.New(e.ctx, engineOptions(cfg, extra, noBuiltin))
}

func engineOptions(cfg *config.Config, extra []string, noBuiltin bool) engine.Options {
	opts := engine.Options{
		Paths:    append(append([]string(nil), cfg.Policies...), extra...),
		Config:   cfg.Data(),
		Disabled: cfg.Rules.Disable,
	}
	if !noBuiltin && !cfg.NoBuiltin {
		opts.Builtin = policies.FS
	}
	return opts
}

func keyValues(flag string, list []string) (map[string]string, error) {
	out := make(map[string]string, len(list))
	for _, kv := range list {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%s %q: want KEY=VALUE", flag, kv)
		}
		out[k] = v
	}
	return out, nil
}

func nonNilFindings(f []finding.Finding) []finding.Finding {
	if f == nil {
		return []finding.Finding{}
	}
	return f
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
