package main

import (
	"context"
	"testing"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// The rule fixtures (testdata/rules/<rule-id>/<format>/) are checked rule
// by rule in package pipeline; the CLI tests here scan them whole.
const fixturesDir = "../../testdata/rules"

func builtinEngine(t testing.TB) *engine.Engine {
	t.Helper()
	e, err := pipeline.NewEngine(context.Background(), nil, pipeline.EngineSpec{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}
