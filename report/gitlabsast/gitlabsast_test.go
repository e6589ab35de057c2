package gitlabsast

import (
	"bytes"
	"encoding/json"
	"flag"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/gitlabsast/sasttest"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type parsed struct {
	Version string `json:"version"`
	Scan    struct {
		Status    string `json:"status"`
		StartTime string `json:"start_time"`
		Analyzer  struct {
			ID      string `json:"id"`
			Version string `json:"version"`
		} `json:"analyzer"`
		Messages []struct {
			Level string `json:"level"`
			Value string `json:"value"`
		} `json:"messages"`
		PrimaryIdentifiers []struct {
			Value string `json:"value"`
		} `json:"primary_identifiers"`
	} `json:"scan"`
	Vulnerabilities []struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Severity    string `json:"severity"`
		Solution    string `json:"solution"`
		Identifiers []struct {
			Type  string `json:"type"`
			Value string `json:"value"`
			URL   string `json:"url"`
		} `json:"identifiers"`
		Location struct {
			File      string `json:"file"`
			StartLine int    `json:"start_line"`
			EndLine   int    `json:"end_line"`
		} `json:"location"`
	} `json:"vulnerabilities"`
}

var jobStart = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func render(t *testing.T, r report.Report, opts Options) ([]byte, parsed) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	sasttest.Validate(t, buf.Bytes())
	var p parsed
	if err := json.Unmarshal(buf.Bytes(), &p); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), p
}

func TestSampleMatchesSchemaAndGolden(t *testing.T) {
	out, _ := render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root, Time: jobStart})
	reporttest.Golden(t, "sample.json", out, *update)
}

