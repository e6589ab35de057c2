package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

const testSchema = `{"type": "object", "additionalProperties": false,
  "properties": {"tollgate": {"type": "object"}, "Resources": {"type": "object"}}}`

// A rule whose METADATA names an input schema is type-checked against it:
// a reference to a top-level field the input never has is a compile error
// naming the rule's file, not a rule that silently never fires.
func TestSchemaAnnotationsTypeCheckRules(t *testing.T) {
	typed := strings.Replace(dbRule, "# custom:", "# schemas:\n#   - input: schema.cloudformation\n# custom:", 1)
	compile := func(src string) error {
		_, err := New(context.Background(), Options{
			Builtin: fstest.MapFS{"test/rds.rego": &fstest.MapFile{Data: []byte(src)}},
			Formats: testFormats,
			Schemas: map[string][]byte{"cloudformation": []byte(testSchema), "terraform-plan": []byte(testSchema)},
		})
		return err
	}
	if err := compile(typed); err != nil {
		t.Fatalf("a rule that matches the schema must compile: %v", err)
	}
	typo := strings.Replace(typed, "some name, r in input.Resources", "some name, r in input.Resource", 1)
	if err := compile(typo); err == nil || !strings.Contains(err.Error(), "rds.rego") || !strings.Contains(err.Error(), "input.Resource") {
		t.Fatalf("want a type error naming the file and the reference, got %v", err)
	}
	// Without the annotation the same typo compiles (and never matches):
	// the annotation is what buys the check.
	if err := compile(strings.Replace(dbRule, "input.Resources", "input.Resource", 1)); err != nil {
		t.Fatalf("unannotated: %v", err)
	}
	plan := strings.Replace(typed, "schema.cloudformation", "schema.terraform_plan", 1)
	if err := compile(plan); err != nil {
		t.Fatalf("schema.terraform_plan names the terraform-plan schema: %v", err)
	}
}
