package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
	"github.com/tollgate-dev/tollgate/report/sarif/sariftest"
)

func render(t *testing.T, r report.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, buf.Bytes())
	return buf.Bytes()
}

// log is the subset of SARIF the assertions read, decoded independently of
// go-sarif so a library quirk cannot hide in both writer and test.
type log struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID, Name             string
					ShortDescription     struct{ Text string }
					FullDescription      *struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		ColumnKind         string
		AutomationDetails  *struct{ ID string }
		Results            []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation physical
				LogicalLocations []struct{ FullyQualifiedName, Kind string }
			}
			RelatedLocations []struct {
				ID               int
				PhysicalLocation physical
				Message          struct{ Text string }
			}
			PartialFingerprints map[string]string
			Suppressions        []struct {
				Kind, Status, Justification, GUID string
				Properties                        map[string]string
			}
		}
		Invocations []struct {
			ExecutionSuccessful        *bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []struct{ PhysicalLocation physical }
			}
		}
	}
}

type physical struct {
	ArtifactLocation struct {
		URI       string
		URIBaseID string `json:"uriBaseId"`
	}
	Region *struct{ StartLine, StartColumn, EndLine, EndColumn int }
}

func decode(t *testing.T, data []byte) log {
	t.Helper()
	var l log
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatal(err)
	}
	if l.Version != "2.1.0" || len(l.Runs) != 1 {
		t.Fatalf("want one SARIF 2.1.0 run, got version %q with %d runs", l.Version, len(l.Runs))
	}
	return l
}

