// Package engine compiles Rego rules once and evaluates documents against
// them. It knows the finding contract (docs/policy-api.md) and nothing of
// file formats: positions come from the document.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/tollgate-dev/tollgate/credentials"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/suggest"
	"github.com/tollgate-dev/tollgate/themes"
)

// Options say which rules to load.
type Options struct {
	// Formats are the document formats of the input kinds in use (from
	// package kinds): a rule declaring another format is an error, a typo
	// that would otherwise never match a document. Nil accepts the
	// formats the rules declare.
	Formats []string
	// Schemas are the JSON Schemas of the input documents by format (from
	// package kinds). A rule whose METADATA names one (schemas: [{input:
	// schema.<format>}], "-" spelled "_") is type-checked against it, so a
	// reference to a field the input never has fails to compile.
	Schemas map[string][]byte
	// Builtin holds the embedded rules (policies.FS); nil loads none.
	Builtin fs.FS
	// BuiltinIndex is the index of Builtin (policies.Index, see index.go):
	// a Lazy engine without Paths that finds it describes Builtin exactly
	// parses only the modules a format needs, when it needs them.
	BuiltinIndex []byte
	// Paths are user policy directories, .rego files or OPA bundles.
	Paths []string
	// Config is exposed to rules as data.tollgate.config.
	Config map[string]any
	// Disabled rule ids are not evaluated.
	Disabled []string
	// AllowEmpty accepts a policy path that holds no rule (only libraries,
	// tests, or nothing); otherwise that is an error naming the path.
	AllowEmpty bool
	// Verification, when set, loads only OPA bundles it verifies from
	// Paths; see Verification.
	Verification *Verification
	// Lazy defers compiling the built-in rules of a format until a document
	// of it is evaluated or Prepare names it, and then compiles only those
	// rules and the libraries they use: a one-file scan compiles a fraction
	// of the rule set. It is for the embedded rules, which the test suite
	// compiles in full; with Paths (user policies) everything is compiled
	// at once anyway, so an error in a user's rule never waits for a
	// document of its format.
	Lazy bool
	// Names are what users call paths of Paths that are not their own
	// name: a remote bundle is read from a cached file but named by its
	// URL in listings and errors.
	Names map[string]string
	// Warnings about how the rules were obtained (a remote bundle served
	// from the cache) travel with the engine into every report it makes.
	Warnings document.Diagnostics
	// Unknown is what a control that cannot be decided because a value is
	// unknown does: UnknownPass ("" too) nothing, as a scan always did;
	// UnknownBlock makes it a finding of the rule's id family
	// (<id>/unknown; see undecided.go).
	Unknown string
	// UnknownSeverity, when set, is the severity of those findings
	// instead of their rule's.
	UnknownSeverity string
	// EveryRule evaluates every rule of a format against every document,
	// leaving none out for the resource types it lacks (see select.go):
	// what the tests hold rule selection to.
	EveryRule bool
}

// Engine holds compiled rules; it is safe for concurrent use.
type Engine struct {
	rules []finding.Rule
	// disabled are the rules Options.Disabled turned off.
	disabled []finding.Rule
	ids      []string // every loaded rule id, disabled ones too, sorted
	byID     map[string]finding.Rule
	// data is the policies' data, data.tollgate included; read-only.
	data map[string]any
	// mu guards queries, which Prepare fills (once per format) while
	// Evaluate reads them from the scan's workers, and failed, the error of
	// each format whose rules did not compile.
	mu      sync.RWMutex
	queries map[string]*formatQuery // by document format
	failed  map[string]error
	// formats have rules; pkgs are the enabled rule packages.
	formats []string
	pkgs    []rulePackage
	// What compiling needs: every parsed module by file name, the sources
	// of those not parsed yet (by name), what each module refers to, the
	// store, the builtins, the capabilities and the input schemas.
	modules  map[string]*ast.Module
	unparsed map[string][]byte
	graph    map[string]deps
	// indexed: the rules are the built-in ones, described by their index,
	// whose modules passed every compiler check (see checkStages).
	indexed bool
	// secrets: some module calls tollgate.secrets (see query).
	secrets     bool
	warmSecrets sync.Once
	store       storage.Store
	builtins    Builtins
	caps        *ast.Capabilities
	schemas     map[string][]byte
	// warnings travel with the engine into every report it makes.
	warnings document.Diagnostics
	// digest identifies the policy set (PolicyDigest).
	digest PolicyDigest
	// undecided makes the libraries' undecided records findings (with
	// undecidedSev, when set, as their severity).
	undecided    bool
	undecidedSev *finding.Severity
	// everyRule: Options.EveryRule.
	everyRule bool
}

