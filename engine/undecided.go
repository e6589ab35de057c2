package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

// Undecided controls ("block if unsure"). The shared Rego libraries add
// to a rule's deny set, next to its findings, a record of each resource
// whose control they cannot decide because a deciding value is unknown:
//
//	{"resource": …, "path": […], "undecided": {"field", "value", "reason"}}
//
// They do so only when data.tollgate.config.unknown is "block", which the
// engine sets from Options.Unknown: a run that does not ask builds none.
// The engine turns each record into a finding of the rule's id family.

// Unknown modes (Options.Unknown, the configuration's unknown:).
const (
	UnknownPass  = "pass"
	UnknownBlock = "block"
)

// UndecidedSuffix makes the id of an undecided control's finding: the
// rule's id and this suffix, so it can be waived apart from the rule.
const UndecidedSuffix = finding.UndecidedSuffix

// UndecidedKey is the METADATA key (custom.undecided) by which a rule
// says whether it can be undecided: absent or true, the records the
// libraries add for it become findings; false, the rule's author has
// decided that an unknown value cannot matter to it and they are dropped.
const UndecidedKey = "undecided"

// ParseUnknown checks an unknown mode; "" is pass.
func ParseUnknown(s string) (string, error) {
	switch s {
	case "", UnknownPass:
		return UnknownPass, nil
	case UnknownBlock:
		return UnknownBlock, nil
	}
	return "", fmt.Errorf("unknown: %q is not pass or block", s)
}

// undecidedOptOut reads custom.undecided of a rule's METADATA: true when
// the rule turns undecided records off.
func undecidedOptOut(a *ast.Annotations, where, id string) (bool, error) {
	v, ok := a.Custom[UndecidedKey]
	if !ok {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("%s: rule %s: custom.%s must be true or false", where, id, UndecidedKey)
	}
	return !b, nil
}

// isUndecided says whether a deny element is an undecided record.
func isUndecided(item any) bool {
	obj, ok := item.(map[string]any)
	if !ok {
		return false
	}
	_, ok = obj["undecided"]
	return ok
}

// UndecidedRule describes the findings of rule's undecided controls (id
// <rule-id>/unknown), for reports that list the rules their findings name.
func UndecidedRule(rule finding.Rule) finding.Rule {
	r := rule
	r.ID = rule.ID + UndecidedSuffix
	r.Title = "Cannot decide: " + rule.Title
	r.Remediation = "Give the value one tollgate can read (a parameter or variable default, --var, --var-file, --build-arg), " +
		"or review the deployed value and waive " + r.ID + " with the reason."
	return r
}

// toUndecided makes the finding of an undecided record: the rule's id
// family, its severity unless sev overrides it, a message naming the
// unknown value and why it is unknown, at the value's line.
func toUndecided(rule finding.Rule, doc *document.Document, item any, sev *finding.Severity) (finding.Finding, error) {
	obj := item.(map[string]any)
	u, ok := obj["undecided"].(map[string]any)
	if !ok {
		return finding.Finding{}, fmt.Errorf("undecided must be an object {field, value, reason}, got %v", obj["undecided"])
	}
	field, _ := u["field"].(string)
	value, _ := u["value"].(string)
	reason, _ := u["reason"].(string)
	if field == "" || value == "" || reason == "" {
		return finding.Finding{}, fmt.Errorf("undecided record needs field, value and reason, got %v", u)
	}
	r := UndecidedRule(rule)
	if sev != nil {
		r.Severity = *sev
	}
	rec := map[string]any{
		"resource": obj["resource"],
		"path":     obj["path"],
		"message": fmt.Sprintf("cannot decide %q: %s is %s, %s",
			strings.TrimSpace(rule.Title), field, value, reason),
	}
	f, _, err := toFinding(r, doc, rec)
	return f, err
}
