package report

import (
	"io"
	"path/filepath"
)

// Env is what a run tells every output format about where it runs.
type Env struct {
	// SourceRoot is the repository root, absolute: formats read by code
	// hosts name files relative to it.
	SourceRoot string
	// Color and Quiet shape terminal output.
	Color bool
	Quiet bool
	// Category keeps several uploads for one commit apart in a code host
	// (SARIF runAutomationDetails.id; --sarif-category).
	Category string
}

// Format is one output format. Each report/<format> package exports its
// Format; package report/formats lists them. Adding a format is a folder
// plus a line there.
type Format struct {
	// Name is what --format takes.
	Name string
	// Description is its line in --format's help.
	Description string
	// AbsolutePaths: the format names files relative to Env.SourceRoot, so
	// it gets the report with every path absolute (see Render).
	AbsolutePaths bool
	// Write renders a report.
	Write func(w io.Writer, rep Report, env Env) error
}

// Render writes rep in format f, after the path normalisation f asks for.
// Paths in a report are as discovered (relative to the working directory);
// a format that makes them repository-relative gets them absolute first,
// so that works even when tollgate runs in a subdirectory.
func (f Format) Render(w io.Writer, rep Report, env Env) error {
	if f.AbsolutePaths {
		rep = AbsolutePaths(rep)
	}
	return f.Write(w, rep, env)
}

// AbsolutePaths returns a copy of rep with every relative path made
// absolute against the working directory.
func AbsolutePaths(rep Report) Report {
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
