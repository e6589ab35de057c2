// Package suppress applies waivers to findings: inline ones the scanners
// read from the code (resource metadata, comments) and ones from the
// configuration. A waiver needs a reason; an expired one stops working and
// says so, so a waiver can never silently outlive its purpose.
package suppress

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/glob"
)

// Waivers holds the configuration waivers and the day they are judged on.
type Waivers struct {
	ignores []config.Ignore
	today   string // YYYY-MM-DD
	known   KnownID
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
	return &Waivers{ignores: ignores, today: now.UTC().Format("2006-01-02")}
}

// Apply marks the findings of one document that a waiver covers, and
// returns diagnostics for expired or reason-less inline waivers.
func (w *Waivers) Apply(doc *document.Document, fs []finding.Finding) []document.Diagnostic {
	diags := w.inlineUnknown(doc)
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
			f.Suppressed = &finding.Suppression{Kind: "inline", Reason: s.Reason, Expires: s.Expires}
			break
		}
		if f.Suppressed != nil {
			continue
		}
		for _, ig := range w.ignores {
			if ig.ID != f.RuleID || !matchesAny(ig.Paths, f.Location.File) || !anyOrContains(ig.Resources, f.Resource) {
				continue
			}
			if w.invalid(ig.Reason, ig.Expires) != "" {
				continue // reported once per run by Expired
			}
			f.Suppressed = &finding.Suppression{Kind: "config", Reason: ig.Reason, Expires: ig.Expires}
			break
		}
	}
	return diags
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
