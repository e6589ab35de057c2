package promote

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/checksum"
)

func sum(s string) string {
	b := sha256.Sum256([]byte(s))
	return hex.EncodeToString(b[:])
}

func attestation(subjects ...attest.Subject) *attest.Attestation {
	return &attest.Attestation{Statement: attest.Statement{Subjects: subjects, Predicate: attest.Predicate{
		Tool: attest.Tool{Name: "tollgate", Version: "test"}, Policy: attest.Policy{Digest: "sha256:" + strings.Repeat("d", 64)},
		FailOn: "low", Verdict: "passed",
	}}}
}

// A waiver the scan relied on that has expired since no longer holds:
// the finding would block a scan today, so the promotion is refused.
func TestExpiredWaiverRefuses(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("a.yaml", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := attestation(attest.Subject{Name: "a.yaml", SHA256: sum("x"), Kind: attest.KindFile})
	a.Predicate.Suppressions = []attest.Suppression{{Rule: "r", Resource: "B", File: "a.yaml", Kind: "config", Reason: "why", Expires: "2026-06-30"}}
	before := Evaluate(context.Background(), a, false, Options{Now: time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)})
	after := Evaluate(context.Background(), a, false, Options{Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	if before.ExitCode() != 0 {
		t.Fatalf("on the last day the waiver holds: %+v", before)
	}
	if after.ExitCode() != 1 || !strings.Contains(after.Checks[3].Detail, "r on B (a.yaml) expired 2026-06-30") {
		t.Fatalf("the day after: %+v", after.Checks)
	}
}

// Paths are matched however they are spelled; a directory subject is
// checked whole (an added file inside is a change), and an unreadable
// file cannot be decided.
func TestPathsAndDirectories(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, content := range map[string]string{"app/a.txt": "a", "app/asset/x.js": "x"} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, _, err := checksum.Dir(context.Background(), "app/asset")
	if err != nil {
		t.Fatal(err)
	}
	a := attestation(
		attest.Subject{Name: "app/a.txt", SHA256: sum("a"), Kind: attest.KindFile},
		attest.Subject{Name: "app/asset", SHA256: tree, Kind: attest.KindDirectory},
	)
	for _, p := range []string{"app", "./app/", filepath.Join(dir, "app"), "app/a.txt", "app/asset"} {
		if r := Evaluate(context.Background(), a, false, Options{Paths: []string{p}}); r.ExitCode() != 0 {
			t.Errorf("%s: %+v", p, r.Artifacts)
		}
	}
	if err := os.WriteFile("app/asset/new.js", []byte("n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := Evaluate(context.Background(), a, false, Options{Paths: []string{"app"}})
	if r.ExitCode() != 1 || r.Artifacts[0].Name != "app/asset" || r.Artifacts[0].Status != StatusChanged {
		t.Fatalf("added file in a directory subject: %+v", r.Artifacts)
	}
	// A FIFO where the scanned file was: fsread refuses it rather than
	// wait for a writer, and nothing can be concluded.
	if err := os.Remove("app/a.txt"); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo("app/a.txt", 0o644); err != nil {
		t.Fatal(err)
	}
	if r := Evaluate(context.Background(), a, false, Options{Paths: []string{"app/a.txt"}}); r.ExitCode() != 2 || r.Artifacts[0].Status != StatusUnreadable {
		t.Fatalf("unreadable: %+v", r.Artifacts)
	}
}
