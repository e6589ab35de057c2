package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// The SBOM of a real Go binary (this test's own) lists the modules
// compiled into it, and the same binary gives the same bytes.
func TestSBOMOfARealBinary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	args := []string{"--created", "86400", "--version", "v1.2.3", exe}
	if err := run(args, &a); err != nil {
		t.Fatal(err)
	}
	if err := run(args, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two SBOMs of one binary differ")
	}
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(a.Bytes()), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	if bom.SpecVersion != cdx.SpecVersion1_6 || bom.Metadata == nil || bom.Metadata.Timestamp != "1970-01-02T00:00:00Z" ||
		!strings.HasPrefix(bom.SerialNumber, "urn:uuid:") {
		t.Fatalf("header: %+v", bom)
	}
	c := bom.Metadata.Component
	if c == nil || c.Name != "github.com/tollgate-dev/tollgate" || c.Version != "v1.2.3" || c.PackageURL != "pkg:golang/github.com/tollgate-dev/tollgate@v1.2.3" ||
		c.Hashes == nil || len((*c.Hashes)[0].Value) != 64 {
		t.Fatalf("component: %+v", c)
	}
	found := false
	for _, m := range *bom.Components {
		if m.Name == "github.com/CycloneDX/cyclonedx-go" {
			found = m.Version != "" && strings.HasPrefix(m.PackageURL, "pkg:golang/github.com/CycloneDX/cyclonedx-go@v")
		}
	}
	if !found {
		t.Error("the SBOM does not list cyclonedx-go, which this binary is built with")
	}
	if err := run([]string{os.DevNull}, &a); err == nil {
		t.Error("a file that is no Go binary has an SBOM")
	}
}
