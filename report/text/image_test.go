package text

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// A finding inside an image names the archive, the path in the image, the
// layer that wrote it and that layer's short digest; config findings name
// the config and its digest.
func TestImageLocations(t *testing.T) {
	out := render(t, reporttest.InImage(), Options{})
	reporttest.Contains(t, out,
		"at images/app.tar!config (sha256:cafe01234567)\n",
		"at images/app.tar!/usr/local/bin/helper (layer 1 sha256:1a2b3c4d5e6f)\n",
		"related images/app.tar!/etc/passwd:1 (layer 0 sha256:0b0b0c4d5e6f): owner account\n")
	if strings.Contains(out, "app.tar:1:1") {
		t.Errorf("image findings must not point at line 1 of the archive:\n%s", out)
	}
}
