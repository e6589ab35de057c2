package repopath

import (
	"os"
	"path/filepath"
	"testing"
)

func mkdirs(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRel(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	other := filepath.Join(top, "other")
	plain := filepath.Join(top, "plain")
	mkdirs(t, filepath.Join(repo, ".git"), filepath.Join(repo, "infra", "prod"), filepath.Join(other, ".git"), plain)
	b, err := New(filepath.Join(repo, "infra", "prod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"main.tf", "infra/prod/main.tf", true},
		{"../test/x.yaml", "infra/test/x.yaml", true},
		{filepath.Join(repo, "test", "a.yaml"), "test/a.yaml", true},
		// Another repository: relative to its own root.
		{filepath.Join(other, "x", "y.yaml"), "x/y.yaml", true},
		{"../../../other/z.yaml", "z.yaml", true},
		// In no repository and not below the working directory.
		{filepath.Join(plain, "a.yaml"), "", false},
	} {
		got, ok := b.Rel(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("Rel(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
	// At the root, relative names are kept as written.
	atRoot, err := New(repo)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := atRoot.Rel("./infra//x.yaml"); got != "./infra//x.yaml" || !ok {
		t.Errorf("at the root: Rel = %q, %v", got, ok)
	}
}

// A worktree or submodule has a .git file, not a directory.
func TestRelGitFile(t *testing.T) {
	repo := t.TempDir()
	if err := os.WriteFile(filepath.Join(repo, ".git"), []byte("gitdir: /elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mkdirs(t, filepath.Join(repo, "a"))
	b, err := New(filepath.Join(repo, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := b.Rel("x.yaml"); got != "a/x.yaml" || !ok {
		t.Errorf("Rel = %q, %v; want a/x.yaml", got, ok)
	}
}

// Outside git the working directory is the root of what is below it.
func TestRelOutsideGit(t *testing.T) {
	dir := t.TempDir()
	mkdirs(t, filepath.Join(dir, "x"))
	b, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := b.Rel("x/y.yaml"); got != "x/y.yaml" || !ok {
		t.Errorf("Rel = %q, %v", got, ok)
	}
	if got, ok := b.Rel(filepath.Join(dir, "x", "y.yaml")); got != "x/y.yaml" || !ok {
		t.Errorf("Rel(abs) = %q, %v", got, ok)
	}
	var zero Base
	if got, ok := zero.Rel("a/b"); got != "a/b" || !ok {
		t.Errorf("zero Base: %q, %v", got, ok)
	}
	if _, ok := zero.Rel(filepath.Join(dir, "a")); ok {
		t.Error("zero Base placed an absolute name")
	}
}
