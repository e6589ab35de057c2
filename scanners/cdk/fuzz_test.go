package cdk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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
		// Every environment position is the opening quote of an artifact's
		// environment string.
		lines := strings.Split(string(manifest), "\n")
		for id, r := range m.environments {
			if _, ok := m.Artifacts[id]; !ok {
				t.Fatalf("environment placed for unknown artifact %q", id)
			}
			if r.Line < 1 || r.Line > len(lines) || r.Column < 1 || r.Column > len([]rune(lines[r.Line-1])) || []rune(lines[r.Line-1])[r.Column-1] != '"' {
				t.Fatalf("environment of %q placed at %v, not at a string", id, r)
			}
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
