package image

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"

	"github.com/tollgate-dev/tollgate/fsread"
)

// The layout `cosign sign --key` writes (cosign's specs/SIGNATURE_SPEC.md):
// the signatures of the image with digest sha256:<hex> are the layers of
// the manifest tagged sha256-<hex>.sig in the image's repository, each a
// simple-signing JSON payload with the base64 signature over its bytes in
// an annotation.
const (
	SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"
	AnnotationCosignSig    = "dev.cosignproject.cosign/signature"
	// CosignSigArtifactType is the artifactType of a signature cosign
	// stores as an OCI 1.1 referrer of the image.
	CosignSigArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json"
	simpleSigningType     = "cosign container image signature"
	// maxPayload bounds a signature layer read back: a payload is a few
	// hundred bytes of JSON.
	maxPayload = 1 << 20
)

// Signature statuses, as input.signature.status shows them.
const (
	SignatureVerified     = "verified"
	SignatureMissing      = "missing"
	SignatureInvalid      = "invalid"
	SignatureUnverifiable = "unverifiable"
)

// SigningKey is a public key images must be signed with; Name (the key
// file's name) is what the input and findings show.
type SigningKey struct {
	Name string
	Key  crypto.PublicKey
}

// ParsePublicKey reads a PEM "PUBLIC KEY" (PKIX) as cosign generate-key-pair
// writes it: ECDSA, Ed25519 or RSA.
func ParsePublicKey(keyName string, data []byte) (SigningKey, error) {
	b, _ := pem.Decode(data)
	if b == nil {
		return SigningKey{}, fmt.Errorf("%s: no PEM block: want a PEM public key (cosign.pub)", keyName)
	}
	if b.Type != "PUBLIC KEY" {
		return SigningKey{}, fmt.Errorf("%s: PEM block is %q, want \"PUBLIC KEY\"", keyName, b.Type)
	}
	k, err := x509.ParsePKIXPublicKey(b.Bytes)
	if err != nil {
		return SigningKey{}, fmt.Errorf("%s: %w", keyName, err)
	}
	switch k.(type) {
	case *ecdsa.PublicKey, ed25519.PublicKey, *rsa.PublicKey:
	default:
		return SigningKey{}, fmt.Errorf("%s: unsupported key type %T (want ECDSA, Ed25519 or RSA)", keyName, k)
	}
	return SigningKey{Name: keyName, Key: k}, nil
}

// maxKeyFile bounds a public key file read: a PEM public key is at most a
// few kilobytes (RSA 4096 is under 1 KiB).
const maxKeyFile = 64 << 10

// LoadSigningKeys reads PEM public key files; each key is named by its
// path as given.
func LoadSigningKeys(ctx context.Context, paths []string) ([]SigningKey, error) {
	out := make([]SigningKey, 0, len(paths))
	for _, p := range paths {
		data, err := fsread.ReadFile(ctx, p, maxKeyFile)
		if err != nil {
			return nil, fmt.Errorf("signing key %s: %w", p, err)
		}
		k, err := ParsePublicKey(p, data)
		if err != nil {
			return nil, fmt.Errorf("signing key %w", err)
		}
		out = append(out, k)
	}
	return out, nil
}

// verifyWith reports whether sig is key's signature over payload, the way
// cosign signs: ECDSA and RSA (PKCS #1 v1.5) over SHA-256, Ed25519 over
// the payload itself.
func verifyWith(key crypto.PublicKey, payload, sig []byte) bool {
	switch k := key.(type) {
	case *ecdsa.PublicKey:
		h := sha256.Sum256(payload)
		return ecdsa.VerifyASN1(k, h[:], sig)
	case ed25519.PublicKey:
		return ed25519.Verify(k, payload, sig)
	case *rsa.PublicKey:
		h := sha256.Sum256(payload)
		return rsa.VerifyPKCS1v15(k, crypto.SHA256, h[:], sig) == nil
	}
	return false
}

// simpleSigning is the part of a simple-signing payload that is checked.
type simpleSigning struct {
	Critical struct {
		Type  string `json:"type"`
		Image struct {
			Digest string `json:"docker-manifest-digest"`
		} `json:"image"`
	} `json:"critical"`
}

// CheckPayload checks that a signed simple-signing payload is a cosign
// image signature for digest. It is only called on payloads whose
// signature verified, so its errors say why a genuine signature does not
// cover this image.
func CheckPayload(payload []byte, digest string) error {
	var p simpleSigning
	if err := json.Unmarshal(payload, &p); err != nil {
		return fmt.Errorf("signed payload is not simple-signing JSON: %w", err)
	}
	if p.Critical.Type != simpleSigningType {
		return fmt.Errorf("signed payload has critical.type %q, want %q", p.Critical.Type, simpleSigningType)
	}
	if p.Critical.Image.Digest != digest {
		return fmt.Errorf("signed payload is for %q, not %s", p.Critical.Image.Digest, digest)
	}
	return nil
}

