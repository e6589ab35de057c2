package checksum

import (
	"context"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// An image re-pushed under the same tag with other content no longer
// verifies, and the report names the digest it resolves to now; a tag
// deleted from the registry is missing; a registry that cannot be reached
// is unreadable (exit 2).
func TestImageRepushedUnderTheSameTag(t *testing.T) {
	host, stop := registrytest.Serve(t)
	ref := host + "/team/app:1.0"
	first := registrytest.PushRandom(t, ref)

	ctx := context.Background()
	m, err := Build(ctx, nil, []string{ref, ref}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Artifacts) != 1 || !reflect.DeepEqual(m.Artifacts[0], Artifact{Kind: KindImage, Name: ref, SHA256: first.Hex}) {
		t.Fatalf("built %+v, want the one image at %s", m.Artifacts, first)
	}
	for _, format := range []string{FormatText, FormatJSON} {
		back := roundTrip(t, m, format)
		if rep := Verify(ctx, back, Options{}); rep.ExitCode() != 0 {
			t.Fatalf("%s: untouched image: %+v", format, rep.Results)
		}
	}

	second := registrytest.PushRandom(t, ref)
	rep := Verify(ctx, m, Options{})
	if r := rep.Results[0]; r.Status != StatusChanged || r.Actual != second.Hex || rep.ExitCode() != 1 {
		t.Errorf("re-pushed: %+v, want changed to %s", r, second)
	}

	gone := Artifact{Kind: KindImage, Name: host + "/team/app:deleted", SHA256: first.Hex}
	rep = Verify(ctx, &Manifest{Artifacts: []Artifact{gone}}, Options{})
	if r := rep.Results[0]; r.Status != StatusMissing || rep.ExitCode() != 1 {
		t.Errorf("unknown tag: %+v", r)
	}

	stop()
	rep = Verify(ctx, m, Options{})
	if r := rep.Results[0]; r.Status != StatusUnreadable || rep.ExitCode() != 2 {
		t.Errorf("registry down: %+v", r)
	}
}
