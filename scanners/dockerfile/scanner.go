// Package dockerfile turns a Dockerfile (or Containerfile) into a policy
// input document: its build stages with resolved base image references,
// every instruction with exact source lines, and inline suppressions.
package dockerfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/inline"
)

// Scanner scans Dockerfiles. BuildArgs override the defaults of global ARGs
// (those before the first FROM) as `docker build --build-arg` would.
type Scanner struct {
	BuildArgs map[string]string
	// MaxFileSize bounds a Dockerfile (0: the default, MaxFileSize).
	MaxFileSize int64
}

var _ scanners.Scanner = (*Scanner)(nil)

// Name implements scanners.Scanner.
func (s *Scanner) Name() string { return document.FormatDockerfile }

// Scan implements scanners.Scanner. It reads u.Content, or the file at
// u.Path when discovery did not read it.
func (s *Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	limit := s.MaxFileSize
	if limit <= 0 {
		limit = MaxFileSize
	}
	content, err := u.Bytes(ctx, limit)
	if err != nil {
		return scanners.Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return scanners.Result{}, err
	}
	doc, diags, err := Parse(u.Path, content, s.BuildArgs)
	if err != nil {
		return scanners.Result{}, err
	}
	return scanners.Result{Documents: []*document.Document{doc}, Diagnostics: diags}, nil
}

// ErrBinary is returned for content that is not text.
var ErrBinary = errors.New("binary content, not a Dockerfile")

// Parse builds the document for one Dockerfile. Diagnostics report
// malformed suppression comments; an error (a *document.SourceError) means
// the file is not a valid Dockerfile.
func Parse(file string, content []byte, buildArgs map[string]string) (*document.Document, []document.Diagnostic, error) {
	if bytes.IndexByte(content, 0) >= 0 || !utf8.Valid(content) {
		return nil, nil, &document.SourceError{Range: document.Range{File: file}, Err: ErrBinary}
	}
	res, err := parser.Parse(bytes.NewReader(content))
	if err == nil {
		// The typed parse catches what the line parser accepts but docker
		// build rejects (unknown instructions, bad flags, argument counts).
		_, _, err = instructions.Parse(res.AST, nil)
	}
	if err != nil {
		err = sourceError(file, err)
		if bytes.HasPrefix(bytes.TrimSpace(content), []byte("{{")) {
			err = fmt.Errorf("%w (this looks like a template: render it first or exclude it)", err)
		}
		return nil, nil, err
	}
	doc := document.NewBuilder(document.FormatDockerfile, file)
	root := doc.Root()
	b := &builder{
		file:      file,
		lines:     strings.Split(string(bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))), "\n"),
		lex:       shell.NewLex(res.EscapeToken),
		buildArgs: buildArgs,
		env:       argEnv{},
		stages:    root.List("stages", 0),
		args:      root.Object("args", nil),
		resources: map[string]document.Resource{},
	}
	if err := b.build(res.AST); err != nil {
		return nil, nil, err
	}
	root.PutValue("final_stage", int64(b.stages.Len()-1))
	d := doc.Document()
	d.Resources = b.resources
	return d, b.diags, nil
}

// sourceError turns a buildkit error into a SourceError at its first line.
func sourceError(file string, err error) error {
	r := document.Range{File: file}
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, locs := range le.Locations {
			if len(locs) > 0 && locs[0].Start.Line > 0 {
				r.Line = locs[0].Start.Line
				r.EndLine = locs[len(locs)-1].End.Line
				break
			}
		}
	}
	msg := err.Error()
	if le != nil && le.Unwrap() != nil {
		msg = le.Unwrap().Error()
	}
	return &document.SourceError{Range: r, Err: errors.New(msg)}
}

// argEnv is the set of ARG values known at a point of the file.
type argEnv map[string]string

func (e argEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }

