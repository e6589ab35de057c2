package policies_test

import (
	"context"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/policies"
)

// TestAtRestTableMatchesRules keeps the table in lib/at_rest.rego and the
// rule packages that serve it in step: every entry has a rule with its id
// whose METADATA names exactly the entry's resource types and every format
// the helper handles for the families the entry has, and every package that hands an entry to the helper
// serves one (a package whose id is not in the table would report nothing).
// Other packages under aws/ are controls written against lib/view.rego.
func TestAtRestTableMatchesRules(t *testing.T) {
	ctx := context.Background()
	opts := []func(*rego.Rego){rego.Query("data.tollgate.lib.at_rest.controls")}
	for _, f := range []string{"at_rest", "cfn", "core", "encryption", "tf", "undecided", "view"} {
		src, err := fs.ReadFile(policies.FS, "lib/"+f+".rego")
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, rego.Module("lib/"+f+".rego", string(src)))
	}
	rs, err := rego.New(opts...).Eval(ctx)
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluating the table: %v %v", rs, err)
	}
	controls, _ := rs[0].Expressions[0].Value.(map[string]any)
	if len(controls) == 0 {
		t.Fatal("the table is empty")
	}

	e, err := engine.New(ctx, engine.Options{Builtin: policies.FS, Formats: kinds.Formats(), Schemas: kinds.Schemas()})
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, r := range e.Rules() {
		usesTable := slices.ContainsFunc(r.Sources, func(s string) bool {
			src, err := fs.ReadFile(policies.FS, strings.TrimPrefix(s, "policies/"))
			return err == nil && strings.Contains(string(src), "at_rest.controls[")
		})
		c, ok := controls[r.ID].(map[string]any)
		if !ok {
			if usesTable {
				t.Errorf("rule %s (%s) has no entry in lib/at_rest.rego", r.ID, strings.Join(r.Sources, ", "))
			}
			continue
		}
		served[r.ID] = true
		var types []string
		for _, family := range []string{"cloudformation", "terraform"} {
			spec, _ := c[family].(map[string]any)
			switch typ := spec["type"].(type) {
			case string:
				types = append(types, typ)
			case []any:
				for _, x := range typ {
					s, _ := x.(string)
					types = append(types, s)
				}
			}
		}
		sort.Strings(types)
		if !slices.Equal(types, r.ResourceTypes) {
			t.Errorf("rule %s: METADATA resource_types %v, table types %v", r.ID, r.ResourceTypes, types)
		}
		// A control CloudFormation cannot express is Terraform's alone.
		want := []string{"cloudformation", "terraform", "terraform-plan"}
		if _, ok := c["cloudformation"]; !ok {
			want = want[1:]
		}
		if !slices.Equal(r.Formats, want) {
			t.Errorf("rule %s: formats %v, want %v", r.ID, r.Formats, want)
		}
	}
	for id := range controls {
		if !served[id] {
			t.Errorf("table entry %s has no rule package", id)
		}
	}
}
