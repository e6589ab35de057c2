package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/codequality"
	"github.com/tollgate-dev/tollgate/report/github"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
	"github.com/tollgate-dev/tollgate/report/junit"
	"github.com/tollgate-dev/tollgate/report/markdown"
	"github.com/tollgate-dev/tollgate/report/sarif"
	"github.com/tollgate-dev/tollgate/report/text"
)

// output is one requested report: a format and where it goes ("" = stdout).
type output struct {
	format string
	file   string
}

type writeOptions struct {
	quiet bool
	color string
}

// formatNames are the report formats. Paths in the report are as
// discovered (relative to the working directory); formats read by code
// hosts get absolute paths and the repository root so they can make them
// repository-relative.
var formatNames = []string{"text", "json", "sarif", "github", "markdown", "junit", "gitlab-codequality"}

func parseOutputs(specs []string) ([]output, error) {
	if len(specs) == 0 {
		return []output{{format: "text"}}, nil
	}
	var outs []output
	toStdout := 0
	for _, s := range specs {
		format, file, _ := strings.Cut(s, "=")
		if !slices.Contains(formatNames, format) {
			return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(formatNames, ", "))
		}
		if file == "" {
			toStdout++
		}
		outs = append(outs, output{format: format, file: file})
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
		if err := writeFormat(&buf, o, rep, opts, root, o.file == "" && e.stdout == os.Stdout); err != nil {
			return fmt.Errorf("%s report: %w", o.format, err)
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
		quiet := opts
		quiet.quiet = true
		if err := writeFormat(e.stderr, output{format: "text"}, rep, quiet, root, false); err != nil {
			return fmt.Errorf("text summary: %w", err)
		}
	}
	return nil
}

func writeFormat(w io.Writer, o output, rep report.Report, opts writeOptions, root string, terminal bool) error {
	switch o.format {
	case "text":
		color := opts.color == "always" || (opts.color == "auto" && terminal && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "")
		return text.Write(w, rep, text.Options{Color: color, Quiet: opts.quiet})
	case "json":
		return jsonreport.Write(w, rep)
	case "sarif":
		return sarif.Write(w, absolutePaths(rep), sarif.Options{SourceRoot: root})
	case "github":
		return github.Write(w, absolutePaths(rep), github.Options{SourceRoot: root})
	case "markdown":
		return markdown.Write(w, absolutePaths(rep), markdown.Options{SourceRoot: root})
	case "junit":
		return junit.Write(w, rep)
	case "gitlab-codequality":
		return codequality.Write(w, absolutePaths(rep), codequality.Options{SourceRoot: root})
	}
	return fmt.Errorf("unknown format %q", o.format)
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

// absolutePaths makes every relative path absolute (against the working
// directory) so writers can make them relative to the repository root even
// when tollgate runs in a subdirectory.
func absolutePaths(rep report.Report) report.Report {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return filepath.ToSlash(a)
	}
	out := rep
	out.Findings = append(out.Findings[:0:0], rep.Findings...)
	for i := range out.Findings {
		f := &out.Findings[i]
		f.Location.File = abs(f.Location.File)
		f.Related = append(f.Related[:0:0], f.Related...)
		for j := range f.Related {
			f.Related[j].Range.File = abs(f.Related[j].Range.File)
		}
	}
	out.Diagnostics = append(out.Diagnostics[:0:0], rep.Diagnostics...)
	for i := range out.Diagnostics {
		out.Diagnostics[i].Range.File = abs(out.Diagnostics[i].Range.File)
	}
	return out
}
