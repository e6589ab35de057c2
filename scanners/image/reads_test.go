package image

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// An image tarball is read without a size bound, so its reads must stop
// when the run's context ends (--timeout): a layer read after the end is
// an error, for a docker save tar, an OCI archive and an approved base
// image read from a tarball alike.
func TestTarballReadsStopWithTheContext(t *testing.T) {
	dir := t.TempDir()
	img := randomImage(t)
	saved := filepath.Join(dir, "saved.tar")
	if err := tarball.WriteToFile(saved, name.MustParseReference("registry.example.com/app:1"), img); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "oci.tar")
	tarDir(t, writeLayout(t, img), archive)

	open := map[string]func(context.Context) (v1.Image, error){
		"docker save": func(ctx context.Context) (v1.Image, error) {
			ts, err := load(ctx, Source{Tarball: saved}, Options{})
			if err != nil {
				return nil, err
			}
			return ts[0].img, nil
		},
		"OCI archive": func(ctx context.Context) (v1.Image, error) {
			ts, err := load(ctx, Source{Tarball: archive}, Options{})
			if err != nil {
				return nil, err
			}
			return ts[0].img, nil
		},
		"base image": func(ctx context.Context) (v1.Image, error) {
			imgs, err := OpenImages(ctx, Source{Tarball: saved}, Options{})
			if err != nil {
				return nil, err
			}
			return imgs[0], nil
		},
	}
	for what, open := range open {
		ctx, cancel := context.WithCancel(context.Background())
		img, err := open(ctx)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		layers, err := img.Layers()
		if err != nil || len(layers) == 0 {
			t.Fatalf("%s: layers %v", what, err)
		}
		if err := readLayer(layers[0]); err != nil {
			t.Fatalf("%s: reading a layer before the end: %v", what, err)
		}
		cancel()
		if err := readLayer(layers[1]); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: reading a layer after the end: %v, want %v", what, err, context.Canceled)
		}
	}
}

func readLayer(l v1.Layer) error {
	rc, err := l.Compressed()
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}
