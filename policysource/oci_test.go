package policysource

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// countingRegistry is go-containerregistry's registry on 127.0.0.1,
// counting the blob downloads it serves.
type countingRegistry struct {
	host string
	srv  *httptest.Server
	mu   sync.Mutex
	gets int
}

func serveRegistry(t *testing.T) *countingRegistry {
	t.Helper()
	r := &countingRegistry{}
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method == http.MethodGet && strings.Contains(req.URL.Path, "/blobs/") {
			r.mu.Lock()
			r.gets++
			r.mu.Unlock()
		}
		reg.ServeHTTP(w, req)
	}))
	t.Cleanup(r.srv.Close)
	r.host = strings.TrimPrefix(r.srv.URL, "http://")
	return r
}

func (r *countingRegistry) blobGets() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.gets
}

// bundleImage lays a bundle out as OPA and `oras push` do: an OCI image
// manifest, an OCI config, the tarball as the tar+gzip layer.
func bundleImage(t *testing.T, bundle []byte) v1.Image {
	t.Helper()
	img, err := mutate.Append(empty.Image, mutate.Addendum{Layer: static.NewLayer(bundle, types.OCILayer)})
	if err != nil {
		t.Fatal(err)
	}
	return mutate.ConfigMediaType(mutate.MediaType(img, types.OCIManifestSchema1), types.OCIConfigJSON)
}

// A bundle pushed as an OCI artifact is pulled by tag and by digest; an
// unchanged tag downloads no blob again; a re-pushed tag brings the new
// digest's bundle.
func TestOCIPullByTagAndDigest(t *testing.T) {
	reg := serveRegistry(t)
	v1b, v2b := testBundle(t, "v1"), testBundle(t, "v2")
	d1 := registrytest.Push(t, reg.host+"/org/policy:stable", bundleImage(t, v1b))
	o := testOptions(t, &clock{t: time.Now().UTC()})

	tag := "oci://" + reg.host + "/org/policy:stable"
	p, diags := resolveOne(t, tag, o, v1b)
	if p.Name != tag || len(diags) != 0 {
		t.Fatalf("by tag: %+v %+v", p, diags)
	}
	if m := readMeta(t, o, tag); m.Digest != d1.String() {
		t.Fatalf("meta digest %s, want %s", m.Digest, d1)
	}
	gets := reg.blobGets()
	resolveOne(t, tag, o, v1b)
	if reg.blobGets() != gets {
		t.Fatalf("an unchanged tag downloaded %d blobs again", reg.blobGets()-gets)
	}

	byDigest := "oci://" + reg.host + "/org/policy@" + d1.String()
	resolveOne(t, byDigest, o, v1b)

	d2 := registrytest.Push(t, reg.host+"/org/policy:stable", bundleImage(t, v2b))
	resolveOne(t, tag, o, v2b)
	if m := readMeta(t, o, tag); m.Digest != d2.String() || d2 == d1 {
		t.Fatalf("re-pushed tag: meta digest %s, want %s", m.Digest, d2)
	}

	// A cached digest needs no registry; a tag falls back with a warning.
	reg.srv.Close()
	if _, diags := resolveOne(t, byDigest, o, v1b); len(diags) != 0 {
		t.Fatalf("a cached digest reference needs no registry, got %+v", diags)
	}
	_, diags = resolveOne(t, tag, o, v2b)
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Message, "policy "+tag+": ") || !strings.Contains(diags[0].Message, "connection refused") ||
		!strings.Contains(diags[0].Message, "using the cached copy last confirmed") {
		t.Fatalf("registry down: %+v", diags)
	}
	_, err := Resolve(context.Background(), []string{"oci://" + reg.host + "/org/other:1"}, o)
	if err == nil || !strings.Contains(err.Error(), "policy oci://"+reg.host+"/org/other:1: ") || !strings.Contains(err.Error(), "no cached copy") {
		t.Fatalf("registry down, nothing cached: %v", err)
	}
}

