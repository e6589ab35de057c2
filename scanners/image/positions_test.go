package image

import (
	"archive/tar"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate-dev/tollgate/document"
)

// layeredImage has the account files in layer 0, a setuid helper added in
// layer 1 over a plain one of layer 0, and /etc/shadow rewritten in layer
// 2, so the last writer of each file is not the first.
func layeredImage(t *testing.T) (v1.Image, []string) {
	t.Helper()
	layers := []v1.Layer{
		tarLayer(t, []entry{
			{name: "etc/passwd", body: "root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\nguest:x:1001:1001::/home/guest:/bin/sh\n"},
			{name: "etc/shadow", body: "root:!:19000::::::\ntoor:!:19000::::::\nguest:!:19000::::::\n", mode: 0o640},
			{name: "usr/local/bin/helper", body: "#!/bin/sh\n", mode: 0o755},
		}),
		tarLayer(t, []entry{
			{name: "usr/local/bin/helper", body: "#!/bin/sh\nid\n", mode: 0o4755},
			{name: "data/", typ: tar.TypeDir, mode: 0o777},
		}),
		tarLayer(t, []entry{
			{name: "etc/shadow", body: "root:!:19000::::::\ntoor:!:19000::::::\nguest::19000::::::\n", mode: 0o640},
		}),
	}
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		t.Fatal(err)
	}
	digests := make([]string, len(layers))
	for i, l := range layers {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		digests[i] = d.String()
	}
	return img, digests
}

// TestPositionsInImage: each value a rule can point at is placed at the
// file and the layer that last wrote it, the line of an account, or the
// config or manifest, in every kind of source.
func TestPositionsInImage(t *testing.T) {
	img, layers := layeredImage(t)
	mdig, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	cfgDig, err := img.ConfigName()
	if err != nil {
		t.Fatal(err)
	}
	tarPath := filepath.Join(t.TempDir(), "app.tar")
	if err := tarball.WriteToFile(tarPath, name.MustParseReference("example.com/app:1"), img); err != nil {
		t.Fatal(err)
	}
	host := serveRegistry(t)
	ref := host + "/team/app:1"
	push(t, ref, img)
	layoutDir := writeLayout(t, img)

	for _, src := range []struct {
		name       string
		src        Source
		file, ref  string // the document's file, and Within.Image
		wantLayers []string
	}{
		{"docker save", Source{Tarball: tarPath}, filepath.ToSlash(tarPath), "example.com/app:1", layers},
		{"OCI layout", Source{Layout: layoutDir}, filepath.ToSlash(layoutDir), "", layers},
		{"registry", Source{Reference: ref}, ref, "", layers},
	} {
		t.Run(src.name, func(t *testing.T) {
			doc := scanOne(t, src.src, Options{})
			in := doc.Input
			if doc.File != src.file {
				t.Fatalf("document file %q, want %q", doc.File, src.file)
			}
			// docker save stores layers uncompressed: its digests are the
			// archive's own, which the input lists.
			lv := in["layers"].([]any)
			var dig []string
			for _, l := range lv {
				dig = append(dig, l.(map[string]any)["digest"].(string))
			}
			helper := indexOf(t, in, "files", "path", "/usr/local/bin/helper")
			data := indexOf(t, in, "files", "path", "/data")
			guest := indexOf(t, in, "accounts", "name", "guest")
			one, two, zero := 1, 2, 0
			for _, tc := range []struct {
				path []string
				want document.Within
			}{
				{[]string{"files", helper, "mode"}, document.Within{Path: "/usr/local/bin/helper", Layer: &one, Digest: dig[1]}},
				{[]string{"files", data}, document.Within{Path: "/data", Layer: &one, Digest: dig[1]}},
				{[]string{"accounts", guest, "password"}, document.Within{Path: "/etc/shadow", Line: 3, Layer: &two, Digest: dig[2]}},
				{[]string{"accounts", "1", "uid"}, document.Within{Path: "/etc/passwd", Line: 2, Layer: &zero, Digest: dig[0]}},
				{[]string{"config", "user"}, document.Within{Path: document.WithinConfig, Digest: cfgDig.String()}},
				{[]string{"config", "env", "0"}, document.Within{Path: document.WithinConfig, Digest: cfgDig.String()}},
				{[]string{"history", "0", "created_by"}, document.Within{Path: document.WithinConfig, Digest: cfgDig.String()}},
				{[]string{"base"}, document.Within{Path: document.WithinManifest, Digest: mdig.String()}},
				{[]string{"signature"}, document.Within{Path: document.WithinManifest, Digest: mdig.String()}},
			} {
				tc.want.Image = src.ref
				r, _ := doc.Positions.Lookup(tc.path)
				want := document.Range{File: src.file, Line: 1, Column: 1, Within: &tc.want}
				if !reflect.DeepEqual(r, want) {
					t.Errorf("%v at %s, want %s", tc.path, r, want)
				}
				if r.Within != nil && !reflect.DeepEqual(*r.Within, tc.want) {
					t.Errorf("%v within %+v, want %+v", tc.path, *r.Within, tc.want)
				}
			}
			if src.name != "docker save" && !reflect.DeepEqual(dig, src.wantLayers) {
				t.Errorf("layer digests %v, want %v", dig, src.wantLayers)
			}
		})
	}
}

// indexOf is the index, as a path element, of the entry of the input list
// key whose field is value.
func indexOf(t *testing.T, in map[string]any, key, field, value string) string {
	t.Helper()
	for i, e := range in[key].([]any) {
		if e.(map[string]any)[field] == value {
			return strconv.Itoa(i)
		}
	}
	t.Fatalf("no %s entry with %s %s in the input", key, field, value)
	return ""
}
