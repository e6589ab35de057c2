package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
	"github.com/tollgate-dev/tollgate/governance"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/sarif/sariftest"
)

// waivedDB waives its finding inline, owned and for a while.
const waivedDB = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      tollgate:
        ignore:
          - id: aws-rds-storage-encrypted
            reason: scratch database
            owner: dba
            expires: "2099-01-01"
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: false
      BackupRetentionPeriod: 7
`

type jsonReport struct {
	Summary struct {
		Verdict string
		FailOn  string
	}
	Findings []struct {
		RuleID     string `json:"ruleId"`
		Message    string
		Location   struct{ File string }
		Suppressed *struct{ Kind, Reason, Owner, Expires string }
	}
	Diagnostics []struct{ Level, Message string }
}

func readReport(t *testing.T, path string) jsonReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r jsonReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r jsonReport) violations() []string {
	var out []string
	for _, f := range r.Findings {
		if f.RuleID == "governance-violation" {
			out = append(out, f.Message)
		}
	}
	return out
}

// The organisation configuration comes from --org-config, from
// TOLLGATE_ORG_CONFIG, or from both: then both apply, so a flag cannot
// loosen what the environment sets.
func TestOrgConfigFromFlagAndEnvironment(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", waivedDB)
	cfg := writeFile(t, dir, "tollgate.yaml", "fail_on: critical\n")
	minimum := writeFile(t, dir, "minimum.yaml", "minimum_fail_on: high\n")
	locked := writeFile(t, dir, "locked.yaml", "locked_rules: [encryption]\n")
	out := filepath.Join(dir, "r.json")
	scan := func(extra ...string) (int, jsonReport, string) {
		t.Helper()
		args := append([]string{"scan", "--config", cfg, "--format", "json=" + out}, extra...)
		code, _, stderr := tollgate(t, append(args, db)...)
		if code == 2 {
			return code, jsonReport{}, stderr
		}
		return code, readReport(t, out), stderr
	}

	code, rep, _ := scan()
	if code != 0 || len(rep.violations()) != 0 {
		t.Fatalf("ungoverned: exit %d, %v", code, rep.violations())
	}
	for _, c := range []struct {
		name, env string
		flag      []string
		want      []string
	}{
		{"flag", "", []string{"--org-config", minimum}, []string{"fail_on critical is above the organisation's minimum_fail_on high"}},
		{"environment", locked, nil, []string{"fail_on critical would let 1 finding", "the inline waiver of aws-rds-storage-encrypted on Db waives a rule the organisation locked"}},
		{"both", locked, []string{"--org-config", minimum}, []string{"above the organisation's minimum_fail_on high", "the inline waiver of aws-rds-storage-encrypted on Db waives"}},
		{"the same file twice", minimum, []string{"--org-config", minimum}, []string{"above the organisation's minimum_fail_on high"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(orgConfigEnv, c.env)
			code, rep, stderr := scan(c.flag...)
			got := rep.violations()
			if code != 1 || rep.Summary.Verdict != "blocked" || len(got) != len(c.want) {
				t.Fatalf("exit %d (%s), violations %q; stderr %s", code, rep.Summary.Verdict, got, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(strings.Join(got, "\n"), w) {
					t.Errorf("no violation says %q: %q", w, got)
				}
			}
		})
	}

	// An organisation configuration that cannot be read or is wrong stops
	// the run: a gate must not run ungoverned by accident.
	t.Setenv(orgConfigEnv, "")
	bad := writeFile(t, dir, "bad.yaml", "locked_rules: [a]\nmax_waiver_days: soon\n")
	for _, c := range []struct {
		env, flag, want string
	}{
		{"", filepath.Join(dir, "missing.yaml"), "missing.yaml"},
		{bad, "", bad + `:2: max_waiver_days must be a whole number, not the string "soon"`},
		{"", writeFile(t, dir, "unknown.yaml", "locked_rules: [aws-rds-storage-encryptd]\n"), `locked_rules: "aws-rds-storage-encryptd" names no loaded rule and no theme`},
	} {
		t.Setenv(orgConfigEnv, c.env)
		args := []string{}
		if c.flag != "" {
			args = []string{"--org-config", c.flag}
		}
		if code, _, stderr := scan(args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("org config %q%q: exit %d, stderr %q", c.env, c.flag, code, stderr)
		}
	}
}

// Governance findings are valid SARIF with the rule described, the
// repository setting as location and the organisation's as related
// location; a waiver's owner and expiry reach SARIF and JSON.
func TestGovernanceReports(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", waivedDB)
	writeFile(t, dir, "queue.yaml", `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
