// Package suppress applies waivers to findings: inline ones the scanners
// read from the code (resource metadata, comments), ones from the
// configuration, and the organisation's. A waiver needs a reason; an
// expired one stops working and says so, so a waiver can never silently
// outlive its purpose. Under an organisation's governance, a repository
// waiver it refuses is not applied and becomes a finding of its own; and
// every waiver that matched no finding can be listed.
package suppress

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/glob"
	"github.com/tollgate-dev/tollgate/governance"
)

// Waivers holds the configuration waivers and the day they are judged on.
// Apply may be called from several goroutines.
type Waivers struct {
	ignores []config.Ignore
	now     time.Time
	today   string // YYYY-MM-DD
	known   KnownID
	// at locates ignore entry i (Locate); without it, the file only.
	at func(i int) document.Range
	// rel turns a finding's file into the path ignore entries name
	// (RelativeTo); without it, the file as reported.
	rel func(name string) (string, bool)

	gov   *governance.Policy
	rules governance.Rules
	// refused are the ignore entries governance does not apply.
	refused []bool
	org     []config.Ignore

	mu         sync.Mutex
	matched    []bool // ignore entries that matched a finding
	inline     map[inlineKey]*inlineWaiver
	violations map[string]finding.Finding // by place and what is wrong
}

// inlineKey identifies an inline waiver of one rule: a comment naming two
// rules is two waivers. The same comment reaches several documents when a
// Terraform module is called twice.
type inlineKey struct {
	at     document.Range
	ruleID string
}

type inlineWaiver struct {
	governance.Waiver
	matched bool
	refused bool
}

// KnownID says whether id names a loaded rule and, when not, the closest
// loaded id (engine.Engine.KnownID).
type KnownID func(id string) (known bool, closest string)

// CheckIDs makes Apply warn about inline waivers whose rule id names no
// loaded rule: a typo would otherwise waive nothing without a word.
func (w *Waivers) CheckIDs(known KnownID) { w.known = known }

// UnknownIDs warns about rules.disable and ignore entries of the
// configuration whose rule id names no loaded rule.
func (w *Waivers) UnknownIDs(configFile string, disabled []string) []document.Diagnostic {
	if w.known == nil {
		return nil
	}
	var out []document.Diagnostic
	for _, id := range disabled {
		if msg := w.unknown("rules.disable", id, "disables"); msg != "" {
			out = append(out, document.Diagnostic{Level: document.LevelWarning, Message: msg, Range: document.Range{File: configFile}})
		}
	}
	for _, ig := range w.ignores {
		if msg := w.unknown("ignore", ig.ID, "waives"); msg != "" {
			out = append(out, document.Diagnostic{Level: document.LevelWarning, Message: msg, Range: document.Range{File: configFile}})
		}
	}
	return out
}

// unknown is the warning for an id that names no loaded rule, or "".
func (w *Waivers) unknown(where, id, does string) string {
	if id == governance.RuleID {
		// Its findings are added after every waiver and the baseline.
		return fmt.Sprintf("%s: %s findings cannot be waived or disabled; it %s nothing", where, id, does)
	}
	known, closest := w.known(id)
	if known || id == "*" {
		return ""
	}
	hint := ""
	if closest != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", closest)
	}
	return fmt.Sprintf("%s: unknown rule id %q%s; it %s nothing", where, id, hint, does)
}

// inlineUnknown warns once per inline waiver of the document whose rule id
// names no loaded rule.
func (w *Waivers) inlineUnknown(doc *document.Document) []document.Diagnostic {
	if w.known == nil {
		return nil
	}
	var out []document.Diagnostic
	for _, name := range slices.Sorted(maps.Keys(doc.Resources)) {
		for _, s := range doc.Resources[name].Suppressions {
			if msg := w.unknown("inline ignore", s.RuleID, "waives"); msg != "" {
				out = append(out, document.Diagnostic{Level: document.LevelWarning, Message: msg, Range: s.Range})
			}
		}
	}
	return out
}

// New builds the waivers of a run. now decides expiry (tests pass a fixed day).
func New(ignores []config.Ignore, now time.Time) *Waivers {
	return &Waivers{
		ignores: ignores, now: now, today: now.UTC().Format("2006-01-02"),
		matched: make([]bool, len(ignores)), inline: map[inlineKey]*inlineWaiver{}, violations: map[string]finding.Finding{},
	}
}

