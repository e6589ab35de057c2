package terraform

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"golang.org/x/mod/sumdb/dirhash"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/fsread"
)

// Verification outcomes of a locked provider (input.terraform.lock_file.
// providers[address].verification.status), and of each package found.
const (
	// ProviderVerified: every package found matches a lock file hash.
	ProviderVerified = "verified"
	// ProviderMismatch: a package matches none of the hashes the lock file
	// records for it: not what `terraform init` verified.
	ProviderMismatch = "mismatch"
	// ProviderUnverifiable: the lock file records no hash of the kind the
	// package can be checked against (an unpacked directory against
	// zh: hashes only); Terraform refuses such a package too.
	ProviderUnverifiable = "unverifiable"
	// ProviderUnreadable: a package could not be read (also an error).
	ProviderUnreadable = "unreadable"
	// ProviderNotInstalled: no package of the locked version was found:
	// nothing to verify.
	ProviderNotInstalled = "not-installed"
)

// Where Terraform keeps provider packages, relative to the root module:
// what `terraform init` installed, and the implied local mirror it reads
// in the working directory.
var providerDirs = []string{".terraform/providers", "terraform.d/plugins"}

// providerPackage is one installed package of a locked provider version.
type providerPackage struct {
	path     string // slash-separated
	platform string // "linux_amd64"
	zip      bool   // a packed .zip (mirror), else an unpacked directory
}

// verifyProvider checks every package of p's locked version found in the
// root module's .terraform/providers, terraform.d/plugins and the
// configured mirrors against p's hashes, the way Terraform does: an
// unpacked directory must match an h1: hash (golang.org/x/mod's dirhash
// Hash1, which Terraform uses), a .zip an h1: hash of its contents or a
// zh: hash (SHA-256 of the archive). A package that cannot be read is an
// error at the provider's block.
func (s *scan) verifyProvider(p LockedProvider) map[string]any {
	var h1, zh []string
	for _, h := range p.Hashes {
		switch {
		case strings.HasPrefix(h, "h1:"):
			h1 = append(h1, h)
		case strings.HasPrefix(h, "zh:"):
			zh = append(zh, h)
		}
	}
	bases := append(slices.Clone(providerDirs), s.opts.ProviderMirrors...)
	for i, b := range bases[:len(providerDirs)] {
		// Beside the module: read from the scan's file system (a staged
		// scan's index holds no installed packages).
		bases[i] = filepath.ToSlash(s.fsys.OSPath(path.Join(s.root, b)))
	}
	var pkgs []providerPackage
	for _, b := range bases {
		found, err := findPackages(b, p.Address, p.Version)
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("provider %s %s: %v", p.Address, p.Version, err), rangeOf(p.Range))
			continue
		}
		pkgs = append(pkgs, found...)
	}
	out := make([]any, 0, len(pkgs))
	status := ProviderNotInstalled
	rank := map[string]int{ProviderNotInstalled: 0, ProviderVerified: 1, ProviderUnverifiable: 2, ProviderUnreadable: 3, ProviderMismatch: 4}
	for _, pkg := range pkgs {
		st, got, err := s.checkPackage(pkg, h1, zh)
		entry := map[string]any{"path": pkg.path, "platform": pkg.platform, "status": st, "hashes": got}
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("provider %s %s: %v", p.Address, p.Version, err), rangeOf(p.Range))
		}
		if rank[st] > rank[status] {
			status = st
		}
		out = append(out, entry)
	}
	return map[string]any{"status": status, "packages": out}
}

