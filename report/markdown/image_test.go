package markdown

import (
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// The location cell of an image finding names the place inside the image.
func TestImageLocations(t *testing.T) {
	reporttest.Contains(t, render(t, reporttest.InImage(), Options{SourceRoot: reporttest.Root}),
		"| `images/app.tar!config (sha256:cafe01234567)` |",
		"| `images/app.tar!/usr/local/bin/helper (layer 1 sha256:1a2b3c4d5e6f)` |")
}
