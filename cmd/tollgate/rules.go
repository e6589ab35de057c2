package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/pipeline"
)

// rules lists the loaded rules, built-in and the user's.
func (e *environment) rules(args []string) int {
	var (
		format, configFile string
		paths              []string
		noBuiltin, digest  bool
		verify             verifyFlags
		remote             remoteFlags
	)
	fs := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&format, "format", "table", "output `FORMAT`: table or json")
	fs.StringArrayVar(&paths, "policy", nil, "extra Rego `DIR`, .rego file or OPA bundle (.tar.gz, https://…, oci://…), repeatable")
	fs.BoolVar(&noBuiltin, "no-builtin", false, "do not load the built-in rules")
	fs.StringVar(&configFile, "config", "", "configuration `FILE` (default .tollgate.yaml when present)")
	fs.BoolVar(&digest, "policy-digest", false, "print only the digest of the policy set (what tollgate promote --policy-digest compares with)")
	verify.register(fs)
	remote.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tollgate rules [flags]\n\nFlags:\n%s", flagUsages(fs))
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if format != "table" && format != "json" {
		return e.errorf("--format: want table or json, got %q", format)
	}
	cfg, _, err := loadConfig(configFile)
	if err != nil {
		return e.errorf("%v", err)
	}
	spec := pipeline.EngineSpec{Policies: paths, NoBuiltin: noBuiltin}
	if spec.Verification, err = verify.verification(cfg.BundleVerification); err != nil {
		return e.errorf("%v", err)
	}
	if spec.Remote, err = remote.options(); err != nil {
		return e.errorf("%v", err)
	}
	eng, err := pipeline.NewEngine(e.ctx, cfg, spec)
	if err != nil {
		return e.errorf("%v", err)
	}
	e.printWarnings(eng)
	if digest {
		fmt.Fprintln(e.stdout, eng.PolicyDigest().Digest)
		return 0
	}
	// Governance findings are tollgate's own, listed with its built-in rules.
	builtin := !noBuiltin && !cfg.NoBuiltin
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(pipeline.Rules(eng, builtin)); err != nil {
			return e.errorf("%v", err)
		}
		return 0
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTHEME\tFORMATS\tTITLE")
	for _, r := range pipeline.Rules(eng, builtin) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Theme, strings.Join(r.Formats, ","), r.Title)
	}
	if err := tw.Flush(); err != nil {
		return e.errorf("%v", err)
	}
	return 0
}
