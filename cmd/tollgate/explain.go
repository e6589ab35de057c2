package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/sarif"
	"github.com/tollgate-dev/tollgate/suggest"
)

// explain prints what one rule checks, from the same METADATA and with the
// same words as its docs/rules.md entry (ruleSection renders both).
func (e *environment) explain(args []string) int {
	var (
		configFile string
		paths      []string
		noBuiltin  bool
		verify     verifyFlags
	)
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringArrayVar(&paths, "policy", nil, "also load the rules of `DIR`, .rego file or bundle, repeatable")
	fs.BoolVar(&noBuiltin, "no-builtin", false, "do not load the built-in rules")
	fs.StringVar(&configFile, "config", "", "configuration `FILE` (default .tollgate.yaml when present)")
	verify.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tollgate explain [flags] RULE-ID\n\nPrints a rule's title, severity, theme, formats, description and fix.\n\nFlags:\n%s", flagUsages(fs))
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, _, err := loadConfig(configFile)
	if err != nil {
		return e.errorf("%v", err)
	}
	// The rules are loaded as rules and scan load them: a bundle the
	// configuration's bundle_verification refuses is not described.
	spec := pipeline.EngineSpec{Policies: paths, NoBuiltin: noBuiltin}
	if spec.Verification, err = verify.verification(cfg.BundleVerification); err != nil {
		return e.errorf("%v", err)
	}
	eng, err := pipeline.NewEngine(e.ctx, cfg, spec)
	if err != nil {
		return e.errorf("%v", err)
	}
	e.printWarnings(eng)
	id := fs.Arg(0)
	// <rule-id>/unknown are the rule's undecided findings (--unknown=block).
	base, undecided := strings.CutSuffix(id, engine.UndecidedSuffix)
	rules := pipeline.Rules(eng, !noBuiltin && !cfg.NoBuiltin)
	for _, r := range rules {
		if r.ID == base {
			var b bytes.Buffer
			if undecided {
				fmt.Fprintf(&b, "\n%s: %s could not be decided because a value it depends on is unknown (reported with --unknown=block; see README, Block if unsure). The rule:\n", id, r.ID)
			}
			writeRuleSection(&b, r)
			if r.Builtin {
				fmt.Fprintf(&b, "\nDocs: %s#%s\nExamples: testdata/rules/%s/ in the source tree (a failing and a passing input per format).\n", sarif.RulesDocURL, r.ID, r.ID)
			}
			_, err := e.stdout.Write(bytes.TrimPrefix(b.Bytes(), []byte("\n")))
			if err != nil {
				return e.errorf("%v", err)
			}
			return 0
		}
	}
	return e.errorf("explain: no rule %q%s (tollgate rules lists them)", id, closestRule(id, rules))
}

// writeRuleSection renders one rule as docs/rules.md does.
func writeRuleSection(b *bytes.Buffer, r finding.Rule) {
	fmt.Fprintf(b, "\n## %s\n\n**%s** (%s, %s; %s)\n\n%s\n", r.ID, r.Title, r.Severity, r.Theme, strings.Join(r.Formats, ", "), strings.TrimSpace(r.Description))
	if len(r.ResourceTypes) > 0 {
		fmt.Fprintf(b, "\nResource types: `%s`\n", strings.Join(r.ResourceTypes, "`, `"))
	}
	if r.Remediation != "" {
		fmt.Fprintf(b, "\nFix: %s\n", strings.TrimSpace(r.Remediation))
	}
}

// closestRule suggests a rule id for a misspelt one.
func closestRule(id string, rules []finding.Rule) string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	best, ok := suggest.Closest(id, ids, suggest.Within(len(id), 3))
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}
