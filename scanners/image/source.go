package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/transport"
)

// Source says where an image comes from. Exactly one field is set.
type Source struct {
	// Reference is a registry reference (host/repo:tag or @digest).
	Reference string
	// Tarball is a `docker save` tar (one or more images) or an OCI
	// archive (a tar of an OCI layout, as `podman save --format oci-archive`
	// or buildx `type=oci` write).
	Tarball string
	// Layout is an OCI image layout directory.
	Layout string
}

func (s Source) String() string {
	switch {
	case s.Reference != "":
		return s.Reference
	case s.Tarball != "":
		return s.Tarball
	default:
		return s.Layout
	}
}

func (s Source) kind() string {
	switch {
	case s.Reference != "":
		return "registry"
	case s.Tarball != "":
		return "tarball"
	default:
		return "layout"
	}
}

// Options control how images are fetched and what the input holds.
type Options struct {
	// Platform selects images of a multi-platform index ("linux/arm64");
	// nil scans every platform, one document each.
	Platform *v1.Platform
	// ExpectDigest ("sha256:...") is the digest the source must resolve
	// to: the promotion check. Any other digest is a *DigestMismatchError.
	ExpectDigest string
	// Insecure lists registry hosts (host or host:port) reached over plain
	// HTTP besides loopback ones, which always are.
	Insecure []string
	// Keychain authenticates to registries; nil means authn.DefaultKeychain
	// (docker config and credential helpers).
	Keychain authn.Keychain
	// Transport replaces the default HTTP transport (proxies, tests); the
	// connect and TLS handshake timeouts are then its own.
	Transport http.RoundTripper
	// Timeouts bound each registry request; zero fields take the defaults.
	Timeouts Timeouts
	// BaseImages are approved base images; the first whose layers prefix
	// the scanned image's becomes input.base when no annotation names one.
	BaseImages []BaseImage
	// FullFileIndex lists every file of the final filesystem in
	// input.files, not only the ones rules need (see docs/policy-api.md).
	FullFileIndex bool
	// Triage names the files rules want listed with their content (the
	// policies' credential files); nil names none.
	Triage *Triage
	// SigningKeys, when set, make input.signature report whether the image
	// carries a cosign signature that verifies with one of them.
	SigningKeys []SigningKey
}

// BaseImage is a named candidate for MatchBase.
type BaseImage struct {
	Name  string
	Image v1.Image
}

// ErrDigestMismatch is the sentinel inside every *DigestMismatchError.
var ErrDigestMismatch = errors.New("image digest does not match the expected digest")

// DigestMismatchError says the source resolved to another image than the
// one that was tested: promoting it would ship untested content.
type DigestMismatchError struct {
	Source   string
	Expected string
	Actual   string
}

func (e *DigestMismatchError) Error() string {
	return fmt.Sprintf("%s: resolves to %s, expected %s: refusing to promote an image that is not the one tested", e.Source, e.Actual, e.Expected)
}

func (e *DigestMismatchError) Unwrap() error { return ErrDigestMismatch }

// target is one image to scan.
type target struct {
	img       v1.Image
	ref       string            // how users name it
	platform  *v1.Platform      // from the index descriptor, when any
	indexDig  string            // digest of the enclosing index
	indexAnns map[string]string // annotations of the index and of the descriptor
	multi     bool              // one of several images of the source
	// dockerSave: from a docker save manifest.json, which records no
	// layer digests (only the config's diff_ids can be verified).
	dockerSave bool
}

func (o Options) checkDigest(src string, actual v1.Hash) error {
	if o.ExpectDigest == "" {
		return nil
	}
	if o.ExpectDigest != actual.String() {
		return &DigestMismatchError{Source: src, Expected: o.ExpectDigest, Actual: actual.String()}
	}
	return nil
}