func TestSampleFieldsGitHubNeeds(t *testing.T) {
	r := reporttest.Sample()
	run := decode(t, render(t, r, Options{SourceRoot: reporttest.Root, Category: "iac"})).Runs[0]

	d := run.Tool.Driver
	if d.Name != "tollgate" || d.Version != "1.2.3" || d.InformationURI != r.Tool.InformationURI {
		t.Errorf("driver = %+v", d)
	}
	if len(d.Rules) != len(r.Rules) {
		t.Fatalf("%d rules, want every loaded rule (%d)", len(d.Rules), len(r.Rules))
	}
	wantScore := map[string]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}
	wantLevel := map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
	for i, rule := range d.Rules {
		src := r.Rules[i]
		sev := src.Severity.String()
		if rule.ID != src.ID || rule.ShortDescription.Text != src.Title || rule.DefaultConfiguration.Level != wantLevel[sev] {
			t.Errorf("rule %d = %+v", i, rule)
		}
		if got := rule.Properties["security-severity"]; got != wantScore[sev] {
			t.Errorf("%s: security-severity = %#v, want string %q", rule.ID, got, wantScore[sev])
		}
		tags, _ := rule.Properties["tags"].([]any)
		if len(tags) != 2 || tags[0] != "security" || tags[1] != src.Theme {
			t.Errorf("%s: tags = %v", rule.ID, tags)
		}
		if rule.Properties["precision"] == nil {
			t.Errorf("%s: no precision", rule.ID)
		}
		if src.Remediation != "" && (!strings.Contains(rule.Help.Text, src.Remediation) || !strings.Contains(rule.Help.Markdown, src.Remediation)) {
			t.Errorf("%s: help lacks remediation: %+v", rule.ID, rule.Help)
		}
		if (src.Description == "") != (rule.FullDescription == nil) {
			t.Errorf("%s: fullDescription = %v for description %q", rule.ID, rule.FullDescription, src.Description)
		}
	}
	if d.Rules[1].Name != "AwsRdsStorageEncrypted" {
		t.Errorf("rule name = %q", d.Rules[1].Name)
	}

	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///work/repo/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "iac/" {
		t.Errorf("automationDetails = %+v", run.AutomationDetails)
	}

	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleID != f.RuleID || res.RuleIndex == nil || d.Rules[*res.RuleIndex].ID != f.RuleID {
			t.Errorf("result %d: ruleId %q, ruleIndex %v", i, res.RuleID, res.RuleIndex)
		}
		if res.Level != wantLevel[f.Severity.String()] {
			t.Errorf("result %d: level %q for %s", i, res.Level, f.Severity)
		}
		if !strings.HasPrefix(res.Message.Text, f.Message) || !strings.HasSuffix(res.Message.Text, " Fix: "+f.Remediation) {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		loc := res.Locations[0]
		if reg := loc.PhysicalLocation.Region; reg == nil || reg.StartLine != f.Location.Line || reg.StartColumn != f.Location.Column ||
			reg.EndLine != f.Location.EndLine || reg.EndColumn != f.Location.EndColumn {
			t.Errorf("result %d: region %+v, want %+v", i, reg, f.Location)
		}
		if al := loc.PhysicalLocation.ArtifactLocation; al.URIBaseID != "%SRCROOT%" || strings.HasPrefix(al.URI, "/") || strings.Contains(al.URI, ":") {
			t.Errorf("result %d: artifact %+v is not repository-relative", i, al)
		}
		if ll := loc.LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != f.Resource || ll[0].Kind != "resource" {
			t.Errorf("result %d: logicalLocations %+v", i, ll)
		}
		if res.PartialFingerprints["tollgate/v1"] != f.Fingerprint {
			t.Errorf("result %d: partialFingerprints %v", i, res.PartialFingerprints)
		}
		if (f.Suppressed == nil) != (len(res.Suppressions) == 0) {
			t.Errorf("result %d: suppressions %+v for %+v", i, res.Suppressions, f.Suppressed)
		}
		if len(res.RelatedLocations) != len(f.Related) {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
		}
		for j, rel := range res.RelatedLocations {
			if rel.ID != j+1 || rel.Message.Text != f.Related[j].Message || rel.PhysicalLocation.Region.StartLine != f.Related[j].Range.Line {
				t.Errorf("result %d related %d = %+v", i, j, rel)
			}
		}
	}
	// The CDK source was absolute; under SourceRoot it must become relative.
	if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "lib/stack.ts" {
		t.Errorf("absolute path under root = %q, want lib/stack.ts", got)
	}

	guid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	baseline, inline := run.Results[2].Suppressions[0], run.Results[4].Suppressions[0]
	if baseline.Kind != "external" || baseline.Status != "accepted" || baseline.Justification != "accepted in baseline" || !guid.MatchString(baseline.GUID) || baseline.Properties != nil {
		t.Errorf("baseline suppression = %+v", baseline)
	}
	if inline.Kind != "inSource" || inline.Justification != "logs go to the central account (expires 2030-01-01)" || inline.GUID == baseline.GUID ||
		inline.Properties["owner"] != "platform-team" || inline.Properties["expires"] != "2030-01-01" || len(inline.Properties) != 2 {
		t.Errorf("inline suppression = %+v", inline)
	}

	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || *inv[0].ExecutionSuccessful {
		t.Fatalf("an error diagnostic must make executionSuccessful false: %+v", inv)
	}
	ns := inv[0].ToolExecutionNotifications
	if len(ns) != 2 || ns[0].Level != "warning" || ns[1].Level != "error" || ns[1].Message.Text != r.Diagnostics[1].Message {
		t.Fatalf("notifications = %+v", ns)
	}
	if l := ns[1].Locations[0].PhysicalLocation; l.ArtifactLocation.URI != "templates/broken.yaml" || l.Region.StartLine != 4 || l.Region.StartColumn != 12 {
		t.Errorf("error notification location = %+v", l)
	}
	if l := ns[0].Locations[0].PhysicalLocation; l.Region != nil {
		t.Errorf("file-only diagnostic got a region: %+v", l.Region)
	}
}

func TestEmptyReport(t *testing.T) {
	out := render(t, reporttest.Empty(), Options{})
	run := decode(t, out).Runs[0]
	if len(run.Results) != 0 || !bytes.Contains(out, []byte(`"results": []`)) {
		t.Errorf("want an explicit empty results array:\n%s", out)
	}
	if inv := run.Invocations; len(inv) != 1 || !*inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 0 {
		t.Errorf("invocation = %+v", inv)
	}
	base, ok := run.OriginalURIBaseIDs["%SRCROOT%"]
	if !ok || base.URI != "" {
		t.Errorf("%%SRCROOT%% without a source root = %+v, %v (want present, no uri)", base, ok)
	}
	if len(run.Tool.Driver.Rules) != len(reporttest.Empty().Rules) {
		t.Error("rules must be listed even without results")
	}
}

func TestPathsOutsideRoot(t *testing.T) {
	r := reporttest.Sample()
	r.Findings[1].Location.File = "/elsewhere/Dockerfile"
	run := decode(t, render(t, r, Options{SourceRoot: "file:///work/repo/"})).Runs[0]
	al := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation
	if al.URI != "file:///elsewhere/Dockerfile" || al.URIBaseID != "" {
		t.Errorf("outside root = %+v, want absolute file URI without base", al)
	}
	// Without a root an absolute path cannot be made relative either.
	run = decode(t, render(t, reporttest.Sample(), Options{})).Runs[0]
	if al := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation; al.URI != "file:///work/repo/lib/stack.ts" {
		t.Errorf("no root = %+v", al)
	}
}

