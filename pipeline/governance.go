package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/suppress"
)

// NewGovernedEngine is NewEngine under the organisation's policy: org
// (read from --org-config and TOLLGATE_ORG_CONFIG; nil for none) merged
// with what a loaded bundle carries at data.tollgate_governance. Locked
// rules the repository turned off (rules.disable, no_builtin,
// --no-builtin) are compiled back in, so they run; Run reports the
// settings that tried. It returns the engine to run with and the policy,
// nil when no organisation governs the run.
func NewGovernedEngine(ctx context.Context, cfg *config.Config, spec EngineSpec, org *governance.Policy) (*engine.Engine, *governance.Policy, error) {
	if cfg == nil {
		cfg = &config.Config{Version: 1}
	}
	// Remote policies are fetched once: a second compile reads the same
	// files, so both see the same rules.
	src, err := resolvePolicies(ctx, cfg, spec)
	if err != nil {
		return nil, nil, err
	}
	compile := func(cfg *config.Config, spec EngineSpec) (*engine.Engine, error) {
		return compileEngine(ctx, cfg, spec, src)
	}
	eng, err := compile(cfg, spec)
	asked := true
	if errors.Is(err, engine.ErrNoRules) && len(cfg.Rules.Disable) > 0 {
		// rules.disable turned every rule off. Whether the organisation
		// allows that is known only from the rules (and a bundle's data):
		// compile them all to see.
		every := *cfg
		every.Rules.Disable = nil
		asked = false
		if eng, err = compile(&every, spec); err != nil {
			return nil, nil, err
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return govern(eng, asked, cfg, spec, org, compile)
}

// govern is NewGovernedEngine once the engine is compiled: from cfg and
// spec (asked), or, when those disable every rule, from cfg without its
// rules.disable. compile compiles the same policies with other settings.
func govern(eng *engine.Engine, asked bool, cfg *config.Config, spec EngineSpec, org *governance.Policy,
	compile func(*config.Config, EngineSpec) (*engine.Engine, error)) (*engine.Engine, *governance.Policy, error) {
	if data, ok := eng.Data(governance.DataKey); ok {
		fromBundle, err := governance.FromData(data)
		if err != nil {
			return nil, nil, err
		}
		org = governance.Merge(org, fromBundle)
	}
	if org == nil {
		if !asked {
			return nil, nil, engine.ErrNoRules
		}
		return eng, nil, nil
	}
	rules := governance.NewRules(eng.Rules(), eng.Disabled())
	if r, ok := rules[governance.RuleID]; ok {
		return nil, nil, fmt.Errorf("rule id %s is reserved for tollgate's governance findings (defined in %v)", governance.RuleID, r.Sources)
	}
	var back []string // locked rules the repository turned off
	for _, id := range cfg.Rules.Disable {
		// <rule-id>/unknown turns off the rule's undecided findings.
		if r, ok := rules[strings.TrimSuffix(id, finding.UndecidedSuffix)]; ok && org.Locks(r) {
			back = append(back, id)
		}
	}
	cfg2, spec2 := *cfg, spec
	if (cfg.NoBuiltin || spec.NoBuiltin) && org.LocksAny() {
		// Which built-in rules are locked is known only once they are
		// compiled: compile them, then keep only the locked ones.
		cfg2.NoBuiltin, spec2.NoBuiltin = false, false
		full, err := compile(&cfg2, spec2)
		if err != nil {
			return nil, nil, err
		}
		var locked, others []string
		for _, r := range slices.Concat(full.Rules(), full.Disabled()) {
			switch {
			case !r.Builtin:
			case org.Locks(r):
				locked = append(locked, r.ID)
			default:
				others = append(others, r.ID)
			}
		}
		if len(locked) > 0 {
			back = append(back, locked...)
			cfg2.Rules.Disable = append(slices.Clip(cfg.Rules.Disable), others...)
		} else {
			cfg2.NoBuiltin, spec2.NoBuiltin = cfg.NoBuiltin, spec.NoBuiltin
		}
	}
	switch {
	case len(back) > 0:
		cfg2.Rules.Disable = slices.DeleteFunc(slices.Clone(cfg2.Rules.Disable), func(id string) bool { return slices.Contains(back, id) })
		var err error
		if eng, err = compile(&cfg2, spec2); err != nil {
			return nil, nil, err
		}
		rules = governance.NewRules(eng.Rules(), eng.Disabled())
	case !asked:
		// Every rule disabled, none of them locked: as without governance.
		return nil, nil, engine.ErrNoRules
	}
	if err := org.Check(rules, engine.Themes()); err != nil {
		return nil, nil, err
	}
	return eng, org, nil
}

// EffectiveFailOn is the threshold a run under the policy blocks at.
func EffectiveFailOn(p *governance.Policy, requested finding.Severity) finding.Severity {
	sev, _ := p.FailOn(requested, governance.Setting{})
	return sev
}

// Rules lists what `tollgate rules` and the rules documentation show: the
// engine's rules and, with the built-in ones, governance's, sorted by id.
func Rules(eng *engine.Engine, builtin bool) []finding.Rule {
	if !builtin {
		return eng.Rules()
	}
	return withRule(eng.Rules(), governance.Rule)
}

func withRule(rules []finding.Rule, r finding.Rule) []finding.Rule {
	i, found := slices.BinarySearchFunc(rules, r.ID, func(x finding.Rule, id string) int {
		switch {
		case x.ID < id:
			return -1
		case x.ID > id:
			return 1
		}
		return 0
	})
	if found {
		return rules
	}
	return slices.Insert(slices.Clone(rules), i, r)
}

// reportRules are a report's rules: governance's is listed only when a
// governance finding is in it, so reports of runs without an organisation
// stay as they were.
func reportRules(eng *engine.Engine, fs []finding.Finding) []finding.Rule {
	rules := eng.Rules()
	if slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.RuleID == governance.RuleID }) {
		rules = Rules(eng, true)
	}
	// Undecided controls' findings (<rule-id>/unknown) are described by
	// their rule, so reports can say what they are and link its docs.
	byID := make(map[string]finding.Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	var added bool
	for _, f := range fs {
		base, ok := strings.CutSuffix(f.RuleID, finding.UndecidedSuffix)
		if _, listed := byID[f.RuleID]; !ok || listed {
			continue
		}
		if r, known := byID[base]; known {
			u := engine.UndecidedRule(r)
			u.Severity = f.Severity
			byID[u.ID] = u
			if !added {
				rules = slices.Clone(rules) // the engine's list is shared
			}
			rules = append(rules, u)
			added = true
		}
	}
	if added {
		slices.SortFunc(rules, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	}
	return rules
}

// governed is what governance adds to a run once its findings are known:
// the threshold to block at, the violations, and warnings.
type governed struct {
	failOn      finding.Severity
	violations  []finding.Finding
	diagnostics []document.Diagnostic
}

// applyGovernance judges the run's settings once everything is scanned and
// waived: waivers it refused, rules.disable, no_builtin, the baseline, the
// threshold, and waivers that matched nothing. fs may have baseline
// acceptances taken back.
func applyGovernance(p Plan, cfg *config.Config, fs []finding.Finding, accepted *baseline.Set, waivers *suppress.Waivers) governed {
	gov := p.Governance
	g := governed{failOn: p.FailOn}
	if gov != nil {
		rules := governance.NewRules(p.Engine.Rules(), p.Engine.Disabled())
		g.violations = append(g.violations, waivers.Violations()...)
		g.violations = append(g.violations, gov.Disabled(cfg.Rules.Disable, rules, func(i int) document.Range {
			return settingAt(cfg, p.ConfigFile, "rules", "disable", i)
		})...)
		if s, ok := noBuiltinSetting(p, cfg); ok {
			if v, bad := gov.NoBuiltin(s, p.Engine.Rules()); bad {
				g.violations = append(g.violations, v)
			}
		}
		g.violations = append(g.violations, gov.Baseline(fs, accepted)...)
		s := failOnSetting(p, cfg)
		var refused *finding.Finding
		if g.failOn, refused = gov.FailOn(p.FailOn, s); refused != nil {
			g.violations = append(g.violations, *refused)
		}
		g.violations = append(g.violations, gov.Downgraded(fs, p.FailOn, g.failOn, s)...)
	}
	mode := gov.UnusedMode()
	if !p.ReportUnused && !cfg.ReportUnusedSuppressions && mode == "" {
		return g
	}
	// A shard, the staged files, or only commits and images are part of
	// what ignore: entries may cover: those cannot be judged unused here.
	partial := p.Shard.count > 1 || p.Staged || (len(p.Roots) == 0 && (p.Commits != "" || p.Images.Any()))
	for _, w := range waivers.Unused(partial) {
		if mode == config.UnusedBlock {
			g.violations = append(g.violations, gov.Unused(w))
			continue
		}
		g.diagnostics = append(g.diagnostics, document.Diagnostic{
			Level:   document.LevelWarning,
			Message: w.Describe() + " matched no finding; remove it",
			Range:   w.At,
		})
	}
	return g
}

// settingAt locates a setting of the configuration file.
func settingAt(cfg *config.Config, file string, path ...any) document.Range {
	line, col := cfg.Pos(path...)
	return document.Range{File: file, Line: line, Column: col}
}

// failOnSetting is where the requested threshold was set.
func failOnSetting(p Plan, cfg *config.Config) governance.Setting {
	switch p.FailOnFrom {
	case FailOnFlag:
		return governance.Setting{Name: "--fail-on"}
	case FailOnConfig:
		return governance.Setting{Name: "fail_on", At: settingAt(cfg, p.ConfigFile, "fail_on")}
	}
	return governance.Setting{Name: "the default fail_on"}
}

// noBuiltinSetting is where the built-in rules were turned off, if they were.
func noBuiltinSetting(p Plan, cfg *config.Config) (governance.Setting, bool) {
	switch {
	case cfg.NoBuiltin:
		return governance.Setting{Name: "no_builtin", At: settingAt(cfg, p.ConfigFile, "no_builtin")}, true
	case p.NoBuiltin:
		return governance.Setting{Name: "--no-builtin"}, true
	}
	return governance.Setting{}, false
}

// unmatchedExcludes warns about exclude globs that removed nothing where
// they could have: a glob written relative to a scan root, or with a typo,
// would otherwise leave files scanned (or blocking) without a word.
func unmatchedExcludes(list []discover.Unmatched, cfg *config.Config, configFile string) []document.Diagnostic {
	var out []document.Diagnostic
	for _, u := range list {
		name, at := "--exclude", document.Range{}
		if u.Index < len(cfg.Exclude) {
			name, at = "exclude", settingAt(cfg, configFile, "exclude", u.Index)
		}
		msg := fmt.Sprintf("%s %q matched nothing (excludes are relative to the repository root)", name, u.Glob)
		if u.DidYouMean != "" {
			msg += fmt.Sprintf("; did you mean %q?", u.DidYouMean)
		}
		out = append(out, document.Diagnostic{Level: document.LevelWarning, Message: msg, Range: at})
	}
	return out
}