// formatQuery evaluates every rule that applies to one format in a single
// query, so a document costs one evaluation however many rules there are.
type formatQuery struct {
	pq rego.PreparedEvalQuery
	// prepare compiles a query against the compiled rules; Evaluate uses
	// it to find which rule failed when the format's query errs.
	prepare func(ctx context.Context, query string) (rego.PreparedEvalQuery, error)
	// rules describe each element of the result array: the merged rule,
	// with the remediation of the package that produced it (a Terraform
	// finding gets Terraform advice under an id shared with CloudFormation).
	rules []finding.Rule
	refs  []string // data.<package>.deny of each element
	// noUndecided marks the elements whose package opted out of
	// undecided findings (custom.undecided: false).
	noUndecided []bool
	// types are the resource types that select each element's rule
	// (nil: it always runs), nil when no rule can be left out; subsets
	// are the queries over the rules a document selects.
	types   [][]string
	subsets subsets
	// partial, when not nil, says the query holds only some of the
	// format's rules (PrepareFor): it holds the resource types of the
	// rules left out, every one of which has some (see leavesOut).
	partial map[string]bool
}

// ErrNoRules is returned when the options load no rule at all, which would
// make every scan pass.
var ErrNoRules = errors.New("no rules loaded: enable the built-in rules or pass --policy")

