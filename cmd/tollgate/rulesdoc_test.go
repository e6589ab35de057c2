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
	"github.com/tollgate-dev/tollgate/themes"
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
	b.WriteString("## Themes\n\nEach rule declares one theme (the list is `themes/themes.json`); organisation policies lock and forbid rules by theme as by id.\n\n")
	b.WriteString("| theme | rules | what it covers |\n|---|---|---|\n")
	count := map[string]int{}
	for _, r := range rules {
		count[r.Theme]++
	}
	for _, th := range themes.All() {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", th.Name, count[th.Name], cell(th.Description))
	}
	b.WriteString("\n## Rules\n\n")
	b.WriteString("| id | severity | theme | formats | title |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Theme, strings.Join(r.Formats, ", "), cell(r.Title))
	}
	for _, r := range rules {
		writeRuleSection(&b, r)
	}
	return b.Bytes()
}

// The README's list of themes names every theme.
func TestReadmeNamesEveryTheme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	if i := strings.Index(section, "## Built-in rules"); i >= 0 {
		section = section[i:]
	}
	if i := strings.Index(section, "The same control has"); i >= 0 {
		section = section[:i]
	}
	for _, name := range themes.Names() {
		if !strings.Contains(section, name) {
			t.Errorf("README's Built-in rules section does not name the theme %s", name)
		}
	}
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// explain prints a rule's docs/rules.md section, and suggests an id for a
// misspelt one (exit 2).
func TestExplain(t *testing.T) {
	code, stdout, stderr := tollgate(t, "explain", "aws-rds-storage-encrypted")
	doc, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	section := stdout[:strings.Index(stdout, "\nDocs: ")]
	if code != 0 || !strings.HasPrefix(stdout, "## aws-rds-storage-encrypted\n") || !bytes.Contains(doc, []byte(section)) ||
		!strings.Contains(stdout, "docs/rules.md#aws-rds-storage-encrypted") {
		t.Fatalf("explain: exit %d, stderr %q\n%s", code, stderr, stdout)
	}
	if code, _, stderr := tollgate(t, "explain", "aws-rds-storage-encryptd"); code != 2 || !strings.Contains(stderr, "did you mean aws-rds-storage-encrypted?") {
		t.Fatalf("unknown id: exit %d, stderr %q", code, stderr)
	}
}
