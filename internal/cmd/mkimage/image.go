package main

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// What the image holds, in one place: the Dockerfile in the repository
// root describes the same image (TestDockerfileDescribesTheSameImage).
const (
	binaryPath = "/usr/local/bin/tollgate"
	certsPath  = "/etc/ssl/certs/ca-certificates.crt"
	uid        = 65532
	userName   = "tollgate"
	homeDir    = "/home/tollgate"
)

// passwd and group hold root (which owns the files) and the user the
// image runs as; no login shell, no password.
var (
	passwd = fmt.Sprintf("root:x:0:0:root:/root:/sbin/nologin\n%s:x:%d:%d:%s:%s:/sbin/nologin\n", userName, uid, uid, userName, homeDir)
	group  = fmt.Sprintf("root:x:0:\n%s:x:%d:\n", userName, uid)
)

// OCI annotation and label keys (image-spec annotations.md).
const (
	keyCreated    = "org.opencontainers.image.created"
	keySource     = "org.opencontainers.image.source"
	keyVersion    = "org.opencontainers.image.version"
	keyRevision   = "org.opencontainers.image.revision"
	keyTitle      = "org.opencontainers.image.title"
	keyDesc       = "org.opencontainers.image.description"
	keyURL        = "org.opencontainers.image.url"
	keyBaseName   = "org.opencontainers.image.base.name"
	keyBaseDigest = "org.opencontainers.image.base.digest"
)

// spec is one image build: a binary per platform on top of scratch, or of
// a base image when Base is set.
type spec struct {
	Binaries map[string]string // "linux/amd64" → path of the static binary
	Certs    []byte
	Version  string
	Revision string
	Source   string // repository URL
	Created  time.Time
	// Base, when set, is a registry reference (pinned by digest) whose
	// platform images the layer is added to.
	Base     string
	Insecure bool // reach Base over plain HTTP (tests)
}

func (s spec) labels() map[string]string {
	return map[string]string{
		keyCreated:  s.Created.UTC().Format(time.RFC3339),
		keySource:   s.Source,
		keyURL:      s.Source,
		keyVersion:  s.Version,
		keyRevision: s.Revision,
		keyTitle:    "tollgate",
		keyDesc:     "Security gate for CloudFormation, CDK assemblies, Terraform, Dockerfiles and container images",
	}
}

// file is one entry of the image's layer.
type file struct {
	path string
	mode int64
	dir  bool
	uid  int
	data []byte
}

// layerFiles is the content of the one layer tollgate adds.
func (s spec) layerFiles(binary []byte) []file {
	return []file{
		{path: "etc", mode: 0o755, dir: true},
		{path: "etc/group", mode: 0o644, data: []byte(group)},
		{path: "etc/passwd", mode: 0o644, data: []byte(passwd)},
		{path: "etc/ssl", mode: 0o755, dir: true},
		{path: "etc/ssl/certs", mode: 0o755, dir: true},
		{path: certsPath[1:], mode: 0o644, data: s.Certs},
		{path: "home", mode: 0o755, dir: true},
		{path: homeDir[1:], mode: 0o700, dir: true, uid: uid},
		// tollgate writes temporary files (scan --staged exports the
		// git index); scratch has no /tmp.
		{path: "tmp", mode: 0o1777, dir: true},
		{path: "usr", mode: 0o755, dir: true},
		{path: "usr/local", mode: 0o755, dir: true},
		{path: "usr/local/bin", mode: 0o755, dir: true},
		{path: binaryPath[1:], mode: 0o755, data: binary},
	}
}