// Locate says where ignore entry i is written, for reports that name it.
func (w *Waivers) Locate(at func(i int) document.Range) { w.at = at }

// Govern puts the waivers under an organisation's policy: repository
// waivers it refuses are not applied and are reported (Violations), and
// the organisation's own waivers apply after the repository's. rules
// describe the rule ids waivers name. Call it before Apply.
func (w *Waivers) Govern(p *governance.Policy, rules governance.Rules) {
	w.gov, w.rules = p, rules
	w.org, _ = p.Ignores()
	w.refused = make([]bool, len(w.ignores))
	for i, ig := range w.ignores {
		if v, bad := p.Judge(w.entryWaiver(i), rules.Get(ig.ID), w.now); bad {
			w.refused[i] = true
			w.violate(v)
		}
	}
}

// entryWaiver is ignore entry i as governance sees it.
func (w *Waivers) entryWaiver(i int) governance.Waiver {
	ig := w.ignores[i]
	at := document.Range{}
	if w.at != nil {
		at = w.at(i)
	}
	return governance.Waiver{Setting: governance.Setting{Name: fmt.Sprintf("ignore[%d]", i), At: at}, RuleID: ig.ID, Owner: ig.Owner, Expires: ig.Expires}
}

// violate records a violation once: the same inline waiver reached from
// two documents (a module called twice) is one, named after the first
// resource by name, so reports do not depend on which document came first.
func (w *Waivers) violate(v finding.Finding) {
	key := v.Location.String() + "\x00" + strings.Join(v.Path, "\x00")
	if prev, ok := w.violations[key]; ok && prev.Resource <= v.Resource {
		return
	}
	w.violations[key] = v
}

// Violations are the governance findings of refused waivers, sorted.
func (w *Waivers) Violations() []finding.Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := slices.Collect(maps.Values(w.violations))
	slices.SortFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(compareRange(a.Location, b.Location), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	return out
}

func compareRange(a, b document.Range) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// Apply marks the findings of one document that a waiver covers, and
// returns diagnostics for expired or reason-less inline waivers.
func (w *Waivers) Apply(doc *document.Document, fs []finding.Finding) []document.Diagnostic {
	w.mu.Lock()
	defer w.mu.Unlock()
	diags := w.inlineUnknown(doc)
	w.judgeInline(doc)
	reported := map[document.Range]bool{}
	for i := range fs {
		f := &fs[i]
		key := f.ResourceID
		if key == "" {
			key = f.Resource
		}
		for _, s := range doc.Resources[key].Suppressions {
			if s.RuleID != f.RuleID && s.RuleID != "*" {
				continue
			}
			iw := w.inline[inlineKey{s.Range, s.RuleID}]
			iw.matched = true
			if f.Suppressed != nil {
				continue
			}
			if problem := w.invalid(s.Reason, s.Expires); problem != "" {
				if !reported[s.Range] {
					reported[s.Range] = true
					diags = append(diags, document.Diagnostic{
						Level:   document.LevelWarning,
						Message: fmt.Sprintf("suppression of %s for %s %s; the finding is reported", s.RuleID, f.Resource, problem),
						Range:   s.Range,
					})
				}
				continue
			}
			if iw.refused {
				continue
			}
			if v, refused := w.gov.RefusesMatch(iw.Waiver, *f); refused {
				w.violate(v)
				continue
			}
			f.Suppressed = &finding.Suppression{Kind: "inline", Reason: s.Reason, Owner: s.Owner, Expires: s.Expires}
		}
		for j, ig := range w.ignores {
			if !w.covers(ig, f) {
				continue
			}
			w.matched[j] = true
			// An invalid entry is reported once per run by Expired, a
			// refused one by Violations.
			if f.Suppressed != nil || w.invalid(ig.Reason, ig.Expires) != "" || (w.refused != nil && w.refused[j]) {
				continue
			}
			f.Suppressed = &finding.Suppression{Kind: "config", Reason: ig.Reason, Owner: ig.Owner, Expires: ig.Expires}
		}
		for _, ig := range w.org {
			if f.Suppressed == nil && w.covers(ig, f) && w.invalid(ig.Reason, ig.Expires) == "" {
				f.Suppressed = &finding.Suppression{Kind: "org", Reason: ig.Reason, Owner: ig.Owner, Expires: ig.Expires}
			}
		}
	}
	return diags
}

