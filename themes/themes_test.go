package themes

import (
	"regexp"
	"testing"
)

// The list decodes, names are unique kebab-case words and every theme says
// what it covers.
func TestThemesAreWellFormed(t *testing.T) {
	list := All()
	if len(list) == 0 {
		t.Fatal("no themes")
	}
	name := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, th := range list {
		if !name.MatchString(th.Name) {
			t.Errorf("theme name %q is not kebab-case", th.Name)
		}
		if seen[th.Name] {
			t.Errorf("theme %q is listed twice", th.Name)
		}
		seen[th.Name] = true
		if th.Description == "" {
			t.Errorf("theme %q has no description", th.Name)
		}
		if !Known(th.Name) {
			t.Errorf("Known(%q) is false", th.Name)
		}
	}
	if Known("encryptoin") {
		t.Error("Known accepts a name that is not listed")
	}
}
