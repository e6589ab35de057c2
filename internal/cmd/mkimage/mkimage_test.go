package main

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"

	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

func testSpec(t *testing.T) spec {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tollgate")
	if err := os.WriteFile(bin, []byte("not really a binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	return spec{
		Binaries: map[string]string{"linux/amd64": bin, "linux/arm64": bin},
		Certs:    []byte("-----BEGIN CERTIFICATE-----\n"),
		Version:  "v1.2.3", Revision: "0123abc", Source: "https://github.com/tollgate-dev/tollgate",
		Created: time.Unix(1700000000, 0).UTC(),
	}
}

// The Dockerfile users build from describes this image: same paths, same
// user, same entrypoint, same base.
func TestDockerfileDescribesTheSameImage(t *testing.T) {
	b, err := os.ReadFile("../../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	for _, want := range []string{
		"FROM scratch\n",
		" " + certsPath + "\n",
		" " + binaryPath + "\n",
		fmt.Sprintf("--chown=%d:%d --chmod=0700 home %s\n", uid, uid, homeDir),
		"COPY --chmod=1777 tmp /tmp\n",
		fmt.Sprintf("USER %d:%d\n", uid, uid),
		fmt.Sprintf("ENTRYPOINT [%q]\n", binaryPath),
		"WORKDIR /src\n",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}

func TestScratchImage(t *testing.T) {
	s := testSpec(t)
	idx, images, err := build(s)
	if err != nil {
		t.Fatal(err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Manifests) != 2 || im.Manifests[0].Platform.Architecture != "amd64" || im.Manifests[1].Platform.Architecture != "arm64" {
		t.Fatalf("index manifests %+v", im.Manifests)
	}
	if im.Annotations[keyBaseName] != "scratch" || im.Annotations[keySource] != s.Source || im.Annotations[keyRevision] != "0123abc" {
		t.Errorf("index annotations %v", im.Annotations)
	}
	img := images["linux/arm64"]
	m, _ := img.Manifest()
	if m.Annotations[keyBaseName] != "scratch" || m.Annotations[keyVersion] != "v1.2.3" || len(m.Layers) != 1 {
		t.Errorf("manifest %+v", m)
	}
	cf, _ := img.ConfigFile()
	if cf.Config.User != "65532:65532" || cf.Architecture != "arm64" || cf.Config.Labels[keySource] != s.Source ||
		strings.Join(cf.Config.Entrypoint, " ") != binaryPath {
		t.Errorf("config %+v", cf.Config)
	}
	files := layerContents(t, img)
	if files[binaryPath] != "not really a binary" || files["/etc/passwd"] != passwd || files[certsPath] == "" {
		t.Errorf("layer files %v", files)
	}
	if !strings.Contains(passwd, "tollgate:x:65532:65532:") || strings.Contains(passwd, "/bin/sh") {
		t.Errorf("passwd %q", passwd)
	}
	// Same inputs, same digest: the image is reproducible.
	again, _, err := build(s)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := idx.Digest()
	d2, _ := again.Digest()
	if d1 != d2 {
		t.Errorf("two builds: %s, %s", d1, d2)
	}
}

// layerContents reads the flattened image's regular files.
func layerContents(t *testing.T, img v1.Image) map[string]string {
	t.Helper()
	return readTar(t, mutate.Extract(img))
}

// On a base image the layer goes on top of the base's, per platform, and
// the annotations name the base and its digest. An unpinned base is
// refused.
func TestBaseImage(t *testing.T) {
	host, _ := registrytest.Serve(t)
	baseIdx := registrytest.PushRandomIndex(t, host+"/library/busybox:1.37.0", "amd64", "arm64", "s390x")
	d, _ := baseIdx.Digest()
	s := testSpec(t)
	s.Insecure = true
	s.Base = host + "/library/busybox:1.37.0"
	if _, _, err := build(s); err == nil || !strings.Contains(err.Error(), "pin it by digest") {
		t.Errorf("unpinned base: %v", err)
	}
	s.Base += "@" + d.String()
	_, images, err := build(s)
	if err != nil {
		t.Fatal(err)
	}
	img := images["linux/arm64"]
	m, _ := img.Manifest()
	baseArm, _ := baseIdx.Image(mustDigest(t, baseIdx, "arm64"))
	baseDigest, _ := baseArm.Digest()
	if m.Annotations[keyBaseName] != host+"/library/busybox:1.37.0" || m.Annotations[keyBaseDigest] != baseDigest.String() {
		t.Errorf("annotations %v", m.Annotations)
	}
	baseLayers, _ := baseArm.Layers()
	layers, _ := img.Layers()
	if len(layers) != len(baseLayers)+1 {
		t.Errorf("%d layers on a %d-layer base", len(layers), len(baseLayers))
	}
}

func mustDigest(t *testing.T, idx v1.ImageIndex, arch string) v1.Hash {
	t.Helper()
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range im.Manifests {
		if m.Platform != nil && m.Platform.Architecture == arch {
			return m.Digest
		}
	}
	t.Fatalf("no %s image", arch)
	return v1.Hash{}
}

func readTar(t *testing.T, rc interface {
	Read([]byte) (int, error)
	Close() error
}) map[string]string {
	t.Helper()
	defer rc.Close()
	out := map[string]string{}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out["/"+strings.TrimPrefix(h.Name, "/")] = string(b)
	}
}
