package config

import "testing"

func TestParseOrg(t *testing.T) {
	o, err := ParseOrg([]byte(`version: 1
locked_rules: [aws-s3-bucket-encryption-kms, secrets]
forbid_inline_suppressions: [secrets]
max_waiver_days: 90
require_waiver_owner: true
minimum_fail_on: medium
unused_suppressions: block
ignore:
  - id: secrets-file-credential
    paths: ["docs/**"]
    reason: documented example keys
    owner: security-team
    expires: 2027-01-31
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.LockedRules) != 2 || o.ForbidInlineSuppressions[0] != "secrets" || o.MaxWaiverDays != 90 ||
		!o.RequireWaiverOwner || o.MinimumFailOn != "medium" || o.UnusedSuppressions != UnusedBlock ||
		len(o.Ignore) != 1 || o.Ignore[0].Owner != "security-team" {
		t.Fatalf("decoded %+v", o)
	}
	if l, c := o.Pos("locked_rules", 1); l != 2 || c != 46 {
		t.Errorf("locked_rules[1] at %d:%d", l, c)
	}
	if l, c := o.Pos("ignore", 0); l != 9 || c != 5 {
		t.Errorf("ignore[0] at %d:%d", l, c)
	}
	if l, _ := o.Pos("minimum_fail_on"); l != 6 {
		t.Errorf("minimum_fail_on at line %d", l)
	}
	if l, _ := (&Org{}).Pos("locked_rules"); l != 0 {
		t.Error("an Org built in code has no lines")
	}
}

// An organisation configuration is checked as strictly as a repository's:
// a typo must not silently turn governance off.
func TestParseOrgRejects(t *testing.T) {
	cases := map[string]string{
		"locked_ruls: [a]\n":                            `line 1: unknown key "locked_ruls" at the top level (did you mean "locked_rules"?)`,
		"locked_rules: secrets\n":                       `line 1: locked_rules must be a list of strings, not the string "secrets"`,
		"locked_rules: [a, '']\n":                       `line 1: locked_rules[1]: want a rule id or a theme, not an empty string`,
		"version: 1\nmax_waiver_days: 0\n":              `line 2: max_waiver_days must be at least 1, not 0 (leave it out for no limit)`,
		"max_waiver_days: -3\n":                         `line 1: max_waiver_days must be at least 1, not -3 (leave it out for no limit)`,
		"max_waiver_days: ninety\n":                     `line 1: max_waiver_days must be a whole number, not the string "ninety"`,
		"minimum_fail_on: urgent\n":                     `line 1: minimum_fail_on: unknown severity "urgent" (want info, low, medium, high or critical)`,
		"unused_suppressions: yes\n":                    `line 1: unused_suppressions: want report or block, not "yes"`,
		"unused_suppressions: warn\n":                   `line 1: unused_suppressions: want report or block, not "warn"`,
		"require_waiver_owner: maybe\n":                 `line 1: require_waiver_owner must be true or false, not the string "maybe"`,
		"ignore:\n  - id: x\n":                          `line 2: ignore[0] (x): a reason is required`,
		"ignore: [{id: x, reason: y, expires: soon}]\n": `line 1: ignore[0] (x): expires must be a date, YYYY-MM-DD`,
		"version: 2\n":                                  `line 1: version 2 is not supported (want 1)`,
	}
	for src, want := range cases {
		_, err := ParseOrg([]byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("%q:\n got  %v\n want %s", src, err, want)
		}
	}
}

func TestConfigPos(t *testing.T) {
	c, err := Parse([]byte("version: 1\nfail_on: high\nrules:\n  disable:\n    - a\n    - b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if l, c := c.Pos("fail_on"); l != 2 || c != 1 {
		t.Errorf("fail_on at %d:%d", l, c)
	}
	if l, c := c.Pos("rules", "disable", 1); l != 6 || c != 7 {
		t.Errorf("rules.disable[1] at %d:%d", l, c)
	}
	if l, _ := c.Pos("ignore"); l != 1 {
		t.Errorf("an absent key is located at its nearest ancestor, got line %d", l)
	}
	if l, _ := (&Config{}).Pos("fail_on"); l != 0 {
		t.Fatal("a Config built in code has no lines")
	}
}

// FuzzParseOrg: no organisation configuration panics the parser or
// yields one that fails its own validation.
func FuzzParseOrg(f *testing.F) {
	f.Add([]byte("locked_rules: [secrets]\nmax_waiver_days: 30\nminimum_fail_on: high\n"))
	f.Add([]byte("ignore: [{id: a, reason: b, owner: c, expires: 2027-01-01}]\nunused_suppressions: block\n"))
	f.Add([]byte("max_waiver_days: 0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOrg(data)
		if err != nil {
			return
		}
		if err := o.validate(); err != nil {
			t.Fatalf("accepted an invalid org config: %v", err)
		}
	})
}
