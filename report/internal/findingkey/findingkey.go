// Package findingkey derives the stable, unique identifiers code hosts
// track findings by (GitLab Code Quality fingerprints, GitLab security
// report ids) from a finding's line-independent fingerprint.
package findingkey

import (
	"crypto/sha256"
	"fmt"

	"github.com/tollgate-dev/tollgate/finding"
)

// Keys hands out one key per finding of a report. A code host needs them
// unique within a report; a repeated fingerprint (which upstream should
// never produce) gets a counter, so the keys stay deterministic.
type Keys struct {
	seen map[string]int
}

// Sum returns SHA-256 over namespace and the finding's key: its
// fingerprint, or (for a finding without one) rule, path, resource and
// line. path is the file as the format writes it.
func (k *Keys) Sum(namespace string, f finding.Finding, path string) [sha256.Size]byte {
	if k.seen == nil {
		k.seen = map[string]int{}
	}
	key := f.Fingerprint
	if key == "" {
		key = fmt.Sprintf("%s\x00%s\x00%s\x00%d", f.RuleID, path, f.Resource, f.Location.Line)
	}
	k.seen[key]++
	if n := k.seen[key]; n > 1 {
		key = fmt.Sprintf("%s\x00%d", key, n)
	}
	return sha256.Sum256([]byte(namespace + "\x00" + key))
}
