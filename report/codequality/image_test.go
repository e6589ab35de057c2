package codequality

import (
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// Code Quality shows a path and a line: for an image the archive at line
// 1, so the description says where in the image.
func TestImageLocations(t *testing.T) {
	_, items := render(t, reporttest.InImage(), Options{SourceRoot: reporttest.Root})
	want := []string{
		"app:1.0: The image config sets no user, so the container runs as root (at config (sha256:cafe01234567))",
		"app:1.0: /usr/local/bin/helper is setuid (mode 4755, owner uid 0, group gid 0) and not in the setuid allowlist (at /usr/local/bin/helper (layer 1 sha256:1a2b3c4d5e6f))",
	}
	if len(items) != len(want) {
		t.Fatalf("got %d issues, want %d", len(items), len(want))
	}
	for i, it := range items {
		if it.Description != want[i] || it.Location.Path != "images/app.tar" || it.Location.Lines.Begin != 1 {
			t.Errorf("issue %d: %q at %+v\nwant %q", i, it.Description, *it.Location, want[i])
		}
	}
}
