package policies_test

import (
	"context"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policies"
)

// TestRego runs every *_test.rego of the built-in policies with OPA's test
// runner, so `go test ./...` is the only command contributors need.
func TestRego(t *testing.T) {
	mods := map[string]*ast.Module{}
	// The tests are not embedded: read them, and the rules, from the tree.
	tree := os.DirFS(".")
	err := fs.WalkDir(tree, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(tree, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The library uses tollgate's own builtins (engine.NewBuiltins), so the
	// tests run with them too.
	b := engine.NewBuiltins()
	compiler, err := engine.NewCompiler(b.Capabilities(), kinds.Schemas())
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		AddCustomBuiltins(b.TesterBuiltins()).
		// The engine evaluates with strict builtin errors; so do the tests,
		// or a rule that errs on some input would pass them.
		RaiseBuiltinErrors(true).
		SetModules(mods).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s: error: %v", name, r.Error)
		case r.Fail:
			t.Errorf("%s (%s:%d): failed", name, r.Location.File, r.Location.Row)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}

// TestEveryRuleHasTests keeps the rule-per-file convention honest: each
// rule file has a _test.rego beside it.
func TestEveryRuleHasTests(t *testing.T) {
	tree := os.DirFS(".")
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		if _, err := fs.Stat(tree, strings.TrimSuffix(p, ".rego")+"_test.rego"); err != nil {
			t.Errorf("%s has no _test.rego", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBuiltinRulesLoad compiles the embedded rules the way the CLI does and
// checks the metadata every report relies on.
func TestBuiltinRulesLoad(t *testing.T) {
	e, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
	if err != nil {
		if err == engine.ErrNoRules {
			t.Skip("no built-in rules yet")
		}
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		if r.Remediation == "" || r.Description == "" {
			t.Errorf("rule %s needs a description and a remediation", r.ID)
		}
		if !r.Builtin {
			t.Errorf("rule %s not marked built-in", r.ID)
		}
	}
}

// TestNoPartialObjectRules keeps rule evaluation linear in the resource
// count. OPA checks every key a partial object rule (p[k] := v, including
// ref heads such as p[a][b] := v and p[k] contains v) adds against every key
// added before it, so such a rule over the resources of a template is
// quadratic: a 20,000-bucket template took 45 s through the type index
// alone. Object comprehensions (p := {k: v | ...}) build the same object in
// one pass.
func TestNoPartialObjectRules(t *testing.T) {
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		for _, r := range m.Rules {
			if len(r.Head.Args) > 0 {
				continue // a function
			}
			ref := r.Head.Ref()
			for _, term := range ref[1:] {
				if !term.IsGround() {
					t.Errorf("%s:%d: %s is a partial object rule (quadratic in OPA); build it with an object comprehension", p, r.Location.Row, ref)
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// noUserText are the formats that hold no text a user writes, so no
// credential: artifacts is a CDK assembly's record of its assets (paths,
// recorded and computed hashes), written by the CDK CLI.
var noUserText = map[string]bool{"artifacts": true}

// detectsCredentials is what a rule module that runs the credential
// detector says.
var detectsCredentials = regexp.MustCompile(`\bsecrets\.(find_patterns|matches)\(|\binput\.matches\b`)

// TestEveryFormatHasASecretsRule keeps credential detection from silently
// shrinking. Files no kind claims go to the fallback credentials scanner;
// once a new kind claims them, only a secrets rule of the kind's own format
// sees them, so a kind without one drops detection for its files (a
// Kubernetes Secret with an AWS key would pass).
func TestEveryFormatHasASecretsRule(t *testing.T) {
	e, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, r := range e.Rules() {
		if r.Theme != "secrets" {
			continue
		}
		for _, src := range r.Sources {
			// A rule about names or structure (NoEcho, ENV names, credential
			// files) does not read the text: only one that runs the credential
			// detector (tollgate.secrets through the secrets library, or the
			// files scanner's matches) covers a format.
			b, err := fs.ReadFile(policies.FS, strings.TrimPrefix(src, "policies/"))
			if err != nil {
				t.Fatal(err)
			}
			if !detectsCredentials.Match(b) {
				continue
			}
			for _, f := range r.Formats {
				covered[f] = true
			}
		}
	}
	for _, k := range kinds.All() {
		for _, f := range k.Formats {
			if !covered[f] && !noUserText[f] {
				t.Errorf("format %s (kind %s) has no built-in rule with theme secrets that runs the credential detector: its files no longer reach the credentials scanner (files), so add one, e.g. policies/%s/secrets_known_pattern.rego calling data.tollgate.lib.secrets.find_patterns over the input as policies/cloudformation/secrets_known_pattern.rego does", f, k.Name, f)
			}
		}
	}
}
