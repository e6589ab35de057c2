// Package governance applies an organisation's configuration (config.Org)
// to a run. A repository's .tollgate.yaml, its inline waivers, its
// baseline and the flags it runs with may make the gate stricter than the
// organisation asks, never weaker. A setting that would weaken it is not
// applied: it becomes a finding of rule governance-violation where it is
// written, and that finding blocks the run whatever the threshold, so the
// contradiction is neither silently applied nor silently ignored.
package governance

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

// DataKey is where a policy bundle carries the organisation's settings:
// data.tollgate_governance, a data.json (or .yaml) under
// tollgate_governance/ in the bundle, with the keys of the organisation
// configuration file except ignore. data.tollgate itself is reserved for
// tollgate's own configuration.
const DataKey = "tollgate_governance"

// Policy is the organisation's configuration as a run applies it: one or
// more sources merged, the strictest setting winning. A nil *Policy governs
// nothing; every method accepts it.
type Policy struct {
	locked, forbidden []entry
	maxDays           int
	maxDaysAt         document.Range
	requireOwner      bool
	ownerAt           document.Range
	minFailOn         *finding.Severity
	minFailOnAt       document.Range
	unused            string
	unusedAt          document.Range
	ignores           []config.Ignore
	ignoreAt          []document.Range
}

// entry is a rule id or a theme of locked_rules or
// forbid_inline_suppressions, and where the organisation wrote it.
type entry struct {
	name string
	at   document.Range
}

// Load reads an organisation configuration file.
func Load(path string) (*Policy, error) {
	org, err := config.LoadOrg(path)
	if err != nil {
		return nil, err
	}
	return New(org, path), nil
}

// New is the policy of an organisation configuration read from file (""
// when it was not read from a file: its settings then have no location).
func New(org *config.Org, file string) *Policy {
	at := func(path ...any) document.Range {
		if file == "" {
			return document.Range{}
		}
		line, col := org.Pos(path...)
		return document.Range{File: file, Line: line, Column: col}
	}
	p := &Policy{
		maxDays:      org.MaxWaiverDays,
		maxDaysAt:    at("max_waiver_days"),
		requireOwner: org.RequireWaiverOwner,
		ownerAt:      at("require_waiver_owner"),
		unused:       org.UnusedSuppressions,
		unusedAt:     at("unused_suppressions"),
		ignores:      org.Ignore,
		minFailOnAt:  at("minimum_fail_on"),
	}
	for i, id := range org.LockedRules {
		p.locked = append(p.locked, entry{id, at("locked_rules", i)})
	}
	for i, id := range org.ForbidInlineSuppressions {
		p.forbidden = append(p.forbidden, entry{id, at("forbid_inline_suppressions", i)})
	}
	for i := range org.Ignore {
		p.ignoreAt = append(p.ignoreAt, at("ignore", i))
	}
	if org.MinimumFailOn != "" {
		sev, _ := finding.ParseSeverity(org.MinimumFailOn) // validated by config
		p.minFailOn = &sev
	}
	return p
}

// FromData reads the organisation's settings from a policy bundle's data
// (the value at DataKey). Waivers are refused there: a repository may name
// a bundle of its own, and every other key can only make a run stricter.
func FromData(v any) (*Policy, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("bundle data data.%s: %w", DataKey, err)
	}
	org, err := config.ParseOrg(raw) // JSON is YAML
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			err = errors.New(ce.Msg) // a line of re-encoded JSON means nothing
		}
		return nil, fmt.Errorf("bundle data data.%s: %w", DataKey, err)
	}
	if len(org.Ignore) > 0 {
		return nil, fmt.Errorf("bundle data data.%s: ignore is read only from --org-config or TOLLGATE_ORG_CONFIG "+
			"(a repository can name a bundle of its own, and could otherwise waive what the organisation locked)", DataKey)
	}
	return New(org, ""), nil
}

