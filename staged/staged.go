// Package staged exports what is staged in a git index, the content a commit
// is about to record, so it can be scanned instead of the working tree: a
// file fixed on disk but not re-added is still committed broken.
//
// It shells out to the git client rather than reading the index format: git
// honours GIT_DIR, GIT_INDEX_FILE (set by `git commit FILE` and `git commit
// -a` to a temporary index), worktrees and split indexes, and a reimplementation
// would get one of them wrong.
package staged

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Index entry modes git records (see git-ls-files(1), "stage" format).
const (
	modeSymlink   = "120000"
	modeSubmodule = "160000"
)

// Skipped is an index entry that was not written, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Tree is what Export wrote.
type Tree struct {
	// Files are the repository-relative, slash-separated paths written.
	Files []string
	// Skipped are entries not written: submodules, symlinks that do not
	// point at a staged regular file, unmerged entries.
	Skipped []Skipped
}

// TopLevel returns the root of the work tree that dir belongs to.
func TopLevel(ctx context.Context, dir string) (string, error) {
	out, err := git(ctx, dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// Changed lists the repository-relative paths the index adds, copies,
// modifies or renames relative to HEAD (all staged paths before the first
// commit). Deleted paths are left out: there is nothing to scan.
func Changed(ctx context.Context, repoDir string) ([]string, error) {
	base := "HEAD"
	if _, err := git(ctx, repoDir, nil, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err != nil {
		// Unborn branch: everything staged is new. This is git's empty tree.
		base = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
	}
	out, err := git(ctx, repoDir, nil, "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=ACMRT", "-z", base, "--")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths, nil
}

type entry struct {
	mode, object, path string
}

// Export writes every regular file staged in repoDir's index into destDir,
// which must exist and should be empty, preserving repository-relative
// paths. It never writes outside destDir: every write goes through an
// os.Root, and paths that are not local (absolute, "..") are refused.
// Symlinks are not recreated; a link to a staged regular file is written as a
// copy of it (what discovery does when it follows a link inside the scan
// root), others are skipped.
func Export(ctx context.Context, repoDir, destDir string) (Tree, error) {
	var tree Tree
	entries, err := list(ctx, repoDir, &tree)
	if err != nil {
		return tree, err
	}
	root, err := os.OpenRoot(destDir)
	if err != nil {
		return tree, fmt.Errorf("staged export: %w", err)
	}
	defer root.Close()

	var files, links []entry
	for _, e := range entries {
		switch e.mode {
		case modeSubmodule:
			tree.Skipped = append(tree.Skipped, Skipped{Path: e.path, Reason: "submodule"})
		case modeSymlink:
			links = append(links, e)
		default:
			files = append(files, e)
		}
	}
	linkTargets := make(map[string]string, len(links))
	err = catBlobs(ctx, repoDir, append(files, links...), func(e entry, r io.Reader, size int64) error {
		if e.mode == modeSymlink {
			target, err := io.ReadAll(r)
			if err != nil {
				return err
			}
			linkTargets[e.path] = string(target)
			return nil
		}
		return writeFile(root, e.path, r, size, e.mode == "100755")
	})
	if err != nil {
		return tree, err
	}
	written := make(map[string]bool, len(files))
	for _, e := range files {
		written[e.path] = true
		tree.Files = append(tree.Files, e.path)
	}
	for _, l := range links {
		link := linkTargets[l.path]
		target := path.Join(path.Dir(l.path), link)
		if path.IsAbs(link) || !filepath.IsLocal(filepath.FromSlash(target)) || !written[target] {
			tree.Skipped = append(tree.Skipped, Skipped{Path: l.path, Reason: "symlink to " + link + " (not a staged file in the repository)"})
			continue
		}
		if err := copyFile(root, target, l.path); err != nil {
			return tree, err
		}
		tree.Files = append(tree.Files, l.path)
	}
	sort.Strings(tree.Files)
	sort.Slice(tree.Skipped, func(i, j int) bool { return tree.Skipped[i].Path < tree.Skipped[j].Path })
	return tree, nil
}

// list reads the index: `git ls-files --stage -z` prints
// "<mode> <object> <stage>\t<path>\0" per entry.
func list(ctx context.Context, repoDir string, tree *Tree) ([]entry, error) {
	out, err := git(ctx, repoDir, nil, "ls-files", "--stage", "-z", "--full-name")
	if err != nil {
		return nil, err
	}
	var entries []entry
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, p, ok := strings.Cut(string(rec), "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("git ls-files: unexpected entry %q", rec)
		}
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, "\\") {
			return nil, fmt.Errorf("git index entry %q: not a relative path inside the repository", p)
		}
		if fields[2] != "0" {
			// Merge in progress: git refuses to commit until it is resolved.
			if fields[2] == "2" {
				tree.Skipped = append(tree.Skipped, Skipped{Path: p, Reason: "unmerged"})
			}
			continue
		}
		entries = append(entries, entry{mode: fields[0], object: fields[1], path: p})
	}
	return entries, nil
}

// catBlobs streams the objects of entries through one `git cat-file
// --batch`, calling fn with each object's content in order.
func catBlobs(ctx context.Context, repoDir string, entries []entry, fn func(entry, io.Reader, int64) error) error {
	if len(entries) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, repoDir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range entries {
			if _, err := fmt.Fprintln(w, e.object); err != nil {
				break
			}
		}
		w.Flush()
		stdin.Close()
	}()
	r := bufio.NewReaderSize(stdout, 64<<10)
	readErr := func() error {
		for _, e := range entries {
			header, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: reading %s: %w", e.path, err)
			}
			fields := strings.Fields(header)
			if len(fields) != 3 || fields[0] != e.object {
				return fmt.Errorf("git cat-file: %s: unexpected reply %q", e.path, strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(fields[2], 10, 64)
			if err != nil || size < 0 {
				return fmt.Errorf("git cat-file: %s: bad size in %q", e.path, strings.TrimSpace(header))
			}
			body := io.LimitReader(r, size)
			if err := fn(e, body, size); err != nil {
				return fmt.Errorf("%s: %w", e.path, err)
			}
			// Drain what fn did not read, then the newline after the object.
			if _, err := io.Copy(io.Discard, body); err != nil {
				return fmt.Errorf("git cat-file: %s: %w", e.path, err)
			}
			if b, err := r.ReadByte(); err != nil || b != '\n' {
				return fmt.Errorf("git cat-file: %s: object not terminated", e.path)
			}
		}
		return nil
	}()
	if readErr != nil {
		cancel()
		_ = cmd.Wait()
		return readErr
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

func writeFile(root *os.Root, p string, r io.Reader, size int64, exec bool) error {
	name := filepath.FromSlash(p)
	if dir := filepath.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	perm := os.FileMode(0o644)
	if exec {
		perm = 0o755
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != size {
		err = fmt.Errorf("short object: %d of %d bytes", n, size)
	}
	return err
}

func copyFile(root *os.Root, from, to string) error {
	src, err := root.Open(filepath.FromSlash(from))
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return err
	}
	return writeFile(root, to, src, st.Size(), false)
}

func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) && stderr.Len() > 0 {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// gitCommand runs git in dir. Git hooks receive GIT_DIR and GIT_INDEX_FILE
// relative to the directory the hook started in; they are made absolute so
// they still point at the same files from dir.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	env := os.Environ()
	for i, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY":
			if v != "" && !filepath.IsAbs(v) {
				if abs, err := filepath.Abs(v); err == nil {
					env[i] = k + "=" + abs
				}
			}
		}
	}
	cmd.Env = env
	return cmd
}
