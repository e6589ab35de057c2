package commits

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/gittest"
)

func run(t *testing.T, dir string, args ...string) string { return gittest.Run(t, dir, args...) }

func TestAddedThenDeleted(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app.cfg", "a = 1\nb = 2\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "base")
	base := run(t, dir, "rev-parse", "HEAD")
	write("app.cfg", "a = 1\nkey = VALUE-ONE\nb = 2\n")
	write("new file.txt", "x\ny\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "add key")
	first := run(t, dir, "rev-parse", "HEAD")
	write("app.cfg", "a = 1\nb = 2\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "remove key")

	list, err := Added(context.Background(), dir, base+"..HEAD", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].SHA != first || list[0].Subject != "add key" {
		t.Fatalf("commits = %+v", list)
	}
	if len(list[0].Files) != 2 {
		t.Fatalf("files = %+v", list[0].Files)
	}
	if f := list[0].Files[0]; f.Path != "app.cfg" || string(f.Content) != "\nkey = VALUE-ONE" {
		t.Errorf("app.cfg added %q", f.Content)
	}
	if f := list[0].Files[1]; f.Path != "new file.txt" || string(f.Content) != "x\ny" {
		t.Errorf("new file added %+v", f)
	}
	if len(list[1].Files) != 0 {
		t.Errorf("a deletion adds nothing: %+v", list[1].Files)
	}

	if _, err := Added(context.Background(), dir, "nosuch..HEAD", 1<<20); err == nil || !strings.Contains(err.Error(), "nosuch..HEAD") {
		t.Errorf("unresolvable range: err = %v", err)
	}
	// A new branch: the all-zero base means the tip commit alone.
	list, err = Added(context.Background(), dir, strings.Repeat("0", 40)+".."+first, 1<<20)
	if err != nil || len(list) != 1 || list[0].SHA != first {
		t.Errorf("zero base: %+v, %v", list, err)
	}
}

func TestOversizedFile(t *testing.T) {
	out := []byte("abc\x00subj\ndiff --git a/f b/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+0123456789\n+0123456789\n")
	c, err := Parse(out, 15)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Files) != 1 || !c.Files[0].Oversized || c.Files[0].Content != nil {
		t.Fatalf("files = %+v", c.Files)
	}
}
