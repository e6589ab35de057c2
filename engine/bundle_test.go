package engine

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
)

// bundleRule reads the resource types it reports from bundle data, so a
// finding proves both that the rule loaded and that the data is visible.
// body is the line that decides; it sits on line bundleRuleBodyLine.
func bundleRule(id, body string) string {
	return `# METADATA
# title: Bundle rule
# custom:
#   id: ` + id + `
#   severity: high
#   theme: iam
#   formats: [cloudformation]
package user.bundled

deny contains f if {
	some name, r in input.Resources
	` + body + `
	f := {"resource": name, "path": ["Resources", name], "message": sprintf("%s is listed in bundle data", [r.Type])}
}
`
}

const (
	bundleRuleBodyLine = 12
	bundleDataRule     = `r.Type in data.user.config.types`
	bundleDataYAML     = "types: [AWS::RDS::DBInstance]\n"
	bundleDataJSON     = `{"types": ["AWS::RDS::DBInstance"]}`
	// A rule-shaped package in a _test.rego file: tests are never rules.
	bundleTestFile = `# METADATA
# title: Not a rule
# custom:
#   id: bundle-test-file
#   severity: high
#   theme: iam
#   formats: [cloudformation]
package user.bundled_test

import data.user.bundled

deny contains "x" if { true }

test_fires if { count(bundled.deny) > 0 with input as {"Resources": {"DB": {"Type": "AWS::RDS::DBInstance"}}} }
`
)

// writeBundle serialises b with OPA's bundle writer (no compile step, so a
// broken module gets through to tollgate) and returns the tarball's path.
func writeBundle(t *testing.T, b bundle.Bundle) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.NewWriter(&buf).Write(b); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bundle.tar.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// Rules inside an OPA bundle load like a policy directory: listed under the
// name users see (the bundle path, then the file inside it), evaluated, and
// reading the bundle's data. Before, a bundle module was parsed under its
// name inside the bundle, so its METADATA location did not match the name
// tollgate stored it under and the rule was dropped without a word.
func TestBundleRulesLoad(t *testing.T) {
	rule := bundleRule("bundle-db-type", bundleDataRule)
	cases := map[string]func(t *testing.T) string{
		"tarball": func(t *testing.T) string {
			return bundletest.Build(t, map[string]string{
				"policies/x.rego":       rule,
				"policies/x_test.rego":  bundleTestFile,
				"user/config/data.json": bundleDataJSON,
			})
		},
		"tarball with manifest roots": func(t *testing.T) string {
			return bundletest.Build(t, map[string]string{
				".manifest":             `{"revision": "7", "roots": ["user"]}`,
				"policies/x.rego":       rule,
				"policies/x_test.rego":  bundleTestFile,
				"user/config/data.yaml": bundleDataYAML,
			})
		},
		"tarball written without a leading slash": func(t *testing.T) string {
			return writeBundle(t, bundle.Bundle{
				Data:    map[string]any{"user": map[string]any{"config": map[string]any{"types": []any{"AWS::RDS::DBInstance"}}}},
				Modules: []bundle.ModuleFile{{URL: "policies/x.rego", Path: "policies/x.rego", Raw: []byte(rule)}},
			})
		},
		"directory with manifest roots": func(t *testing.T) string {
			return bundletest.WriteTree(t, t.TempDir(), map[string]string{
				".manifest":             `{"roots": ["user"]}`,
				"policies/x.rego":       rule,
				"policies/x_test.rego":  bundleTestFile,
				"user/config/data.yaml": bundleDataYAML,
			})
		},
		"directory with manifest without roots": func(t *testing.T) string {
			return bundletest.WriteTree(t, t.TempDir(), map[string]string{
				".manifest":             `{"revision": "1"}`,
				"policies/x.rego":       rule,
				"user/config/data.json": bundleDataJSON,
			})
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			p := mk(t)
			e, err := New(context.Background(), Options{Paths: []string{p}})
			if err != nil {
				t.Fatal(err)
			}
			rules := e.Rules()
			want := filepath.ToSlash(p) + "/policies/x.rego"
			if len(rules) != 1 || rules[0].ID != "bundle-db-type" || len(rules[0].Sources) != 1 || rules[0].Sources[0] != want {
				t.Fatalf("want only rule bundle-db-type from %s, got %+v", want, rules)
			}
			ev, err := e.Evaluate(context.Background(), dbDoc())
			if err != nil {
				t.Fatal(err)
			}
			if len(ev.Findings) != 1 {
				t.Fatalf("want 1 finding (the rule reads bundle data), got %+v", ev.Findings)
			}
			f := ev.Findings[0]
			if f.RuleID != "bundle-db-type" || f.Location.File != "db.yaml" || f.Location.Line != 3 || f.Location.Column != 3 ||
				f.Message != "AWS::RDS::DBInstance is listed in bundle data" {
				t.Fatalf("unexpected finding %+v", f)
			}
		})
	}
}

