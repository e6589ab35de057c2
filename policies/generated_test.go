package policies_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/policies/internal/gen"
)

// The committed embed list and index are what the source tree makes now:
// a rule file missing from the list would never load, and a stale index
// would make every scan parse all the rules (it is only used when it
// matches the embedded bytes, so it is never wrong, just slow).
func TestGeneratedFilesAreFresh(t *testing.T) {
	want, err := gen.Files(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range want {
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s is stale (%v): run go generate ./policies", name, err)
		}
	}
	if !bytes.Equal(policies.Index, want[gen.IndexFile]) {
		t.Error("policies.Index is not index.json")
	}
}

// The binary embeds the rules and libraries, and none of their tests.
func TestEmbedsNoTests(t *testing.T) {
	rules := 0
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, "_test.rego") {
			t.Errorf("%s is embedded", p)
		}
		rules++
		return nil
	})
	if err != nil || rules < 100 {
		t.Fatalf("walking the embedded rules: %v (%d files)", err, rules)
	}
}

// With the index, a lazy engine knows the same rules as one that parses
// every module, and compiles each format's without an error.
func TestIndexedEngineLoadsTheSameRules(t *testing.T) {
	ctx := context.Background()
	opts := engine.Options{Builtin: policies.FS, Formats: kinds.Formats(), Schemas: kinds.Schemas(), Lazy: true}
	full, err := engine.New(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.BuiltinIndex = policies.Index
	indexed, err := engine.New(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !indexed.Indexed() || full.Indexed() {
		t.Fatalf("indexed: %v with the index, %v without", indexed.Indexed(), full.Indexed())
	}
	if a, b := ruleList(full), ruleList(indexed); a != b {
		t.Fatalf("rules differ:\n%s\nwith the index:\n%s", a, b)
	}
	if full.PolicyDigest().Digest != indexed.PolicyDigest().Digest {
		t.Fatal("policy digests differ")
	}
	if err := indexed.Prepare(ctx, kinds.Formats()); err != nil {
		t.Fatal(err)
	}
}

func ruleList(e *engine.Engine) string {
	var b strings.Builder
	for _, r := range e.Rules() {
		fmt.Fprintf(&b, "%+v\n", r)
	}
	return b.String()
}
