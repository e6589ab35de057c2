package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/internal/rulefixtures"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Rule fixtures live in testdata/rules/<rule-id>/<format>/ (see package
// rulefixtures for the markers). Each is scanned through the same scanners
// and engine as a run, and the rule's findings must be exactly at the
// marked lines.
const fixturesDir = "../testdata/rules"

func builtinEngine(t testing.TB) *engine.Engine {
	t.Helper()
	e, err := NewEngine(context.Background(), nil, EngineSpec{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRuleFixtures(t *testing.T) {
	eng := builtinEngine(t)
	ruleIDs, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range eng.Rules() {
		known[r.ID] = true
	}
	for _, idDir := range ruleIDs {
		id := idDir.Name()
		if !known[id] {
			t.Errorf("testdata/rules/%s: no loaded rule has this id", id)
			continue
		}
		formats, _ := os.ReadDir(filepath.Join(fixturesDir, id))
		for _, f := range formats {
			entries, _ := os.ReadDir(filepath.Join(fixturesDir, id, f.Name()))
			dirEng := fixtureEngine(t, eng, filepath.Join(fixturesDir, id, f.Name()))
			for _, e := range entries {
				name := e.Name()
				if strings.HasSuffix(name, ".expect") || name == rulefixtures.Config {
					continue
				}
				p := filepath.Join(fixturesDir, id, f.Name(), name)
				t.Run(id+"/"+f.Name()+"/"+name, func(t *testing.T) {
					checkFixture(t, dirEng, id, p, strings.HasPrefix(name, "fail"))
				})
			}
		}
	}
}

// withoutFileFixtures are rules no file fixture can show, with where they
// are tested instead.
var withoutFileFixtures = map[string]bool{
	// A signature lives in a registry, next to the image: an archive alone
	// is always "unverifiable". Covered by policies/image/signed_test.rego,
	// scanners/image TestSignatureStatuses and cmd/tollgate
	// TestScanRequireSignedImages against an in-process registry.
	"container-image-signed": true,
}

// TestEveryRuleHasFixtures requires a failing and a passing fixture for
// each format a built-in rule covers. Plan rules may share the Terraform
// fixtures: a plan is the same resources in another shape.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range builtinEngine(t).Rules() {
		if withoutFileFixtures[r.ID] {
			continue
		}
		for _, format := range r.Formats {
			dir := filepath.Join(fixturesDir, r.ID, format)
			if format == document.FormatTerraformPlan {
				if _, err := os.Stat(dir); err != nil {
					continue
				}
			}
			var fail, pass bool
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				fail = fail || strings.HasPrefix(e.Name(), "fail")
				pass = pass || strings.HasPrefix(e.Name(), "pass")
			}
			if !fail || !pass {
				t.Errorf("rule %s (%s): want fail* and pass* fixtures in %s", r.ID, format, dir)
			}
		}
	}
}

func checkFixture(t *testing.T, eng *engine.Engine, ruleID, path string, failing bool) {
	found, err := discover.Find(context.Background(), []string{path}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scs := ScannerSet{}.Build()
	if strings.HasSuffix(path, ".tar") && filepath.Base(filepath.Dir(path)) == document.FormatImage {
		// Discovery does not pick up tarballs: images are named by flags.
		scs[kindImageTar] = imageTarScanner(t, eng)
		found.Targets = []discover.Target{{Kind: kindImageTar, Unit: scanners.Unit{Path: path}}}
	}
	if len(found.Targets) == 0 {
		t.Fatalf("%s: nothing to scan", path)
	}
	res := scan.Run(context.Background(), found.Targets, scan.Options{Engine: eng, Scanners: scs})
	for _, d := range append(found.Diagnostics, res.Diagnostics...) {
		if d.Level == document.LevelError {
			t.Fatalf("fixture does not scan cleanly: %s:%d: %s", d.Range.File, d.Range.Line, d.Message)
		}
	}
	var got []string
	for _, f := range res.Findings {
		if f.RuleID == ruleID {
			got = append(got, fmt.Sprintf("%s:%d", filepath.Base(f.Location.File), f.Location.Line))
		}
	}
	want := expectations(t, path, ruleID)
	got, want = uniqSorted(got), uniqSorted(want)
	if failing && len(want) == 0 {
		t.Fatalf("failing fixture has no `# expect: %s` marker", ruleID)
	}
	if !failing && len(want) > 0 {
		t.Fatalf("passing fixture has expect markers")
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s findings at %v, fixture expects %v", ruleID, got, want)
	}
}

// imageTarScanner scans image archives as a run with eng's rules does:
// listing the files its policies name.
func imageTarScanner(t testing.TB, eng *engine.Engine) imageSourceScanner {
	t.Helper()
	triage, err := imageTriage(context.Background(), eng)
	if err != nil {
		t.Fatal(err)
	}
	return imageSourceScanner{kind: kindImageTar, scanner: &image.Scanner{Options: image.Options{Triage: triage}}}
}

func fixtureEngine(t *testing.T, builtin *engine.Engine, dir string) *engine.Engine {
	p := filepath.Join(dir, rulefixtures.Config)
	if _, err := os.Stat(p); err != nil {
		return builtin
	}
	cfg, err := config.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(context.Background(), cfg, EngineSpec{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// expectations lists the file:line places a fixture expects ruleID at.
func expectations(t *testing.T, path, ruleID string) []string {
	list, err := rulefixtures.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		if e.RuleID == ruleID {
			out = append(out, fmt.Sprintf("%s:%d", filepath.Base(e.File), e.Line))
		}
	}
	return out
}

func uniqSorted(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
