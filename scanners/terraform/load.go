package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// module is the parsed configuration of one directory, before evaluation.
type module struct {
	dir       string
	variables map[string]*variable
	varOrder  []string
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	outSens   map[string]bool
	resources []*resourceBlock
	calls     []*callBlock
	providers []*hcl.Block
	terraform []*hcl.Block
}

type variable struct {
	name      string
	decl      *hcl.Block
	def       hcl.Expression // nil without a default
	typ       hcl.Expression
	sensitive bool
	// sensitiveAt is where `sensitive` is written, when it is.
	sensitiveAt *hcl.Range

	// A parsed module is shared by the run's scans (parseCache), so what
	// every instance would compute again from the declaration alone is
	// computed once: the type constraint, and the default as a value of
	// that type. Computing it is deterministic, so which scan does it
	// first does not matter.
	typeOnce    sync.Once
	ty          cty.Type
	tyDefaults  *typeexpr.Defaults
	tyOK        bool
	defOnce     sync.Once
	defRaw      cty.Value
	defFinished cty.Value
}

// constraint is the declared type with its optional attributes' defaults;
// ok is false without a type or with one that does not parse.
func (v *variable) constraint() (cty.Type, *typeexpr.Defaults, bool) {
	v.typeOnce.Do(func() {
		if v.typ == nil {
			return
		}
		ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(v.typ)
		v.ty, v.tyDefaults, v.tyOK = ty, defaults, !diags.HasErrors()
	})
	return v.ty, v.tyDefaults, v.tyOK
}

// defaultValue is the default as written (raw) and as a module instance
// sees it when its caller passes nothing (typed and marked: finishVar).
// Only for variables with a default.
func (v *variable) defaultValue() (raw, finished cty.Value) {
	v.defOnce.Do(func() {
		v.defRaw = constValue(v.def)
		v.defFinished = finishVar(v, v.defRaw)
	})
	return v.defRaw, v.defFinished
}

type resourceBlock struct {
	mode, typ, name string
	block           *hcl.Block
	body            hcl.Body // remaining body without meta-arguments
	count, forEach  *hcl.Attribute
	provider        hcl.Expression
}

type callBlock struct {
	name    string
	block   *hcl.Block
	source  string
	version string
	// attrRanges are where source and version are written.
	attrRanges map[string]hcl.Range
	inputs     hcl.Attributes
	count      *hcl.Attribute
	forEach    *hcl.Attribute
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "terraform"},
	{Type: "moved"}, {Type: "import"}, {Type: "check", LabelNames: []string{"name"}},
	{Type: "removed"},
}}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "sensitive"}, {Name: "description"}, {Name: "nullable"}, {Name: "ephemeral"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var resourceMetaSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"},
}, Blocks: []hcl.BlockHeaderSchema{{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}}, {Type: "connection"}}}

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "value"}, {Name: "sensitive"}, {Name: "description"}, {Name: "depends_on"}, {Name: "ephemeral"},
}, Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}}}

// isConfigFile reports whether a file name holds module configuration.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// parseFile parses one .tf or .tf.json file (or any HCL-syntax file such as
// a lock file when native is forced).
func parseFile(name string, content []byte) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(name, ".json") {
		return json.Parse(content, name)
	}
	return hclsyntax.ParseConfig(content, name, hcl.InitialPos)
}

func newModule(dir string) *module {
	return &module{
		dir:       dir,
		variables: map[string]*variable{},
		locals:    map[string]*hcl.Attribute{},
		outputs:   map[string]*hcl.Attribute{},
		outSens:   map[string]bool{},
	}
}

// loadModule builds a module from the configuration files of dir. Files
// that fail to parse become error diagnostics and are left out, so the rest
// of the module is still evaluated. A called module's files go through the
// run's parse cache; a root module's are parsed here and dropped with the
// scan, since no other root calls a root (Kind's selectRoots) and keeping
// them would only hold memory until the run ends.
func (s *scan) loadModule(dir string, files []string, shared bool) *module {
	m := newModule(dir)
	for _, f := range files {
		base := path.Base(f)
		if !isConfigFile(base) {
			continue
		}
		content, err := s.read(f)
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("%s: %v", f, err), document.Range{File: f})
			continue
		}
		var frag *module
		var diags []document.Diagnostic
		if shared {
			p := s.parses.file(f, content)
			frag, diags = p.frag, p.diags
		} else {
			frag, diags = parseModuleFile(f, content)
		}
		s.diags = append(s.diags, diags...)
		m.merge(frag)
	}
	return m
}

