package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/scanners"
)

// entry is one crafted tar member.
type entry struct {
	name, body, link string
	typ              byte
	mode             int64
}

func tarBytes(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		hdr := &tar.Header{Name: e.name, Typeflag: typ, Mode: mode, Linkname: e.link, Size: int64(len(e.body)), Uid: 1000, Gid: 1000, Format: tar.FormatPAX}
		if typ != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if typ == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tarLayer(t testing.TB, entries []entry) v1.Layer {
	t.Helper()
	b := tarBytes(t, entries)
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

const privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nfake-key-material\n-----END OPENSSH PRIVATE KEY-----\n"

// craftedImage has credentials, whiteouts, an opaque directory, names that
// try to escape the root, an absolute symlink, a hardlink and setuid bits.
func craftedImage(t testing.TB) v1.Image {
	t.Helper()
	base := tarLayer(t, []entry{
		{name: "etc/", typ: tar.TypeDir, mode: 0o755},
		{name: "etc/passwd", body: "root:x:0:0:root:/root:/bin/sh\n"},
		{name: "root/.ssh/id_rsa", body: privateKey, mode: 0o600},
		{name: "opt/cache/", typ: tar.TypeDir, mode: 0o755},
		{name: "opt/cache/old.bin", body: "old"},
		{name: "opt/cache/keep.pem", body: "lower pem"},
		{name: "usr/bin/su", body: "ELF", mode: 0o4755},
		{name: "srv/replaced/", typ: tar.TypeDir, mode: 0o755},
		{name: "srv/replaced/inner.key", body: "k"},
	})
	top := tarLayer(t, []entry{
		{name: "root/.ssh/.wh.id_rsa"},
		{name: "opt/cache/.wh..wh..opq"},
		{name: "opt/cache/new.txt", body: "new"},
		{name: "../../../../etc/cron.d/evil", body: "* * * * * root sh\n"},
		{name: "/abs/.npmrc", body: "//registry.npmjs.org/:_authToken=npm_abc\n"},
		{name: "app/.aws/credentials", body: "[default]\naws_access_key_id=AKIAEXAMPLE\n"},
		{name: "app/link", typ: tar.TypeSymlink, link: "/etc/shadow"},
		{name: "app/hard", typ: tar.TypeLink, link: "../../etc/passwd"},
		{name: "tmp/shared", body: "x", mode: 0o666},
		{name: "srv/replaced", body: "now a file"},
	})
	img, err := mutate.AppendLayers(empty.Image, base, top)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Config.User = "10001"
	cf.Config.Env = []string{"PATH=/usr/bin", "API_TOKEN=abc=def"}
	cf.Config.Entrypoint = []string{"/app/server"}
	cf.Config.ExposedPorts = map[string]struct{}{"8080/tcp": {}, "22/tcp": {}}
	cf.Config.Labels = map[string]string{"team": "payments"}
	cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"CMD", "/app/server", "-health"}, Retries: 3}
	cf.History = []v1.History{{CreatedBy: "ADD base.tar /"}, {CreatedBy: "COPY . /app"}}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return mutate.Annotations(img, map[string]string{
		AnnotationBaseName:   "docker.io/library/debian:12",
		AnnotationBaseDigest: "sha256:" + strings.Repeat("ab", 32),
	}).(v1.Image)
}

func writeLayout(t testing.TB, img v1.Image) string {
	t.Helper()
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	return dir
}

func scanOne(t *testing.T, src Source, o Options) *document.Document {
	t.Helper()
	s := &Scanner{Options: o}
	res, err := s.ScanSource(context.Background(), src)
	if err != nil {
		t.Fatalf("scan %v: %v", src, err)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("want 1 document, got %d", len(res.Documents))
	}
	return res.Documents[0]
}

func filesByPath(doc *document.Document) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, f := range doc.Input["files"].([]any) {
		m := f.(map[string]any)
		out[m["path"].(string)] = m
	}
	return out
}

