package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/gittest"
)

func git(t *testing.T, dir string, args ...string) string { return gittest.Run(t, dir, args...) }

// TestCommitsKeyAddedThenDeleted: a key pushed and removed again in the
// same push still blocks, and the finding names the commit that added it.
func TestCommitsKeyAddedThenDeleted(t *testing.T) {
	const keyID = "AKIAZ7QX3L5NPR2TWQ4M"
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeFile(t, dir, "README.md", "# app\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	base := git(t, dir, "rev-parse", "HEAD")
	writeFile(t, dir, "config/app.ini", "[aws]\nregion = eu-west-1\naccess_key_id = "+keyID+"\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "configure aws")
	added := git(t, dir, "rev-parse", "--short=12", "HEAD")
	writeFile(t, dir, "config/app.ini", "[aws]\nregion = eu-west-1\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "oops, remove the key")
	t.Chdir(dir)

	// The working tree is clean...
	if code, out, stderr := tollgate(t, "scan", "-q", "."); code != 0 {
		t.Fatalf("tree scan: exit %d\n%s%s", code, out, stderr)
	}
	// ...but the push carries the key.
	code, out, stderr := tollgate(t, "scan", "--commits", base+"..HEAD")
	if code != 1 {
		t.Fatalf("--commits: exit %d, want 1\n%s%s", code, out, stderr)
	}
	for _, want := range []string{"secrets-file-credential", "config/app.ini:3:17", "commit " + added + " (configure aws)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+stderr, keyID) {
		t.Errorf("output shows the key:\n%s%s", out, stderr)
	}
	// Excluded paths are left out of the commits as out of the tree.
	if code, out, stderr := tollgate(t, "scan", "--exclude", "config/**", "--commits", base+"..HEAD"); code != 0 {
		t.Errorf("excluded path: exit %d\n%s%s", code, out, stderr)
	}
	// Only the deletion: nothing added, nothing found.
	if code, out, stderr := tollgate(t, "scan", "--commits", "HEAD~1..HEAD"); code != 0 {
		t.Errorf("deletion only: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = tollgate(t, "scan", "--commits", "no-such-ref..HEAD")
	if code != 2 || !strings.Contains(stderr, "no-such-ref..HEAD") {
		t.Errorf("unresolvable range: exit %d, stderr %q; want 2 naming the range", code, stderr)
	}
}

// TestFilesWaivers: a .tollgate.yaml waiver can name a detector family
// (the finding's resource), and an inline comment waives one line.
func TestFilesWaivers(t *testing.T) {
	const keyID = "AKIAZ7QX3L5NPR2TWQ4M"
	dir := t.TempDir()
	writeFile(t, dir, "app/.env", "AWS_ACCESS_KEY_ID="+keyID+"\nDATABASE_URL=postgres://app:Zq8-Wm2Xv4Tn@db/app\n")
	writeFile(t, dir, "app/notes.sql", "-- tollgate:ignore=secrets-file-credential reason=\"revoked in 2024\"\nSELECT 'AKIAZ7QX3L5NPR2TWQ4N';\n")
	cfg := writeFile(t, dir, "tollgate.yaml", `version: 1
ignore:
  - id: secrets-file-credential
    paths: ["**/.env"]
    resources: [database-url-password]
    reason: local development database
`)
	code, out, stderr := tollgate(t, "scan", "--config", cfg, "--format", "json", filepath.Join(dir, "app"))
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	var rep struct {
		Findings []struct {
			Resource   string `json:"resource"`
			Suppressed *struct {
				Kind string `json:"kind"`
			} `json:"suppressed"`
			Location struct {
				File string `json:"file"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		kind := "open"
		if f.Suppressed != nil {
			kind = f.Suppressed.Kind
		}
		got[filepath.Base(f.Location.File)+" "+f.Resource] = kind
	}
	want := map[string]string{
		".env aws-access-token":      "open",
		".env database-url-password": "config",
		"notes.sql aws-access-token": "inline",
	}
	if len(got) != len(want) {
		t.Fatalf("findings = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
