package kinds

import (
	"testing"

	"github.com/tollgate-dev/tollgate/scanners"
)

// Every kind has a unique name, formats, and a matcher that discovery can
// act on: content matching needs a name filter (discovery reads only
// candidates), grouping needs a name matcher, and exactly one kind is the
// fallback, last (a kind after it could never claim a file).
func TestKinds(t *testing.T) {
	seen := map[string]bool{}
	fallbacks := 0
	list := All()
	for i, k := range list {
		if k.Name == "" || seen[k.Name] || len(k.Formats) == 0 || k.Label == "" {
			t.Errorf("kind %d %q: want a unique name, a label and formats", i, k.Name)
		}
		seen[k.Name] = true
		m := k.Match
		if (m.Content != nil || m.Grouped || m.Sniff != nil) && m.Name == nil {
			t.Errorf("%s: content, sniff and grouping need a name matcher", k.Name)
		}
		if m.Fallback {
			fallbacks++
			if i != len(list)-1 {
				t.Errorf("%s: the fallback kind must be last", k.Name)
			}
		}
		hasMatcher := m.Dir != nil || m.Name != nil || m.Fallback
		if hasMatcher && k.New == nil {
			t.Errorf("%s: discovered but has no scanner", k.Name)
		}
	}
	if fallbacks != 1 {
		t.Errorf("want exactly one fallback kind, got %d", fallbacks)
	}
	scs := scanners.Scanners(list, scanners.Settings{})
	for _, k := range list {
		if (k.New != nil) != (scs[k.Name] != nil) {
			t.Errorf("%s: scanner table does not follow the kind", k.Name)
		}
	}
	formats := map[string]bool{}
	for _, f := range Formats() {
		if formats[f] {
			t.Errorf("format %s listed twice", f)
		}
		formats[f] = true
	}
	for _, k := range list {
		for _, f := range k.Formats {
			if !formats[f] {
				t.Errorf("%s: format %s missing from Formats()", k.Name, f)
			}
		}
	}
}
