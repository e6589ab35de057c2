package governance

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

// Waiver is a repository waiver: an ignore: entry of .tollgate.yaml
// (Setting.Name "ignore[2]") or one written in the code (Inline, with
// Setting.Name the resource it is written on).
type Waiver struct {
	Setting
	Inline  bool
	RuleID  string
	Owner   string
	Expires string // YYYY-MM-DD or empty
}

// Describe names the waiver in a message.
func (w Waiver) Describe() string {
	if w.Inline {
		return fmt.Sprintf("the inline waiver of %s on %s", w.RuleID, w.Name)
	}
	return fmt.Sprintf("%s (%s)", w.Name, w.RuleID)
}

// Judge returns the violation a waiver is as written, if it is one: it
// waives a rule (the one it names, whose theme counts) that only the
// organisation may waive, it has no owner although one is required, or it
// expires later than max_waiver_days allow, or never. Such a waiver must
// not be applied.
func (p *Policy) Judge(w Waiver, rule finding.Rule, today time.Time) (finding.Finding, bool) {
	if p == nil {
		return finding.Finding{}, false
	}
	var problems []string
	var refs []orgRef
	if what, ref, refused := p.refusal(rule); refused {
		problems, refs = append(problems, "waives "+what), append(refs, ref)
	}
	if p.requireOwner && strings.TrimSpace(w.Owner) == "" {
		problems = append(problems, "has no owner (the organisation requires one: require_waiver_owner)")
		refs = append(refs, orgRef{"require_waiver_owner", p.ownerAt})
	}
	if p.maxDays > 0 {
		if msg := p.tooLong(w.Expires, today); msg != "" {
			problems = append(problems, msg)
			refs = append(refs, orgRef{"max_waiver_days", p.maxDaysAt})
		}
	}
	if len(problems) == 0 {
		return finding.Finding{}, false
	}
	msg := fmt.Sprintf("%s %s; it is not applied", w.Describe(), strings.Join(problems, "; "))
	return violation(w.Setting, msg, []string{"waiver", w.RuleID}, refs...), true
}

// RefusesMatch returns the violation a waiver of every rule (`*`) is when
// it meets a finding of a rule only the organisation may waive; it must not
// cover that finding.
func (p *Policy) RefusesMatch(w Waiver, f finding.Finding) (finding.Finding, bool) {
	what, ref, refused := p.refusal(finding.Rule{ID: f.RuleID, Theme: f.Theme})
	if !refused {
		return finding.Finding{}, false
	}
	msg := fmt.Sprintf("%s waives %s, %s; it does not cover %s on %s at %s", w.Describe(), f.RuleID, what, f.RuleID, f.Resource, f.Location)
	return violation(w.Setting, msg, []string{"waiver", w.RuleID, f.RuleID}, ref), true
}

// refusal says why the organisation keeps waivers of a rule to itself: "a
// rule the organisation locked (...)".
func (p *Policy) refusal(r finding.Rule) (string, orgRef, bool) {
	if e, ok := p.lockOf(r.ID, r.Theme); ok {
		return fmt.Sprintf("a rule the organisation locked (locked_rules: %s)", e.name),
			orgRef{"locked_rules", e.at}, true
	}
	if e, ok := p.forbidOf(r.ID, r.Theme); ok {
		return fmt.Sprintf("a rule only the organisation's own waivers may waive (forbid_inline_suppressions: %s)", e.name),
			orgRef{"forbid_inline_suppressions", e.at}, true
	}
	return "", orgRef{}, false
}

