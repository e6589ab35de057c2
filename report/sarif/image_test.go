package sarif

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/reporttest"
)

// An image finding keeps the archive as its artifact (code scanning needs
// a URI it can show) and names the place inside the image as a logical
// location, with the layer and the whole digest in the location's
// properties; the log stays valid against the SARIF schema (render).
func TestImageLocations(t *testing.T) {
	out := render(t, reporttest.InImage(), Options{SourceRoot: reporttest.Root})
	var l struct {
		Runs []struct {
			Results []struct {
				Locations        []imageLocation
				RelatedLocations []imageLocation
			}
		}
	}
	if err := json.Unmarshal(out, &l); err != nil {
		t.Fatal(err)
	}
	res := l.Runs[0].Results
	if len(res) != 2 {
		t.Fatalf("want 2 results, got %d", len(res))
	}
	cfg, file, rel := res[0].Locations[0], res[1].Locations[0], res[1].RelatedLocations[0]
	for _, loc := range []imageLocation{cfg, file, rel} {
		if a := loc.PhysicalLocation.ArtifactLocation; a.URI != "images/app.tar" || a.URIBaseID != SrcRoot {
			t.Errorf("artifact %+v, want the archive under %s", a, SrcRoot)
		}
	}
	want := []struct {
		loc   imageLocation
		names []logical
		props map[string]any
	}{
		{cfg, []logical{{FullyQualifiedName: "app:1.0", Kind: "resource"}, {Name: "config", FullyQualifiedName: "app:1.0!config"}},
			map[string]any{"image": "app:1.0", "path": "config", "digest": reporttest.ConfigDigest}},
		{file, []logical{{FullyQualifiedName: "app:1.0", Kind: "resource"}, {Name: "/usr/local/bin/helper", FullyQualifiedName: "app:1.0!/usr/local/bin/helper"}},
			map[string]any{"image": "app:1.0", "path": "/usr/local/bin/helper", "layer": 1.0, "digest": reporttest.Layer1Digest}},
		{rel, []logical{{Name: "/etc/passwd", FullyQualifiedName: "app:1.0!/etc/passwd"}},
			map[string]any{"image": "app:1.0", "path": "/etc/passwd", "line": 1.0, "layer": 0.0, "digest": reporttest.Layer0Digest}},
	}
	for i, w := range want {
		if !reflect.DeepEqual(w.loc.LogicalLocations, w.names) {
			t.Errorf("location %d logical locations:\n got %+v\nwant %+v", i, w.loc.LogicalLocations, w.names)
		}
		if !reflect.DeepEqual(w.loc.Properties["within"], w.props) {
			t.Errorf("location %d properties.within:\n got %v\nwant %v", i, w.loc.Properties["within"], w.props)
		}
	}
}

type logical struct{ Name, FullyQualifiedName, Kind string }

type imageLocation struct {
	PhysicalLocation physical
	LogicalLocations []logical
	Properties       map[string]any
}