// Errors in a bundle module name the bundle, the file inside it and the
// line, whether OPA finds them while parsing, compiling or evaluating.
func TestBundleErrorsNameBundleFileAndLine(t *testing.T) {
	cases := map[string]struct {
		rule     string
		evaluate bool
		want     string // after the module's name
	}{
		"parse": {rule: bundleRule("bundle-parse", "r.Type ==== 1"), want: ":12:"},
		"compile": {rule: bundleRule("bundle-compile", "undefined_function(r.Type)"),
			want: ":12:2: undefined function undefined_function"},
		"evaluate": {rule: bundleRule("bundle-eval", "to_number(r.Type) > 0"), evaluate: true, want: ":12): evaluating: "},
	}
	for name, c := range cases {
		for _, kind := range []string{"tarball", "directory"} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				var p string
				if kind == "tarball" {
					p = writeBundle(t, bundle.Bundle{Data: map[string]any{}, Modules: []bundle.ModuleFile{{URL: "/policies/x.rego", Path: "/policies/x.rego", Raw: []byte(c.rule)}}})
				} else {
					p = bundletest.WriteTree(t, t.TempDir(), map[string]string{".manifest": `{"roots": ["user"]}`, "policies/x.rego": c.rule})
				}
				e, err := New(context.Background(), Options{Paths: []string{p}})
				if c.evaluate {
					if err != nil {
						t.Fatal(err)
					}
					_, err = e.Evaluate(context.Background(), dbDoc())
				}
				want := filepath.ToSlash(p) + "/policies/x.rego" + c.want
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("want an error containing %q, got %v", want, err)
				}
			})
		}
	}
}

// A bundle that holds only tests, only libraries or nothing loads no rule:
// exit 2 naming the bundle, as for a directory.
func TestBundleWithoutRulesIsAnError(t *testing.T) {
	lib := "package user.lib\n\nhalf(x) := x / 2\n"
	cases := map[string]func(t *testing.T) string{
		"tarball with only tests": func(t *testing.T) string {
			return bundletest.Build(t, map[string]string{"policies/x_test.rego": bundleTestFile,
				"policies/x.rego": "package user.bundled\n\ndeny contains 1 if { false }\n"})
		},
		"directory with only a library": func(t *testing.T) string {
			return bundletest.WriteTree(t, t.TempDir(), map[string]string{".manifest": `{"roots": ["user"]}`, "lib.rego": lib})
		},
		"empty directory bundle": func(t *testing.T) string {
			return bundletest.WriteTree(t, t.TempDir(), map[string]string{".manifest": `{}`})
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			p := mk(t)
			_, err := New(context.Background(), Options{Builtin: fstest.MapFS{"test/rds.rego": &fstest.MapFile{Data: []byte(dbRule)}}, Paths: []string{p}})
			if err == nil || !strings.Contains(err.Error(), "policy "+p+": no rules") {
				t.Fatalf("want an error naming %s, got %v", p, err)
			}
		})
	}
}

// .manifest roots are OPA's to enforce: a rule outside them is an error
// naming the bundle and the module, not a rule that loads anyway.
func TestBundleRootsAreEnforced(t *testing.T) {
	p := bundletest.WriteTree(t, t.TempDir(), map[string]string{
		".manifest":       `{"roots": ["org"]}`,
		"policies/x.rego": bundleRule("bundle-db-type", "true"),
	})
	_, err := New(context.Background(), Options{Paths: []string{p}})
	if want := "bundle " + p + ": manifest roots [org] do not permit 'package user.bundled' in module '/policies/x.rego'"; err == nil || err.Error() != want {
		t.Fatalf("want %q, got %v", want, err)
	}
}

// Two bundles may put data under one prefix but not at one path: the second
// replaced the first wholesale before, so a rule read data its author never
// shipped. data.tollgate stays reserved for tollgate's configuration.
// (Data-only bundles hold no rule, hence AllowEmpty.)
func TestBundleDataMerges(t *testing.T) {
	dirBundle := func(t *testing.T, root, data string) string {
		return bundletest.WriteTree(t, t.TempDir(), map[string]string{".manifest": `{"roots": ["` + root + `"]}`, root + "/data.json": data})
	}
	rule := bundletest.WriteTree(t, t.TempDir(), map[string]string{
		".manifest":       `{"roots": ["user/bundled"]}`,
		"policies/x.rego": bundleRule("bundle-db-type", `r.Type in data.user.config.types; data.user.other.ok`),
	})
	types := dirBundle(t, "user/config", `{"types": ["AWS::RDS::DBInstance"]}`)
	other := dirBundle(t, "user/other", `{"ok": true}`)
	e, err := New(context.Background(), Options{Paths: []string{rule, types, other}, AllowEmpty: true})
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := e.Evaluate(context.Background(), dbDoc()); err != nil || len(ev.Findings) != 1 {
		t.Fatalf("want 1 finding reading both bundles' data, got %+v, %v", ev.Findings, err)
	}

	clash := dirBundle(t, "user/config", `{"types": []}`)
	_, err = New(context.Background(), Options{Paths: []string{rule, types, clash}, AllowEmpty: true})
	if want := "policy " + clash + ": bundle data data.user.config.types is already defined by another policy"; err == nil || err.Error() != want {
		t.Fatalf("want %q, got %v", want, err)
	}
	reserved := dirBundle(t, "tollgate", `{"config": {}}`)
	_, err = New(context.Background(), Options{Paths: []string{rule, reserved}, AllowEmpty: true})
	if err == nil || !strings.Contains(err.Error(), "policy "+reserved+": bundle data must not define data.tollgate") {
		t.Fatalf("want data.tollgate refused naming %s, got %v", reserved, err)
	}
}

