// Package glob matches slash paths against gitignore-like patterns; discovery
// exclusions and configuration waivers share it.
package glob

import (
	"path"
	"strings"
)

// Match matches a slash path against a pattern where `*`, `?` and
// `[...]` work within one segment (path.Match) and a `**` segment matches
// any number of segments. A pattern without a slash matches the base name
// at any depth, like .gitignore.
func Match(pattern, p string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	if !strings.Contains(pattern, "/") {
		pattern = "**/" + pattern
	}
	var segs []string
	for _, s := range strings.Split(pattern, "/") {
		// Consecutive ** match what one does; collapsing them keeps the
		// backtracking below from growing with their number.
		if s == "**" && len(segs) > 0 && segs[len(segs)-1] == "**" {
			continue
		}
		segs = append(segs, s)
	}
	return matchSegs(segs, strings.Split(p, "/"))
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(rest, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	// A pattern naming a directory also excludes what is below it.
	return true
}
