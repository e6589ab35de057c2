package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/rulescaffold"
)

// policyNew scaffolds a rule (package rulescaffold): exit 0 with the files
// written, 2 for an invalid id or format or a file that exists already.
func (e *environment) policyNew(args []string) int {
	var format, dir string
	fs := pflag.NewFlagSet("policy new", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&format, "format", "", "the rule's input `FORMAT`: "+strings.Join(rulescaffold.Formats(), ", ")+" (required)")
	fs.StringVar(&dir, "dir", ".", "policy `DIR` the files go to (created if missing)")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\nFlags:\n%s", policyUsage, flagUsages(fs)) }
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return e.errorf("policy new: want one rule ID, got %d arguments", fs.NArg())
	}
	if format == "" {
		return e.errorf("policy new: --format is required (%s)", strings.Join(rulescaffold.Formats(), ", "))
	}
	id := fs.Arg(0)
	if err := rulescaffold.CheckID(id); err != nil {
		return e.errorf("policy new: %v", err)
	}
	// The built-in rules' ids are taken: their METADATA is read, no rule
	// is compiled.
	eng, err := pipeline.NewEngine(e.ctx, nil, pipeline.EngineSpec{})
	if err != nil {
		return e.errorf("policy new: %v", err)
	}
	var taken []string
	for _, r := range eng.Rules() {
		taken = append(taken, r.ID)
	}
	files, err := rulescaffold.Write(rulescaffold.Options{ID: id, Format: format, Dir: dir, Taken: taken})
	if err != nil {
		return e.errorf("policy new: %v", err)
	}
	for _, f := range files {
		fmt.Fprintln(e.stdout, filepath.Join(dir, f.Path))
	}
	fmt.Fprintf(e.stderr, "next: tollgate policy test %s\n      tollgate scan --policy %s %s\n", dir, dir, filepath.Join(dir, rulescaffold.FixturesDir, id, format))
	return 0
}
