package rulescaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckID(t *testing.T) {
	for _, id := range []string{"acme-sqs-dlq", "a", "x1-2"} {
		if err := CheckID(id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	for _, id := range []string{"", "Acme", "acme_sqs", "acme--sqs", "acme-", "1acme", "acme sqs", "acme/unknown", strings.Repeat("a", 65)} {
		if err := CheckID(id); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q accepted: %v", id, err)
		}
	}
}

// Every file of every format is written with the id filled in, and no
// placeholder is left.
func TestWriteFillsEveryPlaceholder(t *testing.T) {
	for _, format := range Formats() {
		dir := t.TempDir()
		files, err := Write(Options{ID: "acme-x", Format: format, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) < 4 {
			t.Fatalf("%s: %d files", format, len(files))
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "{{ID}}") || strings.Contains(string(b), "{{PKG}}") || strings.Contains(string(b), "{{NAME}}") {
				t.Errorf("%s: placeholder left", f.Path)
			}
		}
		rule, _ := os.ReadFile(filepath.Join(dir, "acme_x.rego"))
		if !strings.Contains(string(rule), "package custom.acme_x\n") || !strings.Contains(string(rule), "#   id: acme-x\n") {
			t.Errorf("%s: rule module:\n%s", format, rule)
		}
	}
}

// Formats come from the kinds: a template for a format no kind produces
// (a renamed format) would never be offered, and is an error here.
func TestEveryTemplateIsOffered(t *testing.T) {
	offered := Formats()
	for f := range templates {
		if !slices.Contains(offered, f) {
			t.Errorf("template %s: no kind produces format %s", f, f)
		}
	}
}
