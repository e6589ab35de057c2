package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tollgate-dev/tollgate/document"
)

const lockFileName = ".terraform.lock.hcl"

type builder struct {
	resources, providers, calls, variables []entry
	res                                    map[string]document.Resource
}

var resourceSkip = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true}

// run evaluates the root module in s.root and builds its document.
func (s *scan) run(files []string) *document.Document {
	s.modules = map[string]*module{}
	var tfvars, lock []string
	for _, f := range files {
		b := path.Base(f)
		switch {
		case b == "terraform.tfvars" || b == "terraform.tfvars.json":
			tfvars = append(tfvars, f)
		case b == lockFileName:
			lock = append(lock, f)
		}
	}
	// Terraform loads terraform.tfvars, then terraform.tfvars.json, then
	// *.auto.tfvars(.json) in lexical order.
	sort.Slice(tfvars, func(i, j int) bool { return path.Base(tfvars[i]) > path.Base(tfvars[j]) })
	for _, f := range files {
		b := path.Base(f)
		if strings.HasSuffix(b, ".auto.tfvars") || strings.HasSuffix(b, ".auto.tfvars.json") {
			tfvars = append(tfvars, f)
		}
	}
	m := s.loadModule(s.root, files, false)
	s.modules[s.root] = m
	root := s.newInst(m, "", "", nil, []string{path.Clean(s.root)})
	s.rootVars(root, tfvars)

	b := &builder{res: map[string]document.Resource{}}
	root.emit(b)

	pos := document.NewPositions()
	input := map[string]any{
		"tollgate": document.Header(document.FormatTerraform, s.root),
	}
	list := func(key string, es []entry) {
		sortEntries(es)
		out := make([]any, 0, len(es))
		for i, e := range es {
			out = append(out, e.value)
			for _, p := range e.pos {
				pos.Set(append([]string{key, fmt.Sprint(i)}, p.path...), p.rng)
			}
		}
		input[key] = out
	}
	list("resources", b.resources)
	list("providers", b.providers)
	list("module_calls", b.calls)
	list("variables", b.variables)
	rec := &recorder{}
	input["terraform"] = root.terraformSettings(lock, rec)
	for _, p := range rec.pos {
		pos.Set(append([]string{"terraform"}, p.path...), p.rng)
	}
	return &document.Document{
		Format:    document.FormatTerraform,
		File:      s.root,
		Input:     input,
		Positions: pos,
		Resources: b.res,
	}
}

// module loads (once) the module in dir.
func (s *scan) module(dir string, at document.Range) *module {
	if m, ok := s.modules[dir]; ok {
		return m
	}
	files, err := readDir(s.fsys, dir)
	if err != nil {
		s.diag(document.LevelError, fmt.Sprintf("module source %s: %v", dir, err), at)
		s.modules[dir] = nil
		return nil
	}
	m := s.loadModule(dir, files, true)
	s.modules[dir] = m
	return m
}

// remoteDirs reads .terraform/modules/modules.json, written by terraform
// init, which maps module keys to the directories modules were installed in
// (relative to the root module).
func (s *scan) remoteDirs() map[string]string {
	if s.remote != nil {
		return s.remote
	}
	s.remote = map[string]string{}
	name := path.Join(s.root, ".terraform", "modules", "modules.json")
	b, err := s.read(name)
	if errors.Is(err, fs.ErrNotExist) {
		return s.remote
	}
	if err != nil {
		// A manifest that exists but cannot be read would hide every
		// initialised remote module.
		s.diag(document.LevelError, fmt.Sprintf("%s: %v", name, err), document.Range{File: name})
		return s.remote
	}
	var manifest struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		s.diag(document.LevelError, fmt.Sprintf("%s: %v", name, err), document.Range{File: name})
		return s.remote
	}
	for _, m := range manifest.Modules {
		if m.Key == "" || m.Dir == "" || path.IsAbs(m.Dir) {
			continue
		}
		s.remote[m.Key] = path.Join(s.root, m.Dir)
	}
	return s.remote
}

