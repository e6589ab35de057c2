package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
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
	sc := scannerSet{buildArgs: buildArgs, varFiles: f.varFiles, vars: vars}
	found, err := discover.Find(e.ctx, fs.Args(), discover.Options{ModuleRoots: sc.moduleRoots})
	if err != nil {
		return e.errorf("%v", err)
	}
	if len(found.Targets) == 0 {
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
	code := 0
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
