package github

import (
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// The annotation's file and line are the archive's: the message says
// where in the image.
func TestImageLocations(t *testing.T) {
	reporttest.Contains(t, render(t, reporttest.InImage(), Options{SourceRoot: reporttest.Root}),
		"::warning file=images/app.tar,line=1,col=1,title=container-runs-as-root [medium] Container does not run as root::app:1.0: The image config sets no user, so the container runs as root%0AAt: config (sha256:cafe01234567)\n",
		"%0AAt: /usr/local/bin/helper (layer 1 sha256:1a2b3c4d5e6f)\n")
}
