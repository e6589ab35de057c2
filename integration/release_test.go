package integration

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// releaseServer serves dir as the GitHub releases of tollgate-dev/tollgate
// on 127.0.0.1: GET /tollgate-dev/tollgate/releases/download/VERSION/FILE.
func releaseServer(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.StripPrefix("/tollgate-dev/tollgate/releases/download/", http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// fakeRelease lays out release VERSION under dir/VERSION: a "binary" for
// this machine (a script that answers `version` with the release's
// version and hands every other command to the tollgate under test) and
// SHA256SUMS written by `tollgate checksum write`, as scripts/release
// does. It returns the binary's path.
func fakeRelease(t *testing.T, dir, version string) string {
	t.Helper()
	asset := fmt.Sprintf("tollgate_%s_%s_%s", version, runtime.GOOS, runtime.GOARCH)
	rel := filepath.Join(dir, version)
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = version ]; then echo 'tollgate %s'; exit 0; fi\nexec %q \"$@\"\n", version, tollgateBin)
	writeFile(t, rel, asset, []byte(script))
	writeFile(t, rel, "tollgate_"+version+"_windows_amd64.exe", []byte("another platform"))
	mustRun(t, rel, nil, tollgateBin, "checksum", "write", asset, "tollgate_"+version+"_windows_amd64.exe", "-o", "SHA256SUMS")
	return filepath.Join(rel, asset)
}

func installRelease(t *testing.T, server, version, dest string) result {
	t.Helper()
	return runCmd(t, repoRoot, []string{"GITHUB_SERVER_URL=" + server, "TOLLGATE_REPOSITORY=tollgate-dev/tollgate"},
		filepath.Join(repoRoot, "scripts", "install-release"), version, dest)
}

func TestInstallReleaseVerifiesBeforeRunning(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("scripts/install-release runs in bash on Linux and macOS runners")
	}
	releases := t.TempDir()
	bin := fakeRelease(t, releases, "v1.2.3")
	server := releaseServer(t, releases)
	dest := filepath.Join(t.TempDir(), "cache")

	r := installRelease(t, server, "v1.2.3", dest)
	if r.code != 0 {
		t.Fatalf("install: exit %d\n%s", r.code, r.out)
	}
	wantContains(t, "install log", r.out, "downloading", "is tollgate v1.2.3")
	if out := mustRun(t, dest, nil, filepath.Join(dest, "tollgate"), "version"); out != "tollgate v1.2.3\n" {
		t.Errorf("installed binary says %q", out)
	}

	// A second run finds the cache and verifies it again; a cache whose
	// binary changed is refused and emptied.
	if r := installRelease(t, server, "v1.2.3", dest); r.code != 0 || !strings.Contains(r.out, "from the cache") {
		t.Fatalf("cached install: exit %d\n%s", r.code, r.out)
	}
	writeFile(t, dest, "tollgate", []byte("#!/bin/sh\necho 'tollgate v1.2.3'\n"))
	if r := installRelease(t, server, "v1.2.3", dest); r.code != 1 || !strings.Contains(r.out, "refusing to install") {
		t.Fatalf("tampered cache: exit %d, want 1\n%s", r.code, r.out)
	}
	if _, err := os.Stat(filepath.Join(dest, "tollgate")); !os.IsNotExist(err) {
		t.Errorf("the tampered cached binary is still there: %v", err)
	}

	// A binary changed on the server after the sums were written is never
	// installed, let alone run.
	orig, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "ran")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\ntouch "+marker+"\necho 'tollgate v1.2.3'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if r := installRelease(t, server, "v1.2.3", fresh); r.code != 1 || !strings.Contains(r.out, "refusing to install") {
		t.Fatalf("tampered download: exit %d, want 1\n%s", r.code, r.out)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Error("the tampered binary was run")
	}
	if entries, _ := os.ReadDir(fresh); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if err := os.WriteFile(bin, orig, 0o755); err != nil {
		t.Fatal(err)
	}

	// Sums that do not list this platform, a release that does not exist,
	// and a binary that claims another version are refused too.
	writeFile(t, filepath.Join(releases, "v1.2.3"), "SHA256SUMS.bak", nil)
	sums, _ := os.ReadFile(filepath.Join(releases, "v1.2.3", "SHA256SUMS"))
	writeFile(t, filepath.Join(releases, "v1.2.3"), "SHA256SUMS", []byte(strings.ReplaceAll(string(sums), filepath.Base(bin), filepath.Base(bin)+"-old")))
	if r := installRelease(t, server, "v1.2.3", filepath.Join(t.TempDir(), "d")); r.code != 1 || !strings.Contains(r.out, "lists no") {
		t.Errorf("unlisted asset: exit %d\n%s", r.code, r.out)
	}
	writeFile(t, filepath.Join(releases, "v1.2.3"), "SHA256SUMS", sums)
	if r := installRelease(t, server, "v9.9.9", filepath.Join(t.TempDir(), "d")); r.code != 2 || !strings.Contains(r.out, "cannot download") {
		t.Errorf("missing release: exit %d\n%s", r.code, r.out)
	}
	other := fakeRelease(t, releases, "v2.0.0")
	if err := os.WriteFile(other, orig, 0o755); err != nil { // a v1.2.3 binary under v2.0.0
		t.Fatal(err)
	}
	mustRun(t, filepath.Dir(other), nil, tollgateBin, "checksum", "write", filepath.Base(other), "-o", "SHA256SUMS")
	if r := installRelease(t, server, "v2.0.0", filepath.Join(t.TempDir(), "d")); r.code != 1 || !strings.Contains(r.out, "not 'tollgate v2.0.0'") {
		t.Errorf("wrong version inside: exit %d\n%s", r.code, r.out)
	}
	if r := installRelease(t, server, "latest", filepath.Join(t.TempDir(), "d")); r.code != 2 {
		t.Errorf("version latest: exit %d\n%s", r.code, r.out)
	}
}

// The action with install: release runs the downloaded, verified binary:
// no Go toolchain, no build.
func TestGitHubActionRunsTheVerifiedRelease(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("the action's install script runs in bash on Linux and macOS runners")
	}
	releases := t.TempDir()
	fakeRelease(t, releases, "v1.2.3")
	server := releaseServer(t, releases)
	ws := t.TempDir()
	writeFile(t, ws, "infra/bucket.yaml", sample(t, "violating"))
	code, stdout, _ := runActionEnv(t, ws, map[string]string{
		"version": "v1.2.3",
		"policy":  policyDir,
		"args":    "--no-builtin",
		"paths":   "infra",
	}, []string{"GITHUB_SERVER_URL=" + server, "PATH=/usr/bin:/bin"})
	if code != 1 {
		t.Fatalf("scan step exit %d, want 1\n%s", code, stdout)
	}
	wantContains(t, "step log", stdout, "downloading tollgate_v1.2.3_", "is tollgate v1.2.3", "test-s3-bucket-encryption")
}
