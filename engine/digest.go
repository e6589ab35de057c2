package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/tollgate-dev/tollgate/checksum/tree"
)

// PolicyDigest identifies the set of rules a run evaluated, so a later
// stage can require that the same policies ran (tollgate promote
// --policy-digest) wherever they were installed.
//
// It is the SHA-256 of the policy listing: one line
// "file <sha256 of the file's bytes>  <name>\n" per Rego module loaded
// (test files are not loaded), sorted byte-wise (package checksum's tree
// listing, docs/checksum.md), then, when the policies ship data (OPA
// bundles), the line "data <sha256>\n" over the JSON of all their data
// merged (encoding/json: object keys sorted, no spaces). A module's name
// does not depend on where the policies are: built-in rules are their path
// among the embedded rules, a --policy directory's files their path inside
// it, a .rego file its base name, a bundle's modules their path inside the
// bundle. So the built-in rules alone have the digest `tollgate version`
// prints. Rules disabled by the configuration are still listed (the
// configuration digest covers that), and data.tollgate.config is not data.
type PolicyDigest struct {
	// Digest is "sha256:<hex>" over the listing.
	Digest string
	// Modules counts the modules listed.
	Modules int
	// Listing is what Digest hashes.
	Listing []byte
}

// PolicyDigest identifies the policy set the engine loaded.
func (e *Engine) PolicyDigest() PolicyDigest { return e.digest }

func policyDigest(sources []source, data map[string]any) (PolicyDigest, error) {
	var entries []tree.Entry
	for _, s := range sources {
		for name, sum := range s.sums {
			entries = append(entries, tree.Entry{Path: name, Mode: tree.File, SHA256: sum})
		}
	}
	// Two sources may hold one name: tree.Sort orders them by checksum.
	tree.Sort(entries)
	listing := tree.Listing(entries)
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return PolicyDigest{}, fmt.Errorf("policy data: %w", err)
		}
		listing = append(listing, "data "+sha256Hex(b)+"\n"...)
	}
	sum := sha256.Sum256(listing)
	n := 0
	for _, s := range sources {
		n += len(s.sums)
	}
	return PolicyDigest{Digest: "sha256:" + hex.EncodeToString(sum[:]), Modules: n, Listing: listing}, nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
