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
