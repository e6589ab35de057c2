package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/pipeline"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md from the built-in rules")

const rulesDoc = "../../docs/rules.md"

// TestRulesDoc keeps docs/rules.md equal to what the embedded rules say
// about themselves; regenerate with go test ./cmd/tollgate -run TestRulesDoc -update-docs.
func TestRulesDoc(t *testing.T) {
	got := renderRulesDoc(pipeline.Rules(builtinEngine(t), true))
	if *updateDocs {
		if err := os.WriteFile(rulesDoc, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./cmd/tollgate -run TestRulesDoc -update-docs", rulesDoc)
	}
}

func renderRulesDoc(rules []finding.Rule) []byte {
	var b bytes.Buffer
	b.WriteString("# Built-in rules\n\n")
	b.WriteString("Generated from the rules' METADATA by `go test ./cmd/tollgate -run TestRulesDoc -update-docs`; `tollgate rules` prints the same list.\n\n")
	b.WriteString("| id | severity | theme | formats | title |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Theme, strings.Join(r.Formats, ", "), cell(r.Title))
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n**%s** (%s, %s; %s)\n\n%s\n", r.ID, r.Title, r.Severity, r.Theme, strings.Join(r.Formats, ", "), strings.TrimSpace(r.Description))
		if len(r.ResourceTypes) > 0 {
			fmt.Fprintf(&b, "\nResource types: `%s`\n", strings.Join(r.ResourceTypes, "`, `"))
		}
		if r.Remediation != "" {
			fmt.Fprintf(&b, "\nFix: %s\n", strings.TrimSpace(r.Remediation))
		}
	}
	return b.Bytes()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
