// Package attach stores a signed scan attestation next to a registry
// image, and finds it again, in the layout cosign uses for attestations,
// so `cosign verify-attestation --key` and `tollgate promote --image` both
// read it.
//
// The layout (cosign's specs/ATTESTATION_SPEC.md, pkg/oci/remote): the
// attestations of the image with digest sha256:<hex> are the layers of one
// OCI image manifest tagged sha256-<hex>.att in the image's repository;
// each layer is a DSSE envelope (media type
// application/vnd.dsse.envelope.v1+json) annotated with its predicateType
// and an empty dev.cosignproject.cosign/signature (the signature is inside
// the envelope). cosign verify-attestation reads that tag, also in cosign
// 3 when the image has no Sigstore bundle. An OCI 1.1 referrer holding a
// bare DSSE envelope is read by no cosign verify command, and a Sigstore
// bundle needs transparency-log material tollgate does not make, so the
// tag is what is written.
package attach

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// The annotations and media type of an attestation layer, as cosign
// writes them.
const (
	MediaType           = "application/vnd.dsse.envelope.v1+json"
	AnnotationPredicate = "predicateType"
	// AnnotationSignature is cosign's signature annotation, the one the
	// image scanner reads signatures from.
	AnnotationSignature = image.AnnotationCosignSig
)

// ErrNotFound means the image has no tollgate attestation attached.
var ErrNotFound = errors.New("no tollgate scan attestation is attached to the image")

// maxEnvelope bounds an attestation layer read back.
const maxEnvelope = attest.MaxSize

// Tag is the tag holding the attestations of the image with the given
// digest, in ref's repository.
func Tag(ref name.Reference, digest v1.Hash) name.Tag {
	return ref.Context().Tag(digest.Algorithm + "-" + digest.Hex + ".att")
}

// Attach adds a DSSE envelope holding a tollgate scan statement to the
// attestations of the image with the given digest in ref's repository. An
// earlier tollgate scan attestation there is replaced, so the newest scan
// decides; attestations of other predicate types are kept.
func Attach(ctx context.Context, ref string, digest v1.Hash, envelope []byte, o image.Options) error {
	r, opts, err := o.Remote(ctx, ref)
	if err != nil {
		return err
	}
	tag := Tag(r, digest)
	base, err := existing(tag, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", tag, err)
	}
	layer := static.NewLayer(envelope, MediaType)
	img, err := mutate.Append(base, mutate.Addendum{
		Layer:       layer,
		MediaType:   MediaType,
		Annotations: map[string]string{AnnotationPredicate: attest.PredicateType, AnnotationSignature: ""},
	})
	if err != nil {
		return err
	}
	if err := remote.Write(tag, img, opts...); err != nil {
		return fmt.Errorf("%s: %w", tag, err)
	}
	return nil
}

// existing returns the attestations already at tag, without tollgate's
// own, or an empty attestation image.
func existing(tag name.Tag, opts []remote.Option) (v1.Image, error) {
	base := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	img, err := remote.Image(tag, opts...)
	if image.NotFound(err) {
		return base, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := img.Manifest()
	if err != nil {
		return nil, err
	}
	layers, err := img.Layers()
	if err != nil {
		return nil, err
	}
	var keep []mutate.Addendum
	for i, d := range m.Layers {
		if d.Annotations[AnnotationPredicate] == attest.PredicateType {
			continue
		}
		keep = append(keep, mutate.Addendum{Layer: layers[i], MediaType: d.MediaType, Annotations: d.Annotations})
	}
	return mutate.Append(base, keep...)
}

// Find resolves ref to the digest it names now and returns that digest
// and the envelope of the newest tollgate scan attestation attached to
// it (the last layer of tollgate's predicate type). ErrNotFound when
// there is none; other errors when the registry cannot be read.
func Find(ctx context.Context, ref string, o image.Options) (v1.Hash, []byte, error) {
	r, opts, err := o.Remote(ctx, ref)
	if err != nil {
		return v1.Hash{}, nil, err
	}
	desc, err := remote.Head(r, opts...)
	if err != nil {
		return v1.Hash{}, nil, fmt.Errorf("%s: %w", ref, err)
	}
	tag := Tag(r, desc.Digest)
	img, err := remote.Image(tag, opts...)
	if image.NotFound(err) {
		return desc.Digest, nil, fmt.Errorf("%w (%s resolves to %s; no %s)", ErrNotFound, ref, desc.Digest, tag.TagStr())
	}
	if err != nil {
		return desc.Digest, nil, fmt.Errorf("%s: %w", tag, err)
	}
	m, err := img.Manifest()
	if err != nil {
		return desc.Digest, nil, fmt.Errorf("%s: %w", tag, err)
	}
	for i := len(m.Layers) - 1; i >= 0; i-- {
		d := m.Layers[i]
		if d.Annotations[AnnotationPredicate] != attest.PredicateType {
			continue
		}
		if d.MediaType != MediaType {
			return desc.Digest, nil, fmt.Errorf("%s: tollgate attestation layer of media type %q, want %s", tag, d.MediaType, MediaType)
		}
		if d.Size > maxEnvelope {
			return desc.Digest, nil, fmt.Errorf("%s: attestation layer of %d bytes, over the limit", tag, d.Size)
		}
		l, err := img.LayerByDigest(d.Digest)
		if err != nil {
			return desc.Digest, nil, fmt.Errorf("%s: %w", tag, err)
		}
		rc, err := l.Compressed()
		if err != nil {
			return desc.Digest, nil, fmt.Errorf("%s: %w", tag, err)
		}
		defer rc.Close()
		// go-containerregistry checks the blob against its digest as it
		// is read to the end.
		b, err := io.ReadAll(io.LimitReader(rc, maxEnvelope+1))
		if err != nil {
			return desc.Digest, nil, fmt.Errorf("%s: %w", tag, err)
		}
		if int64(len(b)) > maxEnvelope {
			return desc.Digest, nil, fmt.Errorf("%s: attestation layer over the limit", tag)
		}
		return desc.Digest, b, nil
	}
	return desc.Digest, nil, fmt.Errorf("%w (%s resolves to %s; %s holds no layer of predicate type %s)", ErrNotFound, ref, desc.Digest, tag.TagStr(), attest.PredicateType)
}
