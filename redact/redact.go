// Package redact removes detected credentials from text before it is
// printed, logged or written to a report.
package redact

import (
	"sort"
	"strings"
)

// Placeholder replaces every redacted secret.
const Placeholder = "[REDACTED]"

// minLen keeps very short "secrets" (a rule matching "x") from shredding
// unrelated text.
const minLen = 4

// String replaces every occurrence of each secret in s.
func String(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= minLen {
			s = strings.ReplaceAll(s, sec, Placeholder)
		}
	}
	return s
}

// Set is a collection of secrets to redact, longest first so a secret that
// contains another is replaced whole.
type Set struct {
	secrets []string
}

// NewSet builds a Set from the secrets found in a run.
func NewSet(secrets []string) *Set {
	uniq := make(map[string]bool)
	var out []string
	for _, s := range secrets {
		if len(s) >= minLen && !uniq[s] {
			uniq[s] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return &Set{secrets: out}
}

// String redacts every secret of the set from s.
func (s *Set) String(text string) string {
	if s == nil {
		return text
	}
	return String(text, s.secrets...)
}

// Value returns a copy of a JSON-shaped value (maps, slices, strings) with
// every secret of the set redacted from its strings and object keys.
func (s *Set) Value(v any) any {
	if s == nil || len(s.secrets) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		return s.String(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[s.String(k)] = s.Value(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = s.Value(e)
		}
		return out
	default:
		return v
	}
}