func (e argEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type builder struct {
	file      string
	lines     []string
	lex       *shell.Lex
	buildArgs map[string]string
	diags     []document.Diagnostic

	env        argEnv          // global ARGs with a known value
	args       document.Object // the input's args
	stages     *document.List  // the input's stages
	stageNames map[string]int
	users      []any // effective USER per stage, for stages built FROM a stage
	resources  map[string]document.Resource
	globalSupp []document.Suppression
	seen       map[int]bool // comment lines read as suppressions
	inHeredoc  map[int]bool // heredoc body lines: data, not comments
	scripts    scriptTracker
	allStages  map[string]bool // every stage name of the file
	stageEnv   argEnv          // build arguments known in the current stage
}

func (b *builder) build(root *parser.Node) error {
	b.stageNames = map[string]int{}
	b.allStages = stageNames(root)
	b.seen = map[int]bool{}
	b.inHeredoc = map[int]bool{}
	prevEnd := 0
	var cur document.Object      // the current stage
	var curInstrs *document.List // its instructions, nil before the first FROM
	var curKey string
	var curRange document.Range // the stage's, to its last instruction
	for _, n := range root.Children {
		supp := b.suppressions(n.StartLine, prevEnd)
		prevEnd = n.EndLine
		cmd, err := instructions.ParseInstruction(n)
		if err != nil {
			return sourceError(b.file, err)
		}
		switch c := cmd.(type) {
		case *instructions.Stage:
			var err error
			cur, curKey, err = b.stage(n, c, b.stages.Len())
			if err != nil {
				return err
			}
			curInstrs = cur.List("instructions", 0)
			curRange = b.nodeRange(n)
			b.stageEnv = argEnv{}
			for k, v := range b.env {
				b.stageEnv[k] = v
			}
			r := b.resources[curKey]
			r.Suppressions = append(append(r.Suppressions, b.globalSupp...), supp...)
			b.resources[curKey] = r
			continue
		case *instructions.ArgCommand:
			if curInstrs == nil {
				b.globalArgs(n, c)
				b.globalSupp = append(b.globalSupp, supp...)
				continue
			}
		}
		if curInstrs == nil {
			// instructions.Parse already rejects this; keep the guard local.
			return &document.SourceError{Range: b.nodeRange(n), Err: errors.New("instruction before the first FROM")}
		}
		idx := b.stages.Len() - 1
		in := b.instruction(n, cmd)
		instr := curInstrs.Object(in).At(b.nodeRange(n))
		if err := b.externalImages(instr, n, cmd, b.stageEnv); err != nil {
			return err
		}
		if a, ok := cmd.(*instructions.ArgCommand); ok {
			b.stageArgs(b.stageEnv, a)
		}
		if _, ok := cmd.(*instructions.RunCommand); ok {
			b.physicalLines(instr, n)
		}
		if runs := b.trackScripts(idx, n, cmd, in); len(runs) > 0 {
			b.scriptValues(instr, runs)
		}
		if len(n.Heredocs) > 0 {
			for l := n.StartLine + 1; l <= n.EndLine; l++ {
				b.inHeredoc[l] = true
			}
		}
		if u, ok := cmd.(*instructions.UserCommand); ok {
			cur.Put("user", u.User, b.nodeRange(n))
			b.users[idx] = u.User
		}
		curRange.EndLine = n.EndLine
		cur.At(curRange)
		r := b.resources[curKey]
		r.Suppressions = append(r.Suppressions, supp...)
		b.resources[curKey] = r
	}
	b.strandedSuppressions()
	if b.stages.Len() == 0 {
		return &document.SourceError{Range: document.Range{File: b.file, Line: 1}, Err: errors.New("no FROM instruction")}
	}
	for k, r := range b.resources {
		sort.SliceStable(r.Suppressions, func(i, j int) bool { return r.Suppressions[i].Range.Line < r.Suppressions[j].Range.Line })
		b.resources[k] = r
	}
	return nil
}

func (b *builder) globalArgs(n *parser.Node, c *instructions.ArgCommand) {
	for _, kv := range c.Args {
		b.args.Put(kv.Key, b.globalArg(kv), b.nodeRange(n))
	}
}

// globalArg is the value of a global ARG, which it also keeps in b.env
// when it is known.
func (b *builder) globalArg(kv instructions.KeyValuePairOptional) any {
	if v, ok := b.buildArgs[kv.Key]; ok {
		b.env[kv.Key] = v
		return v
	}
	if kv.Value == nil {
		delete(b.env, kv.Key)
		return document.Unknown("ARG "+kv.Key, false)
	}
	res, err := b.lex.ProcessWordWithMatches(*kv.Value, b.env)
	if err != nil || len(res.Unmatched) > 0 {
		delete(b.env, kv.Key)
		return document.Unknown(*kv.Value, false)
	}
	b.env[kv.Key] = res.Result
	return res.Result
}

// stage adds stage idx to the input and returns its cursor and its
// resource key.
func (b *builder) stage(n *parser.Node, c *instructions.Stage, idx int) (document.Object, string, error) {
	key := c.Name
	if key == "" {
		key = "stage[" + strconv.Itoa(idx) + "]"
	}
	rng := b.nodeRange(n)
	stage := b.stages.Object(map[string]any{
		"index":    int64(idx),
		"resource": key,
		"user":     nil,
	}).At(rng)
	stage.Put("name", c.Name, rng)
	fromVal := map[string]any{
		"stage_ref":  false,
		"scratch":    false,
		"unresolved": false,
	}
	if c.Platform != "" {
		fromVal["platform"] = b.expand(c.Platform)
	}
	from := stage.Object("from", fromVal).At(rng)
	imgRange := b.tokenRange(n, c.BaseName)
	from.Put("raw", c.BaseName, imgRange)
	b.users = append(b.users, nil)

	res, err := b.lex.ProcessWordWithMatches(c.BaseName, b.env)
	if err != nil {
		return document.Object{}, "", &document.SourceError{Range: imgRange, Err: fmt.Errorf("FROM %s: %w", c.BaseName, err)}
	}
	lower := strings.ToLower(res.Result)
	if si, ok := b.stageNames[lower]; ok && len(res.Unmatched) == 0 {
		from.Put("image", lower, imgRange)
		fromVal["stage_ref"] = true
		fromVal["stage_index"] = int64(si)
		stage.PutValue("user", b.users[si])
		b.users[idx] = b.users[si]
	} else {
		image, err := b.resolveImage(fromVal, c.BaseName, b.env, imgRange)
		if err != nil {
			return document.Object{}, "", err
		}
		from.Put("image", image, imgRange)
	}
	if c.Name != "" {
		b.stageNames[c.Name] = idx
	}
	b.scripts.startStage(fromVal)
	base := c.BaseName
	if len(res.Unmatched) == 0 {
		base = res.Result
	}
	// Findings show the stage by name and base; rules and waivers keep
	// the key ("builder", "stage[1]"), and so do fingerprints.
	b.resources[key] = document.Resource{Type: "stage", Name: stageLabel(c.Name, idx, base)}
	return stage, key, nil
}

// stageLabel names a stage for people: "stage builder (golang:1.22)", or
// by its index, as COPY --from=1 counts, "stage 1 (alpine:3.20)".
func stageLabel(name string, idx int, base string) string {
	if name == "" {
		name = strconv.Itoa(idx)
	}
	return "stage " + name + " (" + base + ")"
}

// expand substitutes known global ARGs; a value with unknown ones stays as written.
func (b *builder) expand(s string) string {
	res, err := b.lex.ProcessWordWithMatches(s, b.env)
	if err != nil || len(res.Unmatched) > 0 {
		return s
	}
	return res.Result
}

func (b *builder) instruction(n *parser.Node, cmd any) map[string]any {
	in := map[string]any{
		"cmd":      strings.ToLower(n.Value),
		"original": n.Original,
		"line":     int64(n.StartLine),
		"end_line": int64(n.EndLine),
		"json":     n.Attributes["json"],
	}
	flags := make([]any, 0, len(n.Flags))
	for _, f := range n.Flags {
		flags = append(flags, f)
	}
	in["flags"] = flags
	heredocs := make([]any, 0, len(n.Heredocs))
	for _, h := range n.Heredocs {
		heredocs = append(heredocs, map[string]any{
			"name":    h.Name,
			"content": h.Content,
			"expand":  h.Expand,
			"chomp":   h.Chomp,
			"fd":      int64(h.FileDescriptor),
		})
	}
	in["heredocs"] = heredocs

	var pairs []any
	addPairs := func(kvs instructions.KeyValuePairs) {
		for _, kv := range kvs {
			pairs = append(pairs, map[string]any{"key": kv.Key, "value": unquote(kv.Value)})
		}
	}
	switch c := cmd.(type) {
	case *instructions.EnvCommand:
		addPairs(c.Env)
	case *instructions.LabelCommand:
		addPairs(c.Labels)
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			p := map[string]any{"key": kv.Key, "value": nil}
			if kv.Value != nil {
				p["value"] = unquote(*kv.Value)
			}
			pairs = append(pairs, p)
		}
	}
	value := []any{}
	switch {
	case pairs != nil:
		in["pairs"] = pairs
		for _, p := range pairs {
			m := p.(map[string]any)
			if v, ok := m["value"].(string); ok {
				value = append(value, m["key"].(string)+"="+v)
			} else {
				value = append(value, m["key"])
			}
		}
	case strings.EqualFold(n.Value, "onbuild") && n.Next != nil && len(n.Next.Children) > 0:
		value = append(value, n.Next.Children[0].Original)
	default:
		for v := n.Next; v != nil; v = v.Next {
			value = append(value, v.Value)
		}
	}
	in["value"] = value
	return in
}

