// Package sarif renders a report as a SARIF 2.1.0 log for GitHub code
// scanning and other SARIF consumers: one run, every loaded rule with
// GitHub's security-severity, results anchored on the repository root via
// %SRCROOT%, suppressed findings carried as suppressions, and scan
// diagnostics as tool execution notifications.
package sarif

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/internal/srcpath"
)

// Options tune the log.
type Options struct {
	// SourceRoot is the repository root, as an absolute directory or a
	// file:// URI. Absolute finding paths under it become relative URIs;
	// empty leaves %SRCROOT% for the consumer to resolve (GitHub uses the
	// checkout).
	SourceRoot string
	// Category, when set, becomes runAutomationDetails.id ("<category>/"),
	// which GitHub uses to keep several uploads for one commit apart.
	Category string
}

// SrcRoot is the uriBaseId relative artifact URIs are resolved against.
const SrcRoot = "%SRCROOT%"

// MaxResults is the most results GitHub code scanning accepts in one run;
// a log over it would be refused or cut by GitHub in an order tollgate
// does not control.
const MaxResults = 25000

// RulesDocURL is where the built-in rules are documented, one anchor per
// rule id (helpUri).
const RulesDocURL = "https://github.com/tollgate-dev/tollgate/blob/main/docs/rules.md"

// FingerprintKey names tollgate's line-independent fingerprint in
// partialFingerprints; bump the version if the fingerprint recipe changes.
const FingerprintKey = "tollgate/v1"

// Write renders r to w as an indented SARIF log ending in a newline.
func Write(w io.Writer, r report.Report, opts Options) error {
	log, err := Build(r, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Build returns the SARIF log for r, for callers that merge or inspect it.
func Build(r report.Report, opts Options) (*gosarif.Report, error) {
	log, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, err
	}
	root := srcpath.NewRoot(opts.SourceRoot)
	b := builder{root: root, ruleIndex: make(map[string]int, len(r.Rules))}

	driver := &gosarif.ToolComponent{
		Name:  r.Tool.Name,
		Rules: make([]*gosarif.ReportingDescriptor, 0, len(r.Rules)),
	}
	if r.Tool.Version != "" {
		// Code hosts compare versions numerically: no "v" prefix.
		driver.Version = ptr(strings.TrimPrefix(r.Tool.Version, "v"))
		driver.SemanticVersion = semver(r.Tool.Version)
	}
	if r.Tool.InformationURI != "" {
		driver.InformationURI = ptr(r.Tool.InformationURI)
	}
	b.driver = driver
	for _, rule := range r.Rules {
		b.addRule(rule)
	}

	run := gosarif.NewRun(gosarif.Tool{Driver: driver})
	run.ColumnKind = "unicodeCodePoints"
	base := &gosarif.ArtifactLocation{Description: gosarif.NewTextMessage("The repository root.")}
	if u := root.URI(); u != "" {
		base.URI = ptr(u)
	}
	run.OriginalUriBaseIDs = map[string]*gosarif.ArtifactLocation{SrcRoot: base}
	if opts.Category != "" {
		run.AutomationDetails = &gosarif.RunAutomationDetails{ID: ptr(strings.TrimSuffix(opts.Category, "/") + "/")}
	}
	kept, dropped := capResults(r.Findings)
	for _, f := range kept {
		run.Results = append(run.Results, b.result(f))
	}
	inv := b.invocation(r.Diagnostics)
	if dropped > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &gosarif.Notification{
			Level: "warning",
			Message: gosarif.NewTextMessage(fmt.Sprintf("%d of %d findings left out of this log: code scanning accepts at most %d results per run; "+
				"the most severe are kept, and the JSON report holds them all", dropped, len(r.Findings), MaxResults)),
		})
	}
	run.Invocations = []*gosarif.Invocation{inv}
	log.AddRun(run)
	return log, nil
}

type builder struct {
	root      srcpath.Root
	driver    *gosarif.ToolComponent
	ruleIndex map[string]int
}

// securitySeverity uses GitHub's bands (critical >= 9.0, high >= 7.0,
// medium >= 4.0, low > 0) so code scanning shows the same severity as
// tollgate.
var securitySeverity = [...]string{
	finding.Info: "0.0", finding.Low: "3.0", finding.Medium: "5.5", finding.High: "8.0", finding.Critical: "9.5",
}

func level(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "note"
	}
}

func severityScore(s finding.Severity) string {
	if s < finding.Info || s > finding.Critical {
		return "0.0"
	}
	return securitySeverity[s]
}