// layer writes files as a tar with fixed times and owners, so the same
// inputs give the same layer digest.
func layer(files []file, mtime time.Time) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	for _, f := range files {
		h := &tar.Header{Name: f.path, Mode: f.mode, ModTime: mtime, Uid: f.uid, Gid: f.uid, Format: tar.FormatPAX}
		if f.dir {
			h.Typeflag, h.Name = tar.TypeDir, f.path+"/"
		} else {
			h.Typeflag, h.Size = tar.TypeReg, int64(len(f.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil },
		tarball.WithMediaType(types.OCILayer))
}

// build makes the multi-platform index and its platform images, sorted by
// platform.
func build(s spec) (v1.ImageIndex, map[string]v1.Image, error) {
	var bases map[string]v1.Image
	baseAnn := map[string]string{keyBaseName: "scratch"}
	if s.Base != "" {
		var err error
		if bases, baseAnn, err = pullBase(s); err != nil {
			return nil, nil, err
		}
	}
	platforms := make([]string, 0, len(s.Binaries))
	for p := range s.Binaries {
		platforms = append(platforms, p)
	}
	sort.Strings(platforms)
	images := map[string]v1.Image{}
	var adds []mutate.IndexAddendum
	for _, p := range platforms {
		plat, err := v1.ParsePlatform(p)
		if err != nil {
			return nil, nil, err
		}
		bin, err := os.ReadFile(s.Binaries[p])
		if err != nil {
			return nil, nil, err
		}
		base := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
		base = mutate.ConfigMediaType(base, types.OCIConfigJSON)
		ann := map[string]string{keyBaseName: baseAnn[keyBaseName]}
		if s.Base != "" {
			b, ok := bases[p]
			if !ok {
				return nil, nil, fmt.Errorf("base %s has no %s image", s.Base, p)
			}
			d, err := b.Digest()
			if err != nil {
				return nil, nil, err
			}
			base, ann[keyBaseDigest] = b, d.String()
		}
		l, err := layer(s.layerFiles(bin), s.Created)
		if err != nil {
			return nil, nil, err
		}
		img, err := mutate.Append(base, mutate.Addendum{Layer: l, History: v1.History{
			Created:   v1.Time{Time: s.Created},
			CreatedBy: "internal/cmd/mkimage: tollgate, CA certificates, passwd, group (see Dockerfile)",
		}})
		if err != nil {
			return nil, nil, err
		}
		if img, err = configure(img, s, *plat); err != nil {
			return nil, nil, err
		}
		for k, v := range s.labels() {
			ann[k] = v
		}
		img = mutate.Annotations(img, ann).(v1.Image)
		images[p] = img
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: plat}})
	}
	idx := mutate.AppendManifests(mutate.IndexMediaType(empty.Index, types.OCIImageIndex), adds...)
	idxAnn := s.labels()
	for k, v := range baseAnn {
		idxAnn[k] = v
	}
	return mutate.Annotations(idx, idxAnn).(v1.ImageIndex), images, nil
}

// configure sets what the image runs: tollgate as the non-root user, the
// labels, the platform, and the creation time.
func configure(img v1.Image, s spec, p v1.Platform) (v1.Image, error) {
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	cf.Created = v1.Time{Time: s.Created}
	cf.Config.User = fmt.Sprintf("%d:%d", uid, uid)
	cf.Config.Entrypoint = []string{binaryPath}
	cf.Config.Cmd = []string{"--help"}
	cf.Config.WorkingDir = "/src"
	if s.Base == "" {
		cf.Config.Env = []string{"PATH=/usr/local/bin"}
	}
	cf.Config.Env = append(cf.Config.Env, "HOME="+homeDir, "SSL_CERT_FILE="+certsPath)
	if cf.Config.Labels == nil {
		cf.Config.Labels = map[string]string{}
	}
	for k, v := range s.labels() {
		cf.Config.Labels[k] = v
	}
	return mutate.ConfigFile(img, cf)
}

// pullBase reads the base index and its platform images, and the
// annotations naming it.
func pullBase(s spec) (map[string]v1.Image, map[string]string, error) {
	var opts []name.Option
	if s.Insecure {
		opts = append(opts, name.Insecure)
	}
	ref, err := name.ParseReference(s.Base, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("base %s: %w", s.Base, err)
	}
	if _, pinned := ref.(name.Digest); !pinned {
		return nil, nil, fmt.Errorf("base %s: pin it by digest (name@sha256:...)", s.Base)
	}
	idx, err := remote.Index(ref)
	if err != nil {
		return nil, nil, fmt.Errorf("base %s: %w", s.Base, err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, nil, fmt.Errorf("base %s: %w", s.Base, err)
	}
	out := map[string]v1.Image{}
	for _, d := range im.Manifests {
		if d.Platform == nil || !d.MediaType.IsImage() {
			continue
		}
		key := d.Platform.OS + "/" + d.Platform.Architecture
		if _, want := s.Binaries[key]; !want || out[key] != nil {
			continue
		}
		img, err := idx.Image(d.Digest)
		if err != nil {
			return nil, nil, fmt.Errorf("base %s %s: %w", s.Base, key, err)
		}
		out[key] = img
	}
	// The base is named as given, without its digest, which has its own key.
	named, _, _ := strings.Cut(s.Base, "@")
	return out, map[string]string{keyBaseName: named, keyBaseDigest: ref.Identifier()}, nil
}
