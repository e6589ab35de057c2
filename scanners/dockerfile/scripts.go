package dockerfile

import (
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tollgate-dev/tollgate/document"
)

// A script is a file the build writes with content the Dockerfile shows
// (a heredoc COPY, `cat > file <<EOF`, `echo '...' > file`). A RUN that
// later executes it runs that content, so the RUN rules must read it as
// they read an inline RUN; lines keeps where each content line is written,
// so a finding points at the heredoc line rather than at the RUN.
type script struct {
	content string
	lines   []document.Range
}

// stageFiles are the scripts a stage holds, by absolute path.
type stageFiles map[string]script

func (f stageFiles) clone() stageFiles {
	out := make(stageFiles, len(f))
	for k, v := range f {
		out[k] = v
	}
	return out
}

// scriptTracker follows, per stage, the working directory and the scripts
// written so far.
type scriptTracker struct {
	files   []stageFiles
	workdir []string
}

// startStage opens stage idx; a stage built FROM an earlier stage starts
// with that stage's files and working directory.
func (t *scriptTracker) startStage(from map[string]any) {
	files, wd := stageFiles{}, "/"
	if si, ok := from["stage_index"].(int64); ok && from["stage_ref"] == true && int(si) < len(t.files) {
		files, wd = t.files[si].clone(), t.workdir[si]
	}
	t.files = append(t.files, files)
	t.workdir = append(t.workdir, wd)
}

// scriptRun is a script a RUN executes.
type scriptRun struct {
	path string
	script
}

// trackScripts updates the stage's state for one instruction and returns
// the scripts a RUN executes (nil for anything else). Executions are found
// before this RUN's own writes: a script written and run in the same RUN is
// already part of that RUN's text.
func (b *builder) trackScripts(idx int, n *parser.Node, cmd any, in map[string]any) []scriptRun {
	t := &b.scripts
	files, wd := t.files[idx], t.workdir[idx]
	switch c := cmd.(type) {
	case *instructions.WorkdirCommand:
		t.workdir[idx] = absPath(wd, c.Path)
	case *instructions.CopyCommand:
		b.copyScripts(idx, n, c.SourcesAndDest, c.From)
	case *instructions.AddCommand:
		b.copyScripts(idx, n, c.SourcesAndDest, "")
	case *instructions.RunCommand:
		text := runText(in)
		var out []scriptRun
		for _, p := range sortedPaths(files) {
			if executes(text, p, wd) {
				out = append(out, scriptRun{path: p, script: files[p]})
			}
		}
		b.runWrites(idx, n, in)
		return out
	}
	return nil
}

// scriptValues puts the scripts a RUN executes at the instruction's
// scripts, each positioned where it is written, and each of its lines
// where that line is.
func (b *builder) scriptValues(instr document.Object, runs []scriptRun) {
	out := instr.List("scripts", len(runs))
	for _, r := range runs {
		first, last := r.lines[0], r.lines[len(r.lines)-1]
		sc := out.Object(map[string]any{"path": r.path, "content": r.content, "line": int64(first.Line)}).
			At(document.Range{File: b.file, Line: first.Line, Column: 1, EndLine: last.Line})
		lines := sc.List("lines", len(r.lines))
		// Only the last piece can be empty (content ending in a newline), so
		// the n-th piece is the n-th line put.
		for n, l := range strings.SplitAfter(r.content, "\n") {
			if l == "" || n >= len(r.lines) {
				continue
			}
			lines.Add(strings.TrimSuffix(l, "\n"), r.lines[n])
		}
	}
}

