package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/redact"
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
		fmt.Fprintf(e.stderr, "Usage: tollgate inspect [flags] PATH\n\nPrints, as JSON, the input documents rules see for PATH.\n\nFlags:\n%s", fs.FlagUsages())
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
	// The configuration is not read here (inspect shows what a file is,
	// not what a run decides), so only the flag changes the limits.
	limits, err := fileLimits(nil, f.maxSize)
	if err != nil {
		return e.errorf("%v", err)
	}
	sc := scannerSet{buildArgs: buildArgs, varFiles: f.varFiles, vars: vars, limits: limits}
	found, err := discover.Find(e.ctx, fs.Args(), discover.Options{ModuleRoots: sc.moduleRoots, Limits: limits})
	if err != nil {
		return e.errorf("%v", err)
	}
	code := e.printDiagnostics(found.Diagnostics)
	if len(found.Targets) == 0 {
		if code != 0 {
			return code
		}
		return e.errorf("%s: not a format tollgate scans", fs.Arg(0))
	}
	// Credentials the built-in rules detect are redacted here too: inspect
	// output ends up in issue reports and chat.
	eng, err := newEngine(e, &config.Config{Version: 1}, nil, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	scanners := sc.build()
	var docs []any
	var secrets []string
	for _, t := range found.Targets {
		s, ok := scanners[t.Kind]
		if !ok {
			code = e.errorf("%s: no %s scanner in this build", t.Unit.Path, t.Kind)
			continue
		}
		res, err := s.Scan(e.ctx, t.Unit)
		if err != nil {
			code = e.errorf("%v", err)
		}
		// A file that did not parse leaves a document without it: showing
		// that as the input with exit 0 would pass for a clean parse.
		if c := e.printDiagnostics(res.Diagnostics); c != 0 {
			code = c
		}
		for _, d := range res.Documents {
			ev, err := eng.Evaluate(e.ctx, d)
			if err != nil {
				code = e.errorf("%v", err)
			}
			secrets = append(secrets, ev.Secrets...)
			docs = append(docs, d.Input)
		}
	}
	out := redact.NewSet(secrets).Value(docs)
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
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
