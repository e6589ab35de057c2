package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
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
	type entry struct{ name, sum string }
	var entries []entry
	for _, s := range sources {
		for name, sum := range s.sums {
			entries = append(entries, entry{name, sum})
		}
	}
	// By name, as package checksum sorts a tree listing; two sources may
	// hold one name.
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].name != entries[j].name {
			return entries[i].name < entries[j].name
		}
		return entries[i].sum < entries[j].sum
	})
	lines := make([]string, 0, len(entries)+1)
	for _, e := range entries {
		lines = append(lines, "file "+e.sum+"  "+e.name+"\n")
	}
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return PolicyDigest{}, fmt.Errorf("policy data: %w", err)
		}
		lines = append(lines, "data "+sha256Hex(b)+"\n")
	}
	listing := []byte(strings.Join(lines, ""))
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
