// Package registrytest runs go-containerregistry's in-process registry on
// 127.0.0.1 for tests, and pushes images to it: real registry protocol,
// no network.
package registrytest

import (
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Serve starts a registry and returns its host:port and a function that
// stops it early (it is also stopped when the test ends).
func Serve(t testing.TB) (host string, stop func()) {
	t.Helper()
	return serve(t)
}

// ServeReferrers is Serve with the OCI 1.1 referrers API enabled.
func ServeReferrers(t testing.TB) (host string, stop func()) {
	t.Helper()
	return serve(t, registry.WithReferrersSupport(true))
}

func serve(t testing.TB, opts ...registry.Option) (string, func()) {
	srv := httptest.NewServer(registry.New(append(opts, registry.Logger(log.New(io.Discard, "", 0)))...))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), srv.Close
}

// Push writes img to ref (over plain HTTP: test registries have no TLS)
// and returns its digest.
func Push(t testing.TB, ref string, img v1.Image) v1.Hash {
	t.Helper()
	r, err := name.ParseReference(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r, img); err != nil {
		t.Fatal(err)
	}
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// PushRandom pushes a new random one-layer image to ref: each call gives
// the tag other content.
func PushRandom(t testing.TB, ref string) v1.Hash {
	t.Helper()
	img, err := random.Image(128, 1)
	if err != nil {
		t.Fatal(err)
	}
	return Push(t, ref, img)
}

// PushRandomIndex pushes to ref an index of random two-layer images, one
// per linux architecture given, and returns the index.
func PushRandomIndex(t testing.TB, ref string, archs ...string) v1.ImageIndex {
	t.Helper()
	var adds []mutate.IndexAddendum
	for _, arch := range archs {
		img, err := random.Image(256, 2)
		if err != nil {
			t.Fatal(err)
		}
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: arch}}})
	}
	idx := mutate.AppendManifests(empty.Index, adds...)
	r, err := name.ParseReference(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(r, idx); err != nil {
		t.Fatal(err)
	}
	return idx
}
