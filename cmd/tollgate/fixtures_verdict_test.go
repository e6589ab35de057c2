package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/internal/rulefixtures"
)

// TestFixtureVerdicts runs the CLI the way a pipeline would, over all rule
// fixtures of a format at once: every passing fixture must pass every
// built-in rule (exit 0, no finding), and the failing fixtures must block
// (exit 1) with each marked finding at its marked line. TestRuleFixtures
// checks each fixture against its own rule only; this is the stronger
// verdict a user sees.
func TestFixtureVerdicts(t *testing.T) {
	formats := []string{
		document.FormatCloudFormation,
		document.FormatTerraform,
		document.FormatTerraformPlan,
		document.FormatDockerfile,
		document.FormatImage,
		document.FormatArtifacts,
	}
	for _, format := range formats {
		for _, kind := range []string{"pass", "fail"} {
			groups := fixturesByConfig(t, format, kind)
			if len(groups) == 0 {
				t.Errorf("%s: no %s* fixtures", format, kind)
			}
			for _, g := range groups {
				name := format + "/" + kind
				if g.config != "" {
					name += "/" + filepath.Base(filepath.Dir(filepath.Dir(g.config)))
				}
				t.Run(name, func(t *testing.T) {
					rep, code := scanFixtures(t, format, g)
					if kind == "pass" {
						checkPassVerdict(t, rep, code)
					} else {
						checkFailVerdict(t, rep, code, g.paths)
					}
				})
			}
		}
	}
}

// fixtureGroup is the fixtures scanned in one run: those of every format
// directory without a configuration, or those of one directory with its
// tollgate.yaml.
type fixtureGroup struct {
	config string
	paths  []string
}

func fixturesByConfig(t *testing.T, format, kind string) []fixtureGroup {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(fixturesDir, "*", format))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	var plain fixtureGroup
	var configured []fixtureGroup
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), kind) && !strings.HasSuffix(e.Name(), ".expect") {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
		if len(paths) == 0 {
			continue
		}
		if cfg := filepath.Join(dir, rulefixtures.Config); fileExists(cfg) {
			configured = append(configured, fixtureGroup{config: cfg, paths: paths})
			continue
		}
		plain.paths = append(plain.paths, paths...)
	}
	if len(plain.paths) > 0 {
		return append([]fixtureGroup{plain}, configured...)
	}
	return configured
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// verdictReport is the part of the JSON report these tests read.
type verdictReport struct {
	Findings    []finding.Finding
	Diagnostics []document.Diagnostic
	Summary     struct {
		Verdict      string
		FilesScanned map[string]int
	}
}

func scanFixtures(t *testing.T, format string, g fixtureGroup) (verdictReport, int) {
	t.Helper()
	args := []string{"scan", "--format", "json"}
	if g.config != "" {
		args = append(args, "--config", g.config)
	}
	for _, p := range g.paths {
		if format == document.FormatImage {
			// Discovery does not pick up tarballs: images are named by flags.
			args = append(args, "--image-tar")
		}
		args = append(args, p)
	}
	code, stdout, stderr := tollgate(t, args...)
	var rep verdictReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d, JSON report does not decode: %v\nstderr: %s", code, err, stderr)
	}
	for _, d := range rep.Diagnostics {
		if d.Level == document.LevelError {
			t.Errorf("fixtures do not scan cleanly: %s:%d: %s", d.Range.File, d.Range.Line, d.Message)
		}
	}
	scanned := 0
	for _, n := range rep.Summary.FilesScanned {
		scanned += n
	}
	if scanned == 0 {
		t.Fatalf("exit %d: no file scanned", code)
	}
	return rep, code
}

func checkPassVerdict(t *testing.T, rep verdictReport, code int) {
	t.Helper()
	var blocking []string
	for _, f := range rep.Findings {
		switch {
		case f.Suppressed == nil:
			blocking = append(blocking, describeFinding(f))
		case strings.TrimSpace(f.Suppressed.Reason) == "":
			// A fixture that waives a rule documents why.
			t.Errorf("waiver without a reason: %s", describeFinding(f))
		}
	}
	if code != 0 || len(blocking) > 0 {
		t.Errorf("passing fixtures: exit %d (verdict %s), want 0 with no finding; %d findings:\n%s",
			code, rep.Summary.Verdict, len(blocking), strings.Join(blocking, "\n"))
	}
}

func checkFailVerdict(t *testing.T, rep verdictReport, code int, paths []string) {
	t.Helper()
	if code != 1 {
		t.Errorf("failing fixtures: exit %d (verdict %s), want 1", code, rep.Summary.Verdict)
	}
	got := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Suppressed == nil {
			got[findingKey(f.Location.File, f.Location.Line, f.RuleID)] = true
		}
	}
	var missing []string
	for _, p := range paths {
		for _, want := range markedFindings(t, p) {
			if !got[want] {
				missing = append(missing, want)
			}
		}
	}
	if len(missing) > 0 {
		var all []string
		for _, f := range rep.Findings {
			all = append(all, describeFinding(f))
		}
		t.Errorf("failing fixtures: %d marked findings not reported:\n%s\nreported:\n%s",
			len(missing), strings.Join(missing, "\n"), strings.Join(all, "\n"))
	}
}

func findingKey(file string, line int, ruleID string) string {
	return fmt.Sprintf("%s:%d %s", filepath.Clean(file), line, ruleID)
}

func describeFinding(f finding.Finding) string {
	s := fmt.Sprintf("  %s:%d %s: %s", f.Location.File, f.Location.Line, f.RuleID, f.Message)
	if f.Suppressed != nil {
		s += " (suppressed: " + f.Suppressed.Reason + ")"
	}
	return s
}

// markedFindings lists, as findingKey values, the findings of any rule that
// the markers (or .expect sidecars) of a fixture's files ask for.
func markedFindings(t *testing.T, fixture string) []string {
	t.Helper()
	list, err := rulefixtures.Read(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, findingKey(e.File, e.Line, e.RuleID))
	}
	return out
}