func TestUnlistedRuleAndMissingPositions(t *testing.T) {
	r := reporttest.Empty()
	r.Findings = []finding.Finding{{
		RuleID: "custom-rule", Title: "Custom", Severity: finding.Severity(9), Message: "m",
		Resource: "img", Location: document.Range{File: "images.txt"}, Fingerprint: "x",
	}}
	r.Diagnostics = []document.Diagnostic{{Level: "fatal", Message: "odd level"}}
	run := decode(t, render(t, r, Options{})).Runs[0]
	rules := run.Tool.Driver.Rules
	if last := rules[len(rules)-1]; last.ID != "custom-rule" || *run.Results[0].RuleIndex != len(rules)-1 {
		t.Errorf("unlisted rule not described: %+v", last)
	}
	if run.Results[0].Locations[0].PhysicalLocation.Region != nil {
		t.Error("a location without a line must not get a region")
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out := string(render(t, reporttest.WithRedactions(), Options{}))
	// Message, related location and notification, each once.
	if n := strings.Count(out, reporttest.Redacted); n != 3 {
		t.Errorf("%d placeholders, want 3:\n%s", n, out)
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root})
	for range 10 {
		var buf bytes.Buffer
		if err := Write(&buf, reporttest.Sample(), Options{SourceRoot: reporttest.Root}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, buf.Bytes()) {
			t.Fatal("output differs between runs")
		}
	}
	if !bytes.HasSuffix(a, []byte("}\n")) {
		t.Error("no trailing newline")
	}
}

func TestSemver(t *testing.T) {
	for in, want := range map[string]string{"1.2.3": "1.2.3", "v0.4.0-rc.1": "0.4.0-rc.1", "dev": "", "1.2": "", "1.x.3": ""} {
		got := semver(in)
		if (got == nil) != (want == "") || got != nil && *got != want {
			t.Errorf("semver(%q) = %v, want %q", in, got, want)
		}
	}
}

// Built-in rules link their documentation (helpUri), the version is
// numeric, and a category names the run.
func TestHelpURIVersionAndCategory(t *testing.T) {
	r := reporttest.Sample()
	r.Tool.Version = "v1.4.0"
	for i := range r.Rules {
		r.Rules[i].Builtin = i == 0
	}
	log, err := Build(r, Options{SourceRoot: "/src", Category: "iac"})
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if v := run.Tool.Driver.Version; v == nil || *v != "1.4.0" {
		t.Errorf("driver.version %v, want 1.4.0", v)
	}
	for i, d := range run.Tool.Driver.Rules {
		switch {
		case i == 0 && (d.HelpURI == nil || *d.HelpURI != RulesDocURL+"#"+d.ID):
			t.Errorf("built-in rule %s: helpUri %v", d.ID, d.HelpURI)
		case i > 0 && d.HelpURI != nil:
			t.Errorf("custom rule %s has a helpUri %s", d.ID, *d.HelpURI)
		}
	}
	if run.AutomationDetails == nil || *run.AutomationDetails.ID != "iac/" {
		t.Errorf("automationDetails %+v", run.AutomationDetails)
	}
}

// Over GitHub's 25,000 results per run, the most severe are kept, in
// report order, and a warning says how many were left out.
func TestResultsCappedAtGitHubsLimit(t *testing.T) {
	r := reporttest.Sample()
	base := r.Findings[0]
	r.Findings = nil
	for i := range MaxResults + 3 {
		f := base
		f.Severity = finding.Low
		if i%1000 == 7 {
			f.Severity = finding.Critical
		}
		f.Fingerprint = fmt.Sprint(i)
		r.Findings = append(r.Findings, f)
	}
	log, err := Build(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != MaxResults {
		t.Fatalf("%d results, want %d", len(run.Results), MaxResults)
	}
	critical := 0
	for _, res := range run.Results {
		if res.Level != nil && *res.Level == "error" {
			critical++
		}
	}
	if critical != 25 {
		t.Errorf("%d critical results kept, want all 25", critical)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) == 0 || !strings.Contains(*notes[len(notes)-1].Message.Text, "3 of 25003 findings left out") {
		t.Errorf("no warning about the cut: %+v", notes)
	}
}
