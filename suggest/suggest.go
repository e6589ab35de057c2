// Package suggest finds the nearest known word to a mistyped one, for the
// "did you mean" of a message: a typo in a flag, a rule id, a config key or
// a path would otherwise do nothing without a word.
package suggest

import "github.com/agnivade/levenshtein"

// Closest returns the candidate nearest to word by edit distance (the first
// in the candidates' order on a tie, so sorted candidates give a
// deterministic answer) and true, or "" and false when there are no
// candidates or the nearest is more than within edits away (within < 0:
// any distance).
func Closest(word string, candidates []string, within int) (string, bool) {
	best, dist := "", -1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(word, c); dist < 0 || d < dist {
			best, dist = c, d
		}
	}
	if dist < 0 || within >= 0 && dist > within {
		return "", false
	}
	return best, true
}

// Within is the usual bound for a typo in a word of n characters: a third
// of it, and at least floor edits.
func Within(n, floor int) int { return max(floor, n/3) }
