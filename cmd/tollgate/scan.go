package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/gate"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/formats"
	"github.com/tollgate-dev/tollgate/scanners"
)

// scanFlags are the flags of `tollgate scan`.
type scanFlags struct {
	formats    []string
	failOn     string
	policies   []string
	noBuiltin  bool
	unknown    string
	allowEmpty bool
	quiet      bool
	color      string
	category   string
	configFile string
	exclude    []string
	buildArgs  []string
	varFiles   []string
	vars       []string
	strict     bool
	download   bool
	baseline   string
	writeBase  string
	shard      string
	timeout    time.Duration
	staged     bool
	commits    string
	images     pipeline.Images
	maxSize    []string
	verify     verifyFlags
	remote     remoteFlags
	cache      cacheFlags
	mirrors    []string
	orgConfig  string
	unused     bool
	attest     attestFlags
}

func newScanFlagSet(f *scanFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	fs.StringArrayVar(&f.formats, "format", nil, formatFlagHelp())
	fs.StringVar(&f.failOn, "fail-on", "", "lowest `SEVERITY` that blocks: info, low, medium, high, critical (default low; info never blocks)")
	fs.StringArrayVar(&f.policies, "policy", nil, "extra Rego `DIR`, .rego file or OPA bundle (.tar.gz, https://…, oci://…), repeatable")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "do not load the built-in rules")
	fs.StringVar(&f.unknown, "unknown", "", "what a control that cannot be decided because a value is unknown does, `MODE`: pass (default), or block (a finding RULE-ID/unknown); overrides the configuration's unknown:")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "text output: only errors and the summary line")
	fs.StringVar(&f.color, "color", "auto", "colour text output `MODE`: auto, always, never")
	fs.StringVar(&f.category, "sarif-category", "", "SARIF run category (automationDetails.id) that keeps several uploads for one commit apart in code scanning, e.g. `NAME`=iac or containers")
	fs.StringVar(&f.configFile, "config", "", "configuration `FILE` (default .tollgate.yaml when present)")
	fs.StringArrayVar(&f.exclude, "exclude", nil, "skip paths matching `GLOB` (relative to each scan root), repeatable")
	fs.StringArrayVar(&f.buildArgs, "build-arg", nil, "Dockerfile build argument `KEY=VALUE`, repeatable")
	fs.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variables `FILE`, repeatable")
	fs.StringArrayVar(&f.vars, "var", nil, "Terraform variable `KEY=VALUE`, repeatable")
	fs.BoolVar(&f.strict, "strict", false, "treat uninitialised remote Terraform modules as errors")
	fs.BoolVar(&f.download, "download-modules", false, "download the Terraform registry and git modules terraform init has not installed and check them like local ones (cached in the --cache-dir's modules folder, default the user cache directory's tollgate/modules)")
	fs.StringVar(&f.baseline, "baseline", "", "findings recorded in this baseline `FILE` do not block (default: baseline in the configuration)")
	fs.DurationVar(&f.timeout, "timeout", 15*time.Minute, "give up (exit 2) when the scan takes longer than `DURATION`, e.g. a custom rule that never ends; 0 waits forever")
	fs.StringVar(&f.shard, "shard", "", "scan only part `K/N` of the targets (1 <= K <= N; deterministic, balanced by size; combine the JSON reports with tollgate merge), or auto: GitLab's parallel job (CI_NODE_INDEX/CI_NODE_TOTAL), else everything")
	fs.StringVar(&f.writeBase, "write-baseline", "", "record every unsuppressed finding in `FILE` and pass unless the scan itself failed")
	fs.BoolVar(&f.staged, "staged", false, "scan what the git index holds for the next commit, not the working tree; reports on staged changes (or on the PATHs given) and the Terraform modules and CDK assemblies holding them")
	registerMaxFileSize(fs, &f.maxSize)
	fs.BoolVar(&f.allowEmpty, "allow-empty", false, "pass instead of exit 2 when nothing was scanned or a --policy path or configured policy holds no rule")
	fs.StringVar(&f.commits, "commits", "", "also check what the commits of git `RANGE` added (e.g. origin/main..HEAD) for credentials, each finding naming its commit; without PATHs only the commits are scanned")
	fs.StringArrayVar(&f.mirrors, "provider-mirror", nil, "also verify the Terraform provider packages in mirror `DIR` against .terraform.lock.hcl, repeatable")
	registerImageFlags(fs, &f.images)
	f.verify.register(fs)
	f.remote.register(fs)
	f.cache.register(fs)
	registerOrgConfig(fs, &f.orgConfig)
	fs.BoolVar(&f.unused, "report-unused-suppressions", false, "warn about each waiver (ignore: entry, inline comment) that matched no finding")
	f.attest.register(fs)
	return fs
}