// A bundle is untrusted input: whatever the tarball holds, loading it does
// not panic, and every module it yields is named, and located, under the
// bundle's path (the property whose absence dropped every bundle rule).
func FuzzLoadBundle(f *testing.F) {
	private, public := bundletest.RSAKeys(f)
	files := map[string]string{
		".manifest":             `{"roots": ["user"]}`,
		"policies/x.rego":       bundleRule("bundle-db-type", bundleDataRule),
		"policies/x_test.rego":  bundleTestFile,
		"user/config/data.yaml": bundleDataYAML,
	}
	for _, p := range []string{bundletest.Build(f, files), bundletest.Build(f, files, bundletest.Signed(private, "RS256"))} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
		f.Add(data, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, verify bool) {
		p := filepath.Join(t.TempDir(), "b.tar.gz")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var v *Verification
		if verify {
			v = &Verification{Key: public}
		}
		s, err := loadPath(p, p, v)
		if err != nil {
			return
		}
		for name, m := range s.modules {
			if !strings.HasPrefix(name, filepath.ToSlash(p)+"/") || m.Package.Location == nil || m.Package.Location.File != name {
				t.Fatalf("module %s is not named and located under %s", name, p)
			}
		}
	})
}

// A bundle read from a file but named otherwise (a remote bundle, cached)
// is listed and reported under its name, "//" of a URL kept; the
// warnings given with the options come back with the engine.
func TestNamedBundleAndWarnings(t *testing.T) {
	const url = "https://policy.example.com/org/bundle.tar.gz"
	good := bundletest.Build(t, map[string]string{"policies/x.rego": bundleRule("bundle-db-type", bundleDataRule), "user/config/data.json": bundleDataJSON})
	warn := document.Diagnostic{Level: document.LevelWarning, Message: "served from the cache", Range: document.Range{File: url}}
	e, err := New(context.Background(), Options{Paths: []string{good}, Names: map[string]string{good: url}, Warnings: document.Diagnostics{warn}})
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Rules(); len(r) != 1 || len(r[0].Sources) != 1 || r[0].Sources[0] != url+"/policies/x.rego" {
		t.Fatalf("want the rule from %s/policies/x.rego, got %+v", url, r)
	}
	if w := e.Warnings(); len(w) != 1 || w[0] != warn {
		t.Fatalf("warnings = %+v", w)
	}

	broken := writeBundle(t, bundle.Bundle{Data: map[string]any{}, Modules: []bundle.ModuleFile{{URL: "/policies/x.rego", Path: "/policies/x.rego", Raw: []byte(bundleRule("bundle-parse", "r.Type ==== 1"))}}})
	_, err = New(context.Background(), Options{Paths: []string{broken}, Names: map[string]string{broken: url}})
	if err == nil || !strings.Contains(err.Error(), url+"/policies/x.rego:12:") || strings.Contains(err.Error(), broken) {
		t.Fatalf("want the error named by the URL only, got %v", err)
	}
	_, err = New(context.Background(), Options{Paths: []string{good}, Names: map[string]string{good: url}, Verification: &Verification{Key: "secret", Alg: "HS256"}})
	if err == nil || !strings.Contains(err.Error(), "bundle "+url+": bundle missing .signatures.json") || strings.Contains(err.Error(), good) {
		t.Fatalf("want the unsigned bundle named by the URL only, got %v", err)
	}
}

// Bundle data is readable by key, for settings a bundle carries for
// tollgate itself (the organisation's governance); data.tollgate is
// tollgate's own and a key no bundle defines is absent.
func TestDataReadsBundleData(t *testing.T) {
	path := bundletest.Build(t, map[string]string{
		"rule.rego":                     bundleRule("bundle-db-type", bundleDataRule),
		"user/config/data.json":         bundleDataJSON,
		"tollgate_governance/data.json": `{"locked_rules": ["secrets"]}`,
	})
	e, err := New(context.Background(), Options{Paths: []string{path}})
	if err != nil {
		t.Fatal(err)
	}
	v, ok := e.Data("tollgate_governance")
	if m, _ := v.(map[string]any); !ok || len(m["locked_rules"].([]any)) != 1 {
		t.Errorf("Data(tollgate_governance) = %v, %v", v, ok)
	}
	if _, ok := e.Data("absent"); ok {
		t.Error("a key no bundle defines must be absent")
	}
}