func TestCraftedFilesystem(t *testing.T) {
	img := craftedImage(t)
	triage := testTriage(t, `/\.npmrc$`, `/\.aws/credentials$`)
	doc := scanOne(t, Source{Layout: writeLayout(t, img)}, Options{FullFileIndex: true, Triage: triage})
	files := filesByPath(doc)

	for _, gone := range []string{"/root/.ssh/id_rsa", "/opt/cache/old.bin", "/opt/cache/keep.pem", "/srv/replaced/inner.key"} {
		if _, ok := files[gone]; ok {
			t.Errorf("%s should be deleted by a whiteout", gone)
		}
	}
	for _, kept := range []string{"/opt/cache", "/opt/cache/new.txt", "/root/.ssh", "/etc/passwd"} {
		if _, ok := files[kept]; !ok && kept != "/root/.ssh" {
			t.Errorf("%s missing", kept)
		}
	}
	if f := files["/srv/replaced"]; f == nil || f["type"] != "file" {
		t.Errorf("file over a directory: %v", f)
	}
	// ../ and absolute names land inside the image root; nothing escapes.
	if f := files["/etc/cron.d/evil"]; f == nil || f["layer"] != int64(1) {
		t.Errorf("../ entry not normalised: %v", f)
	}
	if f := files["/abs/.npmrc"]; f == nil || f["content"] != "//registry.npmjs.org/:_authToken=npm_abc\n" {
		t.Errorf("credential content not recorded: %v", f)
	}
	if f := files["/app/.aws/credentials"]; f == nil || !strings.Contains(f["content"].(string), "AKIAEXAMPLE") {
		t.Errorf("aws credentials: %v", f)
	}
	if f := files["/app/link"]; f["type"] != "symlink" || f["link"] != "/etc/shadow" {
		t.Errorf("symlink: %v", f)
	}
	if f := files["/app/hard"]; f["type"] != "hardlink" || f["link"] != "/etc/passwd" {
		t.Errorf("hardlink: %v", f)
	}
	if f := files["/usr/bin/su"]; f["setuid"] != true || f["mode"] != int64(0o4755) {
		t.Errorf("setuid: %v", f)
	}
	if f := files["/tmp/shared"]; f["world_writable"] != true {
		t.Errorf("world writable: %v", f)
	}
	if _, err := os.Stat("/etc/cron.d/evil"); err == nil {
		t.Fatal("the scan wrote to the host filesystem")
	}
	anoms := doc.Input["tar_anomalies"].([]any)
	reasons := map[string]bool{}
	for _, a := range anoms {
		reasons[a.(map[string]any)["reason"].(string)] = true
	}
	if !reasons["path with .."] || !reasons["absolute path"] || !reasons["hardlink target with .."] {
		t.Errorf("anomalies = %v", anoms)
	}

	cfg := doc.Input["config"].(map[string]any)
	if cfg["user"] != "10001" || cfg["env_map"].(map[string]any)["API_TOKEN"] != "abc=def" || cfg["exposed_ports"].([]any)[0] != "22/tcp" {
		t.Errorf("config = %v", cfg)
	}
	if hc := cfg["healthcheck"].(map[string]any); hc["retries"] != int64(3) {
		t.Errorf("healthcheck = %v", hc)
	}
	if b := doc.Input["base"].(map[string]any); b["name"] != "docker.io/library/debian:12" || b["source"] != "annotation" {
		t.Errorf("base = %v", b)
	}
	mdig, _ := img.Digest()
	if doc.Input["manifest_digest"] != mdig.String() || len(doc.Input["layers"].([]any)) != 2 || len(doc.Input["history"].([]any)) != 2 {
		t.Errorf("digest %v layers %v", doc.Input["manifest_digest"], doc.Input["layers"])
	}
	if r, _ := doc.Positions.Lookup([]string{"config", "user"}); r.Line != 1 || r.File != doc.File {
		t.Errorf("position = %+v", r)
	}
	if doc.Resources[doc.Input["resource"].(string)].Type != "image" {
		t.Errorf("resources = %v", doc.Resources)
	}

	// Without the full index only what rules need is listed.
	doc = scanOne(t, Source{Layout: writeLayout(t, img)}, Options{Triage: triage})
	files = filesByPath(doc)
	if _, ok := files["/opt/cache/new.txt"]; ok {
		t.Error("plain files are not listed by default")
	}
	for _, want := range []string{"/abs/.npmrc", "/usr/bin/su", "/etc/passwd", "/tmp/shared"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s should be listed", want)
		}
	}
	stats := doc.Input["file_stats"].(map[string]any)
	if stats["complete"] != false || stats["count"].(int64) <= stats["listed"].(int64) {
		t.Errorf("file_stats = %v", stats)
	}
}

