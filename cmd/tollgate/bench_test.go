package main

import (
	"context"
	"math/rand"
	"testing"

	"github.com/tollgate-dev/tollgate/bench/synth"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/scan"
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
	sc := scannerSet{fileRoot: dir}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		found, err := discover.Find(context.Background(), []string{dir}, discover.Options{ModuleRoots: sc.moduleRoots})
		if err != nil {
			b.Fatal(err)
		}
		res := scan.Run(context.Background(), found.Targets, scan.Options{Engine: eng, Scanners: sc.build()})
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
