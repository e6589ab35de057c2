package glob

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct {
		pat, p string
		want   bool
	}{
		{"legacy/**", "legacy/a/b.yaml", true},
		{"legacy/**", "src/legacy/a.yaml", false},
		{"*.tmpl.yaml", "deep/dir/x.tmpl.yaml", true},
		{"**/fixtures/*", "a/fixtures/x.json", true},
		{"docs", "docs/x.yaml", true},
		{"a/*.yaml", "a/b/c.yaml", false},
	}
	for _, c := range cases {
		if got := Match(c.pat, c.p); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pat, c.p, got, c.want)
		}
	}
}

// FuzzMatch: no pattern or path panics or hangs the matcher.
func FuzzMatch(f *testing.F) {
	f.Add("legacy/**", "legacy/a/b.yaml")
	f.Add("**/**/**/x", "a/b/c/d/x")
	f.Add("[", "a")
	f.Fuzz(func(t *testing.T, pattern, p string) {
		Match(pattern, p)
	})
}
