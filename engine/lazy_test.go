package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/document"
)

// A Dockerfile rule that does not compile, and the library only it uses.
const brokenDockerRule = `# METADATA
# title: broken
# custom:
#   id: test-broken-docker
#   severity: low
#   theme: container-hardening
#   formats: [dockerfile]
#   remediation: none
package tollgate.test.docker

import data.tollgate.test.dockerlib

deny contains f if {
	dockerlib.stage(input)
	f := {"resource": "x", "path": [], "message": undefined_fn(1)}
}
`

const dockerLib = `package tollgate.test.dockerlib

stage(x) if x.stages
`

func lazyEngine(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	e, err := New(context.Background(), Options{Builtin: fsys, Formats: testFormats, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A lazy engine compiles a format's rules, and only the libraries they use,
// when a document of the format is first evaluated: a broken rule of
// another format does not stop it, and is an error as soon as its format is
// needed.
func TestLazyCompilesPerFormat(t *testing.T) {
	e := lazyEngine(t, map[string]string{"test/rds.rego": dbRule, "test/docker.rego": brokenDockerRule, "test/dockerlib.rego": dockerLib})
	if len(e.Rules()) != 2 {
		t.Fatalf("the rules are known before anything is compiled: %+v", e.Rules())
	}
	doc := dbDoc()
	doc.Input["Resources"].(map[string]any)["DB"].(map[string]any)["Properties"] = map[string]any{}
	ev, err := e.Evaluate(context.Background(), doc)
	if err != nil || len(ev.Findings) != 1 || ev.Findings[0].RuleID != "test-rds-encrypted" {
		t.Fatalf("cloudformation: %+v %v", ev, err)
	}
	e.mu.RLock()
	_, docker := e.queries["dockerfile"]
	e.mu.RUnlock()
	if docker {
		t.Fatal("the Dockerfile rules were compiled for a CloudFormation document")
	}
	err = e.Prepare(context.Background(), []string{"dockerfile"})
	if err == nil || !strings.Contains(err.Error(), "policies/test/docker.rego:15") {
		t.Fatalf("want the Dockerfile rule's compile error, got %v", err)
	}
	_, err = e.Evaluate(context.Background(), &document.Document{Format: "dockerfile", File: "Dockerfile", Input: map[string]any{"stages": []any{}}})
	if err == nil {
		t.Fatal("evaluating a Dockerfile must fail on its broken rule")
	}
}

// A rule set only needs the packages it refers to, transitively.
func TestModulesFor(t *testing.T) {
	e := lazyEngine(t, map[string]string{"test/rds.rego": dbRule, "test/docker.rego": brokenDockerRule, "test/dockerlib.rego": dockerLib})
	got := modulesFor(e.graph, e.pkgs, []string{"dockerfile"})
	if !slices.Equal(got, []string{"policies/test/docker.rego", "policies/test/dockerlib.rego"}) {
		t.Fatalf("dockerfile needs its rule and its library, got %v", got)
	}
	if got := modulesFor(e.graph, e.pkgs, []string{"cloudformation"}); !slices.Equal(got, []string{"policies/test/rds.rego"}) {
		t.Fatalf("cloudformation needs only its rule, got %v", got)
	}
}

// The scan's workers evaluate concurrently while formats compile.
func TestLazyConcurrentEvaluate(t *testing.T) {
	e := lazyEngine(t, map[string]string{"test/rds.rego": dbRule, "test/pw.rego": secretRule})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev, err := e.Evaluate(context.Background(), dbDoc())
			if err == nil && len(ev.Findings) == 0 {
				err = errNoFinding
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

var errNoFinding = errors.New("no finding")

// With a user policy the whole set compiles at once, lazy or not: an
// error in a user's rule never waits for a document of its format.
func TestLazyCompilesUserPoliciesAtOnce(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"docker.rego": brokenDockerRule, "dockerlib.rego": dockerLib} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := New(context.Background(), Options{Paths: []string{dir}, Formats: testFormats, Lazy: true})
	if err == nil || !strings.Contains(err.Error(), "docker.rego:15") {
		t.Fatalf("want the compile error at load, got %v", err)
	}
}

// A scan evaluates while the engine prepares its formats in the
// background: evaluation waits for them, and a format whose rules do not
// compile fails every evaluation with the one compile error, compiled once.
func TestPrepareInBackground(t *testing.T) {
	ctx := context.Background()
	e := lazyEngine(t, map[string]string{"test/rds.rego": dbRule, "test/docker.rego": brokenDockerRule, "test/dockerlib.rego": dockerLib})
	wait := e.PrepareInBackground(ctx, []string{"cloudformation"})
	ev, err := e.Evaluate(ctx, dbDoc())
	if err != nil || len(ev.Findings) != 1 {
		t.Fatalf("cloudformation: %+v %v", ev, err)
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	wait = e.PrepareInBackground(ctx, []string{"dockerfile"})
	docker := &document.Document{Format: "dockerfile", File: "Dockerfile", Input: map[string]any{"stages": []any{}}}
	_, evalErr := e.Evaluate(ctx, docker)
	prepErr := wait()
	if prepErr == nil || !strings.Contains(prepErr.Error(), "policies/test/docker.rego:15") {
		t.Fatalf("want the Dockerfile rule's compile error, got %v", prepErr)
	}
	if evalErr != prepErr {
		t.Fatalf("evaluating a Dockerfile: %v, want the compile error", evalErr)
	}
	if _, err := e.Evaluate(ctx, docker); err != prepErr {
		t.Fatalf("a second Dockerfile must get the recorded error, got %v", err)
	}
}

// Value compiles only what the reference needs: a library constant is
// read while a broken rule of another format stays uncompiled; a reference
// nothing defines is not an error, and neither needs a document.
func TestValueOfLibraryConstant(t *testing.T) {
	lib := "package tollgate.test.names\n\nlist := [n | some n in [\"a\", \"b\"]]\n"
	e := lazyEngine(t, map[string]string{"test/rds.rego": dbRule, "test/docker.rego": brokenDockerRule, "test/dockerlib.rego": dockerLib, "test/names.rego": lib})
	v, ok, err := e.Value(context.Background(), "data.tollgate.test.names.list")
	if err != nil || !ok {
		t.Fatalf("Value = %v, %v, %v", v, ok, err)
	}
	if got, _ := v.([]any); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("Value = %#v, want [a b]", v)
	}
	if v, ok, err := e.Value(context.Background(), "data.tollgate.test.absent.list"); err != nil || ok {
		t.Errorf("undefined reference: Value = %v, %v, %v", v, ok, err)
	}
	// Its package is loaded but does not define it: not the same as a
	// policy set without the package, which would switch off what it steers.
	if v, ok, err := e.Value(context.Background(), "data.tollgate.test.names.missing"); err == nil || ok {
		t.Errorf("undefined value of a loaded package: Value = %v, %v, %v; want an error", v, ok, err)
	}
	if _, _, err := e.Value(context.Background(), "data.tollgate.test[x]"); err == nil {
		t.Error("a non-ground reference is not an error")
	}
	// The broken rule is reported when its format is needed, as before.
	if err := e.Prepare(context.Background(), []string{"dockerfile"}); err == nil {
		t.Error("the broken dockerfile rule compiled")
	}
}