func TestVulnerabilities(t *testing.T) {
	_, p := render(t, reporttest.Sample(), Options{SourceRoot: reporttest.Root, Time: jobStart})
	if p.Version != SchemaVersion || p.Scan.Analyzer.ID != "tollgate" || p.Scan.Analyzer.Version != "1.2.3" {
		t.Errorf("header: %+v", p)
	}
	if p.Scan.StartTime != "2026-03-04T05:06:07" {
		t.Errorf("start_time %q", p.Scan.StartTime)
	}
	// The sample has an error diagnostic: the scan did not decide.
	if p.Scan.Status != "failure" || len(p.Scan.Messages) != 2 || p.Scan.Messages[1].Level != "fatal" ||
		p.Scan.Messages[1].Value != "templates/broken.yaml:4:12: mapping values are not allowed in this context" {
		t.Errorf("scan status %q, messages %+v", p.Scan.Status, p.Scan.Messages)
	}
	if len(p.Scan.PrimaryIdentifiers) != len(reporttest.Sample().Rules) {
		t.Errorf("%d primary identifiers, want one per rule", len(p.Scan.PrimaryIdentifiers))
	}
	if len(p.Vulnerabilities) != 3 {
		t.Fatalf("%d vulnerabilities, want the 3 unsuppressed findings", len(p.Vulnerabilities))
	}
	v := p.Vulnerabilities[0]
	if v.Location.File != "lib/stack.ts" || v.Location.StartLine != 14 || v.Location.EndLine != 16 {
		t.Errorf("location %+v", v.Location)
	}
	if v.Severity != "Critical" || v.Name != "S3 buckets block public access" ||
		!strings.HasPrefix(v.Description, "Stack/Assets/Bucket: BlockPublicAcls is false") ||
		v.Solution != "Set all four PublicAccessBlockConfiguration flags to true." {
		t.Errorf("vulnerability %+v", v)
	}
	if len(v.Identifiers) != 1 || v.Identifiers[0].Type != IdentifierType || v.Identifiers[0].Value != "aws-s3-block-public-access" {
		t.Errorf("identifiers %+v", v.Identifiers)
	}
	got := []string{p.Vulnerabilities[0].Severity, p.Vulnerabilities[1].Severity, p.Vulnerabilities[2].Severity}
	if strings.Join(got, ",") != "Critical,Medium,High" {
		t.Errorf("severities %v", got)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, v := range p.Vulnerabilities {
		if !uuid.MatchString(v.ID) {
			t.Errorf("id %q is not a UUID", v.ID)
		}
	}
}

// Built-in rules link to their documentation; custom rules have none.
func TestRuleLinks(t *testing.T) {
	r := reporttest.Sample()
	r.Rules[2].Builtin = true // aws-s3-block-public-access
	_, p := render(t, r, Options{})
	if u := p.Vulnerabilities[0].Identifiers[0].URL; u != "https://github.com/tollgate-dev/tollgate/blob/main/docs/rules.md#aws-s3-block-public-access" {
		t.Errorf("built-in rule url %q", u)
	}
	if u := p.Vulnerabilities[1].Identifiers[0].URL; u != "" {
		t.Errorf("custom rule url %q", u)
	}
}

// Ids follow the fingerprint: stable when a finding moves, unique when an
// upstream fingerprint repeats.
func TestIDs(t *testing.T) {
	r := reporttest.Sample()
	_, a := render(t, r, Options{})
	r.Findings[1].Location.Line += 10
	r.Findings[3].Fingerprint = r.Findings[1].Fingerprint
	_, b := render(t, r, Options{})
	if a.Vulnerabilities[1].ID != b.Vulnerabilities[1].ID {
		t.Error("id changed with the line")
	}
	if b.Vulnerabilities[1].ID == b.Vulnerabilities[2].ID {
		t.Error("a repeated fingerprint produced duplicate ids")
	}
}

func TestEmptyPassedRun(t *testing.T) {
	_, p := render(t, reporttest.Empty(), Options{})
	if p.Scan.Status != "success" || len(p.Vulnerabilities) != 0 || p.Scan.StartTime != "1970-01-01T00:00:00" {
		t.Errorf("empty run: %+v", p)
	}
}

// The schema's length limits hold for any message, and a cut never splits
// a character.
func TestLongTextsAreCut(t *testing.T) {
	r := reporttest.Sample()
	r.Findings[0].Title = strings.Repeat("é", 300)
	r.Findings[0].Remediation = strings.Repeat("ü", 8000)
	_, p := render(t, r, Options{})
	if n := len([]rune(p.Vulnerabilities[0].Name)); n != maxName {
		t.Errorf("name has %d characters", n)
	}
	if n := len([]rune(p.Vulnerabilities[0].Solution)); n != maxSolution {
		t.Errorf("solution has %d characters", n)
	}
}

func TestRedactedPassesThrough(t *testing.T) {
	out, _ := render(t, reporttest.WithRedactions(), Options{})
	// The finding message and the diagnostic.
	if n := strings.Count(string(out), reporttest.Redacted); n != 2 {
		t.Errorf("%d placeholders, want 2:\n%s", n, out)
	}
}

func TestUnknownSeverity(t *testing.T) {
	r := reporttest.Sample()
	r.Findings[0].Severity = finding.Severity(42)
	_, p := render(t, r, Options{})
	if p.Vulnerabilities[0].Severity != "Unknown" {
		t.Errorf("severity %q", p.Vulnerabilities[0].Severity)
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := render(t, reporttest.Sample(), Options{Time: jobStart})
	for range 5 {
		if b, _ := render(t, reporttest.Sample(), Options{Time: jobStart}); !bytes.Equal(a, b) {
			t.Fatal("output differs between runs")
		}
	}
}

func TestScanTime(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := ScanTime(env(map[string]string{"CI_JOB_STARTED_AT": "2026-03-04T05:06:07Z", "SOURCE_DATE_EPOCH": "1"})); !got.Equal(jobStart) {
		t.Errorf("CI_JOB_STARTED_AT: %v", got)
	}
	if got := ScanTime(env(map[string]string{"SOURCE_DATE_EPOCH": "86400"})); got.Unix() != 86400 {
		t.Errorf("SOURCE_DATE_EPOCH: %v", got)
	}
	if got := ScanTime(env(map[string]string{"CI_JOB_STARTED_AT": "yesterday", "SOURCE_DATE_EPOCH": "-5"})); got.Unix() != 0 {
		t.Errorf("garbage: %v", got)
	}
}

// The validator must be able to fail: a report without identifiers, or
// with a severity GitLab does not know, is refused.
func TestSchemaCatchesMistakes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, reporttest.Sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"severity": "Critical"`, `"severity": "critical"`},
		{`"type": "sast"`, `"type": "dast"`},
		{`"start_time": "1970-01-01T00:00:00"`, `"start_time": "1970-01-01 00:00"`},
	} {
		broken := strings.Replace(buf.String(), bad.from, bad.to, 1)
		if broken == buf.String() {
			t.Fatalf("%q not in the output", bad.from)
		}
		if err := sasttest.Check([]byte(broken)); err == nil {
			t.Errorf("schema accepted %s", bad.to)
		}
	}
}
