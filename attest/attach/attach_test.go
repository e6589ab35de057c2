package attach

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/internal/registrytest"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Attaching writes cosign's layout: the sha256-<hex>.att tag whose layers
// are DSSE envelopes annotated with their predicate type. A second
// tollgate attestation replaces the first, another tool's stays, and Find
// returns the newest; an image without one is ErrNotFound.
func TestAttachAndFind(t *testing.T) {
	ctx := context.Background()
	host, _ := registrytest.Serve(t)
	ref := host + "/app:1"
	digest := registrytest.PushRandom(t, ref)
	o := image.Options{}

	if _, _, err := Find(ctx, ref, o); !errors.Is(err, ErrNotFound) {
		t.Fatalf("nothing attached yet: %v", err)
	}
	// Another tool's attestation (an SBOM) is already there.
	tag, err := name.NewTag(host+"/app:sha256-"+digest.Hex+".att", name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	other, err := mutate.Append(empty.Image, mutate.Addendum{
		Layer:       static.NewLayer([]byte(`{"payloadType":"application/vnd.in-toto+json"}`), MediaType),
		MediaType:   MediaType,
		Annotations: map[string]string{AnnotationPredicate: "https://spdx.dev/Document", AnnotationSignature: ""},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, other); err != nil {
		t.Fatal(err)
	}

	for _, env := range []string{`{"first":1}`, `{"second":2}`} {
		if err := Attach(ctx, ref, digest, []byte(env), o); err != nil {
			t.Fatal(err)
		}
	}
	got, b, err := Find(ctx, ref, o)
	if err != nil || got != digest || string(b) != `{"second":2}` {
		t.Fatalf("find: %v %q %v", got, b, err)
	}
	img, err := remote.Image(tag)
	if err != nil {
		t.Fatal(err)
	}
	m, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Layers) != 2 || m.Layers[0].Annotations[AnnotationPredicate] != "https://spdx.dev/Document" ||
		m.Layers[1].Annotations[AnnotationPredicate] != attest.PredicateType || m.Layers[1].MediaType != MediaType ||
		m.MediaType != "application/vnd.oci.image.manifest.v1+json" {
		t.Fatalf("attestation manifest: %+v", m)
	}
	if _, ok := m.Layers[1].Annotations[AnnotationSignature]; !ok {
		t.Error("cosign reads the signature annotation of every layer: it must be there, empty")
	}

	// The tag re-pushed with other content: its attestations stay with
	// the old digest.
	registrytest.PushRandom(t, ref)
	if _, _, err := Find(ctx, ref, o); !errors.Is(err, ErrNotFound) {
		t.Fatalf("re-pushed tag: %v", err)
	}
}