// unquote removes one level of matching quotes around a whole value, the
// way the shell would for a plain ENV or LABEL value.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		inner := s[1 : len(s)-1]
		if !strings.ContainsRune(inner, rune(s[0])) {
			return inner
		}
	}
	return s
}

func (b *builder) nodeRange(n *parser.Node) document.Range {
	col := 1
	if n.StartLine >= 1 && n.StartLine <= len(b.lines) {
		line := b.lines[n.StartLine-1]
		col = len(line) - len(strings.TrimLeft(line, " \t")) + 1
	}
	return document.Range{File: b.file, Line: n.StartLine, Column: col, EndLine: n.EndLine}
}

// tokenRange finds tok on the physical lines of n (it may sit on a
// continuation line); it falls back to the instruction.
func (b *builder) tokenRange(n *parser.Node, tok string) document.Range {
	for l := n.StartLine; l <= n.EndLine && l <= len(b.lines); l++ {
		line := b.lines[l-1]
		start := 0
		if l == n.StartLine {
			// Skip the instruction keyword and flags that may contain the token.
			start = len(line) - len(strings.TrimLeft(line, " \t"))
		}
		for off := start; off < len(line); {
			i := strings.Index(line[off:], tok)
			if i < 0 {
				break
			}
			i += off
			before := i == 0 || line[i-1] == ' ' || line[i-1] == '\t'
			after := i+len(tok) == len(line) || strings.ContainsRune(" \t\r\\", rune(line[i+len(tok)]))
			if before && after {
				return document.Range{File: b.file, Line: l, Column: i + 1, EndLine: l, EndColumn: i + len(tok) + 1}
			}
			off = i + 1
		}
	}
	return b.nodeRange(n)
}

