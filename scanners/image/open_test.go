package image

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func TestOpenImagesFromEverySource(t *testing.T) {
	ctx := context.Background()
	img := randomImage(t)
	want, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}

	tarPath := filepath.Join(t.TempDir(), "base.tar")
	if err := tarball.WriteToFile(tarPath, name.MustParseReference("example.com/base:1"), img); err != nil {
		t.Fatal(err)
	}
	imgs, err := OpenImages(ctx, Source{Tarball: tarPath}, Options{})
	if err != nil || len(imgs) != 1 {
		t.Fatalf("tarball: %v %v", imgs, err)
	}
	if got, _ := imgs[0].Digest(); got != want {
		t.Errorf("tarball digest %s, want %s", got, want)
	}

	// A multi-platform index: every image it holds (two platforms and an
	// attestation), each named by one index digest rather than its own.
	dir := filepath.Join(t.TempDir(), "oci")
	if _, err := layout.Write(dir, multiPlatformIndex(t)); err != nil {
		t.Fatal(err)
	}
	imgs, err = OpenImages(ctx, Source{Layout: dir}, Options{})
	if err != nil || len(imgs) != 3 {
		t.Fatalf("layout: want 3 images, got %d (%v)", len(imgs), err)
	}
	first, _ := imgs[0].Digest()
	for _, im := range imgs[1:] {
		if got, _ := im.Digest(); got != first {
			t.Errorf("images of one index must share its digest: %s != %s", got, first)
		}
	}
	if cf, _ := imgs[0].ConfigFile(); cf == nil || cf.Architecture == "" {
		t.Error("the platform image itself must still be readable")
	}

	reg := serveRegistry(t)
	ref := reg + "/base:1"
	pushed := push(t, ref, img)
	imgs, err = OpenImages(ctx, Source{Reference: ref}, Options{})
	if err != nil || len(imgs) != 1 {
		t.Fatalf("registry: %v %v", imgs, err)
	}
	if got, _ := imgs[0].Digest(); got != pushed {
		t.Errorf("registry digest %s, want %s", got, pushed)
	}
	if _, err := OpenImages(ctx, Source{Reference: reg + "/missing:1"}, Options{}); err == nil {
		t.Error("a missing image must be an error")
	}
	if _, err := OpenImages(ctx, Source{}, Options{}); err == nil {
		t.Error("an empty source must be an error")
	}
}
