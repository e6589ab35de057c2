// Command mkimage builds tollgate's release image without Docker: the
// static linux binaries, the build machine's CA certificates and a passwd
// entry for a non-root user, in one layer on scratch (or on a base image
// pinned by digest), with OCI labels and base-image annotations. It writes
// the multi-platform image as an OCI layout and one platform as a
// `docker save` tarball. scripts/release runs it with `go run`; it is not
// part of the tollgate binary.
//
//	go run ./internal/cmd/mkimage --binary linux/amd64=dist/tollgate_linux_amd64 \
//	  --version v1.2.3 --revision $(git rev-parse HEAD) --created $SOURCE_DATE_EPOCH \
//	  --layout dist/oci --tar dist/image.tar --tag ghcr.io/tollgate-dev/tollgate:v1.2.3
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mkimage:", err)
		os.Exit(1)
	}
}

type binaries map[string]string

func (b binaries) String() string { return fmt.Sprint(map[string]string(b)) }
func (b binaries) Set(v string) error {
	p, path, ok := strings.Cut(v, "=")
	if !ok || !strings.HasPrefix(p, "linux/") {
		return errors.New("want linux/ARCH=PATH")
	}
	b[p] = path
	return nil
}

func run(args []string) error {
	fs := flag.NewFlagSet("mkimage", flag.ContinueOnError)
	bins := binaries{}
	fs.Var(bins, "binary", "linux/ARCH=PATH of a static tollgate binary, repeatable")
	certs := fs.String("ca-certs", "/etc/ssl/certs/ca-certificates.crt", "CA certificate bundle to ship")
	version := fs.String("version", "", "release version (label org.opencontainers.image.version)")
	revision := fs.String("revision", "", "git commit (label org.opencontainers.image.revision)")
	source := fs.String("source", "https://github.com/tollgate-dev/tollgate", "repository URL (label org.opencontainers.image.source)")
	created := fs.Int64("created", 0, "creation time, seconds since the epoch (the commit time keeps the image reproducible)")
	base := fs.String("base", "", "base image reference pinned by digest (default: scratch)")
	insecure := fs.Bool("insecure", false, "reach --base over plain HTTP")
	layoutDir := fs.String("layout", "", "write the multi-platform image to this OCI layout directory (must not exist)")
	tarFile := fs.String("tar", "", "write one platform as a docker save tarball")
	tarPlatform := fs.String("tar-platform", "linux/amd64", "the platform --tar holds")
	tag := fs.String("tag", "", "the tag --tar records (repository:tag)")
	digestFile := fs.String("digest-file", "", "write the index digest (sha256:...) here")
	context := fs.String("context", "", "also write each platform's Docker build context (for the Dockerfile) under this directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(bins) == 0 || *version == "" || *revision == "" || *layoutDir == "" {
		return errors.New("--binary, --version, --revision and --layout are required")
	}
	certData, err := os.ReadFile(*certs)
	if err != nil {
		return fmt.Errorf("CA certificates: %w", err)
	}
	if len(certData) == 0 {
		return fmt.Errorf("CA certificates: %s is empty", *certs)
	}
	s := spec{Binaries: bins, Certs: certData, Version: *version, Revision: *revision, Source: *source,
		Created: time.Unix(*created, 0).UTC(), Base: *base, Insecure: *insecure}
	idx, images, err := build(s)
	if err != nil {
		return err
	}
	if _, err := os.Stat(*layoutDir); err == nil {
		return fmt.Errorf("%s exists", *layoutDir)
	}
	p, err := layout.Write(*layoutDir, empty.Index)
	if err != nil {
		return err
	}
	if err := p.AppendIndex(idx, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": *version})); err != nil {
		return fmt.Errorf("%s: %w", *layoutDir, err)
	}
	d, err := idx.Digest()
	if err != nil {
		return err
	}
	if *digestFile != "" {
		if err := os.WriteFile(*digestFile, []byte(d.String()+"\n"), 0o644); err != nil {
			return err
		}
	}
	if *tarFile != "" {
		img, ok := images[*tarPlatform]
		if !ok {
			return fmt.Errorf("--tar-platform %s: no such image", *tarPlatform)
		}
		ref, err := name.NewTag(*tag)
		if err != nil || *tag == "" {
			return fmt.Errorf("--tag %q: want repository:tag", *tag)
		}
		if err := tarball.WriteToFile(*tarFile, ref, img); err != nil {
			return fmt.Errorf("%s: %w", *tarFile, err)
		}
	}
	if *context != "" {
		for plat, bin := range bins {
			if err := writeContext(filepath.Join(*context, strings.ReplaceAll(plat, "/", "-")), bin, certData); err != nil {
				return err
			}
		}
	}
	fmt.Println(d.String())
	return nil
}

// writeContext lays out what the Dockerfile copies, so `docker build`
// of it gives the same files as this program.
func writeContext(dir, bin string, certs []byte) error {
	b, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	for _, d := range []string{"tmp", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	for name, data := range map[string][]byte{"tollgate": b, "ca-certificates.crt": certs, "passwd": []byte(passwd), "group": []byte(group)} {
		mode := os.FileMode(0o644)
		if name == "tollgate" {
			mode = 0o755
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, mode); err != nil {
			return err
		}
	}
	return nil
}
