package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/formats"
)

// output is one requested report: a format and where it goes ("" = stdout).
type output struct {
	format report.Format
	file   string
}

type writeOptions struct {
	quiet    bool
	color    string
	category string
}

// formatFlagHelp is --format's help, generated from the formats.
func formatFlagHelp() string {
	return "output `FORMAT` or FORMAT=FILE, repeatable (default text): " + strings.Join(formats.Names(), ", ")
}

func parseOutputs(specs []string) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"text"}
	}
	var outs []output
	toStdout := 0
	for _, s := range specs {
		name, file, _ := strings.Cut(s, "=")
		f, err := formats.Lookup(name)
		if err != nil {
			return nil, err
		}
		if file == "" {
			toStdout++
		}
		outs = append(outs, output{format: f, file: file})
	}
	if toStdout > 1 {
		return nil, fmt.Errorf("only one format can go to standard output; give the others a file (FORMAT=FILE)")
	}
	return outs, nil
}

func (e *environment) writeOutputs(outs []output, rep report.Report, opts writeOptions) error {
	root := sourceRoot()
	for _, o := range outs {
		var buf bytes.Buffer
		env := report.Env{SourceRoot: root, Quiet: opts.quiet, Color: e.color(opts.color, o.file == ""), Category: opts.category}
		if err := o.format.Render(&buf, rep, env); err != nil {
			return fmt.Errorf("%s report: %w", o.format.Name, err)
		}
		if o.file == "" {
			if _, err := e.stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			continue
		}
		if dir := filepath.Dir(o.file); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(o.file, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if !slices.ContainsFunc(outs, func(o output) bool { return o.file == "" }) {
		// Every report went to a file: without this a blocked run printed
		// nothing at all. The summary and the errors go to stderr so
		// standard output stays empty for scripts.
		env := report.Env{SourceRoot: root, Quiet: true, Color: e.color(opts.color, false)}
		text, _ := formats.Lookup("text")
		if err := text.Render(e.stderr, rep, env); err != nil {
			return fmt.Errorf("text summary: %w", err)
		}
	}
	return nil
}

// color decides whether text output is coloured: always, never, or (auto)
// when it goes to a terminal and NO_COLOR is not set.
func (e *environment) color(mode string, toStdout bool) bool {
	return mode == "always" || (mode == "auto" && toStdout && e.stdout == os.Stdout && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "")
}

// sourceRoot is the repository root: GITHUB_WORKSPACE or CI_PROJECT_DIR in
// CI, else the nearest directory above the working directory holding .git,
// else the working directory.
func sourceRoot() string {
	for _, v := range []string{"GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
		if d := os.Getenv(v); d != "" {
			if abs, err := filepath.Abs(d); err == nil {
				return abs
			}
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}
