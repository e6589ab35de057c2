package pipeline

import (
	"context"
	"math/rand"
	"strconv"
	"testing"

	"github.com/tollgate-dev/tollgate/bench/synth"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
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
