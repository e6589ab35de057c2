package dockerfile

import (
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// imageRef is a container image reference in the canonical form rules
// compare against: docker.io/library/ for official images, an explicit tag.
type imageRef struct {
	Registry     string
	Repository   string
	Tag          string
	TagDefaulted bool
	Digest       string
}

// Canonical renders registry/repository[:tag][@digest].
func (r imageRef) Canonical() string {
	s := r.Registry + "/" + r.Repository
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

// parseImageRef normalises a reference the way Docker resolves it. A
// reference with both tag and digest keeps both: the digest is what gets
// pulled, the tag is what the author meant.
func parseImageRef(s string) (imageRef, error) {
	base, dig, hasDigest := strings.Cut(s, "@")
	var r imageRef
	if hasDigest {
		if _, err := v1.NewHash(dig); err != nil {
			return r, fmt.Errorf("invalid digest in image reference %q: %w", s, err)
		}
		r.Digest = dig
	}
	// A tag is the part after the last ':' that follows the last '/'
	// (a ':' before it is a registry port).
	explicitTag := strings.Contains(base[strings.LastIndex(base, "/")+1:], ":")
	tag, err := name.NewTag(base)
	if err != nil {
		return r, fmt.Errorf("invalid image reference %q: %w", s, err)
	}
	r.Registry = tag.RegistryStr()
	if r.Registry == name.DefaultRegistry {
		r.Registry = "docker.io"
	}
	r.Repository = tag.RepositoryStr()
	switch {
	case explicitTag:
		r.Tag = tag.TagStr()
	case !hasDigest:
		r.Tag = tag.TagStr()
		r.TagDefaulted = true
	}
	return r, nil
}