// suppressions reads the block of comment lines directly above line start
// (stopping at a blank line or at the previous instruction's last line).
func (b *builder) suppressions(start, prevEnd int) []document.Suppression {
	var out []document.Suppression
	for l := start - 1; l > prevEnd && l >= 1; l-- {
		raw := b.lines[l-1]
		trimmed := strings.TrimSpace(raw)
		if !strings.HasPrefix(trimmed, "#") {
			break
		}
		ig, ok, err := inline.ParseComment(trimmed[1:])
		rng := document.Range{File: b.file, Line: l, Column: strings.Index(raw, "#") + 1}
		if ok {
			b.seen[l] = true
		}
		if err != nil {
			b.diags = append(b.diags, document.Diagnostic{Level: document.LevelWarning, Message: err.Error() + "; the comment suppresses nothing", Range: rng})
			continue
		}
		if !ok {
			continue
		}
		out = append(out, ig.Suppressions(rng)...)
	}
	return out
}

// strandedSuppressions warns about suppression comments that are not
// directly above an instruction: they would otherwise silently do nothing.
// Heredoc bodies are skipped: their lines are data, not Dockerfile comments.
func (b *builder) strandedSuppressions() {
	for i, raw := range b.lines {
		l := i + 1
		trimmed := strings.TrimSpace(raw)
		if b.seen[l] || b.inHeredoc[l] || !strings.HasPrefix(trimmed, "#") {
			continue
		}
		if _, ok, _ := inline.ParseComment(trimmed[1:]); ok {
			b.diags = append(b.diags, document.Diagnostic{
				Level:   document.LevelWarning,
				Message: "suppression comment is not directly above an instruction (no blank line allowed between them); it suppresses nothing",
				Range:   document.Range{File: b.file, Line: l, Column: strings.Index(raw, "#") + 1},
			})
		}
	}
}

// physicalLines puts the lines of the file an instruction spans
// (continuations and heredoc bodies) at its lines, each positioned from
// its first non-blank column, so a rule can name the exact line of a long
// RUN rather than its first one.
func (b *builder) physicalLines(instr document.Object, n *parser.Node) {
	out := instr.List("lines", n.EndLine-n.StartLine+1)
	for l := n.StartLine; l <= n.EndLine && l <= len(b.lines); l++ {
		text := strings.TrimSuffix(b.lines[l-1], "\r")
		col := len(text) - len(strings.TrimLeft(text, " \t")) + 1
		out.Add(text, document.Range{File: b.file, Line: l, Column: col, EndLine: l})
	}
}
