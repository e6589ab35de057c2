package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/policytest"
)

const policyUsage = `Usage:
  tollgate policy test [--verbose] [--coverage] [--format text|json] [PATH...]
                                               run the Rego unit tests of policy directories or files
                                               (default .) with tollgate's library and builtins
  tollgate policy new ID --format cloudformation|terraform|dockerfile [--dir DIR]
                                               write a working rule ID to DIR (default .): its
                                               module with METADATA, a test, and a failing and a
                                               passing fixture under DIR/testdata/ID/FORMAT/
  tollgate policy lib export DIR               write tollgate's Rego library to a new or empty DIR,
                                               for plain 'opa test DIR PATH...'

policy test exits 0 when every test passes, 1 when one fails, 2 when the
tests cannot run (a module that does not compile, no tests). Directories
named testdata below the PATHs hold fixtures and are not read.
policy new exits 2, writing nothing, for an invalid or built-in ID or
when one of its files exists.
`

// policy serves users' own rules: their tests, and the library they import.
func (e *environment) policy(args []string) int {
	switch {
	case len(args) > 0 && args[0] == "test":
		return e.policyTest(args[1:])
	case len(args) > 0 && args[0] == "new":
		return e.policyNew(args[1:])
	case len(args) > 1 && args[0] == "lib" && args[1] == "export":
		return e.policyLibExport(args[2:])
	case len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"):
		fmt.Fprint(e.stdout, policyUsage)
		return 0
	default:
		fmt.Fprint(e.stderr, policyUsage)
		return 2
	}
}

func (e *environment) policyTest(args []string) int {
	var verbose, ownLib, coverage bool
	var format string
	var timeout time.Duration
	fs := pflag.NewFlagSet("policy test", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.BoolVarP(&verbose, "verbose", "v", false, "report every test, not only failures")
	fs.BoolVar(&coverage, "coverage", false, "also report which lines of the PATHs' modules (tests left out) the tests evaluate, per file and in total")
	fs.StringVar(&format, "format", "text", "report `FORMAT`: text, or json (OPA's test results; with --coverage OPA's coverage report, the test report then on stderr)")
	fs.DurationVar(&timeout, "timeout", 5*time.Second, "longest a single test may run (as opa test's --timeout)")
	fs.BoolVar(&ownLib, "own-lib", false, "the PATHs hold tollgate's library themselves (tollgate's policies/ source): do not load the built-in one")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\nFlags:\n%s", policyUsage, flagUsages(fs)) }
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if format != "text" && format != "json" {
		return e.errorf("policy test: --format %q: want text or json", format)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res, err := policytest.Run(e.ctx, policytest.Options{Library: policies.FS, Paths: paths, OwnLibrary: ownLib, Verbose: verbose,
		Coverage: coverage, JSON: format == "json", Timeout: timeout, Out: e.stdout, Err: e.stderr})
	switch {
	case errors.Is(err, policytest.ErrNoTests):
		return e.errorf("policy test: %v (test packages hold rules named test_*)", err)
	case err != nil:
		return e.errorf("policy test: %v", err)
	case !res.OK():
		return 1
	}
	return 0
}

func (e *environment) policyLibExport(args []string) int {
	fs := pflag.NewFlagSet("policy lib export", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), policyUsage) }
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return e.errorf("policy lib export: want one DIR, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	out, err := policytest.Export(policies.FS, dir)
	if err != nil {
		return e.errorf("policy lib export: %v", err)
	}
	fmt.Fprintf(e.stderr, "wrote %d library files to %s\n", len(out.Files), dir)
	for _, l := range out.Left {
		fmt.Fprintf(e.stderr, "left out %s: it %s (test rules that use it with tollgate policy test)\n", l.File, l.Reason)
	}
	return 0
}
