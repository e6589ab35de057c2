package cdk

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
)

// FuzzManifest feeds arbitrary manifest.json content to the scanner: it
// must return an error or diagnostics, never panic, loop or read outside
// the assembly.
func FuzzManifest(f *testing.F) {
	for _, seed := range []string{
		stackManifest(""),
		`{"version": "55.0.0", "artifacts": {"A": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}`,
		`{"version": "55.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../x"}, "metadata": {"/S/Q": [{"type": "aws:cdk:logicalId", "data": "Q"}]}}}}`,
		`{"version": "99.0.0"}`,
		`{"version": "1", "artifacts": {"X": {"type": "x", "properties": {"templateFile": "t"}}}}`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	if b, err := os.ReadFile(filepath.Join(appDir, "cdk.out", "manifest.json")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, manifest []byte) {
		m, err := parseManifest("manifest.json", manifest)
		if err != nil {
			return
		}
		if m.Artifacts == nil && len(manifest) == 0 {
			t.Fatal("empty manifest accepted")
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "S.template.json"), []byte(minimalTemplate), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _ = Scanner{}.Scan(context.Background(), scanners.Unit{Path: filepath.ToSlash(dir)})
	})
}

func BenchmarkScanAssembly(b *testing.B) {
	unit := scanners.Unit{Path: appDir + "/cdk.out.debug"}
	for b.Loop() {
		if _, err := (Scanner{}).Scan(context.Background(), unit); err != nil {
			b.Fatal(err)
		}
	}
}
