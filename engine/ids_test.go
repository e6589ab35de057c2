package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestKnownIDSuggestsTheClosest(t *testing.T) {
	tf := strings.NewReplacer("test-rds-encrypted", "test-rds-public", "package tollgate.test.rds", "package tollgate.test.public").Replace(dbRule)
	e, err := newEngine(t, map[string]string{"test/rds.rego": dbRule, "test/public.rego": tf, "test/pw.rego": secretRule})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ id, closest string }{
		{"test-rds-encrypted", ""},
		{"test-rds-encryptd", "test-rds-encrypted"},
		{"test-rds-pubic", "test-rds-public"},
		{"test-pasword", "test-password"},
	}
	for _, c := range cases {
		known, closest := e.KnownID(c.id)
		if known != (c.closest == "") || closest != c.closest {
			t.Errorf("KnownID(%q) = %v, %q; want closest %q", c.id, known, closest, c.closest)
		}
	}
}

// A disabled rule is still a known id: disabling it is no typo.
func TestDisabledRuleIsKnown(t *testing.T) {
	fsys := fstest.MapFS{
		"test/rds.rego": &fstest.MapFile{Data: []byte(dbRule)},
		"test/pw.rego":  &fstest.MapFile{Data: []byte(secretRule)},
	}
	e, err := New(context.Background(), Options{Builtin: fsys, Disabled: []string{"test-password"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) != 1 {
		t.Fatalf("want only the enabled rule, got %+v", e.Rules())
	}
	if known, _ := e.KnownID("test-password"); !known {
		t.Error("a disabled rule's id must be known")
	}
	// Governance asks what a disabled rule is (its theme) to tell whether
	// it may be turned off.
	if d := e.Disabled(); len(d) != 1 || d[0].ID != "test-password" || d[0].Theme == "" || !d[0].Builtin {
		t.Errorf("Disabled() = %+v", d)
	}
}