func (b *builder) addRule(rule finding.Rule) {
	if _, ok := b.ruleIndex[rule.ID]; ok {
		return
	}
	d := &gosarif.ReportingDescriptor{
		ID:               rule.ID,
		Name:             ptr(ruleName(rule.ID)),
		ShortDescription: gosarif.NewMultiformatMessageString(orDefault(rule.Title, rule.ID)),
		DefaultConfiguration: &gosarif.ReportingConfiguration{
			Level: level(rule.Severity),
		},
		Properties: gosarif.Properties{
			"security-severity": severityScore(rule.Severity),
			"tags":              tags(rule),
			"precision":         "high",
		},
	}
	if rule.Description != "" {
		d.FullDescription = gosarif.NewMultiformatMessageString(rule.Description)
	}
	d.Help = help(rule)
	if rule.Builtin {
		// An undecided control's findings (<rule-id>/unknown) are
		// documented with the rule.
		d.HelpURI = ptr(RulesDocURL + "#" + strings.TrimSuffix(rule.ID, finding.UndecidedSuffix))
	}
	b.ruleIndex[rule.ID] = len(b.driver.Rules)
	b.driver.Rules = append(b.driver.Rules, d)
}

func tags(rule finding.Rule) []string {
	t := []string{"security"}
	if rule.Theme != "" {
		t = append(t, rule.Theme)
	}
	return t
}

func help(rule finding.Rule) *gosarif.MultiformatMessageString {
	var text, md strings.Builder
	text.WriteString(orDefault(rule.Title, rule.ID))
	fmt.Fprintf(&md, "**%s**", orDefault(rule.Title, rule.ID))
	if rule.Description != "" {
		fmt.Fprintf(&text, "\n\n%s", rule.Description)
		fmt.Fprintf(&md, "\n\n%s", rule.Description)
	}
	if rule.Remediation != "" {
		fmt.Fprintf(&text, "\n\nRemediation: %s", rule.Remediation)
		fmt.Fprintf(&md, "\n\n**Remediation:** %s", rule.Remediation)
	}
	fmt.Fprintf(&text, "\n\nSeverity: %s. Theme: %s. Rule id: %s.", rule.Severity, orDefault(rule.Theme, "none"), rule.ID)
	fmt.Fprintf(&md, "\n\n| Severity | Theme | Rule id |\n|---|---|---|\n| %s | %s | `%s` |", rule.Severity, orDefault(rule.Theme, "none"), rule.ID)
	return &gosarif.MultiformatMessageString{Text: ptr(text.String()), Markdown: ptr(md.String())}
}

// ruleName turns a kebab-case id into the PascalCase identifier SARIF
// suggests for reportingDescriptor.name (aws-s3-logging -> AwsS3Logging).
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.FieldsFuncSeq(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == '/' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	if b.Len() == 0 {
		return id
	}
	return b.String()
}

func (b *builder) result(f finding.Finding) *gosarif.Result {
	idx, ok := b.ruleIndex[f.RuleID]
	if !ok {
		// A finding of a rule the report does not list (should not happen):
		// describe it from the finding so code scanning still has metadata.
		b.addRule(finding.Rule{ID: f.RuleID, Title: f.Title, Severity: f.Severity, Theme: f.Theme, Remediation: f.Remediation})
		idx = b.ruleIndex[f.RuleID]
	}
	msg := f.Message
	if f.Remediation != "" {
		// Messages are single sentences without a final stop; end the
		// sentence before appending the fix.
		if !strings.HasSuffix(msg, ".") {
			msg += "."
		}
		msg += " Fix: " + f.Remediation
	}
	res := &gosarif.Result{
		RuleID:  ptr(f.RuleID),
		Level:   ptr(level(f.Severity)),
		Message: gosarif.Message{Text: ptr(msg)},
	}
	res.WithRuleIndex(idx)

	loc := &gosarif.Location{PhysicalLocation: b.physical(f.Location)}
	if f.Resource != "" {
		loc.LogicalLocations = []*gosarif.LogicalLocation{{FullyQualifiedName: ptr(f.Resource), Kind: ptr("resource")}}
	}
	b.addWithin(loc, f.Location)
	res.Locations = []*gosarif.Location{loc}
	for i, rel := range f.Related {
		l := &gosarif.Location{PhysicalLocation: b.physical(rel.Range), Message: gosarif.NewTextMessage(rel.Message)}
		b.addWithin(l, rel.Range)
		l.WithId(i + 1)
		res.RelatedLocations = append(res.RelatedLocations, l)
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]any{FingerprintKey: f.Fingerprint}
	}
	if f.Suppressed != nil {
		res.Suppressions = []*gosarif.Suppression{b.suppression(f)}
	}
	return res
}