// load resolves a source to the images to scan.
func load(ctx context.Context, src Source, o Options) ([]target, error) {
	if o.ExpectDigest != "" {
		if _, err := v1.NewHash(o.ExpectDigest); err != nil {
			return nil, fmt.Errorf("expected digest %q: %w", o.ExpectDigest, err)
		}
	}
	n := 0
	for _, s := range []string{src.Reference, src.Tarball, src.Layout} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return nil, errors.New("image source: set exactly one of Reference, Tarball, Layout")
	}
	switch src.kind() {
	case "registry":
		return loadRemote(ctx, src.Reference, o)
	case "tarball":
		return loadTarball(ctx, src.Tarball, o)
	default:
		if err := checkLayout(ctx, src.Layout); err != nil {
			return nil, fmt.Errorf("%s: %w", src.Layout, err)
		}
		p, err := layout.FromPath(src.Layout)
		if err != nil {
			return nil, fmt.Errorf("%s: not an OCI layout: %w", src.Layout, err)
		}
		idx, err := p.ImageIndex()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Layout, err)
		}
		return fromLayoutIndex(src.Layout, idx, o)
	}
}

// getRemote fetches the descriptor a reference names, with credentials
// from the keychain and plain HTTP only where allowed.
func getRemote(ctx context.Context, s string, o Options) (*remote.Descriptor, error) {
	ref, opts, err := o.Remote(ctx, s)
	if err != nil {
		return nil, err
	}
	desc, err := remote.Get(ref, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s, err)
	}
	return desc, nil
}

// Remote parses a reference and returns the options every registry
// request of a scan uses: credentials from the keychain, the per-step
// timeouts, and plain HTTP only to loopback or insecure registries. Other
// packages that reach the scanned registries (attaching attestations)
// use it, so they reach them alike.
func (o Options) Remote(ctx context.Context, s string) (name.Reference, []remote.Option, error) {
	ref, err := name.ParseReference(s)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: invalid image reference: %w", s, err)
	}
	if host := ref.Context().RegistryStr(); transport.IsLoopback(host) || slices.Contains(o.Insecure, host) {
		if ref, err = name.ParseReference(s, name.Insecure); err != nil {
			return nil, nil, fmt.Errorf("%s: invalid image reference: %w", s, err)
		}
	}
	kc := o.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	return ref, []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(kc),
		remote.WithTransport(transport.New(o.Transport, o.Timeouts, "registry", o.Insecure)),
	}, nil
}

// OpenImages reads every platform image a source holds, with the same
// access rules as a scan, without scanning them: approved base images read
// for layer matching. Each image reports the digest users pin for it, the
// index digest for a multi-platform image.
func OpenImages(ctx context.Context, src Source, o Options) ([]v1.Image, error) {
	switch {
	case src.Reference != "":
		desc, err := getRemote(ctx, src.Reference, o)
		if err != nil {
			return nil, err
		}
		if !desc.MediaType.IsIndex() {
			img, err := desc.Image()
			return []v1.Image{img}, err
		}
		idx, err := desc.ImageIndex()
		if err != nil {
			return nil, err
		}
		return indexImages(idx)
	case src.Tarball != "":
		img, err := tarball.Image(opener(ctx, src.Tarball), nil)
		if err != nil {
			return nil, err
		}
		return []v1.Image{img}, nil
	case src.Layout != "":
		if err := checkLayout(ctx, src.Layout); err != nil {
			return nil, err
		}
		idx, err := layout.ImageIndexFromPath(src.Layout)
		if err != nil {
			return nil, err
		}
		return indexImages(idx)
	}
	return nil, errors.New("no image source")
}

