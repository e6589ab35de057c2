package main

import (
	"archive/tar"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/internal/imagetest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/report/sarif/sariftest"
)

// threeLayers builds an image whose findings sit in different layers: the
// accounts in layer 0 (a second uid 0 on line 4 of /etc/passwd), a setuid
// helper added in layer 1, and /etc/shadow rewritten in layer 2 with an
// empty password on its third line. It sets no user (a config finding)
// and names no base (a manifest finding).
func threeLayers(t *testing.T) v1.Image {
	img := imagetest.Build(t, imagetest.Spec{Entries: []imagetest.Entry{
		{Path: "etc/passwd", Mode: 0o644, Content: "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/sbin/nologin\nguest:x:1001:1001::/home/guest:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n"},
		{Path: "etc/shadow", Mode: 0o640, Content: "root:!:19000::::::\napp:!:19000::::::\nguest:!:19000::::::\ntoor:!:19000::::::\n"},
	}})
	img = imagetest.AppendLayer(t, img, imagetest.Entry{Path: "usr/local/bin/helper", Type: tar.TypeReg, Mode: 0o4755, Content: "#!/bin/sh\nid\n"})
	return imagetest.AppendLayer(t, img, imagetest.Entry{Path: "etc/shadow", Mode: 0o640, Content: "root:!:19000::::::\napp:!:19000::::::\nguest::19000::::::\ntoor:!:19000::::::\n"})
}

// TestImageFindingLocations scans one image from every kind of source and
// checks that each finding names the file, line, layer index and digest,
// or the config or manifest, in the JSON, text and SARIF reports.
func TestImageFindingLocations(t *testing.T) {
	img := threeLayers(t)
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	var dig []string
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		dig = append(dig, d.String())
	}
	mdig, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := img.ConfigName()
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	saved := filepath.Join(dir, "app.tar")
	if err := tarball.WriteToFile(saved, name.MustParseReference("registry.example.com/app:1.0"), img); err != nil {
		t.Fatal(err)
	}
	archive := writeFile(t, dir, "app-oci.tar", string(imagetest.OCIArchive(t, img)))
	lay := filepath.Join(dir, "layout")
	p, err := layout.Write(lay, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	// With approved bases configured, an image that names none is a
	// finding about the manifest.
	config := writeFile(t, dir, "tollgate.yaml", "approved_base_images:\n  - pattern: registry.example.com/golden/**\n")
	host, _ := registrytest.Serve(t)
	ref := host + "/team/app:1.0"
	registrytest.Push(t, ref, img)

	// docker save keeps no manifest: the one its images are known by is
	// made from manifest.json, with Docker's media types.
	loaded, err := tarball.ImageFromPath(saved, nil)
	if err != nil {
		t.Fatal(err)
	}
	savedDig, err := loaded.Digest()
	if err != nil {
		t.Fatal(err)
	}

	for _, src := range []struct {
		name, file, image string // file and image as findings name them
		manifest          v1.Hash
		args              []string
	}{
		{"docker save", saved, "registry.example.com/app:1.0", savedDig, []string{"--image-tar", saved}},
		{"OCI archive", archive, "", mdig, []string{"--image-tar", archive}},
		{"OCI layout", lay, "", mdig, []string{"--oci-layout", lay}},
		{"registry", ref, "", mdig, []string{"--image", ref}},
	} {
		t.Run(src.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"scan", "--config", config, "--format", "json=" + out + ".json", "--format", "sarif=" + out + ".sarif", "--format", "text=" + out + ".txt"}, src.args...)
			if code, _, stderr := tollgate(t, args...); code != 1 {
				t.Fatalf("exit %d, want 1 (blocked)\n%s", code, stderr)
			}
			zero, one, two := 0, 1, 2
			want := map[string]document.Within{
				"container-duplicate-uid":          {Path: "/etc/passwd", Line: 1, Layer: &zero, Digest: dig[0]},
				"container-setuid-files":           {Path: "/usr/local/bin/helper", Layer: &one, Digest: dig[1]},
				"container-account-empty-password": {Path: "/etc/shadow", Line: 3, Layer: &two, Digest: dig[2]},
				"container-runs-as-root":           {Path: "config", Digest: cfg.String()},
				"container-base-image-unverified":  {Path: "manifest", Digest: src.manifest.String()},
			}
			checkJSON(t, out+".json", src.file, src.image, want)

			text, err := os.ReadFile(out + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{
				"at " + src.file + "!/usr/local/bin/helper (layer 1 " + document.ShortDigest(dig[1]) + ")\n",
				"at " + src.file + "!/etc/shadow:3 (layer 2 " + document.ShortDigest(dig[2]) + ")\n",
				"at " + src.file + "!config (" + document.ShortDigest(cfg.String()) + ")\n",
				"at " + src.file + "!manifest (" + document.ShortDigest(src.manifest.String()) + ")\n",
			} {
				if !strings.Contains(string(text), w) {
					t.Errorf("text report lacks %q:\n%s", w, text)
				}
			}
			checkSARIF(t, out+".sarif", src.image, want)
		})
	}
}

func checkJSON(t *testing.T, path, file, image string, want map[string]document.Within) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			RuleID   string
			Location document.Range
			Related  []struct {
				Message  string
				Location document.Range
			}
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		w, ok := want[f.RuleID]
		if !ok {
			continue
		}
		seen[f.RuleID] = true
		w.Image = image
		if l := f.Location; l.File != file || l.Line != 1 || l.Column != 1 || l.Within == nil || !reflect.DeepEqual(*l.Within, w) {
			t.Errorf("%s at %+v within %+v, want %s:1:1 within %+v", f.RuleID, l, l.Within, file, w)
		}
		if f.RuleID == "container-duplicate-uid" {
			// The other account with the uid is its own line.
			w.Line = 4
			if len(f.Related) != 1 || f.Related[0].Message != "toor has uid 0 too" || f.Related[0].Location.Within == nil || !reflect.DeepEqual(*f.Related[0].Location.Within, w) {
				t.Errorf("duplicate uid related %+v, want toor at %+v", f.Related, w)
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("found %v of the rules %v", seen, want)
	}
}

func checkSARIF(t *testing.T, path, image string, want map[string]document.Within) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, b)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					LogicalLocations []struct{ Name, FullyQualifiedName string }
					Properties       struct{ Within document.Within }
				}
			}
		}
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		w, ok := want[r.RuleID]
		if !ok {
			continue
		}
		w.Image = image
		loc := r.Locations[0]
		if got := loc.Properties.Within; !reflect.DeepEqual(got, w) {
			t.Errorf("%s: properties.within %+v, want %+v", r.RuleID, got, w)
		}
		ll := loc.LogicalLocations
		if len(ll) != 2 || ll[1].Name != w.Path || !strings.HasSuffix(ll[1].FullyQualifiedName, "!"+w.Path) {
			t.Errorf("%s: logical locations %+v, want the resource and …!%s", r.RuleID, ll, w.Path)
		}
	}
}
