package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policysource"
	"github.com/tollgate-dev/tollgate/scan"
)

// TestRuleSelectionFindsWhatEveryRuleFinds holds the engine's rule
// selection (a built-in rule runs only on documents that hold one of its
// resource types) to evaluating every rule on every document: the same
// findings, undecided ones included, on every rule fixture and, when it is
// there, the shared corpus. A rule that reports on a type it does not
// declare fails here.
func TestRuleSelectionFindsWhatEveryRuleFinds(t *testing.T) {
	roots := []string{fixturesDir}
	if _, err := os.Stat(sharedCorpus); err == nil {
		roots = append(roots, sharedCorpus)
	}
	var docs []*document.Document
	for _, root := range roots {
		docs = append(docs, scanAll(t, root)...)
	}
	for _, unknown := range []string{engine.UnknownPass, engine.UnknownBlock} {
		cfg := &config.Config{Version: 1, Unknown: unknown}
		selective, every := selectionEngines(t, cfg)
		compared, differ := 0, 0
		for _, d := range docs {
			got, gerr := selective.Evaluate(context.Background(), d)
			want, werr := every.Evaluate(context.Background(), d)
			if (gerr == nil) != (werr == nil) {
				t.Errorf("%s: selected rules: error %v; every rule: error %v", d.File, gerr, werr)
				continue
			}
			compared++
			if !reflect.DeepEqual(got, want) {
				differ++
				t.Errorf("unknown=%q %s: selected rules found %d findings, every rule %d", unknown, d.File, len(got.Findings), len(want.Findings))
				for _, f := range want.Findings {
					t.Logf("  every rule: %s %s (%s)", f.RuleID, f.Resource, f.ResourceType)
				}
			}
		}
		if compared < 500 {
			t.Fatalf("unknown=%q: compared %d documents: the test checks too little", unknown, compared)
		}
		t.Logf("unknown=%q: %d documents compared, %d differ", unknown, compared, differ)
	}
}

// sharedCorpus is the real-world material beside the project, when present.
const sharedCorpus = "../../shared/corpus"

// scanAll scans every target under root and returns their documents.
// Targets that do not scan (fixtures that fail to parse on purpose, the
// corpus's own problems) have nothing to evaluate.
func scanAll(t testing.TB, root string) []*document.Document {
	t.Helper()
	found, err := discover.Find(context.Background(), []string{root}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scs := ScannerSet{FileRoot: root}.Build()
	var docs []*document.Document
	for _, tg := range found.Targets {
		res, _ := scs[tg.Kind].Scan(context.Background(), tg.Unit)
		docs = append(docs, res.Documents...)
	}
	return docs
}

// selectionEngines are the built-in rules compiled twice for cfg: with rule
// selection, as every run uses them, and evaluating every rule.
func selectionEngines(t *testing.T, cfg *config.Config) (selective, every *engine.Engine) {
	t.Helper()
	opts := engineOptions(cfg, EngineSpec{}, policysource.Result{})
	selective, err := engine.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.EveryRule = true
	if every, err = engine.New(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*engine.Engine{selective, every} {
		if err := e.Prepare(context.Background(), kinds.Formats()); err != nil {
			t.Fatal(err)
		}
	}
	return selective, every
}

// TestScanFirstFindsWhatEveryRuleFinds runs a one-target scan the way a
// pre-commit hook's run does (scan first, then compile only the rules the
// documents need) on a fresh engine, then evaluates a second target on the
// same engine, whose services that compile left out (its format is then
// compiled in full), and holds both to the findings of an engine that
// compiled everything.
func TestScanFirstFindsWhatEveryRuleFinds(t *testing.T) {
	var fixtures []string
	for _, pattern := range []string{"aws-*/cloudformation/fail*", "aws-*/terraform/fail*"} {
		m, err := filepath.Glob(filepath.Join(fixturesDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		fixtures = append(fixtures, m...)
	}
	if len(fixtures) < 40 {
		t.Fatalf("%d fixtures: the test checks too little", len(fixtures))
	}
	full := builtinEngine(t)
	if err := full.Prepare(context.Background(), kinds.Formats()); err != nil {
		t.Fatal(err)
	}
	scs := ScannerSet{}.Build()
	run := func(eng *engine.Engine, path string, scanFirst bool) []finding.Finding {
		found, err := discover.Find(context.Background(), []string{path}, discover.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res := scan.Run(context.Background(), found.Targets, scan.Options{Engine: eng, Scanners: scs, ScanFirst: scanFirst})
		for _, d := range res.Diagnostics {
			if d.Level == document.LevelError {
				t.Fatalf("%s: %s", path, d.Message)
			}
		}
		return res.Findings
	}
	// Fixtures of one format, an eighth of the list apart: different
	// services, so the second needs rules the first compile left out.
	step := len(fixtures) / 8
	fallbacks := 0 // second scans that needed the whole format compiled
	for i := 0; i+step < len(fixtures); i += step {
		first, second := fixtures[i], fixtures[i+step]
		if filepath.Base(filepath.Dir(first)) != filepath.Base(filepath.Dir(second)) {
			continue
		}
		eng := builtinEngine(t)
		format := document.FormatCloudFormation
		if filepath.Base(filepath.Dir(first)) == "terraform" {
			format = document.FormatTerraform
		}
		for k, path := range []string{first, second} {
			// The second document comes after the compile, as one of
			// another format's scan would: evaluated on the partial query.
			got, want := run(eng, path, k == 0), run(full, path, false)
			rules, all := eng.Prepared(format)
			switch {
			case k == 0 && (all || rules == 0):
				t.Errorf("%s: scan-first run compiled %d %s rules, all: %v; want some, not all", path, rules, format, all)
			case k == 1 && all:
				fallbacks++
			}
			if len(want) == 0 {
				t.Fatalf("%s: no findings: the comparison checks nothing", path)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (after %s): scan-first run found %d findings, a full compile %d", path, first, len(got), len(want))
			}
		}
	}
	if fallbacks == 0 {
		t.Error("no second scan needed rules the first compile left out: the fallback is untested")
	}
}
