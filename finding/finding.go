// Package finding holds the result contract shared by the engine, the gate
// and the reporters: findings, rule metadata and severities.
package finding

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
)

// Severity orders findings; the gate blocks at or above a threshold.
type Severity int

// Severities from least to most severe.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity accepts the lower- or upper-case name of a severity.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return Info, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", s)
}

// MarshalText renders the severity by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// UndecidedSuffix makes the id of a rule's undecided findings
// (<rule-id>/unknown, scan --unknown=block): a control a value it depends
// on leaves open. Waivers and organisation locks of the rule's id family
// read it.
const UndecidedSuffix = "/unknown"

// Rule is a policy's metadata, read from its METADATA annotations.
type Rule struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Description   string   `json:"description,omitempty"`
	Severity      Severity `json:"severity"`
	Remediation   string   `json:"remediation,omitempty"`
	Theme         string   `json:"theme"`
	Formats       []string `json:"formats"`
	ResourceTypes []string `json:"resourceTypes,omitempty"`
	// Sources are the Rego files that implement the rule (one per format
	// family may share an id).
	Sources []string `json:"sources,omitempty"`
	// Builtin is true for rules embedded in the binary.
	Builtin bool `json:"builtin"`
}

// Related is a secondary location worth showing with a finding.
type Related struct {
	Message string         `json:"message"`
	Range   document.Range `json:"location"`
}

// Finding is one policy violation at one place.
type Finding struct {
	RuleID      string   `json:"ruleId"`
	Title       string   `json:"title"`
	Severity    Severity `json:"severity"`
	Theme       string   `json:"theme"`
	Message     string   `json:"message"`
	Remediation string   `json:"remediation,omitempty"`
	Format      string   `json:"format"`
	// Resource is how users name the resource: CloudFormation logical id,
	// Terraform address, CDK construct path, Dockerfile stage, image ref.
	Resource string `json:"resource"`
	// ResourceID is the identifier inside the scanned document when it
	// differs from Resource (the logical id behind a CDK construct path).
	ResourceID   string `json:"resourceId,omitempty"`
	ResourceType string `json:"resourceType,omitempty"`
	// Location is the primary place to fix; Related the other places.
	Location document.Range `json:"location"`
	Related  []Related      `json:"related,omitempty"`
	// Path is the rule's path inside the input document.
	Path []string `json:"path,omitempty"`
	// Fingerprint identifies the finding independently of its line, so
	// baselines and code scanning survive edits that move it.
	Fingerprint string `json:"fingerprint"`
	// Suppressed, when set, explains why the finding does not block.
	Suppressed *Suppression `json:"suppressed,omitempty"`
}

// Suppression records which waiver silenced a finding.
type Suppression struct {
	Kind    string `json:"kind"` // inline, config, org, baseline
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
}