func serveRegistry(t testing.TB) string {
	t.Helper()
	host, _ := registrytest.Serve(t)
	return host
}

func push(t testing.TB, ref string, img v1.Image) v1.Hash {
	t.Helper()
	return registrytest.Push(t, ref, img)
}

func TestRegistryAndExpectDigest(t *testing.T) {
	host := serveRegistry(t)
	ref := host + "/team/app:1.0"
	dig := push(t, ref, craftedImage(t))
	other := push(t, host+"/team/app:2.0", randomImage(t))

	doc := scanOne(t, Source{Reference: ref}, Options{ExpectDigest: dig.String()})
	if doc.Input["reference"] != ref || doc.Input["source"] != "registry" || doc.File != ref {
		t.Errorf("doc = %v %v", doc.Input["reference"], doc.File)
	}

	_, err := (&Scanner{Options: Options{ExpectDigest: other.String()}}).ScanSource(context.Background(), Source{Reference: ref})
	var mm *DigestMismatchError
	if !errors.Is(err, ErrDigestMismatch) || !errors.As(err, &mm) || mm.Actual != dig.String() || mm.Expected != other.String() ||
		!strings.Contains(err.Error(), dig.String()) || !strings.Contains(err.Error(), other.String()) {
		t.Fatalf("mismatch error = %v", err)
	}
	if _, err := (&Scanner{Options: Options{ExpectDigest: "sha256:nothex"}}).ScanSource(context.Background(), Source{Reference: ref}); err == nil {
		t.Error("a malformed expected digest must be refused")
	}
}

func randomImage(t testing.TB) v1.Image {
	t.Helper()
	img, err := random.Image(256, 2)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func platformImage(t testing.TB, arch string) v1.Image {
	t.Helper()
	img := randomImage(t)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", arch
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func multiPlatformIndex(t testing.TB) v1.ImageIndex {
	t.Helper()
	add := func(arch string) mutate.IndexAddendum {
		return mutate.IndexAddendum{Add: platformImage(t, arch), Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: arch}}}
	}
	att := mutate.IndexAddendum{Add: randomImage(t), Descriptor: v1.Descriptor{
		Platform:    &v1.Platform{OS: "unknown", Architecture: "unknown"},
		Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"},
	}}
	idx := mutate.AppendManifests(empty.Index, add("amd64"), add("arm64"), att)
	return mutate.Annotations(idx, map[string]string{AnnotationBaseName: "docker.io/library/alpine:3.20"}).(v1.ImageIndex)
}

func TestMultiPlatformIndex(t *testing.T) {
	host := serveRegistry(t)
	ref := host + "/multi:latest"
	r, _ := name.ParseReference(ref)
	idx := multiPlatformIndex(t)
	if err := remote.WriteIndex(r, idx); err != nil {
		t.Fatal(err)
	}
	idxDig, _ := idx.Digest()

	res, err := (&Scanner{}).ScanSource(context.Background(), Source{Reference: ref})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("want one document per platform (attestations skipped), got %d", len(res.Documents))
	}
	keys := map[string]bool{}
	for _, d := range res.Documents {
		keys[d.Input["resource"].(string)] = true
		if d.Input["index_digest"] != idxDig.String() {
			t.Errorf("index digest = %v", d.Input["index_digest"])
		}
		if b, _ := d.Input["base"].(map[string]any); b == nil || b["name"] != "docker.io/library/alpine:3.20" {
			t.Errorf("index annotation not inherited: %v", d.Input["annotations"])
		}
	}
	if !keys[ref+" [linux/amd64]"] || !keys[ref+" [linux/arm64]"] {
		t.Errorf("resource keys = %v", keys)
	}

	arm, _ := v1.ParsePlatform("linux/arm64")
	doc := scanOne(t, Source{Reference: ref}, Options{Platform: arm, ExpectDigest: idxDig.String()})
	if p := doc.Input["platform"].(map[string]any); p["architecture"] != "arm64" {
		t.Errorf("platform = %v", p)
	}
	s390, _ := v1.ParsePlatform("linux/s390x")
	if _, err := (&Scanner{Options: Options{Platform: s390}}).ScanSource(context.Background(), Source{Reference: ref}); err == nil || !strings.Contains(err.Error(), "linux/arm64") {
		t.Errorf("missing platform error = %v", err)
	}

	// The same index from an OCI layout.
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendIndex(idx); err != nil {
		t.Fatal(err)
	}
	doc = scanOne(t, Source{Layout: dir}, Options{Platform: arm})
	if doc.Input["source"] != "layout" {
		t.Errorf("source = %v", doc.Input["source"])
	}
}

