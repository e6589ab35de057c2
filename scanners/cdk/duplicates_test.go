package cdk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
)

// A folder holding cdk.out and a CDK_DEBUG cdk.out.debug of the same app
// is scanned once, as the debug synth (its findings point at the line that
// set a property), with a note naming the one left out. Two synths whose
// templates differ (other context) are both scanned.
func TestDuplicateAssemblies(t *testing.T) {
	dir := t.TempDir()
	plain, debug := filepath.Join(dir, "cdk.out"), filepath.Join(dir, "cdk.out.debug")
	copyTree(t, filepath.Join(appDir, "cdk.out"), plain)
	copyTree(t, filepath.Join(appDir, "cdk.out.debug"), debug)
	units := []scanners.Unit{{Path: filepath.ToSlash(plain)}, {Path: filepath.ToSlash(debug)}}

	kept, notes := dropDuplicateAssemblies(context.Background(), units)
	if len(kept) != 1 || kept[0].Path != filepath.ToSlash(debug) {
		t.Fatalf("want only the debug synth kept, got %v", kept)
	}
	if len(notes) != 1 || notes[0].Range.File != filepath.ToSlash(plain) || !strings.Contains(notes[0].Message, "cdk.out.debug") {
		t.Fatalf("want a note on cdk.out naming the scanned one, got %+v", notes)
	}

	// Another synth (a template differs): both are scanned.
	tmpl := filepath.Join(plain, "StorageStack.template.json")
	b, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmpl, append(b, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	if kept, notes := dropDuplicateAssemblies(context.Background(), units); len(kept) != 2 || len(notes) != 0 {
		t.Fatalf("assemblies with different templates must both be scanned: %v %v", kept, notes)
	}

	// An asset edited in one of them (the templates and asset manifests
	// unchanged) makes them different too: it must not be left unscanned.
	assets, err := filepath.Glob(filepath.Join(plain, "asset.*"))
	if err != nil || len(assets) == 0 {
		t.Fatalf("no asset in the copy: %v", err)
	}
	var asset string
	_ = filepath.WalkDir(assets[0], func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && asset == "" {
			asset = p
		}
		return err
	})
	orig, err := os.ReadFile(asset)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(asset, append(orig, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if kept, notes := dropDuplicateAssemblies(context.Background(), units); len(kept) != 2 || len(notes) != 0 {
		t.Fatalf("assemblies whose assets differ must both be scanned: %v %v", kept, notes)
	}
	if err := os.WriteFile(asset, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	// One that cannot be read is never judged a duplicate.
	if err := os.WriteFile(tmpl, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(debug, "manifest.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if kept, _ := dropDuplicateAssemblies(context.Background(), units); len(kept) != 2 {
		t.Fatalf("an unreadable assembly must be scanned (and reported): %v", kept)
	}
}

// Assemblies in different folders are different apps, however alike.
func TestAssembliesInOtherFoldersAreKept(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "cdk.out"), filepath.Join(t.TempDir(), "cdk.out")
	copyTree(t, filepath.Join(appDir, "cdk.out"), a)
	copyTree(t, filepath.Join(appDir, "cdk.out"), b)
	units := []scanners.Unit{{Path: filepath.ToSlash(a)}, {Path: filepath.ToSlash(b)}}
	if kept, _ := dropDuplicateAssemblies(context.Background(), units); len(kept) != 2 {
		t.Fatalf("want both, got %v", kept)
	}
}
