// Package commits reads what a range of git commits added: every added
// line of every commit's diff, placed at its line in that commit's version
// of the file. A credential committed and deleted again within the range is
// still there to be found.
package commits

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// Commit is one commit of the range.
type Commit struct {
	SHA     string
	Subject string
	// Files are the files the commit added lines to, in diff order.
	Files []File
}

// File is what one commit added to one file.
type File struct {
	Path string
	// Content holds the added lines at their line numbers in the commit's
	// version of the file; the other lines are empty.
	Content []byte
	// Oversized is set when the added text passed the size cap; Content is
	// then empty.
	Oversized bool
}

// Short is the abbreviated commit id shown in findings.
func (c Commit) Short() string {
	if len(c.SHA) > 12 {
		return c.SHA[:12]
	}
	return c.SHA
}

// zeroSHA is what CI systems pass as the "before" of a push that created a
// branch: there is no before.
var zeroSHA = regexp.MustCompile(`^0{40}(0{24})?$`)

// RevArgs turns a range as users write it into git rev-list arguments. A
// range whose base is the all-zero id (a new branch) means the tip commit
// alone: what else is new cannot be known without the remote's branches.
func RevArgs(rng string) []string {
	if base, tip, ok := strings.Cut(rng, ".."); ok && zeroSHA.MatchString(base) {
		tip = strings.TrimPrefix(tip, ".")
		if tip == "" {
			tip = "HEAD"
		}
		return []string{tip + "^!"}
	}
	return []string{rng}
}

// Added runs git in dir and returns, oldest first, what each commit of rng
// added. maxFile bounds the added text kept per file. A range that does not
// resolve is an error naming it.
func Added(ctx context.Context, dir, rng string, maxFile int) ([]Commit, error) {
	if strings.HasPrefix(rng, "-") {
		return nil, fmt.Errorf("commit range %q: must not start with '-'", rng)
	}
	args := append([]string{"-C", dir, "rev-list", "--reverse"}, RevArgs(rng)...)
	out, err := git(ctx, append(args, "--")...)
	if err != nil {
		return nil, fmt.Errorf("commit range %q: %w", rng, err)
	}
	var commits []Commit
	for _, sha := range strings.Fields(string(out)) {
		c, err := show(ctx, dir, sha, maxFile)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", sha, err)
		}
		commits = append(commits, c)
	}
	return commits, nil
}

func git(ctx context.Context, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// show reads one commit's added lines. --first-parent keeps a merge commit
// to what it brought onto the branch; -U0 keeps only changed lines.
func show(ctx context.Context, dir, sha string, maxFile int) (Commit, error) {
	out, err := git(ctx, "-C", dir, "show", "--first-parent", "-m", "--no-color", "--no-ext-diff",
		"--no-renames", "-U0", "--format=%H%x00%s", sha, "--")
	if err != nil {
		return Commit{}, err
	}
	return Parse(out, maxFile)
}

var hunkHeader = regexp.MustCompile(`^@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @@`)

// Parse reads the output of `git show -U0 --format=%H%x00%s`: the header
// line, then a unified diff.
func Parse(out []byte, maxFile int) (Commit, error) {
	r := bufio.NewReader(bytes.NewReader(out))
	header, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return Commit{}, err
	}
	sha, subject, _ := strings.Cut(strings.TrimSuffix(header, "\n"), "\x00")
	c := Commit{SHA: sha, Subject: subject}
	var cur *added
	flush := func() {
		if cur != nil && cur.path != "" && (cur.last > 0 || cur.over) {
			c.Files = append(c.Files, cur.file())
		}
		cur = nil
	}
	next := 0
	for {
		line, err := r.ReadString('\n')
		if line == "" && err != nil {
			break
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "diff --git "):
			flush()
			cur = &added{max: maxFile}
		case cur == nil:
		case strings.HasPrefix(line, "+++ "):
			cur.path = diffPath(line[4:])
		case strings.HasPrefix(line, "@@"):
			m := hunkHeader.FindStringSubmatch(line)
			if m == nil {
				return Commit{}, fmt.Errorf("%s: cannot parse hunk header %q", cur.path, line)
			}
			next, _ = strconv.Atoi(m[1])
		case strings.HasPrefix(line, "+") && next > 0:
			cur.add(next, line[1:])
			next++
		}
		if err != nil {
			break
		}
	}
	flush()
	return c, nil
}

// diffPath reads the new path of a '+++' line: b/<path>, possibly quoted
// by git when it has unusual characters; /dev/null for a deleted file.
func diffPath(p string) string {
	p = strings.TrimRight(p, "\t")
	if p == "/dev/null" {
		return ""
	}
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			p = u
		}
	}
	return strings.TrimPrefix(p, "b/")
}

// added collects one file's added lines.
type added struct {
	path  string
	lines map[int]string
	last  int
	size  int
	max   int
	over  bool
}

func (a *added) add(n int, text string) {
	if a.over {
		return
	}
	a.size += len(text) + 1
	if a.max > 0 && a.size > a.max {
		a.over, a.lines = true, nil
		return
	}
	if a.lines == nil {
		a.lines = map[int]string{}
	}
	a.lines[n] = text
	a.last = max(a.last, n)
}

func (a *added) file() File {
	if a.over {
		return File{Path: a.path, Oversized: true}
	}
	var b strings.Builder
	for n := 1; n <= a.last; n++ {
		b.WriteString(a.lines[n])
		if n < a.last {
			b.WriteByte('\n')
		}
	}
	return File{Path: a.path, Content: []byte(b.String())}
}