// checkPackage hashes one package and compares; got are the hashes it
// computed, in the lock file's notation.
func (s *scan) checkPackage(pkg providerPackage, h1, zh []string) (string, []any, error) {
	var got []string
	var err error
	if pkg.zip {
		got, err = hashZipPackage(s.ctx, pkg.path)
	} else {
		got, err = hashDirPackage(s.ctx, pkg.path)
	}
	if err != nil {
		return ProviderUnreadable, []any{}, err
	}
	gotAny := make([]any, 0, len(got))
	matched := false
	for _, g := range got {
		gotAny = append(gotAny, g)
		matched = matched || slices.Contains(h1, g) || slices.Contains(zh, g)
	}
	if matched {
		return ProviderVerified, gotAny, nil
	}
	if len(h1) == 0 && (!pkg.zip || len(zh) == 0) {
		return ProviderUnverifiable, gotAny, nil
	}
	return ProviderMismatch, gotAny, nil
}

// findPackages lists the packages of address at version below base, in
// the two layouts of a provider mirror (which .terraform/providers also
// uses, unpacked): <base>/<address>/<version>/<os>_<arch>/ and
// <base>/<address>/terraform-provider-<type>_<version>_<os>_<arch>.zip.
// A base or address that does not exist holds none.
func findPackages(base, address, version string) ([]providerPackage, error) {
	parts := strings.Split(address, "/")
	if len(parts) != 3 || !safeSegment(version) || slices.ContainsFunc(parts, func(s string) bool { return !safeSegment(s) }) {
		return nil, nil
	}
	typeDir := path.Join(base, address)
	var out []providerPackage
	verDir := path.Join(typeDir, version)
	entries, err := os.ReadDir(filepath.FromSlash(verDir))
	if err != nil && !absent(err) {
		return nil, err
	}
	for _, e := range entries {
		p := path.Join(verDir, e.Name())
		// A package directory may be a link into the plugin cache:
		// Terraform follows it, so does this.
		if st, err := os.Stat(filepath.FromSlash(p)); err == nil && st.IsDir() {
			out = append(out, providerPackage{path: p, platform: e.Name()})
		}
	}
	entries, err = os.ReadDir(filepath.FromSlash(typeDir))
	if err != nil && !absent(err) {
		return nil, err
	}
	prefix := "terraform-provider-" + parts[2] + "_" + version + "_"
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".zip") && len(n) > len(prefix)+len(".zip") {
			out = append(out, providerPackage{path: path.Join(typeDir, n), platform: strings.TrimSuffix(n[len(prefix):], ".zip"), zip: true})
		}
	}
	return out, nil
}

// absent reports whether a directory read failed because there is no
// such directory (or a file stands where it would be): no packages.
func absent(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// safeSegment accepts one path segment of a provider address or version:
// a lock file must not make the scan read outside the provider
// directories.
func safeSegment(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.ContainsAny(s, `/\`)
}

// hashDirPackage is Terraform's h1: hash of an unpacked package: dirhash
// Hash1 over every file below it (symlinks included, read through), each
// read through fsread so a FIFO or device is refused instead of blocking.
func hashDirPackage(ctx context.Context, dir string) ([]string, error) {
	real, err := filepath.EvalSymlinks(filepath.FromSlash(dir))
	if err != nil {
		return nil, err
	}
	var files []string
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(real, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	h, err := dirhash.Hash1(files, func(name string) (io.ReadCloser, error) {
		return fsread.Open(ctx, filepath.Join(real, filepath.FromSlash(name)))
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return []string{h}, nil
}

// hashZipPackage computes both hashes of a packed package: h1: over the
// files in the archive (dirhash.HashZip's), and zh:, the SHA-256 of the
// archive itself.
func hashZipPackage(ctx context.Context, name string) ([]string, error) {
	f, err := fsread.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zsum := sha256.New()
	if _, err := io.Copy(zsum, f); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, f.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var files []string
	byName := map[string]*zip.File{}
	for _, zf := range zr.File {
		files = append(files, zf.Name)
		byName[zf.Name] = zf
	}
	h, err := dirhash.Hash1(files, func(n string) (io.ReadCloser, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return byName[n].Open()
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return []string{h, "zh:" + hex.EncodeToString(zsum.Sum(nil))}, nil
}
