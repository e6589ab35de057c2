// Command mksbom writes a CycloneDX 1.6 JSON SBOM of a Go binary from the
// build information Go embeds in it (`go version -m`): the main module, each
// module compiled in, with versions, go.sum hashes and package URLs, and
// the toolchain and build settings as properties. scripts/release runs it
// with `go run` for each release binary; it is not part of tollgate.
//
//	go run ./internal/cmd/mksbom --created $SOURCE_DATE_EPOCH dist/tollgate_linux_amd64 > sbom.cdx.json
package main

import (
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mksbom:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("mksbom", flag.ContinueOnError)
	created := fs.Int64("created", 0, "timestamp, seconds since the epoch (the commit time keeps the SBOM reproducible)")
	version := fs.String("version", "", "the release version (default: the binary's module version)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: mksbom [--created SECONDS] [--version V] BINARY")
	}
	bin := fs.Arg(0)
	data, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		return fmt.Errorf("%s: %w", bin, err)
	}
	sum := sha256.Sum256(data)
	bom := sbom(bi, hex.EncodeToString(sum[:]), *version, time.Unix(*created, 0).UTC())
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	return enc.EncodeVersion(bom, cdx.SpecVersion1_6)
}

// sbom describes the binary: its main module as the application, every
// dependency module as a library it depends on.
func sbom(bi *debug.BuildInfo, sha256hex, version string, created time.Time) *cdx.BOM {
	if version == "" {
		version = bi.Main.Version
	}
	mainRef := purl(bi.Main.Path, version)
	bom := cdx.NewBOM()
	// The serial number follows from the binary, so the same binary gets
	// the same SBOM.
	bom.SerialNumber = "urn:uuid:" + uuidFrom(sha256hex)
	var props []cdx.Property
	props = append(props, cdx.Property{Name: "go:toolchain", Value: bi.GoVersion})
	for _, s := range bi.Settings {
		props = append(props, cdx.Property{Name: "go:build:" + s.Key, Value: s.Value})
	}
	bom.Metadata = &cdx.Metadata{
		Timestamp: created.Format(time.RFC3339),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "mksbom", Group: "github.com/tollgate-dev/tollgate/internal/cmd",
		}}},
		Component: &cdx.Component{
			BOMRef: mainRef, Type: cdx.ComponentTypeApplication, Name: bi.Main.Path, Version: version,
			PackageURL: mainRef,
			Hashes:     &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: sha256hex}},
			Properties: &props,
		},
	}
	comps := []cdx.Component{}
	deps := []string{}
	for _, m := range bi.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		ref := purl(m.Path, m.Version)
		c := cdx.Component{BOMRef: ref, Type: cdx.ComponentTypeLibrary, Name: m.Path, Version: m.Version, PackageURL: ref, Scope: cdx.ScopeRequired}
		if m.Sum != "" {
			c.Properties = &[]cdx.Property{{Name: "go:module:sum", Value: m.Sum}}
		}
		comps = append(comps, c)
		deps = append(deps, ref)
	}
	bom.Components = &comps
	bom.Dependencies = &[]cdx.Dependency{{Ref: mainRef, Dependencies: &deps}}
	return bom
}

func purl(path, version string) string {
	if version == "" || version == "(devel)" {
		return "pkg:golang/" + path
	}
	return "pkg:golang/" + path + "@" + version
}

// uuidFrom formats the first 16 bytes of a hex digest as a UUID (version 8).
func uuidFrom(h string) string {
	b, _ := hex.DecodeString(h[:32])
	b[6] = b[6]&0x0f | 0x80
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
