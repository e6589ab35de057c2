package governance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
)

var today = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

const orgYAML = `version: 1
locked_rules: [aws-rds-storage-encrypted, secrets]
forbid_inline_suppressions: [docker-user-not-root]
max_waiver_days: 90
require_waiver_owner: true
minimum_fail_on: medium
unused_suppressions: report
ignore:
  - id: secrets-file-credential
    reason: documented example keys
`

// policy loads orgYAML from a file, so every setting has a location.
func policy(t *testing.T) (*Policy, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "org.yaml")
	if err := os.WriteFile(path, []byte(orgYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return p, path
}

var (
	rds    = finding.Rule{ID: "aws-rds-storage-encrypted", Theme: "encryption", Severity: finding.High, Builtin: true}
	secret = finding.Rule{ID: "secrets-file-credential", Theme: "secrets", Severity: finding.Critical, Builtin: true}
	root   = finding.Rule{ID: "docker-user-not-root", Theme: "container-hardening", Severity: finding.Medium, Builtin: true}
	logs   = finding.Rule{ID: "aws-s3-logging", Theme: "logging", Severity: finding.Low, Builtin: true}
)

func configWaiver(id, owner, expires string) Waiver {
	return Waiver{Setting: Setting{Name: "ignore[0]", At: document.Range{File: ".tollgate.yaml", Line: 4, Column: 5}}, RuleID: id, Owner: owner, Expires: expires}
}

// Each key of the organisation configuration refuses the waiver that
// would weaken it, names why, and points at the organisation's setting.
func TestJudgeWaivers(t *testing.T) {
	p, org := policy(t)
	cases := []struct {
		name    string
		w       Waiver
		rule    finding.Rule
		want    []string // message parts; none: the waiver stands
		related []int    // lines of org.yaml the finding relates to
	}{
		{"owned and near", configWaiver("aws-s3-logging", "web-team", "2027-01-20"), logs, nil, nil},
		{"exactly at the limit", configWaiver("aws-s3-logging", "web-team", "2027-02-23"), logs, nil, nil},
		{"no owner", configWaiver("aws-s3-logging", "", "2027-01-20"), logs,
			[]string{"ignore[0] (aws-s3-logging) has no owner (the organisation requires one: require_waiver_owner); it is not applied"}, []int{5}},
		{"blank owner", configWaiver("aws-s3-logging", "  ", "2027-01-20"), logs, []string{"has no owner"}, []int{5}},
		{"a day too far", configWaiver("aws-s3-logging", "web-team", "2027-02-24"), logs,
			[]string{"expires 2027-02-24, 91 days from today (the organisation allows at most 90: max_waiver_days)"}, []int{4}},
		{"far expiry", configWaiver("aws-s3-logging", "web-team", "2099-01-01"), logs, []string{"expires 2099-01-01"}, []int{4}},
		{"never expires", configWaiver("aws-s3-logging", "web-team", ""), logs,
			[]string{"never expires (the organisation allows at most 90 days: max_waiver_days)"}, []int{4}},
		{"locked by id", configWaiver("aws-rds-storage-encrypted", "dba", "2027-01-01"), rds,
			[]string{"waives a rule the organisation locked (locked_rules: aws-rds-storage-encrypted)"}, []int{2}},
		{"locked by theme", Waiver{Setting: Setting{Name: "Key", At: document.Range{File: ".env", Line: 3, Column: 12}}, Inline: true,
			RuleID: "secrets-file-credential", Owner: "me", Expires: "2027-01-01"}, secret,
			[]string{"the inline waiver of secrets-file-credential on Key waives a rule the organisation locked (locked_rules: secrets)"}, []int{2}},
		{"forbidden inline", Waiver{Setting: Setting{Name: "runtime", At: document.Range{File: "Dockerfile", Line: 8, Column: 1}}, Inline: true,
			RuleID: "docker-user-not-root", Owner: "me", Expires: "2027-01-01"}, root,
			[]string{"only the organisation's own waivers may waive (forbid_inline_suppressions: docker-user-not-root)"}, []int{3}},
		{"everything at once", configWaiver("aws-rds-storage-encrypted", "", ""), rds,
			[]string{"locked", "no owner", "never expires", "; it is not applied"}, []int{2, 5, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, bad := p.Judge(c.w, c.rule, today)
			if bad != (c.want != nil) {
				t.Fatalf("violation %v, want %v: %+v", bad, c.want != nil, v)
			}
			if !bad {
				return
			}
			for _, part := range c.want {
				if !strings.Contains(v.Message, part) {
					t.Errorf("message %q lacks %q", v.Message, part)
				}
			}
			if v.RuleID != RuleID || v.Severity != finding.High || v.Location != c.w.At || v.Resource != c.w.Name || v.Fingerprint == "" {
				t.Errorf("finding %+v", v)
			}
			if len(v.Related) != len(c.related) {
				t.Fatalf("related %+v, want lines %v", v.Related, c.related)
			}
			for i, line := range c.related {
				if v.Related[i].Range.File != org || v.Related[i].Range.Line != line {
					t.Errorf("related[%d] = %+v, want %s:%d", i, v.Related[i], org, line)
				}
			}
		})
	}
	// Without a policy nothing is judged.
	var none *Policy
	if _, bad := none.Judge(configWaiver("aws-rds-storage-encrypted", "", ""), rds, today); bad {
		t.Error("a nil policy refused a waiver")
	}
}

// A waiver of every rule (`*`) stands, but not for a locked rule's finding.
func TestWildcardWaiverDoesNotCoverLockedFindings(t *testing.T) {
	p, _ := policy(t)
	w := Waiver{Setting: Setting{Name: "Db", At: document.Range{File: "main.tf", Line: 3, Column: 1}}, Inline: true, RuleID: "*", Owner: "dba", Expires: "2027-01-01"}
	if _, bad := p.Judge(w, finding.Rule{ID: "*"}, today); bad {
		t.Fatal("the wildcard waiver itself is valid")
	}
	f := finding.Finding{RuleID: rds.ID, Theme: rds.Theme, Resource: "aws_db_instance.db", Location: document.Range{File: "main.tf", Line: 4, Column: 3}}
	v, bad := p.RefusesMatch(w, f)
	if !bad || v.Message != "the inline waiver of * on Db waives aws-rds-storage-encrypted, a rule the organisation locked (locked_rules: aws-rds-storage-encrypted); it does not cover aws-rds-storage-encrypted on aws_db_instance.db at main.tf:4:3" || v.Location != w.At {
		t.Fatalf("got %v %+v", bad, v)
	}
	if _, bad := p.RefusesMatch(w, finding.Finding{RuleID: logs.ID, Theme: logs.Theme}); bad {
		t.Error("an unlocked finding is covered")
	}
}

func TestDisabledLockedRules(t *testing.T) {
	p, _ := policy(t)
	rules := NewRules([]finding.Rule{rds, logs, secret})
	at := func(i int) document.Range { return document.Range{File: ".tollgate.yaml", Line: 4 + i, Column: 7} }
	got := p.Disabled([]string{"aws-s3-logging", "secrets-file-credential", "aws-rds-storage-encrypted"}, rules, at)
	if len(got) != 2 || got[0].Resource != "rules.disable[1]" || got[0].Location.Line != 5 || got[1].Resource != "rules.disable[2]" ||
		!strings.Contains(got[0].Message, "turns off secrets-file-credential, a rule the organisation locked (locked_rules: secrets); it runs all the same") {
		t.Fatalf("got %+v", got)
	}
}

func TestNoBuiltin(t *testing.T) {
	p, org := policy(t)
	custom := finding.Rule{ID: "acme-rds", Theme: "encryption"}
	v, bad := p.NoBuiltin(Setting{Name: "--no-builtin"}, []finding.Rule{custom, rds, logs})
	// A flag has no file: the finding sits at the organisation's setting.
	if !bad || v.Location.File != org || v.Location.Line != 2 || !strings.Contains(v.Message, "--no-builtin turns off built-in rules the organisation locked (aws-rds-storage-encrypted)") {
		t.Fatalf("got %v %+v", bad, v)
	}
	if _, bad := p.NoBuiltin(Setting{Name: "no_builtin"}, []finding.Rule{custom, logs}); bad {
		t.Error("no locked built-in rule is loaded: nothing to report")
	}
}

func TestFailOnMinimum(t *testing.T) {
	p, _ := policy(t)
	s := Setting{Name: "fail_on", At: document.Range{File: ".tollgate.yaml", Line: 2, Column: 1}}
	if sev, v := p.FailOn(finding.Low, s); sev != finding.Low || v != nil {
		t.Errorf("a stricter threshold stands: %v %+v", sev, v)
	}
	if sev, v := p.FailOn(finding.Medium, s); sev != finding.Medium || v != nil {
		t.Errorf("the minimum itself stands: %v %+v", sev, v)
	}
	sev, v := p.FailOn(finding.Critical, s)
	if sev != finding.Medium || v == nil || v.Location != s.At || v.Message != "fail_on critical is above the organisation's minimum_fail_on medium; the run blocks at medium" {
		t.Fatalf("got %v %+v", sev, v)
	}
	var none *Policy
	if sev, v := none.FailOn(finding.Critical, s); sev != finding.Critical || v != nil {
		t.Error("no policy, no minimum")
	}
}

// A locked rule's findings below the repository's threshold would pass:
// one violation per rule, at the threshold's setting.
func TestDowngradedLockedRules(t *testing.T) {
	p, _ := policy(t)
	s := Setting{Name: "fail_on", At: document.Range{File: ".tollgate.yaml", Line: 2, Column: 1}}
	fs := []finding.Finding{
		{RuleID: rds.ID, Theme: rds.Theme, Severity: finding.High},
		{RuleID: rds.ID, Theme: rds.Theme, Severity: finding.High},
		{RuleID: secret.ID, Theme: secret.Theme, Severity: finding.Critical},
		{RuleID: rds.ID, Theme: rds.Theme, Severity: finding.High, Suppressed: &finding.Suppression{Kind: "org"}},
		{RuleID: logs.ID, Theme: logs.Theme, Severity: finding.Low},
		{RuleID: "x", Theme: "secrets", Severity: finding.Info},
	}
	got := p.Downgraded(fs, finding.Critical, finding.Critical, s)
	if len(got) != 1 || got[0].Message != "fail_on critical would let 2 findings of aws-rds-storage-encrypted (high), a rule the organisation locked (locked_rules: aws-rds-storage-encrypted), pass; they block" {
		t.Fatalf("got %+v", got)
	}
	if got := p.Downgraded(fs, finding.Critical, finding.Medium, s); len(got) != 0 {
		t.Errorf("at the effective threshold medium every locked finding blocks: %+v", got)
	}
}

func TestBaselineCannotAcceptLockedFindings(t *testing.T) {
	p, _ := policy(t)
	dir := t.TempDir()
	fs := []finding.Finding{
		{RuleID: rds.ID, Theme: rds.Theme, Resource: "Db", Fingerprint: "fp-db", Location: document.Range{File: "db.yaml", Line: 4, Column: 3}},
		{RuleID: logs.ID, Theme: logs.Theme, Resource: "Logs", Fingerprint: "fp-logs"},
	}
	path := filepath.Join(dir, "baseline.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := baseline.Write(f, fs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	set, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	set.Apply(fs)
	got := p.Baseline(fs, set)
	if fs[0].Suppressed != nil || fs[1].Suppressed == nil {
		t.Fatalf("the locked finding must be reported again, the other stay accepted: %+v", fs)
	}
	if len(got) != 1 || got[0].Location.File != path || got[0].Location.Line != set.Line("fp-db") || got[0].Location.Line == 0 ||
		got[0].Message != "the baseline accepts a finding of aws-rds-storage-encrypted, a rule the organisation locked (locked_rules: aws-rds-storage-encrypted), on Db at db.yaml:4:3; the finding is reported" {
		t.Fatalf("got %+v", got)
	}
	if got[0].Related[0].Range != fs[0].Location {
		t.Errorf("related %+v", got[0].Related)
	}
}

// Merging sources keeps the stricter of each setting, so a second
// organisation file (or a bundle) can only tighten the first.
func TestMergeKeepsTheStricterSetting(t *testing.T) {
	a, _ := policy(t)
	b, err := FromData(map[string]any{
		"locked_rules":        []any{"logging", "secrets"},
		"max_waiver_days":     30,
		"minimum_fail_on":     "high",
		"unused_suppressions": "block",
	})
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(a, b)
	if !m.Locks(logs) || !m.Locks(rds) || !m.Locks(secret) || len(m.locked) != 3 {
		t.Errorf("locked %+v", m.locked)
	}
	if m.maxDays != 30 || m.maxDaysAt.File != "" {
		t.Errorf("max days %d at %+v", m.maxDays, m.maxDaysAt)
	}
	if sev, _ := m.FailOn(finding.High, Setting{}); sev != finding.Medium {
		t.Errorf("minimum_fail_on medium (of a) is stricter than high (of b); got %v", sev)
	}
	if m.UnusedMode() != config.UnusedBlock || !m.requireOwner {
		t.Errorf("unused %q owner %v", m.UnusedMode(), m.requireOwner)
	}
	if ig, _ := m.Ignores(); len(ig) != 1 {
		t.Errorf("ignores %+v", ig)
	}
	if Merge(nil, b) != b || Merge(a, nil) != a {
		t.Error("merging with nothing is the identity")
	}
	if a.maxDays != 90 || len(a.locked) != 2 {
		t.Error("Merge must not change its inputs")
	}
}

func TestBundleData(t *testing.T) {
	if _, err := FromData(map[string]any{"ignore": []any{map[string]any{"id": "x", "reason": "y"}}}); err == nil ||
		!strings.Contains(err.Error(), "ignore is read only from --org-config or TOLLGATE_ORG_CONFIG") {
		t.Errorf("waivers in bundle data: %v", err)
	}
	_, err := FromData(map[string]any{"lockd_rules": []any{"x"}})
	if err == nil || err.Error() != `bundle data data.tollgate_governance: unknown key "lockd_rules" at the top level (did you mean "locked_rules"?)` {
		t.Errorf("typo in bundle data: %v", err)
	}
}

// An entry that names neither a loaded rule nor a theme is a control that
// does not run: the run cannot decide.
func TestCheckNamesEveryEntry(t *testing.T) {
	p, org := policy(t)
	rules := NewRules([]finding.Rule{rds, root})
	if err := p.Check(rules, []string{"secrets", "encryption"}); err != nil {
		t.Fatal(err)
	}
	err := p.Check(NewRules([]finding.Rule{root}), []string{"secrets"})
	if err == nil || err.Error() != org+`:2:16: locked_rules: "aws-rds-storage-encrypted" names no loaded rule and no theme (load the policies that define it)` {
		t.Fatalf("got %v", err)
	}
	var none *Policy
	if none.Check(nil, nil) != nil {
		t.Error("no policy, nothing to check")
	}
}

func TestUnusedViolation(t *testing.T) {
	p, org := policy(t)
	w := Waiver{Setting: Setting{Name: "Bucket", At: document.Range{File: "t.yaml", Line: 9, Column: 13}}, Inline: true, RuleID: "aws-s3-logging"}
	v := p.Unused(w)
	if v.Location != w.At || v.Related[0].Range.File != org || v.Related[0].Range.Line != 7 ||
		v.Message != "the inline waiver of aws-s3-logging on Bucket matched no finding; the organisation blocks on unused waivers (unused_suppressions: block): remove it" {
		t.Fatalf("got %+v", v)
	}
}

// Fingerprints identify a violation by what it is about, not its line.
func TestFingerprintSurvivesLineMoves(t *testing.T) {
	p, _ := policy(t)
	w := configWaiver("aws-s3-logging", "", "2027-01-01")
	a, _ := p.Judge(w, logs, today)
	w.At.Line += 10
	b, _ := p.Judge(w, logs, today)
	w.RuleID = "aws-s3-versioning"
	c, _ := p.Judge(w, finding.Rule{ID: w.RuleID}, today)
	if a.Fingerprint != b.Fingerprint || a.Fingerprint == c.Fingerprint {
		t.Fatalf("fingerprints %s %s %s", a.Fingerprint, b.Fingerprint, c.Fingerprint)
	}
}

// A lock of a rule holds its undecided findings (<rule-id>/unknown) too:
// a repository cannot waive what the organisation blocks on.
func TestLockCoversUndecidedFindings(t *testing.T) {
	p, _ := policy(t)
	w := Waiver{Setting: Setting{Name: "Db", At: document.Range{File: "main.tf", Line: 3, Column: 1}}, Inline: true, RuleID: "*", Owner: "dba", Expires: "2027-01-01"}
	f := finding.Finding{RuleID: rds.ID + finding.UndecidedSuffix, Theme: rds.Theme, Resource: "aws_db_instance.db", Location: document.Range{File: "main.tf", Line: 4, Column: 3}}
	if v, bad := p.RefusesMatch(w, f); !bad || !strings.Contains(v.Message, "locked (locked_rules: aws-rds-storage-encrypted)") {
		t.Fatalf("got %v %+v", bad, v)
	}
	if _, bad := p.RefusesMatch(w, finding.Finding{RuleID: logs.ID + finding.UndecidedSuffix, Theme: logs.Theme}); bad {
		t.Error("an unlocked rule's undecided finding is covered")
	}
}

// rules.disable of a locked rule's undecided findings is refused like the
// rule's own.
func TestDisabledUndecidedOfLockedRule(t *testing.T) {
	p, _ := policy(t)
	rules := NewRules([]finding.Rule{rds, logs}, nil)
	at := func(int) document.Range { return document.Range{File: ".tollgate.yaml", Line: 3, Column: 5} }
	got := p.Disabled([]string{rds.ID + finding.UndecidedSuffix, logs.ID + finding.UndecidedSuffix}, rules, at)
	if len(got) != 1 || !strings.Contains(got[0].Message, "turns off aws-rds-storage-encrypted/unknown, a rule the organisation locked") {
		t.Fatalf("got %+v", got)
	}
}
