package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A builtin that fails at run time is an evaluation error naming the rule,
// its file and line, and the document; before strict errors the rule was
// silently undefined and the gate passed.
func TestRuntimeBuiltinErrorIsAnError(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"divide by zero": {`count(input.Resources) / (count(input.Resources) - 1) > 0`, "div: divide by zero"},
		"to_number":      {`to_number(input.Resources.DB.Type) > 0`, "to_number"},
		"type error":     {`upper(input.Resources.DB.Properties) != ""`, "upper"},
		"bad regex":      {`regex.match(concat("", ["(", input.Resources.DB.Type]), "x")`, "regex.match"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir, _, err := evalUserRule(t, "user-runtime", c.body)
			if err == nil {
				t.Fatal("want an evaluation error, got none")
			}
			want := "db.yaml: rule user-runtime (" + filepath.ToSlash(filepath.Join(dir, "policy.rego")) + ":10): evaluating: "
			if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error should start %q and mention %q, got %q", want, c.want, err)
			}
		})
	}
}

// When the failing expression sits in a library, the error still names the
// rule that called it, and where in the library it failed.
func TestRuntimeErrorInLibraryNamesTheRule(t *testing.T) {
	dir := userRule(t, "user-lib-caller", `data.user.lib.half(input.Resources.DB.Type) > 0`)
	lib := "package user.lib\n\nhalf(x) := n if {\n\tn := to_number(x) / 2\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "lib.rego"), []byte(lib), 0o644); err != nil {
		t.Fatal(err)
	}
	// A second rule that does not fail: the error must not blame it.
	other := ruleSource("user-other", "other", "true")
	if err := os.WriteFile(filepath.Join(dir, "other.rego"), []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Evaluate(context.Background(), dbDoc())
	libAt := filepath.ToSlash(filepath.Join(dir, "lib.rego")) + ":4"
	if err == nil || !strings.HasPrefix(err.Error(), "db.yaml: rule user-lib-caller (") || !strings.Contains(err.Error(), libAt) || !strings.Contains(err.Error(), "to_number") {
		t.Fatalf("want an error naming rule user-lib-caller and %s, got %v", libAt, err)
	}
}

// A rule that checks types before converting never errors: the strictness
// only turns real mistakes into errors.
func TestGuardedConversionIsNotAnError(t *testing.T) {
	_, ev, err := evalUserRule(t, "user-guarded", `x := input.Resources.DB.Type; is_number(x); to_number(x) > 0`)
	if err != nil || len(ev.Findings) != 0 {
		t.Fatalf("want no finding and no error, got %+v %v", ev.Findings, err)
	}
}
