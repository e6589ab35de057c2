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
