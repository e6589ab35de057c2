package jsonreport

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// Image findings carry location.within: the path in the image, its line,
// the layer index and the whole digest; config findings the config's
// digest and no layer. Read gives it back, so merged shards keep it.
func TestImageLocations(t *testing.T) {
	out := render(t, reporttest.InImage())
	var doc struct {
		Findings []struct {
			Location map[string]any
			Related  []struct{ Location map[string]any }
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"file": "images/app.tar", "line": 1.0, "column": 1.0,
			"within": map[string]any{"image": "app:1.0", "path": "config", "digest": reporttest.ConfigDigest}},
		{"file": "images/app.tar", "line": 1.0, "column": 1.0,
			"within": map[string]any{"image": "app:1.0", "path": "/usr/local/bin/helper", "layer": 1.0, "digest": reporttest.Layer1Digest}},
	}
	for i, w := range want {
		if got := doc.Findings[i].Location; !reflect.DeepEqual(got, w) {
			t.Errorf("finding %d location:\n got %v\nwant %v", i, got, w)
		}
	}
	rel := map[string]any{"file": "images/app.tar", "line": 1.0, "column": 1.0,
		"within": map[string]any{"image": "app:1.0", "path": "/etc/passwd", "line": 1.0, "layer": 0.0, "digest": reporttest.Layer0Digest}}
	if got := doc.Findings[1].Related[0].Location; !reflect.DeepEqual(got, rel) {
		t.Errorf("related location:\n got %v\nwant %v", got, rel)
	}

	back, err := Read(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range reporttest.InImage().Findings {
		if !reflect.DeepEqual(back.Findings[i].Location, f.Location) || !reflect.DeepEqual(back.Findings[i].Related, f.Related) {
			t.Errorf("finding %d read back as %+v, wrote %+v", i, back.Findings[i], f)
		}
	}
}
