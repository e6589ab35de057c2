package main

import (
	"strings"
	"testing"
)

// A --policy path or a configuration policies: entry that loads no rule is
// exit 2 naming the path; --allow-empty accepts it.
func TestPolicyPathWithoutRulesIsUndecided(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "db.yaml", unencryptedDB)
	lib := writeFile(t, dir, "lib/helpers.rego", "package user.helpers\n\nhalf(x) := x / 2\n")
	libDir := strings.TrimSuffix(lib, "/helpers.rego")
	cfg := writeFile(t, dir, "tollgate.yaml", "version: 1\npolicies: ["+libDir+"]\n")
	for name, args := range map[string][]string{
		"flag":   {"scan", "--policy", libDir, db},
		"config": {"scan", "--config", cfg, db},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := tollgate(t, args...)
			if code != 2 || !strings.Contains(stderr, "policy "+libDir+": no rules") {
				t.Fatalf("exit %d, stderr %q; want 2 naming %s", code, stderr, libDir)
			}
			allowed := append([]string{args[0], "--allow-empty"}, args[1:]...)
			if code, _, stderr := tollgate(t, allowed...); code != 1 {
				t.Fatalf("--allow-empty: exit %d, stderr %q; want 1 (the built-in rules still block)", code, stderr)
			}
		})
	}
}
