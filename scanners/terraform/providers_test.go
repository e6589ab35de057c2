package terraform

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"

	"github.com/tollgate-dev/tollgate/document"
)

const (
	providerFixtures = "../../testdata/rules/terraform-provider-hash-mismatch/terraform"
	randomAddr       = "registry.terraform.io/hashicorp/random"
	tlsAddr          = "registry.terraform.io/hashicorp/tls"
	randomPkg        = ".terraform/providers/registry.terraform.io/hashicorp/random/3.6.1/linux_amd64"
	tlsZip           = "terraform.d/plugins/registry.terraform.io/hashicorp/tls/terraform-provider-tls_4.0.5_linux_amd64.zip"
)

// The hashes computed here are Terraform's: its own calls
// (dirhash.HashDir and dirhash.HashZip with Hash1, and the SHA-256 of the
// archive for zh:) give the same, and so does Hash1's definition run with
// coreutils: `sha256sum $(find . -type f | sort) | sha256sum`, base64.
func TestProviderHashesAreTerraforms(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(providerFixtures, "pass", randomPkg)
	got, err := hashDirPackage(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := dirhash.HashDir(dir, "", dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("directory: %v, Terraform's %s", got, want)
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		out, err := exec.Command("sh", "-c", `cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' '\0' | xargs -0 sha256sum | sha256sum`, "sh", dir).Output()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := hex.DecodeString(strings.Fields(string(out))[0])
		if err != nil {
			t.Fatal(err)
		}
		if coreutils := "h1:" + base64.StdEncoding.EncodeToString(raw); coreutils != want {
			t.Errorf("coreutils: %s, dirhash %s", coreutils, want)
		}
	}

	zipPath := filepath.Join(providerFixtures, "pass", tlsZip)
	got, err = hashZipPackage(ctx, zipPath)
	if err != nil {
		t.Fatal(err)
	}
	wantH1, err := dirhash.HashZip(zipPath, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if len(got) != 2 || got[0] != wantH1 || got[1] != "zh:"+hex.EncodeToString(sum[:]) {
		t.Errorf("zip: %v, Terraform's %s zh:%x", got, wantH1, sum)
	}
}

// verification returns input.terraform.lock_file.providers[addr].verification.
func verification(t *testing.T, doc *document.Document, addr string) (string, []any) {
	t.Helper()
	v, ok := get(doc.Input, "terraform", "lock_file", "providers", addr, "verification").(map[string]any)
	if !ok {
		t.Fatalf("%s: no verification in %v", addr, get(doc.Input, "terraform", "lock_file"))
	}
	return v["status"].(string), v["packages"].([]any)
}

func TestLockedProvidersAreVerified(t *testing.T) {
	for _, c := range []struct {
		fixture                string
		random, tls, aws       string
		randomHashes, tlsHashs int
	}{
		{"pass", ProviderVerified, ProviderVerified, ProviderNotInstalled, 1, 2},
		{"fail-tampered", ProviderMismatch, ProviderMismatch, ProviderNotInstalled, 1, 2},
		{"fail-zh-only", ProviderUnverifiable, ProviderNotInstalled, ProviderNotInstalled, 1, 0},
	} {
		t.Run(c.fixture, func(t *testing.T) {
			root := filepath.ToSlash(filepath.Join(providerFixtures, c.fixture))
			doc, diags := scanDir(t, root, Options{})
			for _, d := range diags {
				if d.Level == document.LevelError {
					t.Errorf("error: %s", d.Message)
				}
			}
			st, pkgs := verification(t, doc, randomAddr)
			if st != c.random || len(pkgs) != 1 {
				t.Fatalf("random: %s %v, want %s", st, pkgs, c.random)
			}
			p := pkgs[0].(map[string]any)
			if p["path"] != root+"/"+randomPkg || p["platform"] != "linux_amd64" || len(p["hashes"].([]any)) != c.randomHashes {
				t.Errorf("random package: %v", p)
			}
			if st, pkgs := verification(t, doc, tlsAddr); st != c.tls || (c.tls != ProviderNotInstalled && pkgs[0].(map[string]any)["path"] != root+"/"+tlsZip) {
				t.Errorf("tls: %s %v, want %s", st, pkgs, c.tls)
			}
			if st, pkgs := verification(t, doc, "registry.terraform.io/hashicorp/aws"); st != c.aws || len(pkgs) != 0 {
				t.Errorf("aws: %s %v", st, pkgs)
			}
		})
	}
}

// copyTree copies the files of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A package linked in from the plugin cache is followed, as Terraform
// follows it; a package in a mirror named by the options is verified
// too; a FIFO inside a package is an error at the provider's block (it
// would block the read), never a pass.
func TestProviderPackagesLinkedMirroredOrUnreadable(t *testing.T) {
	root := t.TempDir()
	pass := filepath.Join(providerFixtures, "pass")
	for _, f := range []string{"versions.tf", "main.tf", ".terraform.lock.hcl"} {
		data, err := os.ReadFile(filepath.Join(pass, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := filepath.Join(t.TempDir(), "plugin-cache", "random")
	copyTree(t, filepath.Join(pass, randomPkg), cache)
	link := filepath.Join(root, filepath.FromSlash(randomPkg))
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(cache, link); err != nil {
		t.Fatal(err)
	}
	mirror := t.TempDir()
	copyTree(t, filepath.Join(pass, "terraform.d", "plugins"), mirror)
	// A tls package for another platform whose files are not the ones locked.
	copyTree(t, filepath.Join(pass, randomPkg), filepath.Join(mirror, "registry.terraform.io/hashicorp/tls/4.0.5/darwin_arm64"))

	doc, diags := scanDir(t, filepath.ToSlash(root), Options{ProviderMirrors: []string{filepath.ToSlash(mirror)}})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if st, _ := verification(t, doc, randomAddr); st != ProviderVerified {
		t.Errorf("linked package: %s", st)
	}
	st, pkgs := verification(t, doc, tlsAddr)
	var got []string
	for _, p := range pkgs {
		m := p.(map[string]any)
		got = append(got, m["platform"].(string)+" "+m["status"].(string))
	}
	if st != ProviderMismatch || strings.Join(got, ", ") != "darwin_arm64 mismatch, linux_amd64 verified" {
		t.Errorf("mirror: %s %v", st, got)
	}

	if err := syscall.Mkfifo(filepath.Join(cache, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	doc, diags = scanDir(t, filepath.ToSlash(root), Options{})
	if st, _ := verification(t, doc, randomAddr); st != ProviderUnreadable {
		t.Errorf("FIFO in a package: %s", st)
	}
	if len(diags) != 1 || diags[0].Level != document.LevelError || !strings.Contains(diags[0].Message, "not a regular file (fifo)") ||
		diags[0].Range.Line != 13 || !strings.HasSuffix(diags[0].Range.File, ".terraform.lock.hcl") {
		t.Errorf("FIFO in a package: %+v", diags)
	}
}

// A lock file cannot make the scan read outside the provider directories.
func TestProviderAddressCannotEscape(t *testing.T) {
	base := t.TempDir()
	for _, c := range []struct{ addr, version string }{
		{"registry.terraform.io/../..", "1.0.0"},
		{"registry.terraform.io/hashicorp/random", "../../.."},
		{"hashicorp/random", "3.6.1"},
	} {
		pkgs, err := findPackages(base, c.addr, c.version)
		if err != nil || len(pkgs) != 0 {
			t.Errorf("%s %s: %v %v", c.addr, c.version, pkgs, err)
		}
	}
}