// indexImages lists the platform images of an index (nested indexes
// included), each reporting the top index's digest.
func indexImages(idx v1.ImageIndex) ([]v1.Image, error) {
	dig, err := idx.Digest()
	if err != nil {
		return nil, err
	}
	var out []v1.Image
	var walk func(v1.ImageIndex) error
	walk = func(ix v1.ImageIndex) error {
		m, err := ix.IndexManifest()
		if err != nil {
			return err
		}
		for _, d := range m.Manifests {
			switch {
			case d.MediaType.IsIndex():
				child, err := ix.ImageIndex(d.Digest)
				if err != nil {
					return err
				}
				if err := walk(child); err != nil {
					return err
				}
			case d.MediaType.IsImage():
				img, err := ix.Image(d.Digest)
				if err != nil {
					return err
				}
				out = append(out, indexDigestImage{Image: img, digest: dig})
			}
		}
		return nil
	}
	return out, walk(idx)
}

// indexDigestImage is a platform image named by its index's digest.
type indexDigestImage struct {
	v1.Image
	digest v1.Hash
}

func (i indexDigestImage) Digest() (v1.Hash, error) { return i.digest, nil }

func loadRemote(ctx context.Context, s string, o Options) ([]target, error) {
	desc, err := getRemote(ctx, s, o)
	if err != nil {
		return nil, err
	}
	if err := o.checkDigest(s, desc.Digest); err != nil {
		return nil, err
	}
	if desc.MediaType.IsIndex() {
		idx, err := desc.ImageIndex()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
		return fromIndex(s, idx, nil, o)
	}
	img, err := desc.Image()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s, err)
	}
	return []target{{img: img, ref: s}}, nil
}

// fromIndex expands an index (recursively) into its platform images.
func fromIndex(ref string, idx v1.ImageIndex, inherited map[string]string, o Options) ([]target, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	dig, err := idx.Digest()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	var out []target
	var seen []string
	for _, d := range im.Manifests {
		anns := map[string]string{}
		for k, v := range inherited {
			anns[k] = v
		}
		for k, v := range im.Annotations {
			anns[k] = v
		}
		for k, v := range d.Annotations {
			anns[k] = v
		}
		switch {
		case d.MediaType.IsIndex():
			child, err := idx.ImageIndex(d.Digest)
			if err != nil {
				return nil, fmt.Errorf("%s: index %s: %w", ref, d.Digest, err)
			}
			ts, err := fromIndex(ref, child, anns, o)
			if err != nil {
				return nil, err
			}
			out = append(out, ts...)
		case d.MediaType.IsImage():
			if isAttestation(d) {
				continue
			}
			if d.Platform != nil {
				seen = append(seen, d.Platform.String())
			}
			if o.Platform != nil && (d.Platform == nil || !d.Platform.Satisfies(*o.Platform)) {
				continue
			}
			img, err := idx.Image(d.Digest)
			if err != nil {
				return nil, fmt.Errorf("%s: image %s: %w", ref, d.Digest, err)
			}
			out = append(out, target{img: img, ref: ref, platform: d.Platform, indexDig: dig.String(), indexAnns: anns})
		}
	}
	if len(out) == 0 {
		if o.Platform != nil {
			return nil, fmt.Errorf("%s: no image for platform %s (index has: %s)", ref, o.Platform, strings.Join(seen, ", "))
		}
		return nil, fmt.Errorf("%s: index lists no images", ref)
	}
	for i := range out {
		out[i].multi = len(out) > 1
	}
	return out, nil
}

// isAttestation recognises buildkit's provenance/SBOM manifests, which are
// listed in indexes with an unknown/unknown platform.
func isAttestation(d v1.Descriptor) bool {
	if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
		return true
	}
	return d.Platform != nil && d.Platform.OS == "unknown" && d.Platform.Architecture == "unknown"
}

