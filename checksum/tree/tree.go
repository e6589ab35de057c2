// Package tree is the listing a directory checksum hashes (docs/checksum.md),
// kept apart from package checksum so that what only needs the listing (the
// policy digest of the engine, the embedded policy set's digest) does not
// pull in image and file-system code.
package tree

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Mode is what an entry of a directory is.
type Mode string

// The modes of a directory entry. Exec is a regular file with any
// executable bit set: a script that lost or gained its bit deploys
// differently.
const (
	File    Mode = "file"
	Exec    Mode = "exec"
	Symlink Mode = "symlink"
)

// Entry is one file, executable or symlink inside a hashed directory.
// Directories themselves are not entries: an empty directory is not
// recorded (as in git).
type Entry struct {
	// Path is slash-separated and relative to the hashed directory.
	Path string
	Mode Mode
	// SHA256 is the lowercase hex SHA-256 of the file's contents, or of
	// the link's target text for a symlink.
	SHA256 string
}

// Sort sorts entries by path, byte-wise (then by checksum, for listings
// that may hold one path twice, such as policies from two sources).
func Sort(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.SHA256, b.SHA256))
	})
}

// Listing is what a directory's checksum is the SHA-256 of: for each
// entry, in the order given (Sort), the line "<mode> <sha256>  <path>\n" —
// mode "file", "exec" or "symlink", the entry's lowercase hex SHA-256, two
// spaces, its slash-separated path relative to the directory.
func Listing(entries []Entry) []byte {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(string(e.Mode))
		b.WriteByte(' ')
		b.WriteString(e.SHA256)
		b.WriteString("  ")
		b.WriteString(e.Path)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// Sum is the lowercase hex SHA-256 of Listing(entries); entries must be
// sorted (Sort).
func Sum(entries []Entry) string {
	sum := sha256.Sum256(Listing(entries))
	return hex.EncodeToString(sum[:])
}
