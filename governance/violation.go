package governance

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

// RuleID is the rule of every governance finding.
const RuleID = "governance-violation"

// Format is the format of governance findings: what they are about is the
// run's own settings, not a scanned document.
const Format = "governance"

// Rule describes governance findings. It is not Rego: the decision must
// be made before waivers apply (a refused waiver must not suppress) and
// must hold against everything a repository controls, which a Rego rule
// does not (rules.disable, ignore:, a baseline, --no-builtin). Its theme
// is integrity: the integrity of the gate itself.
var Rule = finding.Rule{
	ID:       RuleID,
	Title:    "Repository settings do not weaken the organisation's governance",
	Severity: finding.High,
	Theme:    "integrity",
	Description: "The organisation configuration (--org-config, TOLLGATE_ORG_CONFIG, or data." + DataKey + " in a policy bundle) " +
		"locks rules, restricts waivers and sets the highest threshold a repository may use. A setting of the repository " +
		"(.tollgate.yaml, an inline waiver, the baseline, --fail-on or --no-builtin) that would weaken it is not applied; " +
		"this finding, at the setting, says why. It blocks whatever the threshold, and no waiver or baseline covers it.",
	Remediation: "Remove or correct the setting the finding points at (give the waiver an owner or a nearer expiry, " +
		"drop the waiver or the disable entry, lower fail_on), or have the organisation change its configuration.",
	Formats: []string{Format},
	Builtin: true,
}

// Setting is a repository setting governance judges: how users name it
// (rules.disable[1], ignore[0], fail_on, --fail-on, the resource an inline
// waiver is written on) and where it is written (no file for a flag).
type Setting struct {
	Name string
	At   document.Range
}

// violation builds the finding a setting is. A setting without a file (a
// flag) is placed at the organisation's setting it contradicts, so the
// finding still points at a line; otherwise that setting is related.
// path says what about the setting is wrong, for a fingerprint that
// survives the setting moving to another line.
func violation(s Setting, msg string, path []string, org ...orgRef) finding.Finding {
	f := finding.Finding{
		RuleID:      RuleID,
		Title:       Rule.Title,
		Severity:    Rule.Severity,
		Theme:       Rule.Theme,
		Message:     msg,
		Remediation: Rule.Remediation,
		Format:      Format,
		Resource:    s.Name,
		Location:    s.At,
		Path:        path,
	}
	for _, o := range org {
		if o.at.File == "" {
			continue
		}
		if f.Location.File == "" {
			f.Location = o.at
			continue
		}
		f.Related = append(f.Related, finding.Related{Message: "the organisation's " + o.key, Range: o.at})
	}
	f.Fingerprint = fingerprint(s.Name, f.Location.File, path)
	return f
}

// orgRef is an organisation setting a violation contradicts.
type orgRef struct {
	key string
	at  document.Range
}

func fingerprint(resource, file string, path []string) string {
	h := sha256.New()
	for _, s := range []string{RuleID, file, resource, strings.Join(path, "\x1f")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
