// Package imagetest builds small, deterministic OCI images and archives for
// tests: rule fixtures and registry tests describe an image as a spec and
// get the same bytes on every machine.
package imagetest

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"sort"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// FixtureTime is every timestamp in generated images.
var FixtureTime = time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC)

// Spec describes a generated image.
type Spec struct {
	User        string
	Env         []string
	Labels      map[string]string
	History     []string
	Files       map[string]string // path (no leading /) -> content, one layer per spec
	Annotations map[string]string
	// Entries are tar entries with explicit types and modes (setuid
	// binaries, world-writable directories), written in the same layer as
	// Files, all in path order.
	Entries []Entry
}

// Entry is one tar entry of the spec's layer.
type Entry struct {
	Path    string // no leading /
	Type    byte   // tar.TypeReg (the zero value too), TypeDir, TypeSymlink, TypeLink
	Mode    int64  // permission, setuid/setgid and sticky bits
	Content string // regular files
	Link    string // symlink or hardlink target
}

// Build makes a deterministic OCI image from a spec.
func Build(t testing.TB, s Spec) v1.Image {
	t.Helper()
	entries := make([]Entry, 0, len(s.Files)+len(s.Entries))
	for p, content := range s.Files {
		mode := int64(0o644)
		if filepath.Base(filepath.Dir(p)) == ".ssh" || filepath.Base(p) == ".npmrc" {
			mode = 0o600
		}
		entries = append(entries, Entry{Path: p, Type: tar.TypeReg, Mode: mode, Content: content})
	}
	entries = append(entries, s.Entries...)
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	img, err := mutate.AppendLayers(img, layer(t, entries))
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Created = v1.Time{Time: FixtureTime}
	cf.Config.User = s.User
	cf.Config.Env = s.Env
	cf.Config.Labels = s.Labels
	cf.Config.Entrypoint = []string{"/app/server"}
	cf.History = []v1.History{{Created: v1.Time{Time: FixtureTime}, CreatedBy: "COPY . / # buildkit"}}
	for _, h := range s.History {
		cf.History = append(cf.History, v1.History{Created: v1.Time{Time: FixtureTime}, CreatedBy: h, EmptyLayer: true})
	}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	if len(s.Annotations) > 0 {
		img = mutate.Annotations(img, s.Annotations).(v1.Image)
	}
	return img
}

// AppendLayer adds a layer of entries on top of img, as a later build
// step would: files it writes replace those of lower layers.
func AppendLayer(t testing.TB, img v1.Image, entries ...Entry) v1.Image {
	t.Helper()
	out, err := mutate.Append(img, mutate.Addendum{Layer: layer(t, entries),
		History: v1.History{Created: v1.Time{Time: FixtureTime}, CreatedBy: "COPY . / # buildkit"}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// layer is an OCI layer of entries, in path order, with fixed times.
func layer(t testing.TB, entries []Entry) v1.Layer {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	entries = append([]Entry(nil), entries...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	for _, e := range entries {
		typ := e.Type
		if typ == 0 {
			typ = tar.TypeReg
		}
		hdr := &tar.Header{Name: e.Path, Mode: e.Mode, ModTime: FixtureTime, Typeflag: typ, Linkname: e.Link}
		if typ == tar.TypeReg {
			hdr.Size = int64(len(e.Content))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(tw, e.Content); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
		tarball.WithMediaType(types.OCILayer))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// OCIArchive writes img as an OCI archive: a tar of an OCI image layout,
// entries in a fixed order with fixed times.
func OCIArchive(t testing.TB, img v1.Image) []byte {
	t.Helper()
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	manifest := must(img.RawManifest())
	mt, err := img.MediaType()
	if err != nil {
		t.Fatal(err)
	}
	dig, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	index := must(json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     types.OCIImageIndex,
		"manifests":     []any{map[string]any{"mediaType": mt, "digest": dig.String(), "size": len(manifest)}},
	}))
	blobs := map[string][]byte{"sha256/" + dig.Hex: manifest}
	cfgName, err := img.ConfigName()
	if err != nil {
		t.Fatal(err)
	}
	blobs["sha256/"+cfgName.Hex] = must(img.RawConfigFile())
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		rc, err := l.Compressed()
		if err != nil {
			t.Fatal(err)
		}
		blobs["sha256/"+d.Hex] = must(io.ReadAll(rc))
		rc.Close()
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	write := func(name string, b []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), ModTime: FixtureTime, Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	write("oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`))
	write("index.json", index)
	names := make([]string, 0, len(blobs))
	for n := range blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		write("blobs/"+n, blobs[n])
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
