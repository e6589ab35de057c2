package junit

import (
	"bytes"
	"encoding/xml"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The shape GitLab reads, decoded independently of the writer's types.
type parsed struct {
	XMLName  xml.Name
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func render(t *testing.T, r report.Report) ([]byte, parsed) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var p parsed
	if err := xml.Unmarshal(buf.Bytes(), &p); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, buf.Bytes())
	}
	if p.XMLName.Local != "testsuites" {
		t.Fatalf("root element %q", p.XMLName.Local)
	}
	return buf.Bytes(), p
}

func TestGolden(t *testing.T) {
	out, _ := render(t, reporttest.Sample())
	reporttest.Golden(t, "sample.xml", out, *update)
}

func TestSample(t *testing.T) {
	out, p := render(t, reporttest.Sample())
	if !bytes.HasPrefix(out, []byte(xml.Header)) || !bytes.HasSuffix(out, []byte("</testsuites>\n")) {
		t.Errorf("want XML header and trailing newline")
	}
	if p.Tests != 7 || p.Failures != 3 || p.Skipped != 2 || p.Errors != 1 {
		t.Errorf("totals = %d tests, %d failures, %d skipped, %d errors", p.Tests, p.Failures, p.Skipped, p.Errors)
	}
	var names []string
	for _, s := range p.Suites {
		names = append(names, s.Name)
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d for %d cases", s.Name, s.Tests, len(s.Cases))
		}
	}
	want := "tollgate: /work/repo/lib/stack.ts|tollgate: Dockerfile|tollgate: main.tf|tollgate: templates/db.yaml|tollgate: modules/vpc|tollgate: templates/broken.yaml"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("suites = %s", got)
	}
	c := p.Suites[0].Cases[0]
	if c.Name != "aws-s3-block-public-access: Stack/Assets/Bucket" || c.Failure == nil || c.Failure.Type != "critical" ||
		!strings.HasPrefix(c.Failure.Message, "BlockPublicAcls is false | 100% public, see: <docs>, & more\nsecond line") {
		t.Errorf("first case = %+v", c)
	}
	if !strings.Contains(c.Failure.Text, "Fix: Set all four") || !strings.Contains(c.Failure.Text, "related cdk.out/Stack.template.json:40:7: synthesised resource") {
		t.Errorf("failure body = %q", c.Failure.Text)
	}
	if sk := p.Suites[2].Cases[0].Skipped; sk == nil || sk.Message != "suppressed (baseline): accepted in baseline" {
		t.Errorf("suppressed case = %+v", p.Suites[2].Cases[0])
	}
	if e := p.Suites[5].Cases[0].Error; e == nil || e.Type != "error" || e.Message != "mapping values are not allowed in this context" {
		t.Errorf("error diagnostic = %+v", p.Suites[5].Cases[0])
	}
	if warn := p.Suites[4].Cases[0]; warn.Failure != nil || warn.Error != nil || !strings.Contains(warn.SystemOut, "module not initialised") {
		t.Errorf("warning diagnostic = %+v", warn)
	}
}

func TestDuplicateCaseNames(t *testing.T) {
	r := reporttest.Sample()
	dup := r.Findings[3]
	dup.Location.Line = 13
	r.Findings = slices.Insert(r.Findings, 4, dup)
	_, p := render(t, r)
	cases := p.Suites[3].Cases
	if cases[0].Name != "aws-rds-storage-encrypted: Database" || cases[1].Name != "aws-rds-storage-encrypted: Database (2)" {
		t.Errorf("names = %q, %q", cases[0].Name, cases[1].Name)
	}
}

func TestEmptyReportPasses(t *testing.T) {
	_, p := render(t, reporttest.Empty())
	if p.Tests != 1 || p.Failures != 0 || len(p.Suites) != 1 || p.Suites[0].Cases[0].Failure != nil {
		t.Errorf("empty report = %+v", p)
	}
}

func TestControlCharactersStayWellFormed(t *testing.T) {
	r := reporttest.Sample()
	r.Findings[0].Message = "bad \x00\x1b bytes \xff"
	render(t, r) // render fails the test if the XML does not parse back
}

func TestRedactedPassesThrough(t *testing.T) {
	out, _ := render(t, reporttest.WithRedactions())
	// Finding message attribute and body, related line in the body, warning output.
	if n := strings.Count(string(out), reporttest.Redacted); n != 4 {
		t.Errorf("%d placeholders, want 4:\n%s", n, out)
	}
}