// rootVars sets the root module's variables from defaults, tfvars files and
// the options, later sources overriding earlier ones.
func (s *scan) rootVars(mi *modInst, tfvars []string) {
	raw := map[string]cty.Value{}
	for n, v := range mi.m.variables {
		if v.def != nil {
			raw[n] = constValue(v.def)
		}
	}
	load := func(f string, content []byte) {
		file, diags := parseFile(f, content)
		if s.hclErrors(diags) || file == nil {
			return
		}
		attrs, diags := file.Body.JustAttributes()
		s.hclErrors(diags)
		for n, a := range attrs {
			if _, ok := mi.m.variables[n]; !ok {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if s.hclErrors(diags) {
				v = cty.DynamicVal
			}
			raw[n] = v
		}
	}
	for _, f := range tfvars {
		b, err := s.read(f)
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("%s: %v", f, err), document.Range{File: f})
			continue
		}
		load(f, b)
	}
	for _, f := range s.opts.VarFiles {
		b, err := s.read(f)
		if err != nil {
			s.diag(document.LevelError, fmt.Sprintf("var file %s: %v", f, err), document.Range{File: f})
			continue
		}
		load(f, b)
	}
	for _, kv := range s.opts.Vars {
		n, val, ok := strings.Cut(kv, "=")
		v := mi.m.variables[n]
		if !ok || v == nil {
			s.diag(document.LevelError, fmt.Sprintf("-var %q: no variable %q is declared in %s", kv, n, s.root), document.Range{File: s.root})
			continue
		}
		raw[n] = cty.StringVal(val)
		if v.typ != nil {
			if ty, _ := typeexpr.TypeConstraint(v.typ); !ty.IsPrimitiveType() && ty != cty.DynamicPseudoType {
				expr, diags := hclsyntax.ParseExpression([]byte(val), "-var "+n, hcl.InitialPos)
				if !s.hclErrors(diags) {
					raw[n] = constValue(expr)
				}
			}
		}
	}
	for _, n := range mi.m.varOrder {
		val, ok := raw[n]
		if !ok {
			val = cty.DynamicVal
		}
		mi.vars[n] = finishVar(mi.m.variables[n], val)
	}
}

// finishVar applies the declared type (with optional attribute defaults)
// and marks sensitive variables.
func finishVar(v *variable, val cty.Value) cty.Value {
	if v.typ != nil && !val.ContainsMarked() && val.IsWhollyKnown() {
		if ty, defaults, ok := v.constraint(); ok {
			if defaults != nil {
				val = defaults.Apply(val)
			}
			if c, err := convert.Convert(val, ty); err == nil {
				val = c
			}
		}
	}
	if v.sensitive {
		val = val.Mark(sensitiveMark{})
	}
	return val
}

// emit adds this module instance's resources, providers, calls and
// variables, then those of its children.
func (mi *modInst) emit(b *builder) {
	if mi.emitted {
		return
	}
	mi.emitted = true
	s := mi.s
	for _, r := range mi.m.resources {
		if s.ctx.Err() != nil {
			return
		}
		in := mi.instancesOf(r)
		waivers := s.waiversAbove(rangeOf(r.block.DefRange))
		in.each(func(suffix string, index any, extra map[string]cty.Value) {
			local := r.typ + "." + r.name
			if r.mode == "data" {
				local = "data." + local
			}
			addr := mi.prefix() + local + suffix
			rec := &recorder{}
			def := rangeOf(r.block.DefRange)
			rec.set(nil, def)
			values := mi.evalBody(r.body, extra, resourceSkip, rec, []string{"values"})
			rec.set([]string{"values"}, def)
			for _, k := range []string{"address", "mode", "module", "provider"} {
				rec.set([]string{k}, def)
			}
			if lr := r.block.LabelRanges; len(lr) == 2 {
				rec.set([]string{"type"}, rangeOf(lr[0]))
				rec.set([]string{"name"}, rangeOf(lr[1]))
			}
			if r.provider != nil {
				rec.set([]string{"provider"}, rangeOf(r.provider.Range()))
			}
			e := map[string]any{
				"address":  addr,
				"mode":     r.mode,
				"type":     r.typ,
				"name":     r.name,
				"module":   mi.addr,
				"provider": mi.providerOf(r),
				"values":   values,
			}
			switch {
			case in.kind == unknownKeys:
				e["index"] = s.unknownMarker(mi.eval(in.expr.Expr, nil).Marks(), in.expr.Expr.Range())
				rec.set([]string{"index"}, rangeOf(in.expr.Expr.Range()))
			case index != nil:
				e["index"] = index
				rec.set([]string{"index"}, rangeOf(in.expr.Expr.Range()))
			}
			b.resources = append(b.resources, entry{key: addr, value: e, pos: rec.pos})
			b.res[addr] = document.Resource{Type: r.typ, Related: mi.related, RelatedLabel: "module call", Suppressions: waivers}
		})
	}
	for i, p := range mi.m.providers {
		rec := &recorder{}
		def := rangeOf(p.DefRange)
		rec.set(nil, def)
		values := mi.evalBody(p.Body, nil, map[string]bool{"alias": true}, rec, []string{"values"})
		rec.set([]string{"values"}, def)
		alias := ""
		if sb, ok := p.Body.(*hclsyntax.Body); ok {
			if a := sb.Attributes["alias"]; a != nil {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					alias = v.AsString()
				}
			}
		}
		name := p.Labels[0]
		addr := "provider." + name
		if alias != "" {
			addr += "." + alias
		}
		b.providers = append(b.providers, entry{key: fmt.Sprintf("%s\x00%s\x00%04d", mi.addr, addr, i), pos: rec.pos, value: map[string]any{
			"name": name, "alias": alias, "address": mi.prefix() + addr, "module": mi.addr, "values": values,
		}})
	}
	for _, c := range mi.m.calls {
		cs := mi.call(c.name)
		i := 0
		cs.inst.each(func(suffix string, index any, extra map[string]cty.Value) {
			addr := mi.prefix() + "module." + c.name + suffix
			rec := &recorder{}
			def := rangeOf(c.block.DefRange)
			rec.set(nil, def)
			values := map[string]any{}
			for _, n := range sortedKeys(c.inputs) {
				a := c.inputs[n]
				values[n] = s.toInput(mi.eval(a.Expr, extra), a.Expr, a.Range, rec, []string{"values", n})
			}
			rec.set([]string{"values"}, def)
			for n, r := range c.attrRanges {
				rec.set([]string{n}, rangeOf(r))
			}
			e := map[string]any{"address": addr, "name": c.name, "module": mi.addr, "source": c.source,
				"version": c.version, "values": values, "resolved": i < len(cs.kids) && cs.kids[i] != nil}
			b.calls = append(b.calls, entry{key: addr, value: e, pos: rec.pos})
			i++
		})
		for _, kid := range cs.kids {
			if kid != nil {
				kid.emit(b)
			}
		}
	}
	for _, n := range mi.m.varOrder {
		v := mi.m.variables[n]
		rec := &recorder{}
		rec.set(nil, rangeOf(v.decl.DefRange))
		e := map[string]any{"name": n, "module": mi.addr, "address": mi.prefix() + "var." + n,
			"sensitive": v.sensitive, "has_default": v.def != nil}
		if v.sensitiveAt != nil {
			rec.set([]string{"sensitive"}, rangeOf(*v.sensitiveAt))
		}
		if v.typ != nil {
			e["type"] = s.exprText(v.typ.Range())
			rec.set([]string{"type"}, rangeOf(v.typ.Range()))
		}
		if v.def != nil {
			raw, _ := v.defaultValue()
			e["default"] = s.toInput(raw, v.def, v.def.Range(), rec, []string{"default"})
		}
		b.variables = append(b.variables, entry{key: mi.addr + "\x00" + n, value: e, pos: rec.pos})
	}
}

