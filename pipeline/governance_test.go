package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/baseline"
	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
)

// A repository that tries to weaken its organisation's governance, one
// waiver in each syntax. Tests find a waiver's line by its text (the
// CloudFormation one is marked `waiver: cfn`).
var govRepo = map[string]string{
	"db.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      tollgate:
        ignore:
          - id: aws-rds-storage-encrypted # waiver: cfn
            reason: scratch database
            owner: dba
            expires: "2027-01-15"
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: false
`,
	"queue/main.tf": `# tollgate:ignore=aws-sqs-queue-encryption reason="replayed from the bus" owner="orders-team" expires=2027-01-15
resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = false
}
`,
	"Dockerfile": `# tollgate:ignore=container-runs-as-root reason="init container" owner="platform" expires=2027-01-15
FROM alpine:3.20
CMD ["init"]
`,
}

// plainDB has two findings and no waiver.
const plainDB = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: false
      PubliclyAccessible: true
`

// govDay is the day the tests' waivers are judged on: 2027-01-15 is 51
// days away.
var govDay = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// writeRepo writes files (with the configuration and the organisation's,
// when given) to a fresh directory.
func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	return bundletest.WriteTree(t, t.TempDir(), files)
}

// lineOf is the line of dir/file holding marker, and the column where
// text starts on it.
func lineOf(t *testing.T, dir, file, marker, text string) document.Range {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, marker) {
			return document.Range{File: filepath.ToSlash(filepath.Join(dir, file)), Line: i + 1, Column: strings.Index(l, text) + 1}
		}
	}
	t.Fatalf("%s: no line with %q", file, marker)
	return document.Range{}
}

