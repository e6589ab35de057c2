package tree

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// The listing format is a published contract (docs/checksum.md): its exact
// bytes, and the checksum over them, for a known tree.
func TestListingAndSum(t *testing.T) {
	es := []Entry{
		{Path: "b/run.sh", Mode: Exec, SHA256: "22"},
		{Path: "a.txt", Mode: File, SHA256: "11"},
		{Path: "link", Mode: Symlink, SHA256: "33"},
		{Path: "a.txt", Mode: File, SHA256: "10"},
	}
	Sort(es)
	want := "file 10  a.txt\nfile 11  a.txt\nexec 22  b/run.sh\nsymlink 33  link\n"
	if got := string(Listing(es)); got != want {
		t.Fatalf("listing:\n%s\nwant:\n%s", got, want)
	}
	sum := sha256.Sum256([]byte(want))
	if got := Sum(es); got != hex.EncodeToString(sum[:]) {
		t.Errorf("Sum = %s", got)
	}
	if got := Sum(nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("empty tree: %s, want the SHA-256 of no bytes", got)
	}
}
