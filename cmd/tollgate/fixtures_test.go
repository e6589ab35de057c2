package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Rule fixtures live in testdata/rules/<rule-id>/<format>/. A fixture is a
// file or a directory named fail* or pass*. In a failing fixture, every line
// where the rule must report carries a comment `# expect: <rule-id>` (JSON
// files list `<line> <rule-id>` in a sidecar <name>.expect). The expectation
// is written by the fixture's author from AWS/Terraform/Docker semantics,
// independently of what tollgate outputs, so this test checks locations
// rather than recording them.
const fixturesDir = "../../testdata/rules"

var expectMarker = regexp.MustCompile(`#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)`)

func builtinEngine(t testing.TB) *engine.Engine {
	t.Helper()
	cfg := &config.Config{Version: 1}
	e, err := newEngine(&environment{ctx: context.Background()}, cfg, nil, false)
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
				if strings.HasSuffix(name, ".expect") || name == fixtureConfig {
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

// TestEveryRuleHasFixtures requires a failing and a passing fixture for
// each format a built-in rule covers. Plan rules may share the Terraform
// fixtures: a plan is the same resources in another shape.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range builtinEngine(t).Rules() {
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
	found, err := discover.Find(context.Background(), []string{path}, discover.Options{ModuleRoots: scannerSet{}.moduleRoots})
	if err != nil {
		t.Fatal(err)
	}
	scs := scannerSet{}.build()
	if strings.HasSuffix(path, ".tar") && filepath.Base(filepath.Dir(path)) == document.FormatImage {
		// Discovery does not pick up tarballs: images are named by flags.
		scs[kindImageTar] = imageSourceScanner{kind: kindImageTar, scanner: &image.Scanner{}}
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

// fixtureConfig, in a fixture format directory, is the .tollgate.yaml its
// fixtures are evaluated with (rules that only run when configured).
const fixtureConfig = "tollgate.yaml"

func fixtureEngine(t *testing.T, builtin *engine.Engine, dir string) *engine.Engine {
	p := filepath.Join(dir, fixtureConfig)
	if _, err := os.Stat(p); err != nil {
		return builtin
	}
	cfg, err := config.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	e, err := newEngine(&environment{ctx: context.Background()}, cfg, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// expectations reads the markers of every file of a fixture.
func expectations(t *testing.T, path, ruleID string) []string {
	var out []string
	err := filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(p, ".expect") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if side, err := os.ReadFile(p + ".expect"); err == nil {
			for _, line := range strings.Split(strings.TrimSpace(string(side)), "\n") {
				fields := strings.Fields(line)
				if len(fields) != 2 {
					return fmt.Errorf("%s.expect: want `<line> <rule-id>`, got %q", p, line)
				}
				if _, err := strconv.Atoi(fields[0]); err != nil {
					return fmt.Errorf("%s.expect: %q is not a line number", p, fields[0])
				}
				if fields[1] == ruleID {
					out = append(out, filepath.Base(p)+":"+fields[0])
				}
			}
			return nil
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			m := expectMarker.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, id := range strings.Split(m[1], ",") {
				if strings.TrimSpace(id) == ruleID {
					out = append(out, fmt.Sprintf("%s:%d", filepath.Base(p), n))
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
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
