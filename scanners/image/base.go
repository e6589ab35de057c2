package image

import v1 "github.com/google/go-containerregistry/pkg/v1"

// Layers returns an image's layer diff IDs (digests of the uncompressed
// layers) from its config: they survive recompression, unlike the
// compressed digests in the manifest.
func Layers(img v1.Image) ([]v1.Hash, error) {
	cfg, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	return cfg.RootFS.DiffIDs, nil
}

// MatchBase reports which candidate base image img was built on: the
// candidate whose layers are a prefix of img's, preferring the longest
// (an image built on a distro that an approved base also extends matches
// the approved base, not the distro). Candidates with no layers or whose
// config cannot be read never match.
func MatchBase(img v1.Image, candidates []v1.Image) (int, bool) {
	layers, err := Layers(img)
	if err != nil {
		return -1, false
	}
	best, bestLen := -1, 0
	for i, c := range candidates {
		cl, err := Layers(c)
		if err != nil || len(cl) == 0 || len(cl) > len(layers) || len(cl) <= bestLen {
			continue
		}
		prefix := true
		for j := range cl {
			if cl[j] != layers[j] {
				prefix = false
				break
			}
		}
		if prefix {
			best, bestLen = i, len(cl)
		}
	}
	return best, best >= 0
}