// Merge combines two policies; the result is at least as strict as each:
// lists are united, the shortest waiver limit and the lowest minimum
// fail_on win, and the organisation's waivers of both apply.
func Merge(a, b *Policy) *Policy {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	m := *a
	m.locked = unite(a.locked, b.locked)
	m.forbidden = unite(a.forbidden, b.forbidden)
	if b.maxDays > 0 && (m.maxDays == 0 || b.maxDays < m.maxDays) {
		m.maxDays, m.maxDaysAt = b.maxDays, b.maxDaysAt
	}
	if b.requireOwner && !m.requireOwner {
		m.requireOwner, m.ownerAt = true, b.ownerAt
	}
	if b.minFailOn != nil && (m.minFailOn == nil || *b.minFailOn < *m.minFailOn) {
		m.minFailOn, m.minFailOnAt = b.minFailOn, b.minFailOnAt
	}
	if unusedRank(b.unused) > unusedRank(m.unused) {
		m.unused, m.unusedAt = b.unused, b.unusedAt
	}
	m.ignores = append(slices.Clip(a.ignores), b.ignores...)
	m.ignoreAt = append(slices.Clip(a.ignoreAt), b.ignoreAt...)
	return &m
}

func unite(a, b []entry) []entry {
	out := slices.Clip(a)
	for _, e := range b {
		if !slices.ContainsFunc(out, func(x entry) bool { return x.name == e.name }) {
			out = append(out, e)
		}
	}
	return out
}

func unusedRank(mode string) int {
	switch mode {
	case config.UnusedBlock:
		return 2
	case config.UnusedReport:
		return 1
	}
	return 0
}

// Check makes sure every locked_rules and forbid_inline_suppressions entry
// names a loaded rule (enabled or disabled) or a theme: a locked rule that
// is not loaded is a control that does not run, so the run cannot decide.
func (p *Policy) Check(rules Rules, themes []string) error {
	if p == nil {
		return nil
	}
	for _, l := range []struct {
		key     string
		entries []entry
	}{{"locked_rules", p.locked}, {"forbid_inline_suppressions", p.forbidden}} {
		for _, e := range l.entries {
			if _, ok := rules[e.name]; ok || slices.Contains(themes, e.name) {
				continue
			}
			where := "data." + DataKey
			if e.at.File != "" {
				where = e.at.String()
			}
			return fmt.Errorf("%s: %s: %q names no loaded rule and no theme (load the policies that define it)", where, l.key, e.name)
		}
	}
	return nil
}

// Locks reports whether the organisation locked a rule, by id or theme.
func (p *Policy) Locks(r finding.Rule) bool {
	_, ok := p.lockOf(r.ID, r.Theme)
	return ok
}

// LocksAny reports whether any rule may be locked.
func (p *Policy) LocksAny() bool { return p != nil && len(p.locked) > 0 }

func (p *Policy) lockOf(id, theme string) (entry, bool) {
	if p == nil {
		return entry{}, false
	}
	return find(p.locked, id, theme)
}

func (p *Policy) forbidOf(id, theme string) (entry, bool) {
	if p == nil {
		return entry{}, false
	}
	return find(p.forbidden, id, theme)
}

func find(list []entry, id, theme string) (entry, bool) {
	for _, e := range list {
		// A lock of a rule holds its undecided findings too.
		if e.name == id || e.name == strings.TrimSuffix(id, finding.UndecidedSuffix) || (theme != "" && e.name == theme) {
			return e, true
		}
	}
	return entry{}, false
}

// Ignores are the organisation's own waivers, and where each is written
// (no file when it came from elsewhere).
func (p *Policy) Ignores() ([]config.Ignore, []document.Range) {
	if p == nil {
		return nil, nil
	}
	return p.ignores, p.ignoreAt
}

// UnusedMode is config.UnusedReport, config.UnusedBlock or "".
func (p *Policy) UnusedMode() string {
	if p == nil {
		return ""
	}
	return p.unused
}

// Rules describes rules by id, for judging a setting that names one.
type Rules map[string]finding.Rule

// NewRules indexes lists of rules (the engine's enabled and disabled ones).
func NewRules(lists ...[]finding.Rule) Rules {
	out := Rules{}
	for _, l := range lists {
		for _, r := range l {
			out[r.ID] = r
		}
	}
	return out
}

// Get describes a rule id: its rule, or a rule with only the id when
// none is loaded (a typo, already warned about).
func (r Rules) Get(id string) finding.Rule {
	if rule, ok := r[id]; ok {
		return rule
	}
	// <rule-id>/unknown: the undecided findings of that rule.
	if rule, ok := r[strings.TrimSuffix(id, finding.UndecidedSuffix)]; ok {
		return rule
	}
	return finding.Rule{ID: id}
}