// SignatureTag is the tag holding cosign signatures of the image with
// digest d in repo.
func SignatureTag(repo name.Repository, d v1.Hash) name.Tag {
	return repo.Tag(d.Algorithm + "-" + d.Hex + ".sig")
}

// signatureResult is input.signature.
type signatureResult struct {
	status string
	key    string // the key that verified
	digest string // the digest checked
	reason string // why it is not verified
}

func (r signatureResult) value() map[string]any {
	v := map[string]any{"required": true, "status": r.status, "key": nil, "digest": r.digest, "reason": r.reason}
	if r.key != "" {
		v["key"] = r.key
	}
	return v
}

// checkSignature looks for a signature of t in the registry. A registry
// that cannot be reached is an error (the run cannot decide); a missing or
// bad signature is a result. Registry images are checked at the digest
// their reference resolves to (the index's, for a platform image) and at
// their own manifest digest, since cosign signs either.
func (s *Scanner) checkSignature(ctx context.Context, src Source, t target, mdig v1.Hash) (signatureResult, error) {
	repoRef, digests, why := signatureSubject(src, t, mdig)
	if why != "" {
		return signatureResult{status: SignatureUnverifiable, digest: mdig.String(), reason: why}, nil
	}
	ref, opts, err := s.Options.Remote(ctx, repoRef)
	if err != nil {
		return signatureResult{}, err
	}
	best := signatureResult{status: SignatureMissing, digest: digests[0].String(),
		reason: fmt.Sprintf("no cosign signature at %s or among its referrers", SignatureTag(ref.Context(), digests[0]))}
	for _, d := range digests {
		r, err := checkDigestSignature(ref.Context(), d, s.Options.SigningKeys, opts)
		if err != nil {
			return signatureResult{}, err
		}
		if r.status == SignatureVerified {
			return r, nil
		}
		if r.status == SignatureInvalid && best.status == SignatureMissing {
			best = r
		}
	}
	return best, nil
}

// signatureSubject names the repository reference and the digests to
// look up, or says why an image cannot be looked up.
func signatureSubject(src Source, t target, mdig v1.Hash) (string, []v1.Hash, string) {
	digests := []v1.Hash{mdig}
	if t.indexDig != "" {
		if h, err := v1.NewHash(t.indexDig); err == nil && h != mdig {
			digests = []v1.Hash{h, mdig}
		}
	}
	if src.Reference != "" {
		return t.ref, digests, ""
	}
	if t.dockerSave {
		return "", nil, "a docker save tar does not keep the registry manifest, so its digest is not the one a signature names; scan the pushed image with --image"
	}
	// An OCI archive or layout keeps the manifest; its registry name is in
	// the annotations containerd and buildx write.
	for _, k := range []string{"io.containerd.image.name", "org.opencontainers.image.ref.name"} {
		n := t.indexAnns[k]
		if n == "" || !strings.Contains(n, "/") {
			continue
		}
		if _, err := name.ParseReference(n, name.StrictValidation); err == nil {
			return n, digests, ""
		}
	}
	return "", nil, "the archive names no registry repository (io.containerd.image.name or a full org.opencontainers.image.ref.name), so no signature can be looked up"
}