// An index is searched for the bundle manifest, skipping attestations.
func TestOCIIndex(t *testing.T) {
	reg := serveRegistry(t)
	b := testBundle(t, "v1")
	attestation := mutate.IndexAddendum{Add: bundleImage(t, testBundle(t, "attestation")), Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "unknown", Architecture: "unknown"}}}
	idx := mutate.AppendManifests(empty.Index, attestation, mutate.IndexAddendum{Add: bundleImage(t, b)})
	ref, err := name.ParseReference(reg.host+"/org/policy:idx", name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(ref, idx); err != nil {
		t.Fatal(err)
	}
	resolveOne(t, "oci://"+reg.host+"/org/policy:idx", testOptions(t, &clock{t: time.Now()}), b)
}

// A missing tag is an error even with a cached copy; an image that is no
// bundle and a layer over the limit are errors.
func TestOCIErrors(t *testing.T) {
	reg := serveRegistry(t)
	b := testBundle(t, "v1")
	registrytest.Push(t, reg.host+"/org/policy:v1", bundleImage(t, b))
	registrytest.Push(t, reg.host+"/org/policy:big", bundleImage(t, b))
	img, err := random.Image(128, 1)
	if err != nil {
		t.Fatal(err)
	}
	registrytest.Push(t, reg.host+"/org/app:1", img)
	o := testOptions(t, &clock{t: time.Now()})
	resolveOne(t, "oci://"+reg.host+"/org/policy:v1", o, b)

	cases := map[string]struct {
		ref     string
		maxSize int64
		want    string
	}{
		"unknown tag":    {"/org/policy:gone", 0, "MANIFEST_UNKNOWN"},
		"unknown repo":   {"/org/nothing:v1", 0, "NAME_UNKNOWN"},
		"not a bundle":   {"/org/app:1", 0, "has no application/vnd.oci.image.layer.v1.tar+gzip layer: not an OPA bundle"},
		"over the limit": {"/org/policy:big", 64, "over the 64 bytes limit (--max-bundle-size)"},
		"invalid":        {"/org/Policy:v1", 0, "invalid OCI reference"},
	}
	t.Run("deleted after it was cached", func(t *testing.T) {
		ref, err := name.ParseReference(reg.host+"/org/policy:v1", name.Insecure)
		if err != nil {
			t.Fatal(err)
		}
		if err := remote.Delete(ref); err != nil {
			t.Fatal(err)
		}
		_, err = Resolve(context.Background(), []string{"oci://" + reg.host + "/org/policy:v1"}, o)
		if err == nil || !strings.Contains(err.Error(), "MANIFEST_UNKNOWN") {
			t.Fatalf("a withdrawn bundle must not live on from the cache: %v", err)
		}
	})
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			opts := o
			opts.MaxSize = c.maxSize
			_, err := Resolve(context.Background(), []string{"oci://" + reg.host + c.ref}, opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %s", err, c.want)
			}
		})
	}
}

// A user:pass@ mistyped into an OCI reference is not shown: go-containerregistry
// quotes the reference it cannot parse, and the error must not carry it.
func TestOCIReferenceCredentialsAreRedacted(t *testing.T) {
	const pass = "hunter2-oci"
	for _, ref := range []string{
		"oci://ci:" + pass + "@127.0.0.1:1/org/policy:v1",
		"oci://ci:" + pass + "@registry.example.com/org/policy:v1",
		"OCI://ci:" + pass + "@registry.example.com/org/policy:v1",
		"oci://ci:" + pass + "@registry.example.com",
		"oci://ci:" + pass + "@registry.example.com:5000",
	} {
		_, err := Resolve(context.Background(), []string{ref}, Options{CacheDir: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), "invalid OCI reference") {
			t.Fatalf("%s: err = %v, want an invalid reference", Redact(ref), err)
		}
		if strings.Contains(err.Error(), pass) {
			t.Errorf("credential shown: %v", err)
		}
		if !strings.Contains(err.Error(), "[REDACTED]@") {
			t.Errorf("the reference is not named: %v", err)
		}
	}
}