func sortedPaths(f stageFiles) []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// copyScripts records heredoc sources as scripts, carries scripts across
// COPY --from=<stage>, and forgets scripts that a copy from the build
// context overwrites (their content is then unknown).
func (b *builder) copyScripts(idx int, n *parser.Node, sd instructions.SourcesAndDest, from string) {
	t := &b.scripts
	files, wd := t.files[idx], t.workdir[idx]
	dest := absPath(wd, sd.DestPath)
	toDir := strings.HasSuffix(sd.DestPath, "/") || len(sd.SourcePaths)+len(sd.SourceContents) > 1
	target := func(name string) string {
		if toDir {
			return path.Join(dest, path.Base(name))
		}
		return dest
	}
	if len(sd.SourceContents) > 0 {
		bodies := b.heredocLines(n)
		for k, sc := range sd.SourceContents {
			if k < len(bodies) && len(bodies[k]) > 0 {
				files[target(sc.Path)] = script{content: sc.Data, lines: bodies[k]}
			}
		}
		return
	}
	src, ok := b.stageIndex(from)
	if from != "" && !ok {
		return // an external image: its files are not known here
	}
	for _, sp := range sd.SourcePaths {
		if !ok {
			// From the build context: whatever was at the target is replaced.
			for p := range files {
				if p == target(sp) || strings.HasPrefix(p, dest+"/") {
					delete(files, p)
				}
			}
			continue
		}
		sp = absPath(t.workdir[src], sp)
		for p, s := range t.files[src] {
			switch {
			case p == sp:
				files[target(p)] = s
			case strings.HasPrefix(p, strings.TrimSuffix(sp, "/")+"/"):
				// A directory copy keeps the layout below it.
				files[path.Join(dest, strings.TrimPrefix(p, strings.TrimSuffix(sp, "/")+"/"))] = s
			}
		}
	}
}

// stageIndex resolves COPY --from to an earlier stage (by name or index).
func (b *builder) stageIndex(from string) (int, bool) {
	if from == "" {
		return 0, false
	}
	if i, ok := b.stageNames[strings.ToLower(from)]; ok {
		return i, true
	}
	if i, err := strconv.Atoi(from); err == nil && i >= 0 && i < len(b.scripts.files)-1 {
		return i, true
	}
	return 0, false
}

var (
	// `cat > f <<EOF`, `cat <<EOF >f`, `tee f <<EOF`: the command of the
	// shell segment that holds the heredoc marker writes its body to f.
	teeTarget      = regexp.MustCompile(`^\s*(?:sudo\s+)?tee\s+(?:-a\s+|--append\s+)?([^\s<>|;&]+)`)
	catTarget      = regexp.MustCompile(`^\s*(?:sudo\s+)?cat\b[^|;&]*?(?:^|[^0-9&>])>>?\s*([^\s<>|;&]+)`)
	echoWrite      = regexp.MustCompile(`^\s*(echo(?:\s+-[ne]+)*|printf)\s+('[^']*'|"[^"]*")\s*>>?\s*([^\s<>|;&]+)\s*$`)
	heredocMarkers = regexp.MustCompile(`<<-?\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z0-9_]+))`)
)

// runWrites records the files a RUN writes from heredocs (cat, tee) or from
// one quoted echo/printf argument.
func (b *builder) runWrites(idx int, n *parser.Node, in map[string]any) {
	t := &b.scripts
	files, wd := t.files[idx], t.workdir[idx]
	var command []string
	for _, v := range in["value"].([]any) {
		command = append(command, v.(string))
	}
	text := strings.Join(command, " ")
	bodies := b.heredocLines(n)
	for k, h := range n.Heredocs {
		if k >= len(bodies) || len(bodies[k]) == 0 {
			continue
		}
		if p := heredocTarget(text, h.Name); p != "" {
			files[absPath(wd, p)] = script{content: h.Content, lines: bodies[k]}
		}
	}
	if len(n.Heredocs) > 0 {
		return
	}
	for _, sp := range segments(text) {
		m := echoWrite.FindStringSubmatch(text[sp[0]:sp[1]])
		if m == nil {
			continue
		}
		content := m[2][1 : len(m[2])-1]
		// dash's echo and printf both turn \n into a line break.
		content = strings.ReplaceAll(content, `\n`, "\n")
		rng := b.nodeRange(n)
		lines := make([]document.Range, strings.Count(strings.TrimSuffix(content, "\n"), "\n")+1)
		for i := range lines {
			lines[i] = rng
		}
		files[absPath(wd, unquote(m[3]))] = script{content: content, lines: lines}
	}
}

// segments splits a shell command line into its simple commands (at
// unquoted &&, ||, ;, | and line breaks) and returns their spans.
func segments(text string) [][2]int {
	var out [][2]int
	start := 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '\\':
			i++
		case c == ';' || c == '\n' || c == '|' || c == '&' && i+1 < len(text) && text[i+1] == '&':
			out = append(out, [2]int{start, i})
			if i+1 < len(text) && (text[i+1] == c) {
				i++
			}
			start = i + 1
		}
	}
	return append(out, [2]int{start, len(text)})
}