// New loads and compiles the rules. A policy that does not parse or compile
// is an error naming the file and line.
func New(ctx context.Context, opts Options) (*Engine, error) {
	mode, err := ParseUnknown(opts.Unknown)
	if err != nil {
		return nil, err
	}
	var undecidedSev *finding.Severity
	if opts.UnknownSeverity != "" {
		sev, err := finding.ParseSeverity(opts.UnknownSeverity)
		if err != nil {
			return nil, fmt.Errorf("unknown_severity: %w", err)
		}
		undecidedSev = &sev
	}
	var sources []source
	var idx *index
	if opts.Builtin != nil {
		s, order, err := readFS(opts.Builtin, builtinPrefix, "", false)
		if err != nil {
			return nil, fmt.Errorf("built-in policies: %w", err)
		}
		if opts.Lazy && len(opts.Paths) == 0 {
			idx = readIndex(opts.BuiltinIndex, s, opts.Schemas)
		}
		if idx == nil {
			if s.modules, err = parseAll(order, s.srcs, parseOptions()); err != nil {
				return nil, fmt.Errorf("built-in policies: %w", err)
			}
			s.srcs = nil
		}
		s.builtin = true
		sources = append(sources, s)
	}
	for _, p := range opts.Paths {
		name := p
		if n, ok := opts.Names[p]; ok {
			name = n
		}
		s, err := loadPath(p, name, opts.Verification)
		if err != nil {
			return nil, err
		}
		s.path = name
		sources = append(sources, s)
	}

	modules := make(map[string]*ast.Module)
	builtin := make(map[string]bool)
	data := map[string]any{}
	for _, s := range sources {
		for name, m := range s.modules {
			if _, dup := modules[name]; dup {
				return nil, fmt.Errorf("policy file %s loaded twice", name)
			}
			modules[name] = m
			builtin[name] = s.builtin
		}
		for name := range s.srcs { // indexed: the built-in rules alone
			builtin[name] = true
		}
		if _, ok := s.data["tollgate"]; ok {
			return nil, fmt.Errorf("policy %s: bundle data must not define data.tollgate (reserved for tollgate's configuration)", s.path)
		}
		if err := mergeData(data, s.data, "data"); err != nil {
			return nil, fmt.Errorf("policy %s: %w", s.path, err)
		}
	}
	digest, err := policyDigest(sources, data)
	if err != nil {
		return nil, err
	}
	cfg := nonNil(opts.Config)
	if mode == UnknownBlock {
		// The libraries build undecided records only when asked.
		cfg = maps.Clone(cfg)
		cfg["unknown"] = UnknownBlock
	}
	data["tollgate"] = map[string]any{"config": cfg}

	var decls []moduleDecl
	var graph map[string]deps
	var unparsed map[string][]byte
	var secrets bool
	if idx != nil {
		if decls, err = idx.decls(); err != nil {
			return nil, err
		}
		graph = make(map[string]deps, len(idx.Modules))
		for i, m := range idx.Modules {
			graph[decls[i].name] = m.deps
			secrets = secrets || m.Secrets
		}
		unparsed = sources[0].srcs
	} else {
		if decls, err = declsOf(modules); err != nil {
			return nil, err
		}
		graph = graphOf(modules)
		secrets = callsSecrets(modules)
	}
	builtins := NewBuiltins()
	var compiled *ast.Compiler
	if !opts.Lazy || len(opts.Paths) > 0 {
		// Everything, before anything else is judged: a compile error says
		// more than "no rules" about a file with a typo.
		var err error
		if compiled, err = compile(builtins.Capabilities(), opts.Schemas, modules, true); err != nil {
			return nil, err
		}
	}
	pkgs, err := rulePackages(decls, builtin, opts.Formats)
	if err != nil {
		return nil, err
	}
	if !opts.AllowEmpty {
		if err := everyPathHasRules(sources, pkgs); err != nil {
			return nil, err
		}
	}
	var ids []string
	for _, p := range pkgs {
		ids = append(ids, p.rule.ID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	disabled := make(map[string]bool, len(opts.Disabled))
	for _, id := range opts.Disabled {
		disabled[id] = true
	}
	// <rule-id>/unknown turns off the rule's undecided findings only.
	for i, p := range pkgs {
		if disabled[p.rule.ID+UndecidedSuffix] {
			pkgs[i].noUndecided = true
		}
	}
	var kept, dropped []rulePackage
	for _, p := range pkgs {
		if disabled[p.rule.ID] {
			dropped = append(dropped, p)
		} else {
			kept = append(kept, p)
		}
	}
	pkgs = kept
	if len(pkgs) == 0 {
		return nil, ErrNoRules
	}
	rules, err := mergeRules(pkgs)
	if err != nil {
		return nil, err
	}
	off, err := mergeRules(dropped)
	if err != nil {
		return nil, err
	}

	e := &Engine{
		rules: rules, disabled: off, ids: ids, data: data, byID: make(map[string]finding.Rule), queries: make(map[string]*formatQuery),
		formats: evaluatedFormats(opts.Formats, pkgs), pkgs: pkgs,
		modules: modules, unparsed: unparsed, graph: graph, indexed: idx != nil, secrets: secrets, store: inmem.NewFromObject(data), builtins: builtins, caps: builtins.Capabilities(), schemas: opts.Schemas,
		warnings:  opts.Warnings,
		digest:    digest,
		undecided: mode == UnknownBlock, undecidedSev: undecidedSev, everyRule: opts.EveryRule,
	}
	for _, r := range rules {
		e.byID[r.ID] = r
	}
	if compiled != nil {
		if err := e.prepareQueries(ctx, compiled, e.formats, nil); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// compile compiles modules with tollgate's compiler; without checks, it
// leaves out the stages that only judge the modules (checkStages).
func compile(caps *ast.Capabilities, schemas map[string][]byte, modules map[string]*ast.Module, checks bool) (*ast.Compiler, error) {
	c, err := NewCompiler(caps, schemas)
	if err != nil {
		return nil, err
	}
	if !checks {
		c.WithSkipStages(checkStages...)
	}
	if c.Compile(modules); c.Failed() {
		return nil, compileError(c.Errors)
	}
	return c, nil
}

// checkStages are the compiler stages that only judge modules (types
// against the input schemas, recursion, undefined and void calls, rule
// conflicts, keyword overrides, imports, unsafe and deprecated builtins):
// they change nothing a query evaluates. The type environment the type
// check leaves is read by evaluation only for `with` on functions, which
// rules do not use (tests do, and compile with every stage). So a set of
// modules that passed them once, as the built-in rules did when their
// index was built, compiles to the same rules without them, at about half
// the cost of a format's rules.
var checkStages = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins, ast.StageCheckDeprecatedBuiltins,
}

// Prepare compiles the rules of the given formats, and the libraries they
// use, in one compiler, and prepares one query per format. A format already
// prepared, or without rules, is skipped. A lazy engine calls it on first
// use of a format; a scan that knows every format it will evaluate calls it
// once with all of them, so shared libraries are compiled once.
func (e *Engine) Prepare(ctx context.Context, formats []string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.prepare(ctx, formats, nil)
}

// PrepareInBackground is Prepare while the caller goes on (scanning the
// files the formats came from); wait returns Prepare's error. The engine
// is locked before it returns, so an Evaluate that comes first waits for
// these formats instead of compiling its own.
func (e *Engine) PrepareInBackground(ctx context.Context, formats []string) (wait func() error) {
	e.mu.Lock()
	done := make(chan error, 1)
	go func() {
		defer e.mu.Unlock()
		done <- e.prepare(ctx, formats, nil)
	}()
	return sync.OnceValue(func() error { return <-done })
}

// prepare is Prepare with mu held. A format whose rules failed to compile
// fails again at once: the scan's workers would otherwise each compile it
// again. With keep set, only the rule packages it keeps of each format are
// compiled, and the format's query is partial (see PrepareFor).
func (e *Engine) prepare(ctx context.Context, formats []string, keep func(format string, p rulePackage) bool) error {
	var need []string
	for _, f := range formats {
		if err := e.failed[f]; err != nil {
			return err
		}
	}
	for _, f := range formats {
		if q, done := e.queries[f]; (!done || q.partial != nil) && slices.Contains(e.formats, f) && !slices.Contains(need, f) {
			need = append(need, f)
		}
	}
	if len(need) == 0 {
		return nil
	}
	pkgs := e.pkgs
	if keep != nil {
		pkgs = nil
		for _, p := range e.pkgs {
			if slices.ContainsFunc(need, func(f string) bool { return slices.Contains(p.rule.Formats, f) && keep(f, p) }) {
				pkgs = append(pkgs, p)
			}
		}
	}
	c, err := e.compileModules(modulesFor(e.graph, pkgs, need))
	if err != nil {
		e.fail(need, err)
		return err
	}
	return e.prepareQueries(ctx, c, need, keep)
}

// compileModules parses the named modules not parsed yet and compiles the
// named ones; the caller holds mu.
func (e *Engine) compileModules(names []string) (*ast.Compiler, error) {
	var fresh []string
	for _, name := range names {
		if _, ok := e.modules[name]; !ok {
			fresh = append(fresh, name)
		}
	}
	parsed, err := parseAll(fresh, e.unparsed, parseOptions())
	if err != nil {
		return nil, err
	}
	for name, m := range parsed {
		e.modules[name] = m
		delete(e.unparsed, name)
	}
	mods := make(map[string]*ast.Module, len(names))
	for _, name := range names {
		mods[name] = e.modules[name]
	}
	return compile(e.caps, e.schemas, mods, !e.indexed)
}

// Value evaluates a ground reference into the policies' data, such as a
// library's constant (data.tollgate.lib.credential_files.patterns) that a
// scanner is configured with, compiling only the modules it needs. ok is
// false when the policies do not define it (--no-builtin with rules that
// declare none).
func (e *Engine) Value(ctx context.Context, ref string) (v any, ok bool, err error) {
	r, err := ast.ParseRef(ref)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", ref, err)
	}
	if !r.HasPrefix(ast.DefaultRootRef) || !r.IsGround() {
		return nil, false, fmt.Errorf("%s: not a ground reference into data", ref)
	}
	pkgs := map[string]bool{}
	declared := false // a package the reference is in
	for _, d := range e.graph {
		pkgs[d.Package] = true
		declared = declared || strings.HasPrefix(r.String(), d.Package+".")
	}
	e.mu.Lock()
	c, err := e.compileModules(closure(e.graph, packagesOf(pkgs, r.String())))
	e.mu.Unlock()
	if err != nil {
		return nil, false, err
	}
	rs, err := e.rego(c, "x = "+r.String()).Eval(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", ref, err)
	}
	switch {
	case len(rs) > 0:
		return rs[0].Bindings["x"], true, nil
	case declared:
		// Its package is there but the value is undefined (a body that
		// does not hold, a user's copy of the library without it):
		// reading that as "not defined" would switch off what it steers.
		return nil, false, fmt.Errorf("%s: its package is loaded but the value is undefined", ref)
	default:
		return nil, false, nil
	}
}

// fail records that the rules of formats do not parse or compile (which
// does not change from one try to the next).
func (e *Engine) fail(formats []string, err error) {
	if e.failed == nil {
		e.failed = map[string]error{}
	}
	for _, f := range formats {
		e.failed[f] = err
	}
}

// prepareQueries prepares the query of each format against a compiler
// holding their rules (those keep keeps, when set); the caller holds mu or
// owns e.
func (e *Engine) prepareQueries(ctx context.Context, c *ast.Compiler, formats []string, keep func(format string, p rulePackage) bool) error {
	prepare := func(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
		return e.rego(c, query).PrepareForEval(ctx)
	}
	for _, format := range formats {
		var refs []string
		var perPkg []finding.Rule
		var optOut []bool
		var types [][]string
		selective := false
		var left map[string]bool
		for _, p := range e.pkgs {
			if !slices.Contains(p.rule.Formats, format) {
				continue
			}
			if keep != nil && !keep(format, p) {
				if left == nil {
					left = map[string]bool{}
				}
				for _, t := range selectableTypes(p.rule.Builtin, p.rule.ResourceTypes) {
					left[t] = true
				}
				continue
			}
			refs = append(refs, p.ref.String())
			optOut = append(optOut, p.noUndecided)
			t := selectableTypes(p.rule.Builtin, p.rule.ResourceTypes)
			types = append(types, t)
			selective = selective || t != nil
			r := e.byID[p.rule.ID]
			if p.rule.Remediation != "" {
				r.Remediation = p.rule.Remediation
			}
			perPkg = append(perPkg, r)
		}
		if len(refs) == 0 {
			continue
		}
		pq, err := prepare(ctx, "x = ["+strings.Join(refs, ", ")+"]")
		if err != nil {
			return fmt.Errorf("preparing rules for %s: %w", format, err)
		}
		q := &formatQuery{pq: pq, rules: perPkg, refs: refs, noUndecided: optOut, prepare: prepare, partial: left}
		if selective && !e.everyRule {
			q.types = types
		}
		e.queries[format] = q
	}
	return nil
}

// rego is a query against compiled modules, the policies' data and
// tollgate's builtins.
func (e *Engine) rego(c *ast.Compiler, query string) *rego.Rego {
	opts := []func(*rego.Rego){
		rego.Query(query),
		rego.Compiler(c),
		rego.Store(e.store),
		rego.Capabilities(e.caps),
		rego.EnablePrintStatements(false),
		// A builtin that fails (1/0, to_number("x"), a type error)
		// would otherwise make its expression undefined: the rule
		// silently finds nothing and the gate passes.
		rego.StrictBuiltinErrors(true),
	}
	return rego.New(append(opts, e.builtins.Funcs...)...)
}

// query is the prepared query of a format, preparing it on first use; nil
// when no rule applies to the format.
func (e *Engine) query(ctx context.Context, format string) (*formatQuery, error) {
	e.mu.RLock()
	q, ok := e.queries[format]
	e.mu.RUnlock()
	if ok || !slices.Contains(e.formats, format) {
		return q, nil
	}
	if e.secrets {
		// A document waits for its rules to compile, and its first
		// tollgate.secrets call would then build the credential detector
		// (tens of milliseconds): build it meanwhile, on another core. It
		// is built once per process, so that call gets this detector or
		// its error. Runs that evaluate nothing (every file fails to
		// parse) never build it.
		e.warmSecrets.Do(func() { go func() { _, _ = credentials.Default() }() })
	}
	if err := e.Prepare(ctx, []string{format}); err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.queries[format], nil
}

// Rules returns the loaded rules sorted by id.
func (e *Engine) Rules() []finding.Rule { return e.rules }

// Warnings are the Options' warnings about how the rules were obtained,
// for the report of every scan made with them.
func (e *Engine) Warnings() document.Diagnostics { return e.warnings }

// Disabled returns the rules Options.Disabled turned off, sorted by id: what
// they are (theme, built in or not) still matters to who may turn them off.
func (e *Engine) Disabled() []finding.Rule { return e.disabled }

// Data returns the value the policies' data holds at data.<key> (bundle
// data files), or false when none does. The caller must not modify it.
func (e *Engine) Data(key string) (any, bool) {
	v, ok := e.data[key]
	return v, ok
}

// Themes are the themes a rule may declare (package themes).
func Themes() []string { return themes.Names() }

// KnownID says whether id names a loaded rule (a disabled one counts) and,
// when it does not, which loaded id is closest to it: a waiver or a
// disable entry with a typo in its id would otherwise do nothing silently.
func (e *Engine) KnownID(id string) (known bool, closest string) {
	// <id>/unknown names the undecided findings of rule id.
	id = strings.TrimSuffix(id, UndecidedSuffix)
	if _, ok := slices.BinarySearch(e.ids, id); ok {
		return true, ""
	}
	// e.ids is sorted, so ties go to the first in order.
	closest, _ = suggest.Closest(id, e.ids, -1)
	return false, closest
}

// Evaluation is the outcome of evaluating one document.
type Evaluation struct {
	Findings []finding.Finding
	// Secrets are the credentials rules detected; callers redact them from
	// everything they print, not only from these findings.
	Secrets []string
}

// Evaluate runs every rule that applies to the document's format.
func (e *Engine) Evaluate(ctx context.Context, doc *document.Document) (Evaluation, error) {
	q, err := e.query(ctx, doc.Format)
	if err != nil {
		return Evaluation{}, err
	}
	if q != nil && q.leavesOut(doc) {
		if err := e.Prepare(ctx, []string{doc.Format}); err != nil {
			return Evaluation{}, err
		}
		if q, err = e.query(ctx, doc.Format); err != nil {
			return Evaluation{}, err
		}
	}
	if q == nil {
		return Evaluation{}, nil
	}
	input, err := ast.InterfaceToValue(doc.Input)
	if err != nil {
		return Evaluation{}, fmt.Errorf("%s: input is not JSON-compatible: %w", doc.File, err)
	}
	sub, err := q.forDocument(ctx, doc)
	if err != nil {
		return Evaluation{}, fmt.Errorf("%s: %w", doc.File, err)
	}
	pq, index := q.pq, allRules(len(q.rules))
	if sub != nil {
		pq, index = sub.pq, sub.index
	}
	if len(index) == 0 {
		return Evaluation{}, nil
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return Evaluation{}, fmt.Errorf("%s: %w", doc.File, e.evalError(ctx, q, index, input, err))
	}
	if len(rs) != 1 {
		return Evaluation{}, fmt.Errorf("%s: evaluating rules: %d results, want 1", doc.File, len(rs))
	}
	perRule, _ := rs[0].Bindings["x"].([]any)
	if len(perRule) != len(index) {
		return Evaluation{}, fmt.Errorf("%s: evaluating rules: got %d rule results, want %d", doc.File, len(perRule), len(index))
	}
	var ev Evaluation
	for j, res := range perRule {
		i := index[j]
		rule := q.rules[i]
		items, _ := res.([]any)
		for _, item := range items {
			if isUndecided(item) {
				if !e.undecided || q.noUndecided[i] {
					continue
				}
				f, err := toUndecided(rule, doc, item, e.undecidedSev)
				if err != nil {
					return Evaluation{}, fmt.Errorf("%s: rule %s (%s): %w", doc.File, rule.ID, strings.Join(rule.Sources, ", "), err)
				}
				ev.Findings = append(ev.Findings, f)
				continue
			}
			f, secret, err := toFinding(rule, doc, item)
			if err != nil {
				return Evaluation{}, fmt.Errorf("%s: rule %s (%s): %w", doc.File, rule.ID, strings.Join(rule.Sources, ", "), err)
			}
			if secret != "" {
				ev.Secrets = append(ev.Secrets, secret)
			}
			ev.Findings = append(ev.Findings, f)
		}
	}
	sort.Strings(ev.Secrets)
	return ev, nil
}

// mergeData adds src to dst. Two bundles may share a prefix (data.org.a
// and data.org.b) but not a value: the second would silently replace the
// first, and rules reading it would decide on data their author never saw.
func mergeData(dst, src map[string]any, at string) error {
	for _, k := range slices.Sorted(maps.Keys(src)) { // the same error every run
		v := src[k]
		prev, ok := dst[k]
		if !ok {
			dst[k] = v
			continue
		}
		pm, pok := prev.(map[string]any)
		vm, vok := v.(map[string]any)
		if !pok || !vok {
			return fmt.Errorf("bundle data %s.%s is already defined by another policy", at, k)
		}
		merged := make(map[string]any, len(pm)+len(vm))
		for pk, pv := range pm {
			merged[pk] = pv
		}
		if err := mergeData(merged, vm, at+"."+k); err != nil {
			return err
		}
		dst[k] = merged
	}
	return nil
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// evalError names the rule behind an evaluation error. The format's query
// evaluates every rule at once and OPA's error only says where the failing
// expression is, which may be a library; so, on this rare path, the rules
// are evaluated one by one until one fails.
func (e *Engine) evalError(ctx context.Context, q *formatQuery, index []int, input ast.Value, err error) error {
	where, msg := "", err.Error()
	var te *topdown.Error
	if errors.As(err, &te) {
		msg = te.Message
		if te.Location != nil {
			where = fmt.Sprintf("%s:%d", te.Location.File, te.Location.Row)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("evaluating rules: %w", err)
	}
	for _, i := range index {
		pq, perr := q.prepare(ctx, "x = "+q.refs[i])
		if perr != nil {
			continue
		}
		if _, rerr := pq.Eval(ctx, rego.EvalParsedInput(input)); rerr != nil {
			r := q.rules[i]
			if where == "" {
				where = strings.Join(r.Sources, ", ")
			}
			return fmt.Errorf("rule %s (%s): evaluating: %s", r.ID, where, msg)
		}
	}
	if where != "" {
		return fmt.Errorf("evaluating rules: %s: %s", where, msg)
	}
	return fmt.Errorf("evaluating rules: %w", err)
}

// evaluatedFormats are the formats queries are prepared for: the given
// ones, else every format a rule declares, sorted.
func evaluatedFormats(given []string, pkgs []rulePackage) []string {
	if given != nil {
		return given
	}
	var out []string
	for _, p := range pkgs {
		for _, f := range p.rule.Formats {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return out
}

// NewCompiler is the Rego compiler rules are compiled with: tollgate's
// capabilities (its builtins, the sandbox) and the input schemas rules may
// name in METADATA. Rego unit tests of the rules use it too, so a rule
// compiles the same way under test as in a scan.
func NewCompiler(caps *ast.Capabilities, schemas map[string][]byte) (*ast.Compiler, error) {
	set, err := schemaSet(schemas)
	if err != nil {
		return nil, err
	}
	return ast.NewCompiler().WithEnablePrintStatements(false).WithCapabilities(caps).
		WithSchemas(set).WithUseTypeCheckAnnotations(true), nil
}

// schemaSet registers the input schemas under the names rules use in
// METADATA: schema.<format>, with "-" as "_" (schema.terraform_plan).
func schemaSet(schemas map[string][]byte) (*ast.SchemaSet, error) {
	set := ast.NewSchemaSet()
	for format, raw := range schemas {
		var v any
		if err := util.UnmarshalJSON(raw, &v); err != nil {
			return nil, fmt.Errorf("input schema of %s: %w", format, err)
		}
		set.Put(ast.SchemaRootRef.Append(ast.StringTerm(strings.ReplaceAll(format, "-", "_"))), v)
	}
	return set, nil
}