// suppression fills every field: go-sarif serialises unset ones as null,
// which the schema rejects. The location is the suppressed result's (the
// waiver applies there, wherever it is written) and the guid is derived
// from the finding so it is stable across runs, as SARIF asks.
func (b *builder) suppression(f finding.Finding) *gosarif.Suppression {
	kind := "external" // the repository's or the organisation's configuration, or the baseline
	if f.Suppressed.Kind == "inline" {
		kind = "inSource"
	}
	just := f.Suppressed.Reason
	if just == "" {
		just = f.Suppressed.Kind + " suppression"
	}
	if f.Suppressed.Expires != "" {
		just += " (expires " + f.Suppressed.Expires + ")"
	}
	s := gosarif.NewSuppression(kind).
		WithStatus("accepted").
		WithJustifcation(just).
		WithLocation(&gosarif.Location{PhysicalLocation: b.physical(f.Location)}).
		WithGuid(stableGUID(f.RuleID, f.Fingerprint, f.Location.File, f.Resource, f.Suppressed.Kind))
	// The justification is prose; owner and expiry are also kept as
	// fields, so a dashboard can list waivers by owner or by date.
	if f.Suppressed.Owner != "" || f.Suppressed.Expires != "" {
		s.Properties = gosarif.Properties{}
		if f.Suppressed.Owner != "" {
			s.Properties["owner"] = f.Suppressed.Owner
		}
		if f.Suppressed.Expires != "" {
			s.Properties["expires"] = f.Suppressed.Expires
		}
	}
	return s
}

// stableGUID is an RFC 4122 version 5 style (SHA-1, name-based) UUID of
// the parts, so the same suppression keeps its guid across runs.
func stableGUID(parts ...string) string {
	h := sha1.Sum([]byte("tollgate-suppression\x00" + strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (b *builder) physical(r document.Range) *gosarif.PhysicalLocation {
	if r.File == "" {
		return nil
	}
	pl := &gosarif.PhysicalLocation{ArtifactLocation: b.artifact(r.File)}
	if r.Line > 0 {
		reg := &gosarif.Region{StartLine: ptr(r.Line)}
		if r.Column > 0 {
			reg.StartColumn = ptr(r.Column)
		}
		if r.EndLine >= r.Line {
			reg.EndLine = ptr(r.EndLine)
			if r.EndColumn > 0 {
				reg.EndColumn = ptr(r.EndColumn)
			}
		}
		pl.Region = reg
	}
	return pl
}

// addWithin describes a place inside an image. The physical location stays
// the image archive or reference at 1:1: code scanning needs an artifact
// URI it can show, and SARIF's nested artifacts (run.artifacts with
// parentIndex) would leave that URI naming a path in the image, which
// GitHub would look for in the repository. So the file, config or manifest
// is a logical location, "image!/etc/shadow", and its layer and digest are
// in the location's property bag under "within", as in the JSON report.
func (b *builder) addWithin(loc *gosarif.Location, r document.Range) {
	w := r.Within
	if w == nil {
		return
	}
	image := w.Image
	if image == "" {
		image, _ = b.root.Rel(r.File) // as the artifact URI names it
	}
	loc.LogicalLocations = append(loc.LogicalLocations, &gosarif.LogicalLocation{
		Name:               ptr(w.Path),
		FullyQualifiedName: ptr(image + "!" + w.Path),
	})
	props := map[string]any{"path": w.Path, "digest": w.Digest}
	if w.Image != "" {
		props["image"] = w.Image
	}
	if w.Line > 0 {
		props["line"] = w.Line
	}
	if w.Layer != nil {
		props["layer"] = *w.Layer
	}
	loc.Properties = gosarif.Properties{"within": props}
}

func (b *builder) artifact(file string) *gosarif.ArtifactLocation {
	uri, rel := b.root.URIRef(file)
	al := &gosarif.ArtifactLocation{URI: ptr(uri)}
	if rel {
		al.URIBaseId = ptr(SrcRoot)
	}
	return al
}

func (b *builder) invocation(ds []document.Diagnostic) *gosarif.Invocation {
	ok := true
	inv := &gosarif.Invocation{}
	for _, d := range ds {
		lvl := d.Level
		switch lvl {
		case document.LevelError:
			ok = false
		case document.LevelWarning, document.LevelNote:
		default:
			lvl = document.LevelWarning
		}
		n := &gosarif.Notification{Level: string(lvl), Message: gosarif.NewTextMessage(d.Message)}
		if d.Range.File != "" {
			n.Locations = []*gosarif.Location{{PhysicalLocation: b.physical(d.Range)}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	inv.ExecutionSuccessful = ptr(ok)
	return inv
}

// semver passes the version on only when it looks like one ("1.2.3",
// "v1.2.3-rc.1"), since SARIF requires semantic versioning there.
func semver(v string) *string {
	v = strings.TrimPrefix(v, "v")
	core, _, _ := strings.Cut(v, "-")
	core, _, _ = strings.Cut(core, "+")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return nil
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return nil
		}
	}
	return &v
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// capResults keeps at most MaxResults findings, the most severe first
// (unsuppressed before suppressed), in their report order.
func capResults(fs []finding.Finding) ([]finding.Finding, int) {
	if len(fs) <= MaxResults {
		return fs, 0
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	rank := func(f finding.Finding) int {
		r := int(f.Severity) * 2
		if f.Suppressed == nil {
			r++
		}
		return r
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank(fs[idx[a]]) > rank(fs[idx[b]]) })
	keep := idx[:MaxResults]
	sort.Ints(keep)
	out := make([]finding.Finding, 0, MaxResults)
	for _, i := range keep {
		out = append(out, fs[i])
	}
	return out, len(fs) - MaxResults
}
