package policysource

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	ggcrtransport "github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/transport"
)

// maxIndexDepth bounds the image indexes walked to find a bundle manifest:
// a registry must not send the fetch round a cycle or down a deep chain.
const maxIndexDepth = 4

// fetchOCI brings the bundle at an OCI reference into the cache. The
// layout is OPA's (and `oras push`'s for OPA): an image manifest whose
// first application/vnd.oci.image.layer.v1.tar+gzip layer is the bundle
// tarball; an image index is searched for such a manifest. A reference by
// digest that is cached needs no registry at all; a tag is resolved to its
// digest, and the layer is downloaded only when that digest is new.
func (f *fetcher) fetchOCI(ctx context.Context, s, refName string, c lookup) (entry, error) {
	ref, err := parseReference(s, refName)
	if err != nil {
		return entry{}, err
	}
	if transport.IsLoopback(ref.Context().RegistryStr()) {
		if ref, err = parseReference(s, refName, name.Insecure); err != nil {
			return entry{}, err
		}
	}
	key, cached, haveCache := c.key, c.entry, c.ok
	if d, ok := ref.(name.Digest); ok && haveCache && cached.meta.Digest == d.DigestStr() {
		// Content-addressed: what the registry would send is what is here.
		return f.cache.touch(key, cached), nil
	}
	ropts := []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(f.o.Keychain),
		remote.WithTransport(transport.New(f.o.Transport, f.o.Timeouts, "registry", nil)),
	}
	desc, err := remote.Get(ref, ropts...)
	if err != nil {
		return entry{}, classifyRegistry(err)
	}
	if haveCache && cached.meta.Digest == desc.Digest.String() {
		return f.cache.touch(key, cached), nil
	}
	layer, err := bundleLayer(ref.Context(), desc, ropts, 0)
	if err != nil {
		return entry{}, err
	}
	if layer.Size > f.o.MaxSize {
		return entry{}, tooLarge(layer.Size, f.o.MaxSize)
	}
	l, err := remote.Layer(ref.Context().Digest(layer.Digest.String()), ropts...)
	if err != nil {
		return entry{}, classifyRegistry(err)
	}
	// The reader checks the blob against its digest and size at the end.
	rc, err := l.Compressed()
	if err != nil {
		return entry{}, classifyRegistry(err)
	}
	defer rc.Close()
	tmp, sum, err := f.download(key, rc)
	if err != nil {
		return entry{}, classifyRegistry(err)
	}
	if "sha256:"+sum != layer.Digest.String() {
		return entry{}, fmt.Errorf("bundle layer is %s, the manifest says %s", sum, layer.Digest)
	}
	now := f.o.Now().UTC()
	return f.cache.store(key, tmp, meta{Source: refName, SHA256: sum, Digest: desc.Digest.String(), Fetched: now, Checked: now})
}

// parseReference parses s, the reference after oci://. refName is the
// reference as users see it (Redact): go-containerregistry's error quotes
// s, and with it a user:pass@ typed into it, so the error shows refName's
// form of s instead.
func parseReference(s, refName string, opts ...name.Option) (name.Reference, error) {
	ref, err := name.ParseReference(s, opts...)
	if err != nil {
		_, shown, _ := strings.Cut(refName, "://")
		return nil, fmt.Errorf("invalid OCI reference: %s", strings.ReplaceAll(err.Error(), s, shown))
	}
	return ref, nil
}

// bundleLayer finds the bundle's layer in the manifest desc describes,
// or in the first manifest of an index that has one (OPA's rule), skipping
// the attestation manifests buildx adds under the platform unknown/unknown.
func bundleLayer(repo name.Repository, desc *remote.Descriptor, ropts []remote.Option, depth int) (v1.Descriptor, error) {
	if !desc.MediaType.IsIndex() {
		m, err := v1.ParseManifest(bytes.NewReader(desc.Manifest))
		if err != nil {
			return v1.Descriptor{}, fmt.Errorf("manifest %s: %w", desc.Digest, err)
		}
		for _, l := range m.Layers {
			if l.MediaType == types.OCILayer {
				return l, nil
			}
		}
		return v1.Descriptor{}, fmt.Errorf("manifest %s has no %s layer: not an OPA bundle", desc.Digest, types.OCILayer)
	}
	if depth >= maxIndexDepth {
		return v1.Descriptor{}, fmt.Errorf("image index %s is nested more than %d levels deep", desc.Digest, maxIndexDepth)
	}
	idx, err := v1.ParseIndexManifest(bytes.NewReader(desc.Manifest))
	if err != nil {
		return v1.Descriptor{}, fmt.Errorf("image index %s: %w", desc.Digest, err)
	}
	for _, m := range idx.Manifests {
		if m.Platform != nil && m.Platform.OS == "unknown" && m.Platform.Architecture == "unknown" {
			continue
		}
		child, err := remote.Get(repo.Digest(m.Digest.String()), ropts...)
		if err != nil {
			return v1.Descriptor{}, classifyRegistry(err)
		}
		if l, err := bundleLayer(repo, child, ropts, depth+1); err == nil {
			return l, nil
		} else if errors.As(err, new(*unreachableError)) {
			return v1.Descriptor{}, err
		}
	}
	return v1.Descriptor{}, fmt.Errorf("no manifest in image index %s has a %s layer: not an OPA bundle", desc.Digest, types.OCILayer)
}

// classifyRegistry is classify for registry errors: a registry that
// answers 5xx or 429 is down; one that answers 404, 401 or 403 is up and
// says no.
func classifyRegistry(err error) error {
	var te *ggcrtransport.Error
	if errors.As(err, &te) {
		if te.StatusCode == http.StatusRequestTimeout || te.StatusCode == http.StatusTooManyRequests || te.StatusCode >= 500 {
			return &unreachableError{err}
		}
		return err
	}
	return classify(err)
}
