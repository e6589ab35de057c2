package modsource

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

var (
	fullSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)
	// userinfo is a URL's credentials in git's messages.
	userinfo = regexp.MustCompile(`://[^/@\s]+@`)
)

// git runs the git command in dir. Errors carry git's own message, any
// credential in the repository URL removed.
func (f *Fetcher) git(ctx context.Context, dir, repo string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, f.o.Git, args...)
	cmd.Dir = dir
	// Never wait for a password nobody will type. The user's git
	// configuration stays: it holds the credential helpers and insteadOf
	// rewrites private repositories need.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never")
	if os.Getenv("GIT_SSH_COMMAND") == "" && os.Getenv("GIT_SSH") == "" {
		cmd.Env = append(cmd.Env, "GIT_SSH_COMMAND=ssh -o BatchMode=yes")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		// git's first fatal line says what went wrong; the advice after
		// it is the same for every failure.
		msg := strings.TrimSpace(stderr.String())
		for _, line := range strings.Split(msg, "\n") {
			if strings.HasPrefix(line, "fatal:") || strings.HasPrefix(line, "error:") {
				msg = strings.TrimSpace(line)
				break
			}
		}
		msg = userinfo.ReplaceAllString(strings.ReplaceAll(msg, repo, Redact(repo)), "://REDACTED@")
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git: %s", msg)
	}
	return strings.TrimSpace(stdout.String()), nil
}

// gitArgs are the options every git command starts with: no hooks, and
// no protocol git would not use for a plain clone.
func gitArgs(args ...string) []string {
	return append([]string{"-c", "core.hooksPath=" + os.DevNull, "-c", "protocol.ext.allow=never"}, args...)
}

// lsRemote resolves ref (a branch or tag name, "" for HEAD) to a commit.
func (f *Fetcher) lsRemote(ctx context.Context, repo, ref string) (string, error) {
	want := ref
	if want == "" {
		want = "HEAD"
	}
	// A pattern matches only whole trailing components: the peeled line
	// of an annotated tag (v1^{}) is asked for by name.
	out, err := f.git(ctx, "", repo, gitArgs("ls-remote", "--", repo, want, want+"^{}")...)
	if err != nil {
		return "", &UnreachableError{err}
	}
	found := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		sha, name, ok := strings.Cut(line, "\t")
		if ok {
			found[name] = sha
		}
	}
	// A peeled annotated tag names the commit; the tag object itself does
	// not. Tags win over branches of the same name, as git's ref lookup.
	for _, n := range []string{"refs/tags/" + want + "^{}", "refs/tags/" + want, want, "refs/heads/" + want} {
		if sha, ok := found[n]; ok && fullSHA.MatchString(sha) {
			return sha, nil
		}
	}
	return "", fmt.Errorf("the repository has no ref %q (a commit is named by its full 40-hex SHA)", want)
}

// checkout fetches commit (reached through ref when it is a name) of repo
// into tree, shallow, and removes the .git directory: what is cached is
// the module's files, hashed like any other download.
func (f *Fetcher) checkout(ctx context.Context, repo, ref, commit, tree string) error {
	if _, err := f.git(ctx, tree, repo, gitArgs("init", "-q")...); err != nil {
		return err
	}
	_, err := f.git(ctx, tree, repo, gitArgs("fetch", "-q", "--depth", "1", "--", repo, commit)...)
	if err != nil && ref != "" && ref != commit {
		// Some servers refuse to fetch a commit by its SHA; its ref
		// then brings it, and the check below says whether it moved.
		_, err = f.git(ctx, tree, repo, gitArgs("fetch", "-q", "--depth", "1", "--", repo, ref)...)
	}
	if err != nil {
		return err
	}
	got, err := f.git(ctx, tree, repo, gitArgs("rev-parse", "--verify", "FETCH_HEAD^{commit}")...)
	if err != nil {
		return err
	}
	if got != commit {
		return fmt.Errorf("git fetched commit %s for %s, not %s", got, refName(ref), commit)
	}
	if _, err := f.git(ctx, tree, repo, gitArgs("-c", "advice.detachedHead=false", "checkout", "-q", "--detach", commit)...); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(tree, ".git")); err != nil {
		return err
	}
	return CheckLinks(tree)
}

func refName(ref string) string {
	if ref == "" {
		return "HEAD"
	}
	return "ref " + ref
}
