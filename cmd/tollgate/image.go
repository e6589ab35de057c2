package main

import (
	"context"
	"errors"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Kinds of image target. Discovery never produces them: images are named
// by flags, not found in directories.
const (
	kindImageRef  = "image"
	kindImageTar  = "image-tar"
	kindOCILayout = "oci-layout"
)

// imageFlags are the `tollgate scan` flags that name container images.
type imageFlags struct {
	refs         []string
	tars         []string
	layouts      []string
	platform     string
	insecure     []string
	expectDigest string
}

func (f *imageFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.refs, "image", nil, "scan the registry image `REF` (host/repo:tag or @sha256:...), repeatable")
	fs.StringArrayVar(&f.tars, "image-tar", nil, "scan a docker save or OCI archive `FILE`, repeatable")
	fs.StringArrayVar(&f.layouts, "oci-layout", nil, "scan an OCI image layout `DIR`, repeatable")
	fs.StringVar(&f.platform, "platform", "", "scan only this `os/arch[/variant]` of multi-platform images (default all)")
	fs.StringArrayVar(&f.insecure, "insecure-registry", nil, "reach registry `HOST` over plain HTTP (loopback registries always are), repeatable")
	fs.StringVar(&f.expectDigest, "expect-digest", "", "with one image: fail (exit 2) unless it resolves to `sha256:...` (promotion check)")
}

// any reports whether an image flag was given: then the working directory
// is not scanned by default.
func (f *imageFlags) any() bool { return len(f.refs)+len(f.tars)+len(f.layouts) > 0 }

// setup validates the flags, registers the image scanners in scs and
// returns one target per image source. Errors are usage errors (exit 2).
func (f *imageFlags) setup(ctx context.Context, cfg *config.Config, scs map[string]scanners.Scanner) ([]discover.Target, error) {
	if !f.any() {
		if f.expectDigest != "" {
			return nil, errors.New("--expect-digest needs an image: give exactly one --image, --image-tar or --oci-layout")
		}
		return nil, nil
	}
	opts := image.Options{Insecure: f.insecure, ExpectDigest: f.expectDigest}
	if f.expectDigest != "" {
		if len(f.refs)+len(f.tars)+len(f.layouts) != 1 {
			return nil, errors.New("--expect-digest applies to exactly one image: give one --image (or one --image-tar or --oci-layout)")
		}
		if _, err := v1.NewHash(f.expectDigest); err != nil {
			return nil, fmt.Errorf("--expect-digest %q: %w", f.expectDigest, err)
		}
	}
	if f.platform != "" {
		p, err := v1.ParsePlatform(f.platform)
		if err != nil {
			return nil, fmt.Errorf("--platform %q: %w", f.platform, err)
		}
		opts.Platform = p
	}
	bases, err := loadBaseImages(ctx, cfg.ApprovedBaseImages, f.insecure)
	if err != nil {
		return nil, err
	}
	opts.BaseImages = bases
	sc := &image.Scanner{Options: opts}
	var targets []discover.Target
	add := func(kind string, paths []string) {
		scs[kind] = imageSourceScanner{kind: kind, scanner: sc}
		for _, p := range paths {
			targets = append(targets, discover.Target{Kind: kind, Unit: scanners.Unit{Path: p}})
		}
	}
	add(kindImageRef, f.refs)
	add(kindImageTar, f.tars)
	add(kindOCILayout, f.layouts)
	return targets, nil
}

// imageSourceScanner adapts the image scanner to one kind of source, so a
// reference is never mistaken for a local file of the same name.
type imageSourceScanner struct {
	kind    string
	scanner *image.Scanner
}

func (s imageSourceScanner) Name() string { return s.scanner.Name() }

func (s imageSourceScanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	var src image.Source
	switch s.kind {
	case kindImageTar:
		src.Tarball = u.Path
	case kindOCILayout:
		src.Layout = u.Path
	default:
		src.Reference = u.Path
	}
	return s.scanner.ScanSource(ctx, src)
}

// loadBaseImages reads the approved images that name where they can be
// read (image, tarball or layout), so images without base annotations can
// be matched by their first layers. A multi-platform base contributes one
// candidate per platform, each carrying the index digest: that is the
// digest a FROM line pins and an approved entry lists.
func loadBaseImages(ctx context.Context, approved []config.ApprovedImage, insecure []string) ([]image.BaseImage, error) {
	var out []image.BaseImage
	for _, a := range approved {
		src := image.Source{Reference: a.Image, Tarball: a.Tarball, Layout: a.Layout}
		if src == (image.Source{}) {
			continue
		}
		label := a.Pattern
		if a.Image != "" {
			label = a.Image
		}
		imgs, err := image.OpenImages(ctx, src, image.Options{Insecure: insecure})
		if err != nil {
			return nil, fmt.Errorf("approved base image %s: %w", label, err)
		}
		for _, img := range imgs {
			out = append(out, image.BaseImage{Name: label, Image: img})
		}
	}
	return out, nil
}
