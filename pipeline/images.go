package pipeline

import (
	"context"
	"errors"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/engine"
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

// Images are the container images a run scans.
type Images struct {
	// Refs are registry references, Tars docker save or OCI archives,
	// Layouts OCI image layout directories.
	Refs    []string
	Tars    []string
	Layouts []string
	// Platform ("os/arch[/variant]") narrows multi-platform images.
	Platform string
	// Insecure registry hosts are reached over plain HTTP.
	Insecure []string
	// ExpectDigest, with exactly one image, is the digest it must resolve
	// to (a promotion check).
	ExpectDigest string
}

// Any reports whether an image is named: then the working directory is
// not scanned by default.
func (f Images) Any() bool { return len(f.Refs)+len(f.Tars)+len(f.Layouts) > 0 }

// setup validates the flags, registers the image scanners in scs and
// returns one target per image source, the scanner listing the files eng's
// policies name (imageTriage). Errors are usage errors (exit 2).
func (f Images) setup(ctx context.Context, cfg *config.Config, cfgFile string, eng *engine.Engine, scs map[string]scanners.Scanner) ([]discover.Target, error) {
	if !f.Any() {
		if f.ExpectDigest != "" {
			return nil, errors.New("--expect-digest needs an image: give exactly one --image, --image-tar or --oci-layout")
		}
		return nil, nil
	}
	opts := image.Options{Insecure: f.Insecure, ExpectDigest: f.ExpectDigest}
	if f.ExpectDigest != "" {
		if len(f.Refs)+len(f.Tars)+len(f.Layouts) != 1 {
			return nil, errors.New("--expect-digest applies to exactly one image: give one --image (or one --image-tar or --oci-layout)")
		}
		if _, err := v1.NewHash(f.ExpectDigest); err != nil {
			return nil, fmt.Errorf("--expect-digest %q: %w", f.ExpectDigest, err)
		}
	}
	if f.Platform != "" {
		p, err := v1.ParsePlatform(f.Platform)
		if err != nil {
			return nil, fmt.Errorf("--platform %q: %w", f.Platform, err)
		}
		opts.Platform = p
	}
	// The policies' list is checked before any base image is fetched.
	triage, err := imageTriage(ctx, eng)
	if err != nil {
		return nil, err
	}
	opts.Triage = triage
	bases, err := loadBaseImages(ctx, cfg.ApprovedBaseImages, f.Insecure)
	if err != nil {
		return nil, err
	}
	opts.BaseImages = bases
	for i, p := range cfg.RequireSignedImages {
		keys, err := image.LoadSigningKeys(ctx, []string{p})
		if err != nil {
			at := settingAt(cfg, cfgFile, "require_signed_images", i)
			return nil, fmt.Errorf("%s:%d: require_signed_images: %w", at.File, at.Line, err)
		}
		opts.SigningKeys = append(opts.SigningKeys, keys...)
	}
	sc := &image.Scanner{Options: opts}
	var targets []discover.Target
	add := func(kind string, paths []string) {
		scs[kind] = imageSourceScanner{kind: kind, scanner: sc}
		for _, p := range paths {
			targets = append(targets, discover.Target{Kind: kind, Unit: scanners.Unit{Path: p}})
		}
	}
	add(kindImageRef, f.Refs)
	add(kindImageTar, f.Tars)
	add(kindOCILayout, f.Layouts)
	return targets, nil
}

// credentialFilesRef is the policies' list of credential files
// (policies/lib/credential_files.rego): the files an image document lists
// with their content.
const credentialFilesRef = "data.tollgate.lib.credential_files.patterns"

// imageTriage reads from the policies which image files they want listed
// with their content, so that the scanner reads exactly the files the
// rules judge and holds no list of its own. Policies that declare none
// (--no-builtin) get the neutral listing: nil.
func imageTriage(ctx context.Context, eng *engine.Engine) (*image.Triage, error) {
	v, ok, err := eng.Value(ctx, credentialFilesRef)
	if err != nil || !ok {
		return nil, err
	}
	list, isList := v.([]any)
	if !isList {
		return nil, fmt.Errorf("%s: want an array of {path, except} objects, got %T", credentialFilesRef, v)
	}
	patterns := make([]image.FilePattern, 0, len(list))
	for i, e := range list {
		m, _ := e.(map[string]any)
		path, _ := m["path"].(string)
		except, isString := m["except"].(string)
		if path == "" || (!isString && m["except"] != nil) {
			return nil, fmt.Errorf("%s[%d]: want path and an optional except, both strings", credentialFilesRef, i)
		}
		patterns = append(patterns, image.FilePattern{Path: path, Except: except})
	}
	t, err := image.NewTriage(patterns)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", credentialFilesRef, err)
	}
	return t, nil
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
