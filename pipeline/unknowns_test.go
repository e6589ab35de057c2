package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/config"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/document"
)

// TestRulesSurviveUnknowns closes a class: a value tollgate cannot compute
// (a Ref to a parameter without default, var.type, a value known after
// apply) may stand anywhere a literal can, and a rule that calls a string
// or number builtin on it without checking errs at run time, which makes
// the whole file undecided (exit 2) on ordinary input. Every rule fixture
// of the IaC formats is scanned, then evaluated again with the resources'
// settings replaced by unknowns at each depth in turn (and every leaf at
// once); no evaluation may fail.
func TestRulesSurviveUnknowns(t *testing.T) {
	ctx := context.Background()
	eng := builtinEngine(t)
	// With unknown: block the libraries also describe each unknown
	// (undecided records): that code must survive them too.
	block, err := NewEngine(ctx, &config.Config{Version: 1, Unknown: "block"}, EngineSpec{})
	if err != nil {
		t.Fatal(err)
	}
	scs := ScannerSet{}.Build()
	ids, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	evaluated := 0
	for _, id := range ids {
		for _, format := range []string{document.FormatCloudFormation, document.FormatTerraform, document.FormatTerraformPlan} {
			dir := filepath.Join(fixturesDir, id.Name(), format)
			entries, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), "fail") && !strings.HasPrefix(e.Name(), "pass") {
					continue
				}
				p := filepath.Join(dir, e.Name())
				found, err := discover.Find(ctx, []string{p}, discover.Options{})
				if err != nil {
					t.Fatal(err)
				}
				for _, tg := range found.Targets {
					res, err := scs[tg.Kind].Scan(ctx, tg.Unit)
					if err != nil {
						continue // checked by TestRuleFixtures
					}
					for _, doc := range res.Documents {
						for _, variant := range unknownVariants(doc) {
							if _, err := eng.Evaluate(ctx, variant.doc); err != nil {
								t.Errorf("%s with %s: %v", p, variant.what, err)
							}
							if _, err := block.Evaluate(ctx, variant.doc); err != nil {
								t.Errorf("%s with %s (unknown: block): %v", p, variant.what, err)
							}
							evaluated += 2
						}
					}
				}
			}
		}
	}
	if evaluated == 0 {
		t.Fatal("no fixture was evaluated")
	}
	t.Logf("%d evaluations", evaluated)
}

type unknownVariant struct {
	what string
	doc  *document.Document
}

// unknownVariants are copies of doc whose resource settings (CloudFormation
// Properties, Terraform values) hold unknowns: all values at depth d
// (1 = each setting, 2 = each field of a block, ...) for d up to 4, and
// every leaf.
func unknownVariants(doc *document.Document) []unknownVariant {
	var out []unknownVariant
	for depth := 1; depth <= 4; depth++ {
		d := depth
		out = append(out, unknownVariant{fmt.Sprintf("unknowns at depth %d", d), withSettings(doc, func(v any) any { return unknownAt(v, d) })})
	}
	out = append(out, unknownVariant{"every leaf unknown", withSettings(doc, unknownLeaves)})
	return out
}

// withSettings copies doc with each resource's settings rewritten by f.
func withSettings(doc *document.Document, f func(any) any) *document.Document {
	in := doc.Input
	cp := *doc
	input := make(map[string]any, len(in))
	for k, v := range in {
		input[k] = v
	}
	switch res := in["Resources"].(type) { // CloudFormation
	case map[string]any:
		out := make(map[string]any, len(res))
		for name, r := range res {
			rm, ok := r.(map[string]any)
			if !ok {
				out[name] = r
				continue
			}
			c := make(map[string]any, len(rm))
			for k, v := range rm {
				c[k] = v
			}
			if props, ok := rm["Properties"]; ok {
				c["Properties"] = f(props)
			}
			out[name] = c
		}
		input["Resources"] = out
	}
	if res, ok := in["resources"].([]any); ok { // Terraform HCL and plans
		out := make([]any, len(res))
		for i, r := range res {
			rm, ok := r.(map[string]any)
			if !ok {
				out[i] = r
				continue
			}
			c := make(map[string]any, len(rm))
			for k, v := range rm {
				c[k] = v
			}
			if vals, ok := rm["values"]; ok {
				c["values"] = f(vals)
			}
			out[i] = c
		}
		input["resources"] = out
	}
	cp.Input = input
	return &cp
}

func unknownAt(v any, depth int) any {
	if depth == 0 {
		return document.Unknown("var.x", false)
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = unknownAt(e, depth-1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = unknownAt(e, depth-1)
		}
		return out
	}
	return v
}

func unknownLeaves(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if document.IsUnknown(x) {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = unknownLeaves(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = unknownLeaves(e)
		}
		return out
	}
	return document.Unknown("var.x", false)
}