// judgeInline records every inline waiver of the document (for the unused
// report) and judges it once under governance.
func (w *Waivers) judgeInline(doc *document.Document) {
	for _, key := range slices.Sorted(maps.Keys(doc.Resources)) {
		res := doc.Resources[key]
		name := cmp.Or(res.Name, key)
		for _, s := range res.Suppressions {
			k := inlineKey{s.Range, s.RuleID}
			iw, seen := w.inline[k]
			if seen && iw.Name <= name {
				continue
			}
			if !seen {
				iw = &inlineWaiver{}
				w.inline[k] = iw
			}
			iw.Waiver = governance.Waiver{Setting: governance.Setting{Name: name, At: s.Range}, Inline: true, RuleID: s.RuleID, Owner: s.Owner, Expires: s.Expires}
			if v, bad := w.gov.Judge(iw.Waiver, w.rules.Get(s.RuleID), w.now); bad {
				iw.refused = true
				w.violate(v)
			}
		}
	}
}

// Unused lists the repository's waivers that matched no finding: ignore
// entries (unless partial: a shard or the staged files are only part of
// what they may cover) and inline waivers of the documents evaluated.
// Waivers of unknown rule ids are left out; they are warned about already.
func (w *Waivers) Unused(partial bool) []governance.Waiver {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []governance.Waiver
	if !partial {
		for i, ig := range w.ignores {
			if !w.matched[i] && w.knownID(ig.ID) {
				out = append(out, w.entryWaiver(i))
			}
		}
	}
	for _, iw := range w.inline {
		if !iw.matched && w.knownID(iw.RuleID) {
			out = append(out, iw.Waiver)
		}
	}
	slices.SortFunc(out, func(a, b governance.Waiver) int {
		return cmp.Or(compareRange(a.At, b.At), cmp.Compare(a.RuleID, b.RuleID))
	})
	return out
}

func (w *Waivers) knownID(id string) bool {
	if w.known == nil || id == "*" {
		return true
	}
	known, _ := w.known(id)
	return known
}

// RelativeTo makes ignore entries' paths name files relative to the base
// rel gives (the repository root, repopath.Base.Rel), whatever directory
// the run is in; a file outside it is matched as reported.
func (w *Waivers) RelativeTo(rel func(name string) (string, bool)) { w.rel = rel }

// covers reports whether a configuration waiver names the finding.
func (w *Waivers) covers(ig config.Ignore, f *finding.Finding) bool {
	// A waiver may name the resource as findings show it or by its id in
	// the document (a Dockerfile stage's "builder" or "stage[1]", a CDK
	// resource's logical id).
	if ig.ID != f.RuleID || !(anyOrContains(ig.Resources, f.Resource) || f.ResourceID != "" && slices.Contains(ig.Resources, f.ResourceID)) {
		return false
	}
	file := f.Location.File
	if w.rel != nil && len(ig.Paths) > 0 {
		if r, ok := w.rel(file); ok {
			file = r
		}
	}
	return matchesAny(ig.Paths, file)
}

// Expired lists configuration waivers past their date, for a warning.
func (w *Waivers) Expired(configFile string) []document.Diagnostic {
	var out []document.Diagnostic
	for _, ig := range w.ignores {
		if ig.Expires != "" && ig.Expires < w.today {
			out = append(out, document.Diagnostic{
				Level:   document.LevelWarning,
				Message: fmt.Sprintf("ignore entry for %s expired on %s; its findings are reported again", ig.ID, ig.Expires),
				Range:   document.Range{File: configFile},
			})
		}
	}
	return out
}

func (w *Waivers) invalid(reason, expires string) string {
	switch {
	case reason == "":
		return "has no reason"
	case expires != "" && expires < w.today:
		return "expired on " + expires
	}
	return ""
}

func matchesAny(globs []string, p string) bool {
	if len(globs) == 0 {
		return true
	}
	for _, g := range globs {
		if glob.Match(g, p) {
			return true
		}
	}
	return false
}

// anyOrContains holds when list is empty (no restriction) or holds s.
func anyOrContains(list []string, s string) bool {
	return len(list) == 0 || slices.Contains(list, s)
}
