package image

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// Digest names each source by the digest a deployment pins: the
// registry's manifest or index digest, the one image of a tarball or
// layout, and the index digest of a multi-platform layout.
func TestDigestOfEverySource(t *testing.T) {
	ctx := context.Background()
	img := randomImage(t)
	want, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, src Source, want v1.Hash) {
		t.Helper()
		// ExpectDigest is not Digest's business: a stale one must not fail it.
		got, err := Digest(ctx, src, Options{ExpectDigest: "sha256:" + strings.Repeat("0", 64)})
		if err != nil || got != want {
			t.Errorf("%s: %s %v, want %s", what, got, err, want)
		}
	}

	tarPath := filepath.Join(t.TempDir(), "app.tar")
	if err := tarball.WriteToFile(tarPath, name.MustParseReference("example.com/app:1"), img); err != nil {
		t.Fatal(err)
	}
	check("docker save tarball", Source{Tarball: tarPath}, want)
	check("OCI layout", Source{Layout: writeLayout(t, img)}, want)

	idx := multiPlatformIndex(t)
	idxDigest, err := idx.Digest()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "oci")
	if _, err := layout.Write(dir, idx); err != nil {
		t.Fatal(err)
	}
	// layout.Write lists the index's children at the top; a layout that
	// holds the index itself as its one entry is what buildx writes.
	dir2 := filepath.Join(t.TempDir(), "oci2")
	p2, err := layout.Write(dir2, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p2.AppendIndex(idx); err != nil {
		t.Fatal(err)
	}
	check("multi-platform OCI layout", Source{Layout: dir2}, idxDigest)
	if _, err := Digest(ctx, Source{Layout: dir}, Options{}); err == nil || !strings.Contains(err.Error(), "several images") {
		t.Errorf("a layout of several images has no one digest: %v", err)
	}

	reg := serveRegistry(t)
	check("registry image", Source{Reference: reg + "/app:1"}, push(t, reg+"/app:1", img))
	r, _ := name.ParseReference(reg + "/multi:1")
	if err := remote.WriteIndex(r, idx); err != nil {
		t.Fatal(err)
	}
	check("registry index", Source{Reference: reg + "/multi:1"}, idxDigest)
	if _, err := Digest(ctx, Source{Reference: reg + "/missing:1"}, Options{}); err == nil {
		t.Error("a missing image must be an error")
	}
}