`)
	cfg := writeFile(t, dir, "tollgate.yaml", `ignore:
  - id: aws-sqs-queue-encryption
    reason: replayed from the bus
    owner: orders-team
    expires: 2099-01-01
`)
	org := writeFile(t, dir, "org.yaml", "locked_rules: [aws-rds-storage-encrypted]\n")
	sarifOut, jsonOut := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.json")
	code, _, stderr := tollgate(t, "scan", "--config", cfg, "--org-config", org, "--format", "sarif="+sarifOut, "--format", "json="+jsonOut, dir)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(sarifOut)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, data)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct{ Region struct{ StartLine int } }
				}
				RelatedLocations []struct{ Message struct{ Text string } }
				Suppressions     []struct {
					Justification string
					Properties    map[string]string
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	described := false
	for _, r := range run.Tool.Driver.Rules {
		described = described || r.ID == "governance-violation"
	}
	if !described {
		t.Error("SARIF does not describe governance-violation")
	}
	var governed, owned int
	for _, r := range run.Results {
		switch r.RuleID {
		case "governance-violation":
			governed++
			if r.Level != "error" || r.Locations[0].PhysicalLocation.Region.StartLine != 8 || r.RelatedLocations[0].Message.Text != "the organisation's locked_rules" {
				t.Errorf("governance result %+v", r)
			}
		case "aws-sqs-queue-encryption":
			owned++
			s := r.Suppressions[0]
			if s.Justification != "replayed from the bus (expires 2099-01-01)" || s.Properties["owner"] != "orders-team" || s.Properties["expires"] != "2099-01-01" {
				t.Errorf("suppression %+v", s)
			}
		}
	}
	if governed != 1 || owned != 1 {
		t.Fatalf("%d governance results, %d owned suppressions", governed, owned)
	}
	rep := readReport(t, jsonOut)
	for _, f := range rep.Findings {
		if f.RuleID == "aws-sqs-queue-encryption" && (f.Suppressed == nil || f.Suppressed.Owner != "orders-team" || f.Suppressed.Kind != "config") {
			t.Errorf("JSON suppression %+v", f.Suppressed)
		}
	}
}

// Nothing a repository controls covers a governance finding: not a
// waiver of the rule, not a baseline that recorded it, not a threshold.
func TestGovernanceFindingsCannotBeWaived(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", waivedDB)
	// A waiver of the governance rule that the organisation's limits allow.
	soon := time.Now().AddDate(0, 0, 10).Format("2006-01-02")
	cfg := writeFile(t, dir, "tollgate.yaml", "fail_on: critical\nignore:\n  - {id: governance-violation, reason: we disagree, owner: me, expires: "+soon+"}\n")
	org := writeFile(t, dir, "org.yaml", "require_waiver_owner: true\nmax_waiver_days: 30\n")
	base := filepath.Join(dir, "baseline.json")
	if code, _, stderr := tollgate(t, "scan", "--config", cfg, "--org-config", org, "--write-baseline", base, db); code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(base); !strings.Contains(string(data), "governance-violation") {
		t.Fatalf("the baseline should hold the violation, to prove it does not cover it:\n%s", data)
	}
	out := filepath.Join(dir, "r.json")
	code, _, stderr := tollgate(t, "scan", "--config", cfg, "--org-config", org, "--baseline", base, "--format", "json="+out, db)
	rep := readReport(t, out)
	if code != 1 || len(rep.violations()) != 1 || !strings.Contains(rep.violations()[0], "expires 2099-01-01") {
		t.Fatalf("exit %d, violations %q: %s", code, rep.violations(), stderr)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "governance-violation" && f.Suppressed != nil {
			t.Errorf("a governance finding was suppressed: %+v", f.Suppressed)
		}
	}
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Message != "ignore: governance-violation findings cannot be waived or disabled; it waives nothing" {
		t.Errorf("diagnostics %+v", rep.Diagnostics)
	}
}

// Sharded scans under governance merge to the report of the whole scan,
// and merge blocks at the threshold the organisation allows.
func TestGovernedShardsMerge(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a/db.yaml", waivedDB)
	writeFile(t, dir, "b/db.yaml", unencryptedDB)
	writeFile(t, dir, "c/db.yaml", encryptedDB)
	cfg := writeFile(t, dir, "tollgate.yaml", "fail_on: critical\n")
	org := writeFile(t, dir, "org.yaml", "locked_rules: [encryption]\nminimum_fail_on: high\n")
	roots := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")}
	mergeEqualsFullScan(t, dir, 2, []string{"--config", cfg, "--org-config", org}, roots, 1)
	merged := filepath.Join(dir, "merged.json")
	if r := readReport(t, merged); r.Summary.FailOn != "high" {
		t.Errorf("merge blocks at %s, want the organisation's minimum high", r.Summary.FailOn)
	}
}

// --report-unused-suppressions lists what matched nothing as warnings,
// which do not change the exit code.
func TestReportUnusedSuppressionsFlag(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", encryptedDB+`    Metadata:
      tollgate:
        ignore:
          - {id: aws-rds-storage-encrypted, reason: was unencrypted}
