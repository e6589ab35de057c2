package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bundle that ships data.tollgate would replace the configuration rules
// read (approved images, allowed regions) with its own.
func TestBundleMustNotDefineTollgateData(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".manifest": `{"roots": [""]}`,
		"x.rego":    ruleSource("user-x", "x", "true"),
		"data.json": `{"tollgate": {"config": {"approved_base_images": []}}}`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := New(context.Background(), Options{Paths: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "data.tollgate") {
		t.Fatalf("want an error about data.tollgate, got %v", err)
	}
}