// merge adds a file's fragment to the module as if its blocks followed
// those of the files before it: the first declaration of a variable fixes
// its place, the last one its definition.
func (m *module) merge(frag *module) {
	for _, n := range frag.varOrder {
		if _, dup := m.variables[n]; !dup {
			m.varOrder = append(m.varOrder, n)
		}
		m.variables[n] = frag.variables[n]
	}
	for n, a := range frag.locals {
		m.locals[n] = a
	}
	for n, a := range frag.outputs {
		m.outputs[n] = a
	}
	for n, v := range frag.outSens {
		m.outSens[n] = v
	}
	m.resources = append(m.resources, frag.resources...)
	m.calls = append(m.calls, frag.calls...)
	m.providers = append(m.providers, frag.providers...)
	m.terraform = append(m.terraform, frag.terraform...)
}

func (m *module) addBlocks(s *diagSink, blocks hcl.Blocks) {
	for _, b := range blocks {
		switch b.Type {
		case "variable":
			c, _, diags := b.Body.PartialContent(variableSchema)
			s.hclErrors(diags)
			v := &variable{name: b.Labels[0], decl: b}
			if a := c.Attributes["default"]; a != nil {
				v.def = a.Expr
			}
			if a := c.Attributes["type"]; a != nil {
				v.typ = a.Expr
			}
			if a := c.Attributes["sensitive"]; a != nil {
				if val, d := a.Expr.Value(nil); !d.HasErrors() && val.Type().FriendlyName() == "bool" && val.IsKnown() && !val.IsNull() {
					v.sensitive = val.True()
				}
				rng := a.Expr.Range()
				v.sensitiveAt = &rng
			}
			if _, dup := m.variables[v.name]; !dup {
				m.varOrder = append(m.varOrder, v.name)
			}
			m.variables[v.name] = v
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			s.hclErrors(diags)
			for n, a := range attrs {
				m.locals[n] = a
			}
		case "output":
			c, _, diags := b.Body.PartialContent(outputSchema)
			s.hclErrors(diags)
			if a := c.Attributes["value"]; a != nil {
				m.outputs[b.Labels[0]] = a
			}
			if a := c.Attributes["sensitive"]; a != nil {
				if val, d := a.Expr.Value(nil); !d.HasErrors() && val.IsKnown() && !val.IsNull() && val.Type().FriendlyName() == "bool" {
					m.outSens[b.Labels[0]] = val.True()
				}
			}
		case "resource", "data":
			mode := "managed"
			if b.Type == "data" {
				mode = "data"
			}
			c, rest, diags := b.Body.PartialContent(resourceMetaSchema)
			s.hclErrors(diags)
			r := &resourceBlock{mode: mode, typ: b.Labels[0], name: b.Labels[1], block: b, body: rest,
				count: c.Attributes["count"], forEach: c.Attributes["for_each"]}
			if a := c.Attributes["provider"]; a != nil {
				r.provider = a.Expr
			}
			m.resources = append(m.resources, r)
		case "module":
			m.calls = append(m.calls, newCall(s, b))
		case "provider":
			m.providers = append(m.providers, b)
		case "terraform":
			m.terraform = append(m.terraform, b)
		}
	}
}

var callMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

func newCall(s *diagSink, b *hcl.Block) *callBlock {
	c := &callBlock{name: b.Labels[0], block: b, inputs: hcl.Attributes{}, attrRanges: map[string]hcl.Range{}}
	attrs, diags := b.Body.JustAttributes()
	s.hclErrors(diags)
	for n, a := range attrs {
		switch n {
		case "source", "version":
			c.attrRanges[n] = a.Expr.Range()
			v, d := a.Expr.Value(nil)
			if !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" {
				if n == "source" {
					c.source = v.AsString()
				} else {
					c.version = v.AsString()
				}
			}
		case "count":
			c.count = a
		case "for_each":
			c.forEach = a
		}
		if !callMeta[n] {
			c.inputs[n] = a
		}
	}
	return c
}

// isLocalSource reports whether a module source is a path on disk, which
// Terraform recognises only by these prefixes.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// rangeOf converts an hcl range.
func rangeOf(r hcl.Range) document.Range {
	out := document.Range{File: r.Filename, Line: r.Start.Line, Column: r.Start.Column}
	if r.End.Line > 0 {
		out.EndLine, out.EndColumn = r.End.Line, r.End.Column
	}
	return out
}

// readDir lists the configuration-relevant files in dir, sorted.
func readDir(fsys *srcfs.FS, dir string) ([]string, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		n := e.Name()
		if isConfigFile(n) || strings.HasSuffix(n, ".tfvars") || strings.HasSuffix(n, ".tfvars.json") || n == lockFileName {
			files = append(files, path.Join(dir, n))
		}
	}
	sort.Strings(files)
	return files, nil
}