`)
	cfg := writeFile(t, dir, "tollgate.yaml", "ignore:\n  - {id: aws-s3-bucket-encryption-kms, reason: no buckets left}\n")
	code, out, stderr := tollgate(t, "scan", "--config", cfg, "--report-unused-suppressions", db)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	for _, want := range []string{
		cfg + ":2:5: ignore[0] (aws-s3-bucket-encryption-kms) matched no finding; remove it",
		db + ":18:13: the inline waiver of aws-rds-storage-encrypted on Db matched no finding; remove it",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := tollgate(t, "scan", "--config", cfg, db); strings.Contains(out, "matched no finding") {
		t.Errorf("not asked for:\n%s", out)
	}
}

// The README's organisation configuration is one tollgate reads.
func TestReadmeOrgConfigExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "### Organisation governance")
	_, block, ok2 := strings.Cut(section, "```yaml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README has no organisation configuration example")
	}
	org, err := config.ParseOrg([]byte(block))
	if err != nil {
		t.Fatalf("README example: %v", err)
	}
	if len(org.LockedRules) == 0 || org.MaxWaiverDays == 0 || len(org.Ignore) == 0 {
		t.Fatalf("README example lost keys: %+v", org)
	}
	if _, _, err := pipeline.NewGovernedEngine(context.Background(), nil, pipeline.EngineSpec{}, governance.New(org, "README.md")); err != nil {
		t.Fatalf("README example does not govern the built-in rules: %v", err)
	}
}

// A run over only the commits of a push sees part of what ignore: entries
// cover: it does not call them unused; a scan of the tree does.
func TestUnusedIgnoreEntriesNeedTheWholeTree(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeFile(t, dir, "README.md", "# app\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	base := git(t, dir, "rev-parse", "HEAD")
	writeFile(t, dir, "db.yaml", encryptedDB)
	writeFile(t, dir, ".tollgate.yaml", "report_unused_suppressions: true\nignore:\n  - {id: aws-rds-publicly-accessible, reason: internal, resources: [Gone]}\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "database")
	t.Chdir(dir)
	if code, out, stderr := tollgate(t, "scan", "--commits", base+"..HEAD"); code != 0 || strings.Contains(out, "matched no finding") {
		t.Fatalf("--commits: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, stderr := tollgate(t, "scan", "."); code != 0 || !strings.Contains(out, ".tollgate.yaml:3:5: ignore[0] (aws-rds-publicly-accessible) matched no finding") {
		t.Fatalf("tree: exit %d\n%s%s", code, out, stderr)
	}
}

// An organisation's bundle served over HTTP(S) carries its governance: a
// repository that disables the bundle's locked rule gets it back, and the
// bundle is fetched once although the rules compile twice.
func TestRemoteBundleCarriesGovernance(t *testing.T) {
	bundle := readBytes(t, bundletest.Build(t, map[string]string{
		".manifest":                     `{"roots": ["org", "tollgate_governance"]}`,
		"policies/db.rego":              bundledRule,
		"org/engines/data.yaml":         "denied: [postgres]\n",
		"tollgate_governance/data.json": `{"locked_rules": ["org-db-engine"]}`,
	}))
	var mu sync.Mutex
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		mu.Unlock()
		w.Write(bundle)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", unencryptedDB)
	cfg := writeFile(t, dir, "tollgate.yaml", "no_builtin: true\npolicies: ["+srv.URL+"/org.tar.gz]\ncache_dir: "+filepath.Join(dir, "cache")+"\nrules:\n  disable: [org-db-engine]\n")
	out := filepath.Join(dir, "r.json")
	code, _, stderr := tollgate(t, "scan", "--config", cfg, "--format", "json="+out, db)
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	rep := readReport(t, out)
	if code != 1 || len(rep.violations()) != 1 || !strings.Contains(rep.violations()[0], "rules.disable turns off org-db-engine, a rule the organisation locked (locked_rules: org-db-engine)") {
		t.Fatalf("exit %d, violations %q: %s", code, rep.violations(), stderr)
	}
	ran := false
	for _, f := range rep.Findings {
		ran = ran || f.RuleID == "org-db-engine"
	}
	if !ran {
		t.Error("the locked rule did not run")
	}
	if requests != 1 {
		t.Errorf("the bundle was fetched %d times", requests)
	}
}
