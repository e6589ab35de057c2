package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tollgate-dev/tollgate/fsread"
)

// hookMarker identifies a pre-commit hook tollgate wrote, so uninstall never
// removes someone else's hook.
const hookMarker = "# tollgate-managed-hook v1"

// hookScript is the plain git hook. It runs the hook it replaced first (kept
// as pre-commit.legacy by install --force, as pre-commit does), then the
// binary that installed it, falling back to tollgate on PATH when that
// binary has moved (an upgrade).
const hookScript = `#!/bin/sh
%s
# Written by 'tollgate hook install'; remove with 'tollgate hook uninstall'.
# Scans what this commit records (the index, not the working tree).
# Skip once with 'git commit --no-verify'.
legacy="$(dirname "$0")/pre-commit.legacy"
if [ -x "$legacy" ]; then
	"$legacy" "$@" || exit $?
fi
tollgate=%s
if [ ! -x "$tollgate" ]; then
	tollgate=tollgate
fi
exec "$tollgate" scan --staged%s
`

func (e *environment) hook(args []string) int {
	const hookUsage = `Usage:
  tollgate hook install [--force] [-- SCAN-FLAGS...]   write .git/hooks/pre-commit (honours core.hooksPath)
  tollgate hook uninstall                              remove the hook tollgate wrote
`
	if len(args) == 0 {
		fmt.Fprint(e.stderr, hookUsage)
		return 2
	}
	// Help and a mistyped command need no repository: answer them before
	// asking git where hooks live.
	switch args[0] {
	case "install", "uninstall":
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, hookUsage)
		return 0
	default:
		fmt.Fprintf(e.stderr, "tollgate: unknown hook command %q\n\n%s", args[0], hookUsage)
		return 2
	}
	fs := pflag.NewFlagSet("hook", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	force := fs.Bool("force", false, "install over a pre-commit hook that tollgate did not write: it is kept as pre-commit.legacy and runs first")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s\nFlags:\n%s", hookUsage, flagUsages(fs)) }
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	hooksDir, err := gitHooksDir()
	if err != nil {
		return e.errorf("hook: %v", err)
	}
	file := filepath.Join(hooksDir, "pre-commit")
	if args[0] == "uninstall" {
		if fs.NArg() > 0 {
			return e.errorf("hook uninstall takes no arguments")
		}
		return e.uninstallHook(file)
	}
	exe, err := os.Executable()
	if err != nil {
		return e.errorf("hook: %v", err)
	}
	return e.installHook(file, exe, fs.Args(), *force)
}

func (e *environment) installHook(file, exe string, scanArgs []string, force bool) int {
	existing, err := fsread.ReadFile(e.ctx, file, fsread.MaxTextFile)
	switch {
	case err == nil && !bytes.Contains(existing, []byte(hookMarker)) && !force:
		return e.errorf("%s exists and was not written by tollgate; use --force to keep it as pre-commit.legacy and run it before tollgate", file)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return e.errorf("hook: %v", err)
	}
	// Validate the flags now rather than on the first commit.
	if len(scanArgs) > 0 {
		var f scanFlags
		fs := newScanFlagSet(&f)
		fs.SetOutput(e.stderr)
		if err := fs.Parse(scanArgs); err != nil {
			return e.errorf("hook install: scan flags: %v", err)
		}
	}
	if err == nil && !bytes.Contains(existing, []byte(hookMarker)) {
		// --force over someone else's hook: keep it and chain it.
		legacy := file + ".legacy"
		if _, lerr := os.Lstat(legacy); lerr == nil {
			return e.errorf("%s exists and was not written by tollgate, and %s is taken: merge them by hand", file, legacy)
		}
		if err := os.Rename(file, legacy); err != nil {
			return e.errorf("hook: %v", err)
		}
		fmt.Fprintf(e.stdout, "kept the previous hook as %s; it runs before tollgate\n", legacy)
	}
	var extra strings.Builder
	for _, a := range scanArgs {
		extra.WriteString(" " + shellQuote(a))
	}
	script := fmt.Sprintf(hookScript, hookMarker, shellQuote(exe), extra.String())
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return e.errorf("hook: %v", err)
	}
	// Write beside and rename: a half-written hook would block every commit.
	tmp := file + ".tollgate-tmp"
	if err := os.WriteFile(tmp, []byte(script), 0o755); err != nil {
		return e.errorf("hook: %v", err)
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		return e.errorf("hook: %v", err)
	}
	fmt.Fprintf(e.stdout, "installed %s\n", file)
	return 0
}

func (e *environment) uninstallHook(file string) int {
	existing, err := fsread.ReadFile(e.ctx, file, fsread.MaxTextFile)
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(e.stdout, "no pre-commit hook at %s\n", file)
		return 0
	case err != nil:
		return e.errorf("hook: %v", err)
	case !bytes.Contains(existing, []byte(hookMarker)):
		return e.errorf("%s was not written by tollgate; left in place", file)
	}
	if err := os.Remove(file); err != nil {
		return e.errorf("hook: %v", err)
	}
	fmt.Fprintf(e.stdout, "removed %s\n", file)
	// Put back the hook install --force set aside.
	legacy := file + ".legacy"
	if _, err := os.Lstat(legacy); err == nil {
		if err := os.Rename(legacy, file); err != nil {
			return e.errorf("hook: restoring %s: %v", legacy, err)
		}
		fmt.Fprintf(e.stdout, "restored %s from %s\n", file, legacy)
	}
	return 0
}

// gitHooksDir asks git where hooks live: core.hooksPath when set, else the
// common git directory's hooks (shared by worktrees).
func gitHooksDir() (string, error) {
	cmd := exec.Command("git", "rev-parse", "--path-format=absolute", "--git-path", "hooks")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("not in a git repository: %s", msg)
		}
		return "", fmt.Errorf("git rev-parse: %w", err)
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// shellQuote quotes s for POSIX sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
