package junit

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// A failure inside an image says where in it.
func TestImageLocations(t *testing.T) {
	_, p := render(t, reporttest.InImage())
	var texts []string
	for _, s := range p.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				texts = append(texts, c.Failure.Text)
			}
		}
	}
	reporttest.Contains(t, strings.Join(texts, "\n"),
		"at images/app.tar!config (sha256:cafe01234567)\n",
		"at images/app.tar!/usr/local/bin/helper (layer 1 sha256:1a2b3c4d5e6f)\n",
		"related images/app.tar!/etc/passwd:1 (layer 0 sha256:0b0b0c4d5e6f): owner account\n")
}
