package terraform

import (
	"slices"
	"testing"
)

// Module calls are found in every form a module block takes, and files
// that only refer to module outputs are not mistaken for callers.
func TestModuleCallsForms(t *testing.T) {
	files := map[string][]byte{
		"infra/quoted.tf":    []byte("module \"a\" {\n  source = \"./a\"\n}\n"),
		"infra/bare.tf":      []byte("module b {\n  source = \"../b\"\n}\n"),
		"infra/tight.tf":     []byte("module\"c\"{\n  source = \"./c\"\n}\n"),
		"infra/call.tf.json": []byte(`{"module": {"d": {"source": "./d"}}}`),
		"infra/outputs.tf":   []byte("output \"id\" {\n  value = module.a.id\n}\n"),
		"infra/remote.tf":    []byte("module \"r\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"),
	}
	want := []string{"b", "infra/a", "infra/c", "infra/d"}
	if got := ModuleCalls("infra", files); !slices.Equal(got, want) {
		t.Errorf("ModuleCalls = %v, want %v", got, want)
	}
	for _, text := range []string{"value = module.a.id", "modules = 3", "# one module.\n"} {
		if moduleBlock.MatchString(text) {
			t.Errorf("%q looks like a module block", text)
		}
	}
}
