package gitlabsast

import (
	"encoding/json"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// The schema's location is a file and a line: an image finding keeps the
// archive there and puts the place inside the image, with the whole
// digest, in its details; the report stays valid (render validates).
func TestImageLocations(t *testing.T) {
	out, _ := render(t, reporttest.InImage(), Options{SourceRoot: reporttest.Root, Time: jobStart})
	var doc struct {
		Vulnerabilities []struct {
			Location struct {
				File      string `json:"file"`
				StartLine int    `json:"start_line"`
			} `json:"location"`
			Details map[string]textDetail `json:"details"`
		} `json:"vulnerabilities"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"config (" + reporttest.ConfigDigest + ")",
		"/usr/local/bin/helper (layer 1 " + reporttest.Layer1Digest + ")",
	}
	for i, v := range doc.Vulnerabilities {
		if v.Location.File != "images/app.tar" || v.Location.StartLine != 1 {
			t.Errorf("vulnerability %d location %+v", i, v.Location)
		}
		if d := v.Details["image_location"]; d.Value != want[i] || d.Type != "text" {
			t.Errorf("vulnerability %d image_location = %+v, want value %q", i, d, want[i])
		}
	}
}
