package cdk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// dropDuplicateAssemblies keeps one of the cloud assemblies in one folder
// that are the same app synthesized twice (cdk.out and a CDK_DEBUG
// cdk.out.debug beside it): scanning both reported every finding twice.
// Two assemblies are the same only when they list the same stacks and every
// stack template is byte-for-byte the same, so two synths of one app with
// different context (cdk.out.prod, cdk.out.dev) are both scanned. Of a
// duplicate set the one with CDK_DEBUG property traces is kept (its
// findings point at the line that set a property), else the first by
// name; a note names what was left out. Anything that cannot be read is
// not judged a duplicate: the scanner reports it.
func dropDuplicateAssemblies(ctx context.Context, units []scanners.Unit) ([]scanners.Unit, []document.Diagnostic) {
	byDir := map[string][]int{}
	for i, u := range units {
		byDir[path.Dir(u.Path)] = append(byDir[path.Dir(u.Path)], i)
	}
	drop := map[int]bool{}
	var notes []document.Diagnostic
	for _, idx := range byDir {
		if len(idx) < 2 {
			continue
		}
		sigs := map[string][]int{}
		traced := map[int]bool{}
		for _, i := range idx {
			sig, debug, ok := assemblySignature(ctx, units[i])
			if ok {
				sigs[sig] = append(sigs[sig], i)
				traced[i] = debug
			}
		}
		for _, same := range sigs {
			if len(same) < 2 {
				continue
			}
			slices.SortFunc(same, func(a, b int) int {
				if traced[a] != traced[b] {
					if traced[a] {
						return -1
					}
					return 1
				}
				return strings.Compare(units[a].Path, units[b].Path)
			})
			keep := units[same[0]].Path
			for _, i := range same[1:] {
				drop[i] = true
				notes = append(notes, document.Diagnostic{
					Level:   document.LevelNote,
					Range:   document.Range{File: units[i].Path},
					Message: fmt.Sprintf("not scanned: the same app as %s (the same stacks and templates); scanned once, as %s", keep, keep),
				})
			}
		}
	}
	if len(drop) == 0 {
		return units, nil
	}
	out := make([]scanners.Unit, 0, len(units)-len(drop))
	for i, u := range units {
		if !drop[i] {
			out = append(out, u)
		}
	}
	return out, notes
}

// propertyAssignment is the metadata CDK_DEBUG=true adds for each property
// a construct sets.
const propertyAssignment = "aws:cdk:propertyAssignment"

// debugOnly are the files a CDK_DEBUG synth writes differently (traces in
// the manifest and metadata, the construct tree); every other file of two
// synths of one app is byte-for-byte the same.
func debugOnly(name string) bool {
	return name == "manifest.json" || name == "tree.json" || strings.HasSuffix(name, ".metadata.json")
}

// assemblySignature is the assembly's stacks and a digest of every file
// but those CDK_DEBUG changes (templates, asset manifests, every asset
// file, nested assemblies: an asset edited in one of two synths makes them
// different), and whether it holds CDK_DEBUG property traces; ok is false
// when the assembly cannot be read whole.
func assemblySignature(ctx context.Context, u scanners.Unit) (sig string, debug, ok bool) {
	file := path.Join(u.Path, "manifest.json")
	b, err := scanners.ReadFile(ctx, u.FS, file, MaxFileSize)
	if err != nil {
		return "", false, false
	}
	m, err := parseManifest(file, b)
	if err != nil {
		return "", false, false
	}
	var lines []string
	for _, id := range sortedKeys(m.Artifacts) {
		a := m.Artifacts[id]
		if a.Type != typeStack {
			continue
		}
		lines = append(lines, "stack "+id)
		for _, entries := range a.Metadata {
			for _, e := range entries {
				debug = debug || e.Type == propertyAssignment
			}
		}
		// Current CDK writes the metadata to a file of its own.
		if mf, err := inside(u.Path, a.AdditionalMetadataFile); err == nil && !debug && a.AdditionalMetadataFile != "" {
			if b, err := scanners.ReadFile(ctx, u.FS, mf, MaxFileSize); err == nil {
				debug = bytes.Contains(b, []byte(`"`+propertyAssignment+`"`))
			}
		}
	}
	if len(lines) == 0 {
		return "", false, false
	}
	err = u.FS.WalkDir(u.Path, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() || debugOnly(d.Name()):
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			// Where it points, relative to the assembly when inside it.
			target, err := u.FS.EvalSymlinks(p)
			if rel, ok := strings.CutPrefix(target, u.Path+"/"); ok {
				target = rel
			}
			lines = append(lines, fmt.Sprintf("link %s %s", p[len(u.Path):], target))
			return err
		}
		b, err := scanners.ReadFile(ctx, u.FS, p, AssetLimit.Default)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("file %s %x", p[len(u.Path):], sha256.Sum256(b)))
		return nil
	})
	if err != nil {
		return "", false, false
	}
	return strings.Join(lines, "\n"), debug, true
}