// fromLayoutIndex treats each top-level entry of an OCI layout's
// index.json as one image (or index) named by its ref.name annotation.
func fromLayoutIndex(src string, idx v1.ImageIndex, o Options) ([]target, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	if len(im.Manifests) == 0 {
		return nil, fmt.Errorf("%s: OCI layout lists no images", src)
	}
	var out []target
	var mismatch error
	for _, d := range im.Manifests {
		ref := src
		if n := d.Annotations["org.opencontainers.image.ref.name"]; n != "" {
			ref = src + ":" + n
		}
		if err := o.checkDigest(src, d.Digest); err != nil {
			mismatch = err
			continue
		}
		switch {
		case d.MediaType.IsIndex():
			child, err := idx.ImageIndex(d.Digest)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", src, err)
			}
			ts, err := fromIndex(ref, child, d.Annotations, o)
			if err != nil {
				return nil, err
			}
			out = append(out, ts...)
		case d.MediaType.IsImage():
			if o.Platform != nil && d.Platform != nil && !d.Platform.Satisfies(*o.Platform) {
				continue
			}
			img, err := idx.Image(d.Digest)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", src, err)
			}
			out = append(out, target{img: img, ref: ref, platform: d.Platform, indexAnns: d.Annotations})
		}
	}
	if len(out) == 0 && mismatch != nil {
		return nil, mismatch
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no image for platform %v", src, o.Platform)
	}
	for i := range out {
		out[i].multi = out[i].multi || len(out) > 1
	}
	return out, nil
}

// loadTarball reads a docker save tar (manifest.json) or an OCI archive
// (index.json + blobs/): newer docker save writes both, and manifest.json
// is preferred because it carries the repo tags.
func loadTarball(ctx context.Context, path string, o Options) ([]target, error) {
	f, err := fsread.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ar, err := indexTar(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	_, hasManifest := ar.entries["manifest.json"]
	_, hasIndex := ar.entries["index.json"]
	switch {
	case hasManifest:
		m, err := tarball.LoadManifest(opener(ctx, path))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		untagged := slices.ContainsFunc(m, func(d tarball.Descriptor) bool { return len(d.RepoTags) == 0 })
		if len(m) > 1 && untagged && hasIndex {
			break // the OCI index names every image, tagged or not
		}
		if len(m) > 1 && untagged {
			return nil, fmt.Errorf("%s: %d images, some without a tag: save them with tags or one per tar", path, len(m))
		}
		var out []target
		var mismatch error
		for _, d := range m {
			var tag *name.Tag
			ref := filepath.ToSlash(path)
			if len(d.RepoTags) > 0 {
				t, err := name.NewTag(d.RepoTags[0])
				if err != nil {
					return nil, fmt.Errorf("%s: tag %q: %w", path, d.RepoTags[0], err)
				}
				if len(m) > 1 {
					tag = &t
				}
				ref = d.RepoTags[0]
			}
			img, err := tarball.Image(opener(ctx, path), tag)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			dig, err := img.Digest()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if err := o.checkDigest(path, dig); err != nil {
				mismatch = err
				continue
			}
			out = append(out, target{img: img, ref: ref, multi: len(m) > 1, dockerSave: true})
		}
		if len(out) == 0 {
			return nil, mismatch
		}
		return out, nil
	case !hasIndex:
		return nil, fmt.Errorf("%s: neither a docker save tar (manifest.json) nor an OCI archive (index.json)", path)
	}
	idx, err := ar.index(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fromLayoutIndex(filepath.ToSlash(path), idx, o)
}

// opener opens an image tarball for go-containerregistry, which opens it
// again for each layer: only as a regular file (a FIFO would block the
// open), and with reads that stop when the run's context ends (a tarball
// is too large to bound, but a scan must end with --timeout).
func opener(ctx context.Context, path string) tarball.Opener {
	return func() (io.ReadCloser, error) { return fsread.Open(ctx, path) }
}

// checkLayout refuses an OCI layout whose index.json is not a regular
// file, or is over maxManifestSize, before go-containerregistry reads it
// whole with os.ReadFile (which would block on a FIFO and never end on
// /dev/zero). The library itself refuses blobs that are not regular files.
// A missing index.json is left to the library's "not an OCI layout".
func checkLayout(ctx context.Context, dir string) error {
	_, err := fsread.ReadFile(ctx, filepath.Join(dir, "index.json"), maxManifestSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
