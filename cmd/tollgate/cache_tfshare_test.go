package main

import (
	"strings"
	"testing"
)

// Root modules that call the same module share its parse within a run
// (scanners/terraform's parse cache), yet each root's cache entry must
// depend on the module's files: a change there misses for every caller,
// and the cached run then says what a fresh scan says.
func TestResultCacheSharedModuleMissesForEveryCaller(t *testing.T) {
	t.Setenv(debugEnv, "1")
	// cacheTree's tf root calls tf/mod; two more roots call it too.
	dir, cache := cacheTree(t), t.TempDir()
	for _, r := range []string{"tf2", "tf3"} {
		writeFile(t, dir, r+"/main.tf", "module \"net\" {\n  source = \"../tf/mod\"\n  cidr   = \"10.0.0.0/8\"\n}\n")
	}
	first := scanWith(t, dir, cache)
	if again := scanWith(t, dir, cache); again.targets != 5 || again.reused != 5 {
		t.Fatalf("unchanged: %d of %d reused, want 5 of 5 (template, Dockerfile, three roots)", again.reused, again.targets)
	}
	mod := dir + "/tf/mod/main.tf"
	writeFile(t, dir, "tf/mod/main.tf", strings.Replace(readFile(t, mod), "[var.cidr]", `["0.0.0.0/0"]`, 1))
	got := scanWith(t, dir, cache)
	if got.reused != 2 {
		t.Errorf("after changing the shared module: %d of %d reused, want 2 (no root)", got.reused, got.targets)
	}
	sameAsFresh(t, "after changing the shared module", got, scanWith(t, dir, ""))
	if got.json == first.json {
		t.Errorf("the change is not seen: %s", got.json)
	}
}
