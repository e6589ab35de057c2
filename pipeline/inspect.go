package pipeline

import (
	"context"
	"fmt"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/redact"
)

// InspectPlan is what `tollgate inspect` needs: a path and the inputs that
// change what its documents hold. The configuration is not read (inspect
// shows what a file is, not what a run decides).
type InspectPlan struct {
	Path        string
	BuildArgs   map[string]string
	Vars        map[string]string
	VarFiles    []string
	MaxFileSize []string
}

// Inspection is the input documents rules see for a path, with the
// credentials the built-in rules detect redacted (inspect output ends up in
// issue reports and chat), and the problems met on the way.
type Inspection struct {
	// Inputs are the documents' Rego inputs, in discovery order.
	Inputs []any
	// Diagnostics are discovery's and the scanners' diagnostics, plus an
	// error for each target that could not be scanned or evaluated.
	Diagnostics document.Diagnostics
	// Recognised is false when no scanner claimed the path.
	Recognised bool
}

// Inspect scans one path the way Run would and returns the documents
// instead of evaluating rules on them. An error is a setup problem.
func Inspect(ctx context.Context, p InspectPlan) (Inspection, error) {
	limits, err := FileLimits(nil, p.MaxFileSize)
	if err != nil {
		return Inspection{}, err
	}
	set := ScannerSet{BuildArgs: p.BuildArgs, VarFiles: p.VarFiles, Vars: p.Vars, Limits: limits}
	found, err := discover.Find(ctx, []string{p.Path}, discover.Options{Limits: limits})
	if err != nil {
		return Inspection{}, err
	}
	out := Inspection{Diagnostics: found.Diagnostics, Recognised: len(found.Targets) > 0}
	if !out.Recognised {
		return out, nil
	}
	// The built-in rules find the credentials to redact.
	eng, err := NewEngine(ctx, &config.Config{Version: 1}, EngineSpec{})
	if err != nil {
		return Inspection{}, err
	}
	scs := set.Build()
	var secrets []string
	for _, t := range found.Targets {
		s, ok := scs[t.Kind]
		if !ok {
			out.Diagnostics.Append(t.Unit.Path, fmt.Errorf("no %s scanner in this build", t.Kind))
			continue
		}
		res, err := s.Scan(ctx, t.Unit)
		// A file that did not parse leaves a document without it: showing
		// that as the input with exit 0 would pass for a clean parse.
		out.Diagnostics = append(out.Diagnostics, res.Diagnostics...)
		out.Diagnostics.Append(t.Unit.Path, err)
		for _, d := range res.Documents {
			ev, err := eng.Evaluate(ctx, d)
			out.Diagnostics.Append(d.File, err)
			secrets = append(secrets, ev.Secrets...)
			out.Inputs = append(out.Inputs, d.Input)
		}
	}
	set2 := redact.NewSet(secrets)
	if v, ok := set2.Value(out.Inputs).([]any); ok {
		out.Inputs = v
	}
	for i := range out.Diagnostics {
		out.Diagnostics[i].Message = set2.String(out.Diagnostics[i].Message)
	}
	return out, nil
}
