package cdk

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// frame is one parsed stack frame.
type frame struct {
	file      string // as written in the trace (absolute on the synth machine)
	line, col int
}

// pythonFrame matches the frames jsii forwards from Python apps.
var pythonFrame = regexp.MustCompile(`File "([^"]+)", line (\d+)`)

// parseFrame reads the location of one trace line. It understands V8 frames
// ("new Stack (/app/lib/x.js:3:5)", "at /app/bin/app.js:7:1", file:// URLs,
// Windows paths) and Python frames; the CDK's summary lines ("...node
// internals...", "...new Bucket2 in aws-cdk-lib...") have no location.
func parseFrame(s string) (frame, bool) {
	s = strings.TrimSpace(s)
	if m := pythonFrame.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		return frame{file: m[1], line: n}, n > 0
	}
	s = strings.TrimPrefix(s, "at ")
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i >= 0 {
			s = s[i+2 : len(s)-1]
		} else if i := strings.LastIndexByte(s, '('); i >= 0 {
			s = s[i+1 : len(s)-1]
		}
	}
	// file:line:col, where file itself may hold colons (C:\, file://).
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return frame{}, false
	}
	col, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return frame{}, false
	}
	rest := s[:i]
	line := 0
	if j := strings.LastIndexByte(rest, ':'); j >= 0 {
		if n, err := strconv.Atoi(rest[j+1:]); err == nil {
			line, rest = n, rest[:j]
		} else {
			line, col = col, 0
		}
	} else {
		line, col = col, 0
	}
	if line <= 0 || rest == "" {
		return frame{}, false
	}
	return frame{file: rest, line: line, col: col}, true
}

// userFrame reports whether a frame is in code the user wrote: not in a
// dependency, not in Node.js itself, not in the CDK or jsii runtime.
func userFrame(f frame) bool {
	p := strings.ReplaceAll(f.file, "\\", "/")
	switch {
	case strings.HasPrefix(p, "node:"), strings.HasPrefix(p, "internal/"):
		return false
	case strings.Contains(p, "/node_modules/"), strings.Contains(p, "/site-packages/"),
		strings.Contains(p, "/jsii-kernel-"), strings.Contains(p, "/jsii-runtime"):
		return false
	}
	return isAbs(p)
}

func isAbs(p string) bool {
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, "file:///") || windowsDrive(p)
}

func windowsDrive(p string) bool {
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' && (p[0]|0x20) >= 'a' && (p[0]|0x20) <= 'z'
}

// roots maps the absolute paths of the machine that synthesized an
// assembly to files on this machine (where the scan's file system keeps
// them), reported the way discovery reports
// the assembly itself (relative to the working directory when the scan
// root was relative), so a finding's CDK line and its template line share
// one base.
type roots struct {
	unitPath    string   // the assembly as reported (slash path)
	assemblyAbs string   // the assembly on this machine (slash path)
	bases       []string // repository root and the app dir (cdk.json), most general first (slash paths)
	cache       map[string]string
}

func newRoots(fsys *srcfs.FS, unitPath string) *roots {
	r := &roots{unitPath: unitPath, cache: map[string]string{}}
	abs, err := filepath.Abs(fsys.OSPath(unitPath))
	if err != nil {
		return r
	}
	r.assemblyAbs = filepath.ToSlash(abs)
	r.bases = findBases(abs)
	return r
}

// findBases walks up from the assembly to the repository root (a .git
// entry) and the CDK app (the nearest cdk.json); the assembly's parent
// stands in for the app when there is no cdk.json.
func findBases(assembly string) []string {
	app, repo := "", ""
	for d := assembly; ; {
		if app == "" {
			if _, err := os.Stat(filepath.Join(d, "cdk.json")); err == nil {
				app = d
			}
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			repo = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if app == "" {
		app = filepath.Dir(assembly)
	}
	var out []string
	if repo != "" && repo != app {
		out = append(out, filepath.ToSlash(repo))
	}
	return append(out, filepath.ToSlash(app))
}

// resolve turns a traced file into the path reported to users, or "" when
// the file is not on this machine (the scan runs without the app source):
// a location that cannot be opened helps nobody, the template line stands.
func (r *roots) resolve(traced string) string {
	if len(r.bases) == 0 {
		return ""
	}
	if got, ok := r.cache[traced]; ok {
		return got
	}
	p := strings.ReplaceAll(traced, "\\", "/")
	p = strings.TrimPrefix(p, "file://")
	if windowsDrive(strings.TrimPrefix(p, "/")) {
		p = strings.TrimPrefix(p, "/")[2:]
	}
	p = path.Clean("/" + p)
	local := ""
	for _, b := range r.bases {
		if rel, ok := strings.CutPrefix(p, strings.TrimSuffix(b, "/")+"/"); ok && regular(path.Join(b, rel)) {
			local = path.Join(b, rel)
			break
		}
	}
	if local == "" {
		// Synthesized elsewhere (a developer laptop, another CI runner):
		// the longest tail of the traced path that exists under the
		// repository or the app is the file. A trace is data, so only
		// files under those roots qualify.
		parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	search:
		for i := range parts {
			for _, b := range r.bases {
				if cand := path.Join(b, path.Join(parts[i:]...)); regular(cand) {
					local = cand
					break search
				}
			}
		}
	}
	out := ""
	if local != "" {
		if rel, err := filepath.Rel(filepath.FromSlash(r.assemblyAbs), filepath.FromSlash(local)); err == nil {
			out = path.Join(r.unitPath, filepath.ToSlash(rel))
		}
	}
	r.cache[traced] = out
	return out
}

func regular(p string) bool {
	st, err := os.Stat(filepath.FromSlash(p))
	return err == nil && st.Mode().IsRegular()
}

// source picks the first user frame of a trace that resolves to a local
// file.
func (r *roots) source(trace []string) *document.Range {
	for _, s := range trace {
		f, ok := parseFrame(s)
		if !ok || !userFrame(f) {
			continue
		}
		if file := r.resolve(f.file); file != "" {
			return &document.Range{File: file, Line: f.line, Column: f.col}
		}
	}
	return nil
}
