// Package junit renders a report as JUnit XML, the test-report format CI
// systems (GitLab's merge request test widget, Jenkins, Azure DevOps)
// display natively: one test suite per file, one failed test case per
// finding, skipped cases for suppressed findings, errored cases for scan
// errors.
package junit

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
)

type testsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []*testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Skipped  int        `xml:"skipped,attr"`
	Cases    []testcase `xml:"testcase"`
	names    map[string]int
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	File      string   `xml:"file,attr,omitempty"`
	Failure   *problem `xml:"failure,omitempty"`
	Error     *problem `xml:"error,omitempty"`
	Skipped   *skipped `xml:"skipped,omitempty"`
	SystemOut string   `xml:"system-out,omitempty"`
}

type problem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type skipped struct {
	Message string `xml:"message,attr"`
}

// Write renders r to w as an indented JUnit XML document.
func Write(w io.Writer, r report.Report) error {
	doc := build(r)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

func build(r report.Report) *testsuites {
	name := r.Tool.Name
	if name == "" {
		name = "tollgate"
	}
	doc := &testsuites{Name: name}
	// Suites appear in the order their files first occur, which follows
	// the upstream sort for findings and then for diagnostics.
	byFile := map[string]*testsuite{}
	suite := func(file string) *testsuite {
		s, ok := byFile[file]
		if !ok {
			s = &testsuite{Name: name + ": " + file, names: map[string]int{}}
			byFile[file] = s
			doc.Suites = append(doc.Suites, s)
		}
		return s
	}
	for _, f := range r.Findings {
		s := suite(f.Location.File)
		tc := testcase{Name: s.unique(f.RuleID + ": " + f.Resource), Classname: f.Location.File, File: f.Location.File}
		if f.Suppressed != nil {
			msg := "suppressed (" + f.Suppressed.Kind + ")"
			if f.Suppressed.Reason != "" {
				msg += ": " + f.Suppressed.Reason
			}
			tc.Skipped = &skipped{Message: msg}
			s.Skipped++
		} else {
			tc.Failure = &problem{Message: f.Message, Type: f.Severity.String(), Text: details(f)}
			s.Failures++
		}
		s.Cases = append(s.Cases, tc)
		s.Tests++
	}
	for _, d := range r.Diagnostics {
		s := suite(d.Range.File)
		tc := testcase{Name: s.unique("tollgate " + string(d.Level)), Classname: d.Range.File, File: d.Range.File}
		text := d.Range.String() + ": " + d.Message
		if d.Level == document.LevelError {
			tc.Error = &problem{Message: d.Message, Type: string(d.Level), Text: text}
			s.Errors++
		} else {
			tc.SystemOut = string(d.Level) + ": " + text
		}
		s.Cases = append(s.Cases, tc)
		s.Tests++
	}
	if len(doc.Suites) == 0 {
		// Without a case, test widgets show "no tests" rather than a pass.
		doc.Suites = append(doc.Suites, &testsuite{
			Name: name, Tests: 1,
			Cases: []testcase{{Name: "no findings", Classname: name, SystemOut: summary(r.Summary)}},
		})
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	return doc
}

// unique keeps case names distinct within a suite (two findings of one rule
// on one resource at different paths) while staying stable across runs,
// so CI test history can follow them.
func (s *testsuite) unique(name string) string {
	s.names[name]++
	if n := s.names[name]; n > 1 {
		return fmt.Sprintf("%s (%d)", name, n)
	}
	return name
}

func details(f finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n", f.RuleID, f.Severity, f.Title)
	fmt.Fprintf(&b, "resource: %s", f.Resource)
	if f.ResourceType != "" {
		fmt.Fprintf(&b, " (%s)", f.ResourceType)
	}
	fmt.Fprintf(&b, "\nat %s\n%s\n", f.Location.String(), f.Message)
	if f.Remediation != "" {
		fmt.Fprintf(&b, "Fix: %s\n", f.Remediation)
	}
	for _, rel := range f.Related {
		fmt.Fprintf(&b, "related %s: %s\n", (rel.Range), rel.Message)
	}
	return b.String()
}

func summary(s report.Summary) string {
	scanned := 0
	for _, n := range s.FilesScanned { // a sum: iteration order cannot show
		scanned += n
	}
	return fmt.Sprintf("%s: %d files scanned, %d suppressed", s.Verdict, scanned, s.Suppressed)
}
