package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/layout"

	"github.com/tollgate-dev/tollgate/buildinfo"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/policies"
)

// TestReleaseScript runs scripts/release end to end into a temporary
// directory, for linux/amd64 only, with a CI base image from an in-process
// registry. It compiles a full static binary (minutes on a cold 2-core
// machine), so it runs only when TOLLGATE_RELEASE_TEST=1 (scripts/test sets
// it in its own timed step). The full matrix: scripts/release VERSION DIR.
func TestReleaseScript(t *testing.T) {
	if os.Getenv("TOLLGATE_RELEASE_TEST") != "1" {
		t.Skip("set TOLLGATE_RELEASE_TEST=1 to build a release (scripts/test does)")
	}
	isolatedGit(t)
	// A base with a shell, as the release workflow pins busybox: here two
	// random layers per platform, pushed to a registry on 127.0.0.1.
	host, _ := registrytest.Serve(t)
	base := registrytest.PushRandomIndex(t, host+"/library/busybox:1.37.0", "amd64", "arm64")
	baseDigest, _ := base.Digest()

	out := filepath.Join(t.TempDir(), "dist")
	const version = "v0.0.1-test"
	r := runCmd(t, repoRoot, nil, filepath.Join(repoRoot, "scripts", "release"), version, out,
		"--platforms", "linux/amd64", "--ci-base", host+"/library/busybox:1.37.0@"+baseDigest.String())
	if r.code != 0 {
		t.Fatalf("scripts/release: exit %d\n%s", r.code, r.out)
	}
	wantContains(t, "release log", r.out, "dogfood: tollgate scan --image-tar", "dogfood: tollgate scan --oci-layout oci-ci", "dogfood: tollgate scan Dockerfile")

	// The binary runs and names its version, commit and policy digest.
	bin := filepath.Join(out, "tollgate_"+version+"_linux_amd64")
	digest, err := buildinfo.PolicyDigest(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.TrimSpace(mustRun(t, repoRoot, nil, "git", "rev-parse", "HEAD"))
	got := mustRun(t, out, nil, bin, "version")
	for _, want := range []string{"tollgate " + version + "\n", "commit:   " + commit + "\n", "policies: sha256:" + digest + "\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("version output lacks %q:\n%s", want, got)
		}
	}

	// The sums verify, with tollgate and with sha256sum, and name every
	// published file.
	mustRun(t, out, nil, bin, "checksum", "verify", "SHA256SUMS")
	mustRun(t, out, nil, "sha256sum", "-c", "--strict", "SHA256SUMS")
	sums, _ := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	for _, f := range []string{filepath.Base(bin), filepath.Base(bin) + ".cdx.json", "tollgate_" + version + "_image_linux_amd64.tar", "tollgate.gitlab-ci.yml", "oci", "oci-ci"} {
		if !regexp.MustCompile(`(?m)[0-9a-f]{64}  ` + regexp.QuoteMeta(f) + `$`).Match(sums) {
			t.Errorf("SHA256SUMS does not record %s:\n%s", f, sums)
		}
	}

	// The image tarball loads in tollgate and passes.
	if r := runCmd(t, out, nil, bin, "scan", "--image-tar", "tollgate_"+version+"_image_linux_amd64.tar"); r.code != 0 {
		t.Errorf("scan --image-tar: exit %d\n%s", r.code, r.out)
	}

	// The layout is an index of the release's platform images, labelled.
	p, err := layout.FromPath(filepath.Join(out, "oci"))
	if err != nil {
		t.Fatal(err)
	}
	top, err := p.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	tm, _ := top.IndexManifest()
	if len(tm.Manifests) != 1 || !tm.Manifests[0].MediaType.IsIndex() || tm.Manifests[0].Annotations["org.opencontainers.image.ref.name"] != version {
		t.Fatalf("layout index.json: %+v", tm.Manifests)
	}
	idx, err := top.ImageIndex(tm.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	im, _ := idx.IndexManifest()
	if len(im.Manifests) != 1 || im.Manifests[0].Platform == nil || im.Manifests[0].Platform.String() != "linux/amd64" {
		t.Errorf("image index: %+v", im.Manifests)
	}
	if im.Annotations["org.opencontainers.image.version"] != version || im.Annotations["org.opencontainers.image.revision"] != commit ||
		im.Annotations["org.opencontainers.image.base.name"] != "scratch" || im.Annotations["org.opencontainers.image.source"] == "" {
		t.Errorf("index annotations: %v", im.Annotations)
	}
	img, err := idx.Image(im.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := img.ConfigFile()
	if cf.Config.User != "65532:65532" || cf.Config.Labels["org.opencontainers.image.version"] != version {
		t.Errorf("image config: %+v", cf.Config)
	}
	indexDigest, _ := idx.Digest()
	if b, _ := os.ReadFile(filepath.Join(out, "image-digest")); strings.TrimSpace(string(b)) != indexDigest.String() {
		t.Errorf("image-digest %q, index %s", b, indexDigest)
	}

	// The GitLab template it publishes pins the CI image by version and
	// digest.
	ciDigest, _ := os.ReadFile(filepath.Join(out, "image-ci-digest"))
	tmpl, _ := os.ReadFile(filepath.Join(out, "tollgate.gitlab-ci.yml"))
	wantContains(t, "published template", string(tmpl),
		`TOLLGATE_VERSION: "`+version+`"`, `TOLLGATE_IMAGE_DIGEST: "`+strings.TrimSpace(string(ciDigest))+`"`,
		"name: ghcr.io/tollgate-dev/tollgate:${TOLLGATE_VERSION}-ci@${TOLLGATE_IMAGE_DIGEST}")
	if !strings.HasPrefix(string(ciDigest), "sha256:") {
		t.Errorf("image-ci-digest %q", ciDigest)
	}
}