// heredocTarget is the file the command holding the heredoc named name
// writes its body to, or "".
func heredocTarget(text, name string) string {
	locs := heredocMarkers.FindAllStringSubmatchIndex(text, -1)
	for _, l := range locs {
		got := ""
		for g := 1; g <= 3; g++ {
			if l[2*g] >= 0 {
				got = text[l[2*g]:l[2*g+1]]
			}
		}
		if got != name {
			continue
		}
		start, end := 0, len(text)
		for _, sp := range segments(text) {
			if sp[0] <= l[0] && l[0] < sp[1] {
				start, end = sp[0], max(sp[1], l[1])
			}
		}
		seg := text[start:l[0]] + " " + text[l[1]:end]
		if m := teeTarget.FindStringSubmatch(seg); m != nil {
			return unquote(m[1])
		}
		if m := catTarget.FindStringSubmatch(seg); m != nil {
			return unquote(m[1])
		}
	}
	return ""
}

// runText is what the shell of a RUN reads: its arguments and heredoc bodies.
func runText(in map[string]any) string {
	var parts []string
	for _, v := range in["value"].([]any) {
		parts = append(parts, v.(string))
	}
	for _, h := range in["heredocs"].([]any) {
		parts = append(parts, h.(map[string]any)["content"].(string))
	}
	return strings.Join(parts, "\n")
}

const (
	pathEnd     = "(?:$|[\\s;&|)'\"`])"
	commandPos  = "(?:^|[;&|(\\n`]|\\$\\(|\\b(?:exec|sudo|nohup|env(?:\\s+\\w+=\\S*)*)\\s|\\s-c\\s)\\s*['\"]?"
	interpreted = `(?:^|[\s;&|(])(?:(?:/[\w./-]*/)?(?:sh|bash|zsh|dash|ksh|ash|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*|(?:source|\.)\s+)['"]?`
)

// executes holds when text runs the script at abs: as a command, through
// an interpreter, or sourced, spelled absolute or relative to wd.
func executes(text, abs, wd string) bool {
	if !strings.Contains(text, path.Base(abs)) {
		return false
	}
	spellings := []string{regexp.QuoteMeta(abs)}
	var bare []string
	if rel, ok := strings.CutPrefix(abs, strings.TrimSuffix(wd, "/")+"/"); ok {
		spellings = append(spellings, `\./`+regexp.QuoteMeta(rel))
		if strings.Contains(rel, "/") {
			spellings = append(spellings, regexp.QuoteMeta(rel))
		} else {
			// A bare name is looked up in PATH, not the working directory,
			// unless an interpreter or `.` reads it.
			bare = append(bare, regexp.QuoteMeta(rel))
		}
	}
	re := "(?:" + commandPos + "|" + interpreted + ")(?:" + strings.Join(spellings, "|") + ")" + pathEnd
	if len(bare) > 0 {
		re += "|" + interpreted + "(?:" + strings.Join(bare, "|") + ")" + pathEnd
	}
	return regexp.MustCompile(re).MatchString(text)
}

// absPath resolves p against the working directory wd.
func absPath(wd, p string) string {
	p = unquote(p)
	if !strings.HasPrefix(p, "/") {
		p = path.Join(wd, p)
	}
	return path.Clean(p)
}

// heredocLines gives, for each heredoc of n, the range of each of its body
// lines. Bodies follow the instruction line in order, each closed by its
// terminator line, so they are counted back from the last line.
func (b *builder) heredocLines(n *parser.Node) [][]document.Range {
	out := make([][]document.Range, len(n.Heredocs))
	end := n.EndLine
	for k := len(n.Heredocs) - 1; k >= 0; k-- {
		content := n.Heredocs[k].Content
		count := strings.Count(content, "\n")
		if content != "" && !strings.HasSuffix(content, "\n") {
			count++
		}
		first := end - count
		if first <= n.StartLine || end > len(b.lines) {
			// Not the layout counted on: no line positions rather than wrong ones.
			return make([][]document.Range, len(n.Heredocs))
		}
		rs := make([]document.Range, count)
		for i := range rs {
			l := first + i
			raw := strings.TrimSuffix(b.lines[l-1], "\r")
			col := 1
			if strings.TrimSpace(raw) != "" {
				col = len(raw) - len(strings.TrimLeft(raw, " \t")) + 1
			}
			rs[i] = document.Range{File: b.file, Line: l, Column: col, EndLine: l, EndColumn: len(raw) + 1}
		}
		out[k] = rs
		end = first - 1
	}
	return out
}