// govRun scans dir with its .tollgate.yaml (if any) under the organisation
// configuration org (none when ""), as the CLI does.
func govRun(t *testing.T, dir, org string, edit ...func(*Plan)) report.Report {
	t.Helper()
	ctx := context.Background()
	cfg, cfgFile := &config.Config{Version: 1}, ""
	if p := filepath.Join(dir, ".tollgate.yaml"); fileExists(p) {
		var err error
		if cfg, err = config.Load(p); err != nil {
			t.Fatal(err)
		}
		cfgFile = p
	}
	var pol *governance.Policy
	if org != "" {
		// Beside the scanned directory, at the same path every run.
		p := dir + ".org.yaml"
		if err := os.WriteFile(p, []byte(org), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if pol, err = governance.Load(p); err != nil {
			t.Fatal(err)
		}
	}
	plan := Plan{Roots: []string{dir}, Config: cfg, ConfigFile: cfgFile, Now: govDay}
	for _, e := range edit {
		e(&plan)
	}
	var err error
	if plan.Engine, plan.Governance, err = NewGovernedEngine(ctx, cfg, EngineSpec{NoBuiltin: plan.NoBuiltin}, pol); err != nil {
		t.Fatal(err)
	}
	flag := ""
	if plan.FailOnFrom == FailOnFlag {
		flag = plan.FailOn.String()
	}
	if plan.FailOn, err = ResolveFailOn(flag, cfg.FailOn); err != nil {
		t.Fatal(err)
	}
	plan.FailOnFrom = FailOnSource(flag, cfg.FailOn)
	rep, err := Run(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		if d.Level == document.LevelError {
			t.Fatalf("the run could not decide: %s: %s", d.Range, d.Message)
		}
	}
	return rep
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// violations are the governance findings of a report, as "file:line:col
// message".
func violations(rep report.Report) []finding.Finding {
	var out []finding.Finding
	for _, f := range rep.Findings {
		if f.RuleID == governance.RuleID {
			out = append(out, f)
		}
	}
	return out
}

// findingOf is the (first) finding of a rule, or fails.
func findingOf(t *testing.T, rep report.Report, ruleID string) finding.Finding {
	t.Helper()
	for _, f := range rep.Findings {
		if f.RuleID == ruleID {
			return f
		}
	}
	t.Fatalf("no %s finding", ruleID)
	return finding.Finding{}
}

// wantViolations checks the governance findings: their locations and a
// part of each message, in report order.
func wantViolations(t *testing.T, rep report.Report, want ...any) {
	t.Helper()
	got := violations(rep)
	if len(got) != len(want)/2 {
		t.Fatalf("%d violations, want %d:\n%s", len(got), len(want)/2, describe(got))
	}
	// Violations at one place are ordered by fingerprint: match each
	// wanted one to a distinct violation rather than by position.
	used := make([]bool, len(got))
	for i := 0; i < len(want); i += 2 {
		at, part := want[i].(document.Range), want[i+1].(string)
		j := slices.IndexFunc(got, func(f finding.Finding) bool { return f.Location == at && strings.Contains(f.Message, part) })
		for j >= 0 && used[j] {
			k := slices.IndexFunc(got[j+1:], func(f finding.Finding) bool { return f.Location == at && strings.Contains(f.Message, part) })
			if k < 0 {
				j = -1
				break
			}
			j += k + 1
		}
		if j < 0 {
			t.Errorf("no violation at %s with ...%s...; got:\n%s", at, part, describe(got))
			continue
		}
		used[j] = true
	}
	if rep.Summary.Verdict != report.Blocked {
		t.Errorf("verdict %s, want blocked", rep.Summary.Verdict)
	}
	if !slices.ContainsFunc(rep.Rules, func(r finding.Rule) bool { return r.ID == governance.RuleID }) {
		t.Error("the report does not describe the governance rule")
	}
}

func describe(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s\n", f.Location, f.Message)
	}
	return b.String()
}

func suppressedBy(f finding.Finding) string {
	if f.Suppressed == nil {
		return ""
	}
	return f.Suppressed.Kind
}

// The same repository without governance: every waiver applies and the
// run passes. The governed tests below differ from it in one key each.
func TestUngovernedRepositoryWaivesAsItLikes(t *testing.T) {
	dir := writeRepo(t, govRepo)
	rep := govRun(t, dir, "", func(p *Plan) { p.FailOn = finding.Critical; p.FailOnFrom = FailOnFlag })
	for _, id := range []string{"aws-rds-storage-encrypted", "aws-sqs-queue-encryption", "container-runs-as-root"} {
		if f := findingOf(t, rep, id); suppressedBy(f) != "inline" || f.Suppressed.Owner == "" {
			t.Errorf("%s: suppressed %+v", id, f.Suppressed)
		}
	}
	if len(violations(rep)) != 0 || rep.Summary.Verdict != report.Passed {
		t.Fatalf("verdict %s, violations:\n%s", rep.Summary.Verdict, describe(violations(rep)))
	}
	if slices.ContainsFunc(rep.Rules, func(r finding.Rule) bool { return r.ID == governance.RuleID }) {
		t.Error("a report without governance findings lists the rules it listed before")
	}
}

// locked_rules: a locked rule cannot be disabled, waived (config, inline in
// CloudFormation, Terraform and a Dockerfile) or let pass by fail_on.
func TestLockedRulesCannotBeWeakened(t *testing.T) {
	files := withFile(govRepo, ".tollgate.yaml", `version: 1
fail_on: critical
rules:
  disable:
    - aws-sqs-queue-encryption-kms
    - aws-rds-storage-encrypted
ignore:
  - id: aws-rds-storage-encrypted
    reason: scratch database
    owner: dba
    expires: 2027-01-15
`)
	dir := writeRepo(t, files)
	rep := govRun(t, dir, "locked_rules: [encryption, container-runs-as-root]\n")
	cfg := filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml"))
	wantViolations(t, rep,
		document.Range{File: cfg, Line: 2, Column: 1}, "fail_on critical would let 1 finding of aws-rds-storage-encrypted (high)",
		document.Range{File: cfg, Line: 2, Column: 1}, "fail_on critical would let 1 finding of aws-sqs-queue-encryption (high)",
		document.Range{File: cfg, Line: 2, Column: 1}, "fail_on critical would let 1 finding of container-runs-as-root (medium)",
		document.Range{File: cfg, Line: 5, Column: 7}, "rules.disable turns off aws-sqs-queue-encryption-kms, a rule the organisation locked (locked_rules: encryption); it runs all the same",
		document.Range{File: cfg, Line: 6, Column: 7}, "rules.disable turns off aws-rds-storage-encrypted",
		document.Range{File: cfg, Line: 8, Column: 5}, "ignore[0] (aws-rds-storage-encrypted) waives a rule the organisation locked (locked_rules: encryption); it is not applied",
		lineOf(t, dir, "Dockerfile", "tollgate:ignore=container-runs-as-root", "#"), "the inline waiver of container-runs-as-root on",
		lineOf(t, dir, "db.yaml", "waiver: cfn", "id:"), "the inline waiver of aws-rds-storage-encrypted on Db waives a rule the organisation locked (locked_rules: encryption)",
		lineOf(t, dir, "queue/main.tf", "tollgate:ignore=aws-sqs-queue-encryption", "#"), "the inline waiver of aws-sqs-queue-encryption on aws_sqs_queue.orders",
	)
	for _, id := range []string{"aws-rds-storage-encrypted", "aws-sqs-queue-encryption", "container-runs-as-root"} {
		if f := findingOf(t, rep, id); f.Suppressed != nil {
			t.Errorf("%s is locked but suppressed: %+v", id, f.Suppressed)
		}
	}
	// Both disabled rules run: the report lists them.
	for _, id := range []string{"aws-rds-storage-encrypted", "aws-sqs-queue-encryption-kms"} {
		if !slices.ContainsFunc(rep.Rules, func(r finding.Rule) bool { return r.ID == id }) {
			t.Errorf("locked rule %s was left disabled", id)
		}
	}
	// fail_on critical is not refused (no minimum_fail_on): the threshold
	// stands for the other rules, and the locked findings block through
	// the violations.
	if rep.Summary.FailOn != "critical" {
		t.Errorf("failOn %s", rep.Summary.FailOn)
	}
}

// forbid_inline_suppressions: only the organisation's own waivers cover
// the rule; a repository's inline or config waiver of it is refused.
func TestForbiddenInlineSuppressions(t *testing.T) {
	files := withFile(govRepo, ".tollgate.yaml", `ignore:
  - id: aws-sqs-queue-encryption
    reason: replayed from the bus
    owner: orders-team
    expires: 2027-01-01
`)
	dir := writeRepo(t, files)
	rep := govRun(t, dir, `forbid_inline_suppressions: [container-hardening, aws-sqs-queue-encryption]
ignore:
  - id: container-runs-as-root
    paths: ["**/Dockerfile"]
    reason: the init container is reviewed by security
    owner: security
`)
	cfg := filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml"))
	wantViolations(t, rep,
		document.Range{File: cfg, Line: 2, Column: 5}, "ignore[0] (aws-sqs-queue-encryption) waives a rule only the organisation's own waivers may waive (forbid_inline_suppressions: aws-sqs-queue-encryption)",
		lineOf(t, dir, "Dockerfile", "tollgate:ignore=container-runs-as-root", "#"), "forbid_inline_suppressions: container-hardening",
		lineOf(t, dir, "queue/main.tf", "tollgate:ignore=aws-sqs-queue-encryption", "#"), "forbid_inline_suppressions: aws-sqs-queue-encryption",
	)
	if f := findingOf(t, rep, "container-runs-as-root"); suppressedBy(f) != "org" || f.Suppressed.Owner != "security" {
		t.Errorf("the organisation's own waiver must cover the finding: %+v", f.Suppressed)
	}
	if f := findingOf(t, rep, "aws-sqs-queue-encryption"); f.Suppressed != nil {
		t.Errorf("refused waivers must not suppress: %+v", f.Suppressed)
	}
	if f := findingOf(t, rep, "aws-rds-storage-encrypted"); suppressedBy(f) != "inline" {
		t.Errorf("a rule the organisation does not restrict keeps its inline waiver: %+v", f.Suppressed)
	}
}

// max_waiver_days and require_waiver_owner: a waiver that expires too far
// away, never expires, or names no owner does not apply.
func TestWaiverExpiryAndOwner(t *testing.T) {
	files := withFile(govRepo, "db.yaml", strings.Replace(govRepo["db.yaml"], `expires: "2027-01-15"`, `expires: "2099-01-01"`, 1))
	files["queue/main.tf"] = strings.Replace(govRepo["queue/main.tf"], ` owner="orders-team"`, "", 1)
	files["Dockerfile"] = strings.Replace(govRepo["Dockerfile"], ` expires=2027-01-15`, "", 1)
	files[".tollgate.yaml"] = `ignore:
  - id: aws-sqs-queue-encryption
    reason: within the limits
    owner: orders-team
    expires: 2027-02-01
`
	dir := writeRepo(t, files)
	rep := govRun(t, dir, "max_waiver_days: 90\nrequire_waiver_owner: true\n")
	wantViolations(t, rep,
		lineOf(t, dir, "Dockerfile", "tollgate:ignore=container-runs-as-root", "#"), "never expires (the organisation allows at most 90 days: max_waiver_days); it is not applied",
		lineOf(t, dir, "db.yaml", "waiver: cfn", "id:"), "expires 2099-01-01, 26335 days from today (the organisation allows at most 90: max_waiver_days)",
		lineOf(t, dir, "queue/main.tf", "tollgate:ignore=aws-sqs-queue-encryption", "#"), "has no owner (the organisation requires one: require_waiver_owner)",
	)
	for _, id := range []string{"aws-rds-storage-encrypted", "container-runs-as-root"} {
		if f := findingOf(t, rep, id); f.Suppressed != nil {
			t.Errorf("%s: an invalid waiver applied: %+v", id, f.Suppressed)
		}
	}
	// The inline waiver without an owner is refused; the configuration's,
	// within the limits, applies with its owner and expiry.
	if f := findingOf(t, rep, "aws-sqs-queue-encryption"); suppressedBy(f) != "config" || f.Suppressed.Owner != "orders-team" || f.Suppressed.Expires != "2027-02-01" {
		t.Errorf("suppressed %+v", f.Suppressed)
	}
}

// minimum_fail_on: a higher fail_on, in the configuration or as the flag,
// is refused; the run blocks at the minimum.
func TestMinimumFailOn(t *testing.T) {
	dir := writeRepo(t, map[string]string{"db.yaml": govRepo["db.yaml"], ".tollgate.yaml": "version: 1\nfail_on: critical\n"})
	org := "minimum_fail_on: high\n"
	cfg := filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml"))
	rep := govRun(t, dir, org)
	wantViolations(t, rep, document.Range{File: cfg, Line: 2, Column: 1}, "fail_on critical is above the organisation's minimum_fail_on high; the run blocks at high")
	if rep.Summary.FailOn != "high" {
		t.Errorf("failOn %s, want high", rep.Summary.FailOn)
	}
	// The flag wins over the configuration; the violation is then placed
	// at the organisation's minimum_fail_on, the flag having no line.
	rep = govRun(t, dir, org, func(p *Plan) { p.FailOn, p.FailOnFrom = finding.Critical, FailOnFlag })
	got := violations(rep)
	if len(got) != 1 || got[0].Resource != "--fail-on" || got[0].Location.Line != 1 || got[0].Location.File != dir+".org.yaml" ||
		!strings.HasPrefix(got[0].Message, "--fail-on critical is above") {
		t.Fatalf("violations:\n%s", describe(got))
	}
	// At or below the minimum nothing is refused.
	rep = govRun(t, dir, org, func(p *Plan) { p.FailOn, p.FailOnFrom = finding.Medium, FailOnFlag })
	if v := violations(rep); len(v) != 0 || rep.Summary.FailOn != "medium" {
		t.Fatalf("failOn %s, violations:\n%s", rep.Summary.FailOn, describe(v))
	}
}

// no_builtin or --no-builtin do not turn off locked built-in rules: those
// run, the others stay off.
func TestNoBuiltinKeepsLockedRules(t *testing.T) {
	files := map[string]string{"db.yaml": plainDB, "rule/acme.rego": acmeRule, ".tollgate.yaml": "version: 1\nno_builtin: true\npolicies: [rule]\n"}
	dir := writeRepo(t, files)
	t.Chdir(dir) // the configuration's policy path is relative
	rep := govRun(t, dir, "locked_rules: [aws-rds-storage-encrypted]\n")
	cfg := filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml"))
	wantViolations(t, rep, document.Range{File: cfg, Line: 2, Column: 1}, "no_builtin turns off built-in rules the organisation locked (aws-rds-storage-encrypted); they run all the same")
	var ids []string
	for _, r := range rep.Rules {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, " ") != "acme-db-tag aws-rds-storage-encrypted "+governance.RuleID {
		t.Fatalf("rules %v: want the repository's rule, the locked built-in one and governance's", ids)
	}
	findingOf(t, rep, "aws-rds-storage-encrypted")

	// The flag, locking a theme.
	dir = writeRepo(t, map[string]string{"db.yaml": plainDB, "rule/acme.rego": acmeRule, ".tollgate.yaml": "policies: [rule]\n"})
	t.Chdir(dir)
	rep = govRun(t, dir, "locked_rules: [encryption]\n", func(p *Plan) { p.NoBuiltin = true })
	got := violations(rep)
	var locked []string
	for _, r := range rep.Rules {
		if r.Builtin && r.Theme == "encryption" {
			locked = append(locked, r.ID)
		}
	}
	slices.Sort(locked)
	if len(locked) < 6 {
		t.Fatalf("only %d built-in encryption rules ran: %v", len(locked), locked)
	}
	// The message names the first locked ids in order and counts the rest.
	if len(got) != 1 || got[0].Resource != "--no-builtin" ||
		!strings.HasPrefix(got[0].Message, "--no-builtin turns off built-in rules the organisation locked ("+strings.Join(locked[:5], ", ")+" and "+fmt.Sprint(len(locked)-5)+" more)") ||
		!strings.HasSuffix(got[0].Message, " more); they run all the same") {
		t.Fatalf("violations:\n%s", describe(got))
	}
	for _, r := range rep.Rules {
		if r.Builtin && r.ID != governance.RuleID && r.Theme != "encryption" {
			t.Errorf("rule %s (%s) runs although the built-in rules are off", r.ID, r.Theme)
		}
	}
	findingOf(t, rep, "acme-db-tag")
}

const acmeRule = `# METADATA
# title: Databases carry a cost tag
# custom:
#   id: acme-db-tag
#   severity: low
#   theme: logging
#   formats: [cloudformation]
package acme.dbtag

deny contains f if {
	some name, r in input.Resources
	r.Type == "AWS::RDS::DBInstance"
	not r.Properties.Tags
	f := {"resource": name, "path": ["Resources", name], "message": "no tags"}
}
`

// A baseline written before the organisation locked a rule cannot accept
// its findings.
func TestBaselineCannotAcceptLockedFindings(t *testing.T) {
	dir := writeRepo(t, map[string]string{"db.yaml": plainDB})
	rep := govRun(t, dir, "")
	path := filepath.Join(t.TempDir(), "baseline.json")
	var buf bytes.Buffer
	if err := baseline.Write(&buf, rep.Findings); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	rep = govRun(t, dir, "locked_rules: [aws-rds-storage-encrypted]\n", func(p *Plan) { p.Baseline = path })
	db := findingOf(t, rep, "aws-rds-storage-encrypted")
	wantViolations(t, rep, document.Range{File: path, Line: set.Line(db.Fingerprint), Column: 1}, "the baseline accepts a finding of aws-rds-storage-encrypted, a rule the organisation locked")
	if db.Suppressed != nil {
		t.Errorf("the locked finding is reported again: %+v", db.Suppressed)
	}
	if f := findingOf(t, rep, "aws-rds-publicly-accessible"); suppressedBy(f) != "baseline" {
		t.Errorf("other baselined findings stay accepted: %+v", f.Suppressed)
	}
}

// A policy bundle carries the organisation's settings at
// data.tollgate_governance; they merge with the file's, the stricter
// winning.
func TestGovernanceFromBundleData(t *testing.T) {
	b := bundletest.Build(t, map[string]string{
		"acme/acme.rego":                acmeRule,
		"tollgate_governance/data.json": `{"locked_rules": ["aws-rds-storage-encrypted"], "minimum_fail_on": "critical"}`,
	})
	dir := writeRepo(t, map[string]string{"db.yaml": govRepo["db.yaml"], ".tollgate.yaml": "fail_on: critical\npolicies: [" + b + "]\n"})
	rep := govRun(t, dir, "minimum_fail_on: high\n")
	wantViolations(t, rep,
		document.Range{File: filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml")), Line: 1, Column: 1}, "fail_on critical is above the organisation's minimum_fail_on high",
		lineOf(t, dir, "db.yaml", "waiver: cfn", "id:"), "waives a rule the organisation locked (locked_rules: aws-rds-storage-encrypted)",
	)
	// The bundle alone governs too (its minimum allows critical, its lock
	// does not), and cannot carry waivers.
	rep = govRun(t, dir, "")
	wantViolations(t, rep,
		document.Range{File: filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml")), Line: 1, Column: 1}, "fail_on critical would let 1 finding of aws-rds-storage-encrypted (high)",
		lineOf(t, dir, "db.yaml", "waiver: cfn", "id:"), "waives a rule the organisation locked (locked_rules: aws-rds-storage-encrypted)",
	)
	bad := bundletest.Build(t, map[string]string{
		"acme/acme.rego":                acmeRule,
		"tollgate_governance/data.json": `{"ignore": [{"id": "aws-rds-storage-encrypted", "reason": "r"}]}`,
	})
	cfg := &config.Config{Version: 1, Policies: []string{bad}}
	if _, _, err := NewGovernedEngine(context.Background(), cfg, EngineSpec{}, nil); err == nil || !strings.Contains(err.Error(), "ignore is read only from --org-config") {
		t.Fatalf("waivers in bundle data: %v", err)
	}
}

// A locked entry that names no loaded rule is a control that does not run:
// setup fails (exit 2) rather than pass without it; a rule of the
// repository's own cannot take the governance rule's id.
func TestGovernSetupErrors(t *testing.T) {
	ctx := context.Background()
	org, err := config.ParseOrg([]byte("locked_rules: [acme-missing]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := NewGovernedEngine(ctx, nil, EngineSpec{}, governance.New(org, "org.yaml")); err == nil ||
		err.Error() != `org.yaml:1:16: locked_rules: "acme-missing" names no loaded rule and no theme (load the policies that define it)` {
		t.Errorf("unknown locked rule: %v", err)
	}
	dir := writeRepo(t, map[string]string{"r.rego": strings.Replace(acmeRule, "acme-db-tag", governance.RuleID, 1)})
	cfg := &config.Config{Version: 1, Policies: []string{dir}}
	org, _ = config.ParseOrg([]byte("require_waiver_owner: true\n"))
	if _, _, err := NewGovernedEngine(ctx, cfg, EngineSpec{}, governance.New(org, "org.yaml")); err == nil || !strings.Contains(err.Error(), "reserved") {
		t.Errorf("a rule with the governance id: %v", err)
	}
	// Every rule disabled: no rules, unless the organisation locked one.
	dir = writeRepo(t, map[string]string{"r.rego": acmeRule})
	cfg = &config.Config{Version: 1, NoBuiltin: true, Policies: []string{dir}, Rules: config.Rules{Disable: []string{"acme-db-tag"}}}
	for _, gov := range []string{"", "require_waiver_owner: true\n"} {
		var pol *governance.Policy
		if gov != "" {
			org, _ = config.ParseOrg([]byte(gov))
			pol = governance.New(org, "org.yaml")
		}
		if _, _, err := NewGovernedEngine(ctx, cfg, EngineSpec{}, pol); !errors.Is(err, engine.ErrNoRules) {
			t.Errorf("every rule disabled, org %q: %v", gov, err)
		}
	}
	org, _ = config.ParseOrg([]byte("locked_rules: [logging]\n"))
	eng, _, err := NewGovernedEngine(ctx, cfg, EngineSpec{}, governance.New(org, "org.yaml"))
	if err != nil || !slices.ContainsFunc(eng.Rules(), func(r finding.Rule) bool { return r.ID == "acme-db-tag" }) {
		t.Errorf("the locked rule must come back: %v", err)
	}
	for _, r := range eng.Rules() {
		if r.Theme != "logging" {
			t.Errorf("rule %s (%s) is not locked and stays off", r.ID, r.Theme)
		}
	}
}

// --report-unused-suppressions (or report_unused_suppressions) lists
// waivers that matched nothing as warnings; an organisation with
// unused_suppressions: block makes each a violation.
func TestUnusedSuppressions(t *testing.T) {
	files := withFile(govRepo, ".tollgate.yaml", `report_unused_suppressions: true
ignore:
  - id: aws-rds-storage-encrypted
    reason: a database that was deleted
    owner: dba
    expires: 2027-01-01
    resources: [OldDb]
`)
	files["queue/main.tf"] = strings.Replace(govRepo["queue/main.tf"], "aws-sqs-queue-encryption ", "aws-sqs-queue-encryption,aws-s3-bucket-encryption-kms ", 1)
	dir := writeRepo(t, files)
	cfg := filepath.ToSlash(filepath.Join(dir, ".tollgate.yaml"))
	tf := lineOf(t, dir, "queue/main.tf", "tollgate:ignore=aws-sqs-queue-encryption", "#")
	rep := govRun(t, dir, "")
	var warned []string
	for _, d := range rep.Diagnostics {
		if strings.Contains(d.Message, "matched no finding") {
			warned = append(warned, d.Range.String()+" "+d.Message)
		}
	}
	want := []string{
		cfg + ":3:5 ignore[0] (aws-rds-storage-encrypted) matched no finding; remove it",
		tf.String() + " the inline waiver of aws-s3-bucket-encryption-kms on aws_sqs_queue.orders matched no finding; remove it",
	}
	if strings.Join(warned, "\n") != strings.Join(want, "\n") {
		t.Fatalf("unused warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(want, "\n"))
	}

	// Off unless asked for.
	files[".tollgate.yaml"] = strings.Replace(files[".tollgate.yaml"], "report_unused_suppressions: true\n", "", 1)
	dir2 := writeRepo(t, files)
	if n := countUnused(govRun(t, dir2, "")); n != 0 {
		t.Errorf("not asked for, yet %d warnings", n)
	}
	// The flag asks too.
	if n := countUnused(govRun(t, dir2, "", func(p *Plan) { p.ReportUnused = true })); n != 2 {
		t.Errorf("--report-unused-suppressions: %d warnings, want 2", n)
	}
	// A shard is part of what ignore: entries may cover: only the inline
	// waivers of what it scanned are judged.
	for k := 1; k <= 2; k++ {
		for _, d := range govRun(t, dir2, "", func(p *Plan) { p.ReportUnused = true; p.Shard = Shard{index: k, count: 2} }).Diagnostics {
			if strings.Contains(d.Message, "matched no finding") && strings.HasSuffix(d.Range.File, ".tollgate.yaml") {
				t.Errorf("shard %d/2 judged an ignore: entry: %s", k, d.Message)
			}
		}
	}

	rep = govRun(t, dir2, "unused_suppressions: block\n")
	wantViolations(t, rep,
		document.Range{File: filepath.ToSlash(filepath.Join(dir2, ".tollgate.yaml")), Line: 2, Column: 5}, "ignore[0] (aws-rds-storage-encrypted) matched no finding; the organisation blocks on unused waivers",
		document.Range{File: filepath.ToSlash(filepath.Join(dir2, "queue/main.tf")), Line: tf.Line, Column: tf.Column}, "the inline waiver of aws-s3-bucket-encryption-kms on aws_sqs_queue.orders matched no finding",
	)
	if countUnused(rep) != 0 {
		t.Error("blocking unused waivers are findings, not also warnings")
	}
}

func countUnused(rep report.Report) int {
	n := 0
	for _, d := range rep.Diagnostics {
		if strings.Contains(d.Message, "matched no finding") {
			n++
		}
	}
	return n
}

// Governed reports are byte-identical run to run.
func TestGovernedReportIsDeterministic(t *testing.T) {
	files := withFile(govRepo, ".tollgate.yaml", "fail_on: critical\nrules: {disable: [aws-rds-storage-encrypted]}\n")
	dir := writeRepo(t, files)
	org := "locked_rules: [encryption]\nrequire_waiver_owner: true\nmax_waiver_days: 30\nunused_suppressions: block\n"
	var first []byte
	for i := 0; i < 3; i++ {
		var buf bytes.Buffer
		if err := jsonreport.Write(&buf, govRun(t, dir, org)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatal("governed reports differ between runs")
		}
	}
}

// withFile copies files with one more entry.
func withFile(files map[string]string, name, content string) map[string]string {
	out := map[string]string{name: content}
	for k, v := range files {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out
}
