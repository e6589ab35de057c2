package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// An image with no base annotations is matched to an approved base by its
// first layers, read from the tarball the configuration names.
func TestApprovedBaseMatchedByLayers(t *testing.T) {
	dir := t.TempDir()
	base, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	other, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	top, err := random.Layer(512, "application/vnd.docker.image.rootfs.diff.tar.gzip")
	if err != nil {
		t.Fatal(err)
	}
	app, err := mutate.AppendLayers(base, top)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := app.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.Config.User = "10001"
	if app, err = mutate.ConfigFile(app, cf); err != nil {
		t.Fatal(err)
	}
	basePath := filepath.Join(dir, "base.tar")
	otherPath := filepath.Join(dir, "other.tar")
	appPath := filepath.Join(dir, "app.tar")
	for p, img := range map[string]v1.Image{basePath: base, otherPath: other, appPath: app} {
		if err := tarball.WriteToFile(p, name.MustParseReference("registry.example.com/x:1"), img); err != nil {
			t.Fatal(err)
		}
	}
	cfg := func(tar string) string {
		return writeFile(t, dir, "cfg-"+filepath.Base(tar)+".yaml",
			"approved_base_images:\n  - pattern: registry.example.com/golden/base\n    tarball: "+tar+"\n")
	}
	code, out, stderr := tollgate(t, "scan", "--config", cfg(basePath), "--image-tar", appPath, "--format", "json")
	if code != 0 || strings.Contains(out, "container-base-image") {
		t.Fatalf("base approved by its layers: exit %d %s\n%s", code, stderr, out)
	}
	code, out, _ = tollgate(t, "scan", "--config", cfg(otherPath), "--image-tar", appPath, "--format", "json")
	if code != 1 || !strings.Contains(out, "container-base-image-unverified") {
		t.Fatalf("base matching no approved image must not pass: exit %d\n%s", code, out)
	}
}
