package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// A --policy path that loads no rule would let a typo in a path, a
// forgotten METADATA block or a directory of tests pass every scan.
func TestPolicyPathWithoutRulesIsAnError(t *testing.T) {
	write := func(t *testing.T, files map[string]string) string {
		t.Helper()
		dir := t.TempDir()
		for name, src := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	lib := "package user.lib\n\nhalf(x) := x / 2\n"
	noID := strings.Replace(ruleSource("user-x", "x", "true"), "#   id: user-x\n", "", 1)
	paths := map[string]func(t *testing.T) string{
		"empty directory": func(t *testing.T) string { return write(t, nil) },
		"library only":    func(t *testing.T) string { return write(t, map[string]string{"lib.rego": lib}) },
		"tests only": func(t *testing.T) string {
			return write(t, map[string]string{"x_test.rego": "package user.x_test\n\ntest_x if { true }\n"})
		},
		"package without id": func(t *testing.T) string { return write(t, map[string]string{"x.rego": noID}) },
		"single library file": func(t *testing.T) string {
			return filepath.Join(write(t, map[string]string{"lib.rego": lib}), "lib.rego")
		},
	}
	builtin := fstest.MapFS{"test/rds.rego": &fstest.MapFile{Data: []byte(dbRule)}}
	for name, mk := range paths {
		t.Run(name, func(t *testing.T) {
			p := mk(t)
			_, err := New(context.Background(), Options{Builtin: builtin, Paths: []string{p}})
			if err == nil || !strings.Contains(err.Error(), "policy "+p+": no rules") {
				t.Fatalf("want an error naming %s, got %v", p, err)
			}
			if _, err := New(context.Background(), Options{Builtin: builtin, Paths: []string{p}, AllowEmpty: true}); err != nil {
				t.Fatalf("AllowEmpty: %v", err)
			}
		})
	}
	// A path that holds a rule passes.
	withRule := userRule(t, "user-ok", "true")
	if _, err := New(context.Background(), Options{Builtin: builtin, Paths: []string{withRule}}); err != nil {
		t.Fatal(err)
	}
}
