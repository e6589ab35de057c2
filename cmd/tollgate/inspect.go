package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// inspect prints the exact Rego input documents the rules see for a path:
// how users learn to write rules.
func (e *environment) inspect(args []string) int {
	var f scanFlags
	fs := pflag.NewFlagSet("inspect", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringArrayVar(&f.buildArgs, "build-arg", nil, "Dockerfile build argument `KEY=VALUE`, repeatable")
	fs.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variables `FILE`, repeatable")
	fs.StringArrayVar(&f.vars, "var", nil, "Terraform variable `KEY=VALUE`, repeatable")
	registerMaxFileSize(fs, &f.maxSize)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tollgate inspect [flags] PATH\n\nPrints, as JSON, the input documents rules see for PATH.\n\nFlags:\n%s", flagUsages(fs))
	}
	if ok, code := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	buildArgs, err := keyValues("--build-arg", f.buildArgs)
	if err != nil {
		return e.errorf("%v", err)
	}
	vars, err := keyValues("--var", f.vars)
	if err != nil {
		return e.errorf("%v", err)
	}
	in, err := pipeline.Inspect(e.ctx, pipeline.InspectPlan{
		Path: fs.Arg(0), BuildArgs: buildArgs, Vars: vars, VarFiles: f.varFiles, MaxFileSize: f.maxSize,
	})
	if err != nil {
		return e.errorf("%v", err)
	}
	code := e.printDiagnostics(in.Diagnostics)
	if !in.Recognised {
		if code != 0 {
			return code
		}
		return e.errorf("%s: not a format tollgate scans", fs.Arg(0))
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(in.Inputs); err != nil {
		return e.errorf("%v", err)
	}
	return code
}

// printDiagnostics writes problems with the files to stderr, each at its
// file:line:col, and returns 2 when one is an error (as scan would).
func (e *environment) printDiagnostics(diags []document.Diagnostic) int {
	code := 0
	for _, d := range diags {
		fmt.Fprintf(e.stderr, "tollgate: %s: %s: %s\n", d.Range, d.Level, d.Message)
		if d.Level == document.LevelError {
			code = 2
		}
	}
	return code
}
