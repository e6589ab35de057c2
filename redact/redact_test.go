package redact

import "testing"

func TestSetRedactsLongestFirst(t *testing.T) {
	s := NewSet([]string{"hunter2", "hunter2-extra", "ab"})
	got := s.String("pw=hunter2-extra and hunter2 and ab")
	want := "pw=[REDACTED] and [REDACTED] and ab"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNilSetIsIdentity(t *testing.T) {
	var s *Set
	if s.String("x") != "x" {
		t.Fatal("nil set must not change text")
	}
}

func TestValueRedactsNestedStrings(t *testing.T) {
	s := NewSet([]string{"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"})
	in := map[string]any{"a": []any{"x", "key: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"}, "n": 1.0}
	out := s.Value(in).(map[string]any)
	if got := out["a"].([]any)[1]; got != "key: [REDACTED]" {
		t.Fatalf("got %q", got)
	}
	if in["a"].([]any)[1] == "key: [REDACTED]" {
		t.Fatal("input was modified")
	}
	if out["n"] != 1.0 {
		t.Fatal("non-strings must pass through")
	}
}