// tooLong says how an expiry breaks max_waiver_days, or "".
func (p *Policy) tooLong(expires string, today time.Time) string {
	if expires == "" {
		return fmt.Sprintf("never expires (the organisation allows at most %d days: max_waiver_days)", p.maxDays)
	}
	exp, err := time.Parse("2006-01-02", expires)
	if err != nil {
		return fmt.Sprintf("expires %q, not a YYYY-MM-DD date", expires)
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if days := int(exp.Sub(day).Hours() / 24); days > p.maxDays {
		return fmt.Sprintf("expires %s, %d days from today (the organisation allows at most %d: max_waiver_days)", expires, days, p.maxDays)
	}
	return ""
}

// Disabled reports each rules.disable entry that names a locked rule. The
// rule must run all the same (the caller compiles it back in). at
// locates entry i.
func (p *Policy) Disabled(ids []string, rules Rules, at func(i int) document.Range) []finding.Finding {
	var out []finding.Finding
	for i, id := range ids {
		r := rules.Get(id)
		e, ok := p.lockOf(r.ID, r.Theme)
		if !ok {
			continue
		}
		msg := fmt.Sprintf("rules.disable turns off %s, a rule the organisation locked (locked_rules: %s); it runs all the same", id, e.name)
		s := Setting{Name: fmt.Sprintf("rules.disable[%d]", i), At: at(i)}
		out = append(out, violation(s, msg, []string{"rules", "disable", id}, orgRef{"locked_rules", e.at}))
	}
	return out
}

// NoBuiltin reports a setting that turns the built-in rules off while some
// of the loaded ones are locked; the locked ones must run all the same.
// rules are the loaded rules.
func (p *Policy) NoBuiltin(s Setting, rules []finding.Rule) (finding.Finding, bool) {
	var ids []string
	var ref orgRef
	for _, r := range rules {
		if e, ok := p.lockOf(r.ID, r.Theme); ok && r.Builtin {
			if ids == nil {
				ref = orgRef{"locked_rules", e.at}
			}
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return finding.Finding{}, false
	}
	msg := fmt.Sprintf("%s turns off built-in rules the organisation locked (%s); they run all the same", s.Name, list(ids))
	return violation(s, msg, []string{"no_builtin"}, ref), true
}

// FailOn is the threshold the run blocks at: the requested one, or the
// organisation's minimum_fail_on when the request is above it, with the
// violation that refusal is.
func (p *Policy) FailOn(requested finding.Severity, s Setting) (finding.Severity, *finding.Finding) {
	if p == nil || p.minFailOn == nil || requested <= *p.minFailOn {
		return requested, nil
	}
	floor := *p.minFailOn
	msg := fmt.Sprintf("%s %s is above the organisation's minimum_fail_on %s; the run blocks at %s", s.Name, requested, floor, floor)
	f := violation(s, msg, []string{"fail_on"}, orgRef{"minimum_fail_on", p.minFailOnAt})
	return floor, &f
}

// Downgraded reports locked rules whose unwaived findings the threshold
// (the requested one, lowered by FailOn when refused) would let pass, one
// finding per rule at the requested threshold's setting: a locked rule
// cannot be downgraded, and the violation blocks the run.
func (p *Policy) Downgraded(fs []finding.Finding, requested, threshold finding.Severity, s Setting) []finding.Finding {
	type passing struct {
		f     finding.Finding
		count int
		lock  entry
	}
	byRule := map[string]*passing{}
	for _, f := range fs {
		if f.Suppressed != nil || f.Severity == finding.Info || f.Severity >= threshold {
			continue
		}
		e, ok := p.lockOf(f.RuleID, f.Theme)
		if !ok {
			continue
		}
		if byRule[f.RuleID] == nil {
			byRule[f.RuleID] = &passing{f: f, lock: e}
		}
		byRule[f.RuleID].count++
	}
	var out []finding.Finding
	for _, id := range slices.Sorted(maps.Keys(byRule)) {
		x := byRule[id]
		msg := fmt.Sprintf("%s %s would let %s of %s (%s), a rule the organisation locked (locked_rules: %s), pass; they block",
			s.Name, requested, plural(x.count, "finding"), id, x.f.Severity, x.lock.name)
		out = append(out, violation(s, msg, []string{"fail_on", id}, orgRef{"locked_rules", x.lock.at}))
	}
	return out
}

// Baseline takes back the baseline's acceptance of findings only the
// organisation may waive (locked or forbid_inline_suppressions): each
// such finding is reported again, and the baseline entry that accepted it
// is a violation.
func (p *Policy) Baseline(fs []finding.Finding, set *baseline.Set) []finding.Finding {
	if p == nil || set == nil {
		return nil
	}
	var out []finding.Finding
	for i := range fs {
		f := &fs[i]
		if f.Suppressed == nil || f.Suppressed.Kind != "baseline" {
			continue
		}
		what, ref, refused := p.refusal(finding.Rule{ID: f.RuleID, Theme: f.Theme})
		if !refused {
			continue
		}
		f.Suppressed = nil
		s := Setting{Name: f.Resource, At: document.Range{File: set.Name(), Line: set.Line(f.Fingerprint)}}
		if s.At.Line > 0 {
			s.At.Column = 1
		}
		msg := fmt.Sprintf("the baseline accepts a finding of %s, %s, on %s at %s; the finding is reported", f.RuleID, what, f.Resource, f.Location)
		v := violation(s, msg, []string{"baseline", f.Fingerprint}, ref)
		v.Related = append([]finding.Related{{Message: "the finding the baseline accepts", Range: f.Location}}, v.Related...)
		out = append(out, v)
	}
	return out
}

// Unused is the violation a waiver that matched no finding is when the
// organisation blocks on them (unused_suppressions: block).
func (p *Policy) Unused(w Waiver) finding.Finding {
	msg := fmt.Sprintf("%s matched no finding; the organisation blocks on unused waivers (unused_suppressions: block): remove it", w.Describe())
	return violation(w.Setting, msg, []string{"unused", w.RuleID}, orgRef{"unused_suppressions", p.unusedAt})
}

// list names up to five ids and counts the rest.
func list(ids []string) string {
	if len(ids) <= 5 {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:5], ", "), len(ids)-5)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
