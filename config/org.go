package config

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Unused suppression modes of an organisation configuration.
const (
	UnusedReport = "report" // list waivers that matched nothing, as warnings
	UnusedBlock  = "block"  // each such waiver blocks the run
)

// Org is an organisation's governance configuration: what a repository's
// own .tollgate.yaml may not weaken. It is read from --org-config,
// TOLLGATE_ORG_CONFIG or a policy bundle's data; package governance says
// what each key does to a run. Unknown keys are errors, as in Config.
type Org struct {
	Version int `yaml:"version" json:"version"`
	// LockedRules are rule ids or themes a repository may not disable,
	// waive or let pass with a higher fail_on.
	LockedRules []string `yaml:"locked_rules,omitempty" json:"locked_rules,omitempty"`
	// ForbidInlineSuppressions are rule ids or themes whose findings only
	// the organisation's own Ignore entries may waive.
	ForbidInlineSuppressions []string `yaml:"forbid_inline_suppressions,omitempty" json:"forbid_inline_suppressions,omitempty"`
	// MaxWaiverDays, when set, is the furthest a repository waiver may
	// expire from the day of the scan; a waiver that never expires is
	// refused too.
	MaxWaiverDays int `yaml:"max_waiver_days,omitempty" json:"max_waiver_days,omitempty"`
	// RequireWaiverOwner refuses repository waivers without an owner.
	RequireWaiverOwner bool `yaml:"require_waiver_owner,omitempty" json:"require_waiver_owner,omitempty"`
	// MinimumFailOn is the highest fail_on a repository may set.
	MinimumFailOn string `yaml:"minimum_fail_on,omitempty" json:"minimum_fail_on,omitempty"`
	// UnusedSuppressions forces the unused-waiver report on (UnusedReport)
	// or makes each unused repository waiver block (UnusedBlock).
	UnusedSuppressions string `yaml:"unused_suppressions,omitempty" json:"unused_suppressions,omitempty"`
	// Ignore are the organisation's own waivers.
	Ignore []Ignore `yaml:"ignore,omitempty" json:"ignore,omitempty"`

	root *yaml.Node
}

// LoadOrg reads an organisation configuration file, bounded and only if it
// is a regular file, like Load.
func LoadOrg(path string) (*Org, error) {
	return loadFile(path, "org config", ParseOrg)
}

// ParseOrg decodes and validates an organisation configuration; errors
// name the line, as Parse's do.
func ParseOrg(data []byte) (*Org, error) {
	o := &Org{}
	if err := parseInto(data, o); err != nil {
		return nil, err
	}
	return o, nil
}

func (o *Org) settle(root *yaml.Node) error {
	o.root = root
	if o.Version == 0 {
		o.Version = 1
	}
	return o.validate()
}

// Pos is the line and column of the setting at a path of keys and list
// indexes ("rules", "disable", 2), or of its nearest written ancestor;
// zeros when the configuration was not read from a file.
func (o *Org) Pos(path ...any) (line, column int) {
	if o == nil || o.root == nil {
		return 0, 0
	}
	return posOf(o.root, path...)
}

func (o *Org) validate() error {
	if o.Version != 1 {
		return invalid(fmt.Sprintf("version %d is not supported (want 1)", o.Version), "version")
	}
	for _, l := range []struct {
		key  string
		list []string
	}{{"locked_rules", o.LockedRules}, {"forbid_inline_suppressions", o.ForbidInlineSuppressions}} {
		key := l.key
		for i, id := range l.list {
			if id == "" {
				return invalid(fmt.Sprintf("%s[%d]: want a rule id or a theme, not an empty string", key, i), key, i)
			}
		}
	}
	// 0 would read as "no waivers at all" to some and "no limit" to
	// others: refuse it rather than guess.
	if o.MaxWaiverDays < 0 || (o.MaxWaiverDays == 0 && written(o.root, "max_waiver_days")) {
		return invalid(fmt.Sprintf("max_waiver_days must be at least 1, not %d (leave it out for no limit)", o.MaxWaiverDays), "max_waiver_days")
	}
	if o.MinimumFailOn != "" && !severities[o.MinimumFailOn] {
		return invalid(fmt.Sprintf("minimum_fail_on: unknown severity %q (want info, low, medium, high or critical)", o.MinimumFailOn), "minimum_fail_on")
	}
	switch o.UnusedSuppressions {
	case "", UnusedReport, UnusedBlock:
	default:
		return invalid(fmt.Sprintf("unused_suppressions: want %s or %s, not %q", UnusedReport, UnusedBlock, o.UnusedSuppressions), "unused_suppressions")
	}
	return validateIgnores(o.Ignore)
}

// written reports whether a top-level key is in the file with a value
// (not null).
func written(root *yaml.Node, key string) bool {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Tag != "!!null"
		}
	}
	return false
}
