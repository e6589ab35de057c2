package staged

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed (scripts/install-test-deps installs it)")
	}
}

// repo makes an empty repository with an identity, isolated from the user's
// git configuration.
func repo(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	run(t, dir, "init", "-q", "-b", "main")
	run(t, dir, "config", "user.email", "t@example.com")
	run(t, dir, "config", "user.name", "t")
	return dir
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExportWritesStagedContentNotWorkTree(t *testing.T) {
	dir := repo(t)
	write(t, dir, "infra/a.yaml", "staged\n")
	write(t, dir, "b.txt", "kept\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "one")
	write(t, dir, "infra/a.yaml", "fixed on disk only\n")
	write(t, dir, "untracked.yaml", "not in the index\n")

	dest := t.TempDir()
	tree, err := Export(context.Background(), dir, dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "infra/a.yaml"); got != "staged\n" {
		t.Errorf("infra/a.yaml = %q, want the staged content", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "untracked.yaml")); !os.IsNotExist(err) {
		t.Errorf("untracked file exported (stat err %v)", err)
	}
	if want := []string{"b.txt", "infra/a.yaml"}; !reflect.DeepEqual(tree.Files, want) {
		t.Errorf("Files = %q, want %q", tree.Files, want)
	}
}

func TestChangedListsStagedAdditionsAndModificationsOnly(t *testing.T) {
	dir := repo(t)
	write(t, dir, "keep.yaml", "1\n")
	write(t, dir, "gone.yaml", "1\n")
	write(t, dir, "edit.yaml", "1\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "one")
	run(t, dir, "rm", "-q", "gone.yaml")
	write(t, dir, "edit.yaml", "2\n")
	write(t, dir, "new dir/with space.tf", "x\n")
	run(t, dir, "add", ".")
	write(t, dir, "keep.yaml", "changed but not staged\n")

	got, err := Changed(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"edit.yaml", "new dir/with space.tf"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Changed = %q, want %q", got, want)
	}
	dest := t.TempDir()
	if _, err := Export(context.Background(), dir, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone.yaml")); !os.IsNotExist(err) {
		t.Errorf("deleted file exported (stat err %v)", err)
	}
}

func TestChangedBeforeFirstCommit(t *testing.T) {
	dir := repo(t)
	write(t, dir, "a.yaml", "1\n")
	run(t, dir, "add", ".")
	got, err := Changed(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.yaml"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Changed = %q, want %q", got, want)
	}
}

func TestExportHonoursTemporaryIndex(t *testing.T) {
	// `git commit FILE` runs hooks with GIT_INDEX_FILE pointing at a
	// temporary index holding only what that commit records.
	dir := repo(t)
	write(t, dir, "a.yaml", "main index\n")
	run(t, dir, "add", ".")
	alt := filepath.Join(t.TempDir(), "alt-index")
	cmd := exec.Command("git", "read-tree", "--empty")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_INDEX_FILE="+alt)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Setenv("GIT_INDEX_FILE", alt)
	tree, err := Export(context.Background(), dir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Files) != 0 {
		t.Errorf("Files = %q, want none from the empty temporary index", tree.Files)
	}
}

func TestExportSymlinksAndSubmodules(t *testing.T) {
	dir := repo(t)
	write(t, dir, "real/Dockerfile", "FROM scratch\n")
	for link, target := range map[string]string{
		"Dockerfile":    "real/Dockerfile",
		"escape.yaml":   "../../../etc/passwd",
		"absolute.yaml": "/etc/passwd",
		"dir-link":      "real",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	run(t, dir, "add", ".")
	head := strings.TrimSpace(run(t, dir, "hash-object", "-w", "real/Dockerfile"))
	run(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+head+",vendor/sub")

	dest := t.TempDir()
	tree, err := Export(context.Background(), dir, dest)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Dockerfile", "real/Dockerfile"}; !reflect.DeepEqual(tree.Files, want) {
		t.Errorf("Files = %q, want %q", tree.Files, want)
	}
	st, err := os.Lstat(filepath.Join(dest, "Dockerfile"))
	if err != nil || !st.Mode().IsRegular() || read(t, dest, "Dockerfile") != "FROM scratch\n" {
		t.Errorf("link to a staged file should be a regular copy (stat %v, err %v)", st, err)
	}
	var skipped []string
	for _, s := range tree.Skipped {
		skipped = append(skipped, s.Path)
	}
	if want := []string{"absolute.yaml", "dir-link", "escape.yaml", "vendor/sub"}; !reflect.DeepEqual(skipped, want) {
		t.Errorf("Skipped = %q, want %q", skipped, want)
	}
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		if e.Type()&os.ModeSymlink != 0 {
			t.Errorf("export holds a symlink %s", e.Name())
		}
	}
}

func TestExportOddNames(t *testing.T) {
	dir := repo(t)
	names := []string{"new\nline.yaml", "tab\there.yaml", "ünï.yaml", "-dash.yaml"}
	for i, n := range names {
		write(t, dir, n, strings.Repeat("x", i))
	}
	run(t, dir, "add", "--", ".")
	dest := t.TempDir()
	tree, err := Export(context.Background(), dir, dest)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Files) != len(names) {
		t.Fatalf("Files = %q, want %d entries", tree.Files, len(names))
	}
	for i, n := range names {
		if got := read(t, dest, n); got != strings.Repeat("x", i) {
			t.Errorf("%q = %q", n, got)
		}
	}
}

func TestExportOutsideRepository(t *testing.T) {
	needGit(t)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(t.TempDir()))
	if _, err := Export(context.Background(), t.TempDir(), t.TempDir()); err == nil {
		t.Error("Export outside a repository succeeded")
	}
}
