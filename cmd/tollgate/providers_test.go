package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// `scan --provider-mirror DIR` verifies a mirror's packages against each
// root module's lock file; a mirror that is not there is a usage error,
// not a silent pass.
func TestScanProviderMirror(t *testing.T) {
	fixtures := "../../testdata/rules/terraform-provider-hash-mismatch/terraform"
	pass := filepath.Join(fixtures, "pass")
	if code, out, stderr := tollgate(t, "scan", "--format", "json", pass); code != 0 {
		t.Fatalf("pass fixture: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ := tollgate(t, "scan", "--provider-mirror", filepath.Join(fixtures, "fail-tampered", "terraform.d", "plugins"), pass)
	if code != 1 || !strings.Contains(out, "terraform-provider-hash-mismatch") || !strings.Contains(out, "fail-tampered/terraform.d/plugins/registry.terraform.io/hashicorp/tls/terraform-provider-tls_4.0.5_linux_amd64.zip matches none") {
		t.Errorf("tampered mirror: exit %d\n%s", code, out)
	}
	if code, _, stderr := tollgate(t, "scan", "--provider-mirror", filepath.Join(fixtures, "no-such-mirror"), pass); code != 2 || !strings.Contains(stderr, "not a directory") {
		t.Errorf("missing mirror: exit %d %s", code, stderr)
	}
}