// providerOf is the provider configuration a resource uses: its provider
// argument, or the provider named by its type's prefix.
func (mi *modInst) providerOf(r *resourceBlock) string {
	if r.provider != nil {
		if tr, d := hcl.AbsTraversalForExpr(r.provider); !d.HasErrors() {
			parts := []string{tr.RootName()}
			for _, st := range tr[1:] {
				if a, ok := st.(hcl.TraverseAttr); ok {
					parts = append(parts, a.Name)
				}
			}
			return strings.Join(parts, ".")
		}
	}
	p, _, _ := strings.Cut(r.typ, "_")
	return p
}

// terraformSettings builds input.terraform from the root module's
// terraform blocks and the dependency lock file.
func (mi *modInst) terraformSettings(lock []string, rec *recorder) map[string]any {
	out := map[string]any{}
	rp := map[string]any{}
	for _, tb := range mi.m.terraform {
		sb, ok := tb.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		if a := sb.Attributes["required_version"]; a != nil {
			out["required_version"] = mi.s.toInput(mi.eval(a.Expr, nil), a.Expr, a.SrcRange, rec, []string{"required_version"})
		}
		for _, blk := range sb.Blocks {
			switch blk.Type {
			case "required_providers":
				for _, n := range sortedKeys(blk.Body.Attributes) {
					a := blk.Body.Attributes[n]
					v := mi.s.toInput(mi.eval(a.Expr, nil), a.Expr, a.SrcRange, rec, []string{"required_providers", n})
					if str, ok := v.(string); ok {
						v = map[string]any{"version": str}
					}
					rp[n] = v
				}
			case "backend", "cloud":
				p := []string{blk.Type}
				rec.set(p, rangeOf(blk.DefRange()))
				bv := mi.evalBody(blk.Body, nil, nil, rec, appendPath(p, "values"))
				typ := ""
				if len(blk.Labels) > 0 {
					typ = blk.Labels[0]
				}
				out[blk.Type] = map[string]any{"type": typ, "values": bv}
			}
		}
	}
	out["required_providers"] = rp
	out["lock_file"] = mi.s.lockFile(lock, rec)
	return out
}