// registerOrgConfig adds the flag scan and merge share.
func registerOrgConfig(fs *pflag.FlagSet, v *string) {
	fs.StringVar(v, "org-config", "", "the organisation's governance `FILE`: locked rules, waiver limits, minimum fail-on (also "+orgConfigEnv+"; both apply when both are set)")
}

// orgConfigEnv names the organisation configuration too, so a CI template
// can set it once for every repository.
const orgConfigEnv = "TOLLGATE_ORG_CONFIG"

func (e *environment) scan(args []string) int {
	var f scanFlags
	fs := newScanFlagSet(&f)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tollgate scan [flags] [PATH...]\n\nFlags:\n%s\nOutput formats:\n%s", flagUsages(fs), formats.Help())
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	ctx := e.ctx
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	setup, err := e.prepare(ctx, &f)
	if err != nil {
		return e.errorf("%v", err)
	}
	plan, err := f.plan(setup)
	if err != nil {
		return e.errorf("%v", err)
	}
	plan.Roots = fs.Args()
	if plan.ResultCache, err = f.cache.resultCache(f.remote.cacheDir, setup.cfg, e.stderr); err != nil {
		return e.errorf("%v", err)
	}
	att, err := f.attest.setup(f.images)
	if err != nil {
		return e.errorf("%v", err)
	}
	if att != nil {
		att.coverage.OrgConfigs = orgConfigPaths(f.orgConfig, os.Getenv(orgConfigEnv))
		plan.Coverage = att.coverage
	}
	rep, err := pipeline.Run(ctx, plan)
	if err != nil {
		return e.errorf("%v", err)
	}
	if err := e.writeOutputs(setup.outputs, rep, writeOptions{quiet: f.quiet, color: f.color, category: f.category}); err != nil {
		return e.errorf("%v", err)
	}
	if att != nil {
		if err := att.finish(ctx, e); err != nil {
			return e.errorf("%v", err)
		}
	}
	code := gate.ExitCode(rep.Summary.Verdict)
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

// plan maps the flags onto a pipeline plan.
func (f *scanFlags) plan(setup *runSetup) (pipeline.Plan, error) {
	shard, err := pipeline.ParseShard(shardSpec(f.shard, os.Getenv))
	if err != nil {
		return pipeline.Plan{}, err
	}
	buildArgs, err := keyValues("--build-arg", f.buildArgs)
	if err != nil {
		return pipeline.Plan{}, err
	}
	vars, err := keyValues("--var", f.vars)
	if err != nil {
		return pipeline.Plan{}, err
	}
	return pipeline.Plan{
		Config:       setup.cfg,
		ConfigFile:   setup.cfgFile,
		Engine:       setup.eng,
		FailOn:       setup.failOn,
		FailOnFrom:   pipeline.FailOnSource(f.failOn, setup.cfg.FailOn),
		Governance:   setup.gov,
		NoBuiltin:    f.noBuiltin,
		ReportUnused: f.unused,
		Exclude:      f.exclude,
		BuildArgs:    buildArgs,
		Vars:         vars,
		VarFiles:     f.varFiles,
		Strict:       f.strict,
		MaxFileSize:  f.maxSize,
		Shard:        shard,
		ShardRun:     ciRun(os.Getenv),
		Baseline:     f.baseline,
		NoBaseline:   f.writeBase != "",
		Staged:       f.staged,
		Commits:      f.commits,
		Images:       f.images,
		AllowEmpty:   f.allowEmpty,
		Mirrors:      f.mirrors,
		Tool:         tool(),

		DownloadModules: f.download,
		CacheDir:        f.remote.cacheDir,
	}, nil
}

// shardSpec resolves --shard auto from the CI's own parallel job: GitLab's
// parallel: N sets CI_NODE_INDEX (1-based) and CI_NODE_TOTAL. Outside a
// parallel job it is the whole scan. GitHub matrices have no such
// variables; their workflows pass K/N explicitly (see the README).
func shardSpec(flag string, getenv func(string) string) string {
	if flag != "auto" {
		return flag
	}
	k, n := getenv("CI_NODE_INDEX"), getenv("CI_NODE_TOTAL")
	if k == "" || n == "" {
		return ""
	}
	return k + "/" + n
}

// ciRun names the CI run a sharded report belongs to, so merge can refuse
// parts of different runs; "" outside a known CI.
func ciRun(getenv func(string) string) string {
	if id := getenv("GITHUB_RUN_ID"); id != "" {
		return "github:" + id + "." + getenv("GITHUB_RUN_ATTEMPT")
	}
	if id := getenv("CI_PIPELINE_ID"); id != "" {
		return "gitlab:" + id
	}
	return ""
}

// tool identifies this build in reports.
func tool() report.Tool {
	return report.Tool{Name: "tollgate", Version: toolVersion(), InformationURI: "https://github.com/tollgate-dev/tollgate"}
}

// registerImageFlags adds the flags that name container images.
func registerImageFlags(fs *pflag.FlagSet, f *pipeline.Images) {
	fs.StringArrayVar(&f.Refs, "image", nil, "scan the registry image `REF` (host/repo:tag or @sha256:...), repeatable")
	fs.StringArrayVar(&f.Tars, "image-tar", nil, "scan a docker save or OCI archive `FILE`, repeatable")
	fs.StringArrayVar(&f.Layouts, "oci-layout", nil, "scan an OCI image layout `DIR`, repeatable")
	fs.StringVar(&f.Platform, "platform", "", "scan only this `os/arch[/variant]` of multi-platform images (default all)")
	fs.StringArrayVar(&f.Insecure, "insecure-registry", nil, "reach registry `HOST` over plain HTTP (loopback registries always are), repeatable")
	fs.StringVar(&f.ExpectDigest, "expect-digest", "", "with one image: fail (exit 2) unless it resolves to `sha256:...` (promotion check)")
}

// registerMaxFileSize adds the flag scan and inspect share.
func registerMaxFileSize(fs *pflag.FlagSet, v *[]string) {
	names := strings.Join(scanners.LimitNames(kinds.All()), ", ")
	fs.StringArrayVar(v, "max-file-size", nil, "largest file read, `SIZE` (bytes, 16MB, 64MiB) for every kind or KIND=SIZE for one ("+names+"), repeatable; a recognised file over it is an error (exit 2)")
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
	gov     *governance.Policy
}

func (e *environment) prepare(ctx context.Context, f *scanFlags) (*runSetup, error) {
	cfg, cfgFile, err := loadConfig(f.configFile)
	if err != nil {
		return nil, err
	}
	if f.unknown != "" {
		if _, err := engine.ParseUnknown(f.unknown); err != nil {
			return nil, fmt.Errorf("--unknown: %w", err)
		}
		cfg.Unknown = f.unknown
	}
	failOn, err := pipeline.ResolveFailOn(f.failOn, cfg.FailOn)
	if err != nil {
		return nil, fmt.Errorf("--fail-on: %w", err)
	}
	outputs, err := parseOutputs(f.formats)
	if err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	spec := pipeline.EngineSpec{Policies: f.policies, NoBuiltin: f.noBuiltin, AllowEmpty: f.allowEmpty}
	if spec.Verification, err = f.verify.verification(cfg.BundleVerification); err != nil {
		return nil, err
	}
	if spec.Remote, err = f.remote.options(); err != nil {
		return nil, err
	}
	org, err := loadOrgConfig(f.orgConfig, os.Getenv(orgConfigEnv))
	if err != nil {
		return nil, err
	}
	eng, gov, err := pipeline.NewGovernedEngine(ctx, cfg, spec, org)
	if err != nil {
		return nil, err
	}
	return &runSetup{cfg: cfg, cfgFile: cfgFile, failOn: failOn, outputs: outputs, eng: eng, gov: gov}, nil
}

// loadOrgConfig reads the organisation configuration of the flag and of
// the environment; when both name one, both apply (the stricter setting
// wins), so a flag cannot loosen what the environment sets.
func loadOrgConfig(flag, env string) (*governance.Policy, error) {
	var pol *governance.Policy
	for _, path := range orgConfigPaths(flag, env) {
		p, err := governance.Load(path)
		if err != nil {
			return nil, err
		}
		pol = governance.Merge(pol, p)
	}
	return pol, nil
}

// orgConfigPaths are the organisation configuration files named, each once.
func orgConfigPaths(flag, env string) []string {
	var out []string
	for _, p := range []string{flag, env} {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func loadConfig(path string) (*config.Config, string, error) {
	if path != "" {
		c, err := config.Load(path)
		return c, path, err
	}
	return config.LoadDefault()
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

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
