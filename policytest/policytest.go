// Package policytest runs the Rego unit tests of users' policies with
// tollgate's embedded library available, and exports that library so plain
// `opa test` can compile rules that import it. Tests see what scans see:
// the library, tollgate's own builtins, the same sandboxed capabilities and
// strict builtin errors.
package policytest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/fsread"
	"github.com/tollgate-dev/tollgate/kinds"
)

// LibraryDir is where the library lives in the embedded policies.
const LibraryDir = "lib"

// libraryPackage is the package prefix of every library module.
var libraryPackage = ast.MustParseRef("data.tollgate.lib")

var parserOptions = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

// Options say which tests to run.
type Options struct {
	// Library holds the embedded policies (policies.FS); the modules under
	// LibraryDir, tests left out, are loaded beside the user's.
	Library fs.FS
	// Paths are the user's policy directories or files: .rego modules and
	// data files, as `opa test` takes them.
	Paths []string
	// OwnLibrary says the paths hold tollgate's library themselves (the
	// built-in policies' source tree, or a changed copy of it): the
	// embedded one is not loaded, and library packages in the paths are
	// allowed. Otherwise a copy beside the embedded library is refused.
	OwnLibrary bool
	// Verbose reports every test, not only the ones that fail.
	Verbose bool
	// Timeout bounds each test (0: OPA's default, 5s, as opa test has).
	// Coverage tracing makes evaluation several times slower.
	Timeout time.Duration
	// Coverage measures which lines of the paths' modules (their tests
	// left out) the tests evaluate, with OPA's cover package.
	Coverage bool
	// JSON writes the report as JSON: OPA's test results, or with
	// Coverage OPA's coverage report (the test report then goes to Err).
	JSON bool
	// Out receives the report, in `opa test`'s format; Err the test
	// report when Out gets the JSON coverage report.
	Out, Err io.Writer
}

// Result counts the tests that ran.
type Result struct {
	Passed, Failed, Errored, Skipped int
	// Coverage is the coverage report when Options.Coverage asked for it.
	Coverage *cover.Report
}

// OK says whether every test that ran passed.
func (r Result) OK() bool { return r.Failed == 0 && r.Errored == 0 }

// counts is the result without its coverage, to compare with the empty one.
func (r Result) counts() [4]int { return [4]int{r.Passed, r.Failed, r.Errored, r.Skipped} }

// ErrNoTests is returned when the paths hold no test: a test run that
// checks nothing must not look like one that passed.
var ErrNoTests = errors.New("no tests")

// Run compiles the user's modules with the library and runs their tests.
// An error means the tests could not run (a path that cannot be read, a
// module that does not parse or compile, no tests); failing tests are
// counted in the result.
func Run(ctx context.Context, opts Options) (Result, error) {
	if len(opts.Paths) == 0 {
		return Result{}, errors.New("no policy paths to test")
	}
	user, store, err := tester.LoadWithParserOptions(opts.Paths, skip, parserOptions)
	if err != nil {
		return Result{}, err
	}
	library := opts.Library
	if opts.OwnLibrary {
		library = nil
	}
	mods, err := LibraryModules(library)
	if err != nil {
		return Result{}, err
	}
	for _, name := range slices.Sorted(maps.Keys(user)) {
		m := user[name]
		if !opts.OwnLibrary && m.Package.Path.HasPrefix(libraryPackage) {
			return Result{}, fmt.Errorf("%s: package %s is tollgate's library, which is built in: leave copies of it (tollgate policy lib export) out of the paths", name, m.Package.Path)
		}
		mods[name] = m
	}
	b := engine.NewBuiltins()
	// The compiler of a scan: rules that name an input schema are type
	// checked against it under test too.
	compiler, err := engine.NewCompiler(b.Capabilities(), kinds.Schemas())
	if err != nil {
		return Result{}, err
	}
	runner := tester.NewRunner().
		SetCompiler(compiler).
		AddCustomBuiltins(b.TesterBuiltins()).
		// Scans evaluate with strict builtin errors; a rule that errs on
		// an input must fail its test too, not find nothing.
		RaiseBuiltinErrors(true).
		SetStore(store).
		SetModules(mods)
	if opts.Timeout > 0 {
		runner = runner.SetTimeout(opts.Timeout)
	}
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		// The supplementary passes (indexing and early exit off) only
		// annotate uncovered ranges, at the cost of evaluating every test
		// twice more.
		runner = runner.SetCoverageQueryTracer(cov).SetCoverageRuns([]cover.Kind{})
	}
	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return Result{}, err
	}
	defer store.Abort(ctx, txn)
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return Result{}, err
	}
	var res Result
	counted := make(chan *tester.Result)
	go func() {
		defer close(counted)
		for r := range ch {
			switch {
			case r.Skip:
				res.Skipped++
			case r.Error != nil:
				res.Errored++
			case r.Fail:
				res.Failed++
			default:
				res.Passed++
			}
			counted <- r
		}
	}()
	out, errOut := orDiscard(opts.Out), orDiscard(opts.Err)
	var reporter tester.Reporter = tester.PrettyReporter{Output: out, Verbose: opts.Verbose}
	switch {
	case opts.JSON && opts.Coverage:
		reporter = tester.PrettyReporter{Output: errOut, Verbose: opts.Verbose}
	case opts.JSON:
		reporter = tester.JSONReporter{Output: out}
	}
	if err := reporter.Report(counted); err != nil {
		return res, err
	}
	if res.counts() == (Result{}).counts() {
		return res, fmt.Errorf("%w in %s", ErrNoTests, strings.Join(opts.Paths, ", "))
	}
	if cov != nil {
		rep := coverage(cov, user)
		res.Coverage = &rep
		if err := writeCoverage(out, rep, opts.JSON); err != nil {
			return res, err
		}
	}
	return res, nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// skip leaves out special files and, below the paths given, directories
// named testdata: they hold the rules' fixtures (CloudFormation YAML, plan
// JSON), which are documents to scan, not data for the rules, as Go leaves
// testdata out of its packages.
func skip(abspath string, info fs.FileInfo, depth int) bool {
	if info.IsDir() && depth > 0 && info.Name() == "testdata" {
		return true
	}
	return skipSpecialFiles(abspath, info, depth)
}

// skipSpecialFiles keeps the loader away from FIFOs, devices and sockets,
// directly or behind a symlink: opening a FIFO waits for a writer forever.
func skipSpecialFiles(abspath string, info fs.FileInfo, _ int) bool {
	if info.IsDir() || info.Mode().IsRegular() {
		return false
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		st, err := os.Stat(abspath)
		return err == nil && !st.IsDir() && !st.Mode().IsRegular()
	}
	return true
}

// LibraryModules parses the library's modules (tests left out), named as
// in the embedded file system (lib/view.rego).
func LibraryModules(library fs.FS) (map[string]*ast.Module, error) {
	mods := make(map[string]*ast.Module)
	if library == nil {
		return mods, nil
	}
	err := fs.WalkDir(library, LibraryDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fsread.ReadFS(library, p, fsread.MaxTextFile)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), parserOptions)
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("built-in library: %w", err)
	}
	return mods, nil
}
