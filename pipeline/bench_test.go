package pipeline

import (
	"context"
	"math/rand"
	"os"
	"strconv"
	"testing"

	"github.com/tollgate-dev/tollgate/bench/synth"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scan"
	"github.com/tollgate-dev/tollgate/scanners/cloudformation"
)

// benchmarkScan measures discovery, scanning and evaluation of a generated
// tree, the engine compiled once outside the timer as in a real run's
// steady state. bench/scan.sh measures the whole process (wall, peak RSS).
func benchmarkScan(b *testing.B, gen func(*rand.Rand, int, string) error, n int) {
	dir := b.TempDir()
	if err := gen(rand.New(rand.NewSource(1)), n, dir); err != nil {
		b.Fatal(err)
	}
	eng := builtinEngine(b)
	sc := ScannerSet{FileRoot: dir}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		found, err := discover.Find(context.Background(), []string{dir}, discover.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res := scan.Run(context.Background(), found.Targets, scan.Options{Engine: eng, Scanners: sc.Build()})
		for _, d := range res.Diagnostics {
			if d.Level == "error" {
				b.Fatalf("%s: %s", d.Range.File, d.Message)
			}
		}
		if len(res.Findings) == 0 {
			b.Fatal("no findings: the generated tree should have some")
		}
	}
}

func BenchmarkScanCloudFormation1000(b *testing.B) { benchmarkScan(b, synth.CloudFormation, 1000) }

func BenchmarkScanTerraform500(b *testing.B) { benchmarkScan(b, synth.Terraform, 500) }

// BenchmarkEvaluateCloudFormation isolates rule evaluation: templates are
// parsed once, each op evaluates one of them against every built-in rule.
func BenchmarkEvaluateCloudFormation(b *testing.B) {
	dir := b.TempDir()
	if err := synth.CloudFormation(rand.New(rand.NewSource(1)), 50, dir); err != nil {
		b.Fatal(err)
	}
	found, err := discover.Find(context.Background(), []string{dir}, discover.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []*document.Document
	for _, t := range found.Targets {
		res, err := (&cloudformation.Scanner{}).Scan(context.Background(), t.Unit)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, res.Documents...)
	}
	eng := builtinEngine(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := eng.Evaluate(context.Background(), docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanCloudFormationWide scans one template of many buckets: the
// per-template work (parse, positions, resolve, input conversion, rules,
// findings) must grow linearly with the resource count. Compare the ns/op
// of the sizes: 4x the buckets should cost about 4x the time.
func BenchmarkScanCloudFormationWide(b *testing.B) {
	for _, n := range []int{2500, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchmarkScan(b, func(_ *rand.Rand, n int, dir string) error { return synth.CloudFormationWide(n, dir) }, n)
		})
	}
}

// BenchmarkStartup measures what a one-file scan pays before it reads its
// file: loading the built-in rules (NewEngine) and compiling those of one
// format (Prepare), as `tollgate scan FILE` does. bench/startup.sh measures
// the whole process (wall, user CPU, peak RSS).
func BenchmarkStartup(b *testing.B) {
	for _, format := range []string{document.FormatCloudFormation, document.FormatTerraform, document.FormatDockerfile} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				eng, err := NewEngine(context.Background(), nil, EngineSpec{})
				if err != nil {
					b.Fatal(err)
				}
				if err := eng.Prepare(context.Background(), []string{format}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluateCorpus evaluates every document of a real tree (the
// directory TOLLGATE_BENCH_CORPUS names, e.g. the shared corpus; skipped
// without it) against the built-in rules: one op is one pass over all of
// them, scanned once outside the timer. It measures Rego evaluation alone,
// with a corpus's mix of formats and sizes.
func BenchmarkEvaluateCorpus(b *testing.B) {
	dir := os.Getenv("TOLLGATE_BENCH_CORPUS")
	if dir == "" {
		b.Skip("TOLLGATE_BENCH_CORPUS names no directory")
	}
	docs := scanAll(b, dir)
	if len(docs) == 0 {
		b.Fatalf("%s: no documents", dir)
	}
	eng := builtinEngine(b)
	if err := eng.Prepare(context.Background(), kinds.Formats()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := eng.Evaluate(context.Background(), d); err != nil {
				b.Fatalf("%s: %v", d.File, err)
			}
		}
	}
}

// BenchmarkEvaluateEmpty is the floor every document pays: a template and
// a module without resources against every built-in rule of their format.
// On the shared corpus it is most of what a small file costs.
func BenchmarkEvaluateEmpty(b *testing.B) {
	eng := builtinEngine(b)
	if err := eng.Prepare(context.Background(), []string{document.FormatCloudFormation, document.FormatTerraform}); err != nil {
		b.Fatal(err)
	}
	for _, in := range []map[string]any{
		{"tollgate": map[string]any{"format": document.FormatCloudFormation}, "Resources": map[string]any{}},
		{"tollgate": map[string]any{"format": document.FormatTerraform}, "resources": []any{}},
	} {
		format := in["tollgate"].(map[string]any)["format"].(string)
		d := &document.Document{Format: format, File: "empty", Input: in}
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				ev, err := eng.Evaluate(context.Background(), d)
				if err != nil {
					b.Fatal(err)
				}
				if len(ev.Findings) != 0 {
					b.Fatalf("findings in an empty document: %+v", ev.Findings)
				}
			}
		})
	}
}
