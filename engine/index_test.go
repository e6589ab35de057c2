package engine

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// A lazy engine with a matching index parses no module until a format is
// prepared, then only that format's, and finds what a full parse finds.
func TestIndexParsesOnlyWhatAFormatNeeds(t *testing.T) {
	ctx := context.Background()
	fsys := mapFS(map[string]string{"test/rds.rego": dbRule, "test/pw.rego": secretRule, "test/dockerlib.rego": dockerLib,
		"test/docker.rego": strings.Replace(brokenDockerRule, "undefined_fn(1)", `"x"`, 1)})
	idx, err := BuildIndex(fsys, testFormats, nil)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(ctx, Options{Builtin: fsys, BuiltinIndex: idx, Formats: testFormats, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Indexed() || len(e.modules) != 0 || len(e.Rules()) != 3 {
		t.Fatalf("indexed %v, %d modules parsed, rules %+v", e.Indexed(), len(e.modules), e.Rules())
	}
	ev, err := e.Evaluate(ctx, dbDoc())
	if err != nil || len(ev.Findings) != 2 {
		t.Fatalf("cloudformation: %+v %v", ev, err)
	}
	if len(e.modules) != 2 || e.modules["policies/test/docker.rego"] != nil {
		t.Fatalf("parsed for cloudformation: %d modules", len(e.modules))
	}
	full, err := New(ctx, Options{Builtin: fsys, Formats: testFormats, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	if full.Indexed() || full.PolicyDigest().Digest != e.PolicyDigest().Digest {
		t.Fatal("the index must not change the policy digest")
	}
	want, err := full.Evaluate(ctx, dbDoc())
	if err != nil || !reflect.DeepEqual(want, ev) {
		t.Fatalf("findings differ: %+v, parsing all: %+v (%v)", ev, want, err)
	}
}

// An index that does not describe the embedded bytes, or was made for
// other input schemas, is not used: the engine parses and checks every
// module, so an edited rule is judged by every compiler check.
func TestStaleIndexIsIgnored(t *testing.T) {
	files := map[string]string{"test/rds.rego": dbRule}
	idx, err := BuildIndex(mapFS(files), testFormats, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The same file with a rule that does not type-check.
	files["test/rds.rego"] = strings.Replace(dbRule, `not r.Properties.StorageEncrypted == true`, `count(1) > 0`, 1)
	e, err := New(context.Background(), Options{Builtin: mapFS(files), BuiltinIndex: idx, Formats: testFormats, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	if e.Indexed() {
		t.Fatal("an index of other bytes was used")
	}
	if err := e.Prepare(context.Background(), []string{"cloudformation"}); err == nil || !strings.Contains(err.Error(), "policies/test/rds.rego:") {
		t.Fatalf("want the type error of the edited rule, got %v", err)
	}
	e, err = New(context.Background(), Options{Builtin: mapFS(map[string]string{"test/rds.rego": dbRule}), BuiltinIndex: idx, Formats: testFormats, Lazy: true,
		Schemas: map[string][]byte{"cloudformation": []byte(`{"type": "object"}`)}})
	if err != nil || e.Indexed() {
		t.Fatalf("an index of other schemas was used (%v)", err)
	}
}

// No index is made of rules that fail a compiler check, so leaving the
// checks out at run time never lets such a rule through.
func TestBuildIndexRunsEveryCheck(t *testing.T) {
	_, err := BuildIndex(mapFS(map[string]string{"test/docker.rego": brokenDockerRule, "test/dockerlib.rego": dockerLib}), testFormats, nil)
	if err == nil || !strings.Contains(err.Error(), "policies/test/docker.rego:15") {
		t.Fatalf("want the compile error, got %v", err)
	}
	bad := strings.Replace(dbRule, `not r.Properties.StorageEncrypted == true`, `count(1) > 0`, 1)
	if _, err := BuildIndex(mapFS(map[string]string{"test/rds.rego": bad}), testFormats, nil); err == nil {
		t.Fatal("a rule that fails the type check was indexed")
	}
}

// packageRef builds what ast.ParseRef parses, quoted parts too.
func TestPackageRef(t *testing.T) {
	for _, s := range []string{"data.tollgate.aws.x", `data.tollgate["a-b"].c`, "data.a.b1._c"} {
		got, err := packageRef(s)
		want, werr := ast.ParseRef(s)
		if err != nil || werr != nil || !got.Equal(want) || got.String() != s {
			t.Errorf("%s: got %v (%v), want %v (%v)", s, got, err, want, werr)
		}
	}
}

// An index is only ever used when it describes the read bytes exactly,
// whatever bytes it holds: never a panic, never a module it does not sum.
func FuzzReadIndex(f *testing.F) {
	fsys := mapFS(map[string]string{"test/rds.rego": dbRule, "test/pw.rego": secretRule})
	idx, err := BuildIndex(fsys, testFormats, nil)
	if err != nil {
		f.Fatal(err)
	}
	s, _, err := readFS(fsys, builtinPrefix, "", false)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(idx)
	f.Add([]byte(`{"modules": [{"file": "test/rds.rego", "package": "data[\"x\"", "rule": {}}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got := readIndex(raw, s, nil)
		if got == nil {
			return
		}
		for _, m := range got.Modules {
			if s.sums[m.File] != m.SHA256 {
				t.Fatalf("module %s used with another sum", m.File)
			}
		}
		if decls, err := got.decls(); err == nil {
			_, _ = rulePackages(decls, map[string]bool{}, testFormats) // invalid metadata is an error, not a panic
		}
	})
}

// The index records which modules call tollgate.secrets, so an indexed
// engine knows, as a parsing one does, that evaluation will need the
// credential detector (and builds it while a document waits for rules).
func TestIndexRecordsSecretsCalls(t *testing.T) {
	lib := "package tollgate.test.seclib\n\nfound(x) := tollgate.secrets(x)\n"
	for _, files := range []map[string]string{{"test/rds.rego": dbRule}, {"test/rds.rego": dbRule, "test/seclib.rego": lib}} {
		fsys := mapFS(files)
		idx, err := BuildIndex(fsys, testFormats, nil)
		if err != nil {
			t.Fatal(err)
		}
		indexed, err := New(context.Background(), Options{Builtin: fsys, BuiltinIndex: idx, Formats: testFormats, Lazy: true})
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := New(context.Background(), Options{Builtin: fsys, Formats: testFormats, Lazy: true})
		if err != nil {
			t.Fatal(err)
		}
		want := len(files) == 2
		if !indexed.Indexed() || indexed.secrets != want || parsed.secrets != want {
			t.Errorf("%d files: secrets %v indexed, %v parsed, want %v", len(files), indexed.secrets, parsed.secrets, want)
		}
	}
}