// checkDigestSignature reads the signatures of one digest: the .sig tag,
// then OCI 1.1 referrers of cosign's signature artifact type (cosign
// --registry-referrers-mode=oci-1-1), the first that verifies deciding.
func checkDigestSignature(repo name.Repository, d v1.Hash, keys []SigningKey, opts []remote.Option) (signatureResult, error) {
	tag := SignatureTag(repo, d)
	res := signatureResult{digest: d.String(), status: SignatureMissing, reason: fmt.Sprintf("no cosign signature at %s or among its referrers", tag)}
	img, err := remote.Image(tag, opts...)
	switch {
	case NotFound(err):
	case err != nil:
		return res, fmt.Errorf("%s: %w", tag, err)
	default:
		r, err := verifyManifest(img, tag.String(), d, keys)
		if err != nil || r.status == SignatureVerified {
			return r, err
		}
		res = r
	}
	subject := repo.Digest(d.String())
	idx, err := remote.Referrers(subject, opts...)
	if err != nil {
		return res, fmt.Errorf("referrers of %s: %w", subject, err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return res, fmt.Errorf("referrers of %s: %w", subject, err)
	}
	for _, desc := range im.Manifests {
		if desc.ArtifactType != CosignSigArtifactType {
			continue
		}
		where := repo.Digest(desc.Digest.String())
		img, err := remote.Image(where, opts...)
		if err != nil {
			return res, fmt.Errorf("%s: %w", where, err)
		}
		r, err := verifyManifest(img, "referrer "+where.String(), d, keys)
		if err != nil || r.status == SignatureVerified {
			return r, err
		}
		if res.status == SignatureMissing {
			res = r
		}
	}
	return res, nil
}

// verifyManifest checks the simple-signing layers of one signature
// manifest (where names it in reasons).
func verifyManifest(img v1.Image, where string, d v1.Hash, keys []SigningKey) (signatureResult, error) {
	res := signatureResult{digest: d.String()}
	m, err := img.Manifest()
	if err != nil {
		return res, fmt.Errorf("%s: %w", where, err)
	}
	res.status, res.reason = SignatureMissing, fmt.Sprintf("%s holds no simple-signing layer", where)
	for _, l := range m.Layers {
		if string(l.MediaType) != SimpleSigningMediaType {
			continue
		}
		key, why, err := verifyLayer(img, l, d, keys)
		if err != nil {
			return res, fmt.Errorf("%s: %w", where, err)
		}
		if key != "" {
			return signatureResult{status: SignatureVerified, key: key, digest: d.String()}, nil
		}
		if res.status == SignatureMissing {
			res.status, res.reason = SignatureInvalid, fmt.Sprintf("%s: %s", where, why)
		}
	}
	return res, nil
}

// verifyLayer returns the name of the key that verifies one signature
// layer for digest d, or why none does.
func verifyLayer(img v1.Image, desc v1.Descriptor, d v1.Hash, keys []SigningKey) (string, string, error) {
	sig, err := base64.StdEncoding.DecodeString(desc.Annotations[AnnotationCosignSig])
	if err != nil || len(sig) == 0 {
		return "", "the signature annotation is empty or not base64", nil
	}
	if desc.Size > maxPayload {
		return "", fmt.Sprintf("the payload is %d bytes, over the %d allowed", desc.Size, maxPayload), nil
	}
	l, err := img.LayerByDigest(desc.Digest)
	if err != nil {
		return "", "", err
	}
	rc, err := l.Compressed() // verified against desc.Digest as it is read
	if err != nil {
		return "", "", err
	}
	defer rc.Close()
	payload, err := io.ReadAll(io.LimitReader(rc, maxPayload))
	if err != nil {
		return "", "", err
	}
	for _, k := range keys {
		if !verifyWith(k.Key, payload, sig) {
			continue
		}
		if err := CheckPayload(payload, d.String()); err != nil {
			return "", err.Error(), nil
		}
		return k.Name, "", nil
	}
	return "", "no signature verifies with the configured keys", nil
}

// NotFound recognises the registry's answer that a reference (a tag, a
// digest, a repository) does not exist: a 404, or one of the distribution
// spec's MANIFEST_UNKNOWN and NAME_UNKNOWN codes. Every caller that tells
// a missing artifact from an unreadable registry uses this one test.
func NotFound(err error) bool {
	var te *transport.Error
	if !errors.As(err, &te) {
		return false
	}
	if te.StatusCode == http.StatusNotFound {
		return true
	}
	for _, e := range te.Errors {
		if e.Code == transport.ManifestUnknownErrorCode || e.Code == transport.NameUnknownErrorCode {
			return true
		}
	}
	return false
}

// checkBaseSignature checks the signature of the base image an image
// records, when it can be resolved: the base annotation names its
// repository and digest (what a build pulled). A base known only by name,
// or matched by layers against an approved image, cannot be resolved to
// what was pulled: nil, no requirement.
func (s *Scanner) checkBaseSignature(ctx context.Context, base map[string]any) (*signatureResult, error) {
	n, _ := base["name"].(string)
	dig, _ := base["digest"].(string)
	if base["source"] != "annotation" || n == "" || dig == "" || strings.EqualFold(n, "scratch") {
		return nil, nil
	}
	d, err := v1.NewHash(dig)
	if err != nil {
		return &signatureResult{status: SignatureUnverifiable, digest: dig, reason: fmt.Sprintf("the base digest %q is not a digest", dig)}, nil
	}
	ref, err := name.ParseReference(n)
	if err != nil {
		return &signatureResult{status: SignatureUnverifiable, digest: dig, reason: fmt.Sprintf("the base name %q is not an image reference", n)}, nil
	}
	ref, opts, err := s.Options.Remote(ctx, ref.Context().Digest(d.String()).String())
	if err != nil {
		return nil, err
	}
	r, err := checkDigestSignature(ref.Context(), d, s.Options.SigningKeys, opts)
	if err != nil {
		return nil, err
	}
	return &r, nil
}
