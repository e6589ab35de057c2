package image

import (
	"context"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Digest resolves a source to the one digest that names it: what a
// deployment pins and what Options.ExpectDigest is compared with. For a
// registry reference it is the digest of the manifest or index the
// registry serves for it now (one request, no layer is read); for a
// tarball or an OCI layout, the digest of the one image or index it
// holds. A tarball or layout holding several is an error: no single
// digest names it. Options.ExpectDigest is ignored.
func Digest(ctx context.Context, src Source, o Options) (v1.Hash, error) {
	o.ExpectDigest = ""
	if src.Reference != "" && src.Tarball == "" && src.Layout == "" {
		desc, err := getRemote(ctx, src.Reference, o)
		if err != nil {
			return v1.Hash{}, err
		}
		return desc.Digest, nil
	}
	targets, err := load(ctx, src, o)
	if err != nil {
		return v1.Hash{}, err
	}
	var out v1.Hash
	for i, t := range targets {
		d, err := targetDigest(t)
		if err != nil {
			return v1.Hash{}, fmt.Errorf("%s: %w", src, err)
		}
		if i > 0 && d != out {
			return v1.Hash{}, fmt.Errorf("%s: holds several images (%s, %s, ...): no one digest names it", src, out, d)
		}
		out = d
	}
	return out, nil
}

// targetDigest is the digest a target is pinned by: its index's when it
// is one platform of a multi-platform image.
func targetDigest(t target) (v1.Hash, error) {
	if t.indexDig != "" {
		return v1.NewHash(t.indexDig)
	}
	return t.img.Digest()
}
