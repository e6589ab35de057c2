package dockerfile

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tollgate-dev/tollgate/document"
)

// External images are the images a build reads other than through FROM:
// `COPY --from=<image>` and `RUN --mount=…,from=<image>` (any mount type),
// also as ONBUILD triggers. They pull content into the image as a base
// image does, so the base-image rules judge them too; each is listed on
// its instruction as `external_images`, in the same shape as a stage's
// `from`, so the same policy helpers read both.

// stageNames collects every stage name up front: buildkit resolves a
// --from name against all stages of the file, not only earlier ones (a
// later one is a build error, not an image pull).
func stageNames(root *parser.Node) map[string]bool {
	names := map[string]bool{}
	for _, n := range root.Children {
		if !strings.EqualFold(n.Value, "from") {
			continue
		}
		if st, err := instructions.ParseInstruction(n); err == nil {
			if s, ok := st.(*instructions.Stage); ok && s.Name != "" {
				names[strings.ToLower(s.Name)] = true
			}
		}
	}
	return names
}

// externalRef is one --from value of an instruction.
type externalRef struct {
	kind string // "copy" or "mount"
	raw  string
}

// externalRefs returns the --from values of a COPY or RUN, or of the
// instruction an ONBUILD registers; onbuild reports the latter.
func externalRefs(n *parser.Node, cmd any) (refs []externalRef, onbuild bool, err error) {
	if _, ok := cmd.(*instructions.OnbuildCommand); ok {
		if n.Next == nil || len(n.Next.Children) == 0 {
			return nil, true, nil
		}
		inner, err := instructions.ParseInstruction(n.Next.Children[0])
		if err != nil {
			return nil, true, err
		}
		refs, _, err := externalRefs(n.Next.Children[0], inner)
		return refs, true, err
	}
	switch c := cmd.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			refs = append(refs, externalRef{kind: "copy", raw: c.From})
		}
	case *instructions.RunCommand:
		for _, m := range instructions.GetMounts(c) {
			if m.From != "" {
				refs = append(refs, externalRef{kind: "mount", raw: m.From})
			}
		}
	}
	return refs, false, nil
}

// externalImages puts the external images of one instruction at its
// external_images, positioned at their --from values; stage references
// (by name or index) are left out, and so is an empty list. env holds the
// build arguments known in the stage.
func (b *builder) externalImages(instr document.Object, n *parser.Node, cmd any, env argEnv) error {
	refs, onbuild, err := externalRefs(n, cmd)
	if err != nil {
		return sourceError(b.file, err)
	}
	var out *document.List
	for _, r := range refs {
		if b.allStages[strings.ToLower(r.raw)] {
			continue
		}
		if _, err := strconv.Atoi(r.raw); err == nil {
			continue // a stage index
		}
		kind := r.kind
		if onbuild {
			kind = "onbuild " + kind
		}
		img := map[string]any{
			"kind":       kind,
			"raw":        r.raw,
			"stage_ref":  false,
			"scratch":    false,
			"unresolved": false,
		}
		rng := b.fromRange(n, r.raw)
		image, err := b.resolveImage(img, r.raw, env, rng)
		if err != nil {
			return err
		}
		if b.allStages[strings.ToLower(image)] {
			continue // an argument naming a stage
		}
		if out == nil {
			out = instr.List("external_images", 0)
		}
		out.Object(img).At(rng).Put("image", image, rng)
	}
	return nil
}

// resolveImage fills a FROM-shaped map for raw: expanded with the known
// build arguments, then unresolved (naming the arguments without a
// value), scratch, or a parsed reference. It returns the image, which the
// caller puts with its range.
func (b *builder) resolveImage(m map[string]any, raw string, env argEnv, rng document.Range) (string, error) {
	res, err := b.lex.ProcessWordWithMatches(raw, env)
	if err != nil {
		return "", &document.SourceError{Range: rng, Err: fmt.Errorf("%s: %w", raw, err)}
	}
	if len(res.Unmatched) > 0 {
		names := make([]string, 0, len(res.Unmatched))
		for k := range res.Unmatched {
			names = append(names, k)
		}
		sort.Strings(names)
		list := make([]any, len(names))
		for i, k := range names {
			list[i] = k
		}
		m["unresolved"] = true
		m["unresolved_args"] = list
		return raw, nil
	}
	image := res.Result
	if strings.EqualFold(image, "scratch") {
		m["scratch"] = true
		return "scratch", nil
	}
	ref, err := parseImageRef(image)
	if err != nil {
		return "", &document.SourceError{Range: rng, Err: err}
	}
	m["registry"] = ref.Registry
	m["repository"] = ref.Repository
	m["tag"] = ref.Tag
	m["tag_defaulted"] = ref.TagDefaulted
	m["digest"] = ref.Digest
	return ref.Canonical(), nil
}

// fromRange locates the value of a `from=` (in --from= or a --mount's
// CSV) on the physical lines of n.
func (b *builder) fromRange(n *parser.Node, raw string) document.Range {
	for l := n.StartLine; l <= n.EndLine && l <= len(b.lines); l++ {
		line := strings.ToLower(b.lines[l-1])
		want := "from=" + strings.ToLower(raw)
		for off := 0; off < len(line); {
			i := strings.Index(line[off:], want)
			if i < 0 {
				break
			}
			i += off
			end := i + len(want)
			if end == len(line) || strings.ContainsRune(" \t\r\\,\"'", rune(line[end])) {
				col := i + len("from=") + 1
				return document.Range{File: b.file, Line: l, Column: col, EndLine: l, EndColumn: col + len(raw)}
			}
			off = i + 1
		}
	}
	return b.nodeRange(n)
}

// stageArgs updates a stage's build-argument values for an ARG inside the
// stage: --build-arg wins, then the default; a bare ARG keeps the global
// value (as docker does when it redeclares a global ARG).
func (b *builder) stageArgs(env argEnv, c *instructions.ArgCommand) {
	for _, kv := range c.Args {
		if v, ok := b.buildArgs[kv.Key]; ok {
			env[kv.Key] = v
			continue
		}
		if kv.Value == nil {
			if v, ok := b.env[kv.Key]; ok {
				env[kv.Key] = v
			} else {
				delete(env, kv.Key)
			}
			continue
		}
		res, err := b.lex.ProcessWordWithMatches(*kv.Value, env)
		if err != nil || len(res.Unmatched) > 0 {
			delete(env, kv.Key)
			continue
		}
		env[kv.Key] = res.Result
	}
}