func TestTarballSources(t *testing.T) {
	dir := t.TempDir()
	img := craftedImage(t)
	tag, _ := name.NewTag("registry.example.com/app:1.0")
	single := filepath.Join(dir, "single.tar")
	if err := tarball.WriteToFile(single, tag, img); err != nil {
		t.Fatal(err)
	}
	doc := scanOne(t, Source{Tarball: single}, Options{})
	if doc.Input["reference"] != "registry.example.com/app:1.0" || doc.Input["source"] != "tarball" || doc.File != filepath.ToSlash(single) {
		t.Errorf("single: %v %v", doc.Input["reference"], doc.File)
	}
	if _, ok := filesByPath(doc)["/usr/bin/su"]; !ok {
		t.Error("tarball layers not walked")
	}

	multi := filepath.Join(dir, "multi.tar")
	tag2, _ := name.NewTag("registry.example.com/tools:2")
	if err := tarball.MultiWriteToFile(multi, map[name.Tag]v1.Image{tag: img, tag2: randomImage(t)}); err != nil {
		t.Fatal(err)
	}
	res, err := (&Scanner{}).Scan(context.Background(), unitFor(multi))
	if err != nil || len(res.Documents) != 2 {
		t.Fatalf("multi-image tar: %v, %d documents", err, len(res.Documents))
	}

	// An OCI archive: a tar of an OCI layout directory.
	archive := filepath.Join(dir, "oci.tar")
	tarDir(t, writeLayout(t, img), archive)
	d, _ := img.Digest()
	doc = scanOne(t, Source{Tarball: archive}, Options{ExpectDigest: d.String()})
	if doc.Input["manifest_digest"] != d.String() {
		t.Errorf("oci archive digest = %v", doc.Input["manifest_digest"])
	}
	if f := filesByPath(doc)["/tmp/shared"]; f == nil {
		t.Error("oci archive layers not walked")
	}
	_, err = (&Scanner{Options: Options{ExpectDigest: "sha256:" + strings.Repeat("0", 64)}}).ScanSource(context.Background(), Source{Tarball: archive})
	if !errors.Is(err, ErrDigestMismatch) {
		t.Errorf("oci archive mismatch = %v", err)
	}

	junk := filepath.Join(dir, "junk.tar")
	if err := os.WriteFile(junk, []byte("not a tar at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := (&Scanner{}).ScanSource(context.Background(), Source{Tarball: junk}); err == nil {
		t.Error("junk tar accepted")
	}
}

func tarDir(t testing.TB, src, dst string) {
	t.Helper()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	tw := tar.NewWriter(out)
	err = filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: "./" + filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptGzipLayer(t *testing.T) {
	host := serveRegistry(t)
	bad := static.NewLayer(append([]byte{0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff}, bytes.Repeat([]byte{0xde, 0xad}, 512)...), types.DockerLayer)
	img, err := mutate.AppendLayers(empty.Image, bad)
	if err != nil {
		t.Fatal(err)
	}
	ref := host + "/corrupt:1"
	push(t, ref, img)
	ld, _ := bad.Digest()
	_, err = (&Scanner{}).ScanSource(context.Background(), Source{Reference: ref})
	if err == nil || !strings.Contains(err.Error(), ld.String()) {
		t.Fatalf("corrupt gzip error = %v, want one naming %s", err, ld)
	}
}

func TestRegistryErrors(t *testing.T) {
	host := serveRegistry(t)
	if _, err := (&Scanner{}).ScanSource(context.Background(), Source{Reference: host + "/missing:1"}); err == nil || !strings.Contains(err.Error(), "MANIFEST_UNKNOWN") && !strings.Contains(err.Error(), "NAME_UNKNOWN") {
		t.Errorf("unknown manifest = %v", err)
	}

	denied := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`)
	}))
	defer denied.Close()
	if _, err := (&Scanner{}).ScanSource(context.Background(), Source{Reference: strings.TrimPrefix(denied.URL, "http://") + "/app:1"}); err == nil || !strings.Contains(strings.ToLower(err.Error()), "auth") {
		t.Errorf("401 = %v", err)
	}

	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	if _, err := (&Scanner{}).ScanSource(context.Background(), Source{Reference: strings.TrimPrefix(notFound.URL, "http://") + "/app:1"}); err == nil {
		t.Error("404 registry accepted")
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	if _, err := (&Scanner{}).ScanSource(context.Background(), Source{Reference: closed + "/app:1"}); err == nil || !strings.Contains(err.Error(), closed) {
		t.Errorf("unreachable = %v", err)
	}
}

func TestMatchBase(t *testing.T) {
	base := randomImage(t)
	other := randomImage(t)
	app, err := mutate.AppendLayers(base, tarLayer(t, []entry{{name: "app/bin", body: "x"}}))
	if err != nil {
		t.Fatal(err)
	}
	if i, ok := MatchBase(app, []v1.Image{other, base}); !ok || i != 1 {
		t.Errorf("MatchBase = %d, %v", i, ok)
	}
	if _, ok := MatchBase(other, []v1.Image{base, app}); ok {
		t.Error("unrelated image matched")
	}
	// Longest prefix wins: app itself is a better match for app than base.
	if i, _ := MatchBase(app, []v1.Image{base, app}); i != 1 {
		t.Errorf("longest prefix = %d", i)
	}
	layers, err := Layers(app)
	if err != nil || len(layers) != 3 {
		t.Errorf("Layers = %v, %v", layers, err)
	}
	doc := scanOne(t, Source{Layout: writeLayout(t, app)}, Options{BaseImages: []BaseImage{{Name: "approved/base:1", Image: base}}})
	if b := doc.Input["base"].(map[string]any); b["source"] != "layers" || b["name"] != "approved/base:1" {
		t.Errorf("base = %v", b)
	}
}

func unitFor(p string) scanners.Unit { return scanners.Unit{Path: p} }

func FuzzLayerTar(f *testing.F) {
	f.Add(tarBytes(f, []entry{{name: "a/.wh..wh..opq"}, {name: "../../x", body: "1"}, {name: "/etc/.wh.passwd"}}))
	f.Add(tarBytes(f, []entry{{name: "root/.ssh/id_rsa", body: privateKey}, {name: "l", typ: tar.TypeSymlink, link: "/"}, {name: "h", typ: tar.TypeLink, link: "../../../etc/shadow"}}))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		x := newFSIndex(nil)
		_ = x.applyLayer(0, bytes.NewReader(b))
		_ = x.applyLayer(1, bytes.NewReader(b))
		for p, file := range x.files {
			if !strings.HasPrefix(p, "/") || p != file.Path || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") || (p != "/" && strings.HasSuffix(p, "/")) {
				t.Fatalf("unclean path %q", p)
			}
			if len(file.Content) > MaxContentSize && !(accountFile(p) && len(file.Content) <= maxAccountFile) {
				t.Fatalf("content of %q is %d bytes", p, len(file.Content))
			}
		}
	})
}

// TestSmallTextFilesCheckedForCredentials: ordinary small text files are
// run through the credential detector; only the flagged ones reach the
// policy input, with their content. System paths and binaries are not read.
func TestSmallTextFilesCheckedForCredentials(t *testing.T) {
	keyID := "AKIA" + "QWERTYUIOPASDFGH"
	img, err := mutate.AppendLayers(empty.Image, tarLayer(t, []entry{
		{name: "app/", typ: tar.TypeDir, mode: 0o755},
		{name: "app/settings.py", body: "DEBUG = False\nAWS_ACCESS_KEY_ID = \"" + keyID + "\"\n"},
		{name: "app/clean.txt", body: "nothing to see\n"},
		{name: "app/blob.bin", body: "\x00\x01" + keyID},
		{name: "usr/share/doc/pkg/README", body: "key " + keyID + "\n"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	doc := scanOne(t, Source{Layout: writeLayout(t, img)}, Options{})
	files := filesByPath(doc)
	if f := files["/app/settings.py"]; f == nil || !strings.Contains(f["content"].(string), keyID) {
		t.Errorf("settings.py not listed with its content: %v", f)
	}
	for _, p := range []string{"/app/clean.txt", "/app/blob.bin", "/usr/share/doc/pkg/README"} {
		if f, ok := files[p]; ok {
			t.Errorf("%s listed: %v", p, f)
		}
	}
}
