package terraform

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners/terraform/modsource"
)

const (
	stateNone = iota
	stateBusy
	stateDone
)

// fixedVars are the values of count, each and terraform where an
// expression is not inside a count, for_each or other workspace: the same
// for every expression, so built once per scan.
type fixedVars struct{ count, each, terraform cty.Value }

func newFixedVars() fixedVars {
	return fixedVars{
		count:     cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}),
		each:      cty.ObjectVal(map[string]cty.Value{"key": cty.DynamicVal, "value": cty.DynamicVal}),
		terraform: cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
}

// modInst is one instance of a module: the root, or a child at an address
// such as module.net["a"].
type modInst struct {
	s       *scan
	m       *module
	addr    string // "" for the root
	key     string // call names joined by "." (modules.json key)
	related []document.Range
	stack   []string // module directories from the root to here
	funcs   map[string]function.Function
	// pathObj is path.* in this module (built once: eval reads it for
	// every expression).
	pathObj cty.Value

	vars       map[string]cty.Value
	varObj     cty.Value
	locals     map[string]cty.Value
	localState map[string]int
	localStack []string
	inst       map[*resourceBlock]*instances
	instState  map[*resourceBlock]int
	resByName  map[string]*resourceBlock
	calls      map[string]*callState
	outputs    map[string]cty.Value
	outState   map[string]int
	emitted    bool
}

// instances are the expansion of count or for_each.
type instances struct {
	kind   int // single, counted, keyed, unknown
	n      int
	keys   []string
	values map[string]cty.Value
	expr   *hcl.Attribute
}

const (
	single = iota
	counted
	keyed
	unknownKeys
)

type callState struct {
	state int
	call  *callBlock
	inst  *instances
	kids  []*modInst // in instance order
	kidAt []string   // instance key suffix for each kid
	value cty.Value
}

func (s *scan) newInst(m *module, addr, key string, related []document.Range, stack []string) *modInst {
	return &modInst{
		s: s, m: m, addr: addr, key: key, related: related, stack: stack,
		funcs: s.functions(m.dir),
		pathObj: cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(m.dir), "root": cty.StringVal(s.root), "cwd": cty.UnknownVal(cty.String),
		}),
		vars:       map[string]cty.Value{},
		locals:     map[string]cty.Value{},
		localState: map[string]int{},
		inst:       map[*resourceBlock]*instances{},
		instState:  map[*resourceBlock]int{},
		resByName:  resourceIndex(m),
		calls:      map[string]*callState{},
		outputs:    map[string]cty.Value{},
		outState:   map[string]int{},
	}
}

func resourceIndex(m *module) map[string]*resourceBlock {
	out := map[string]*resourceBlock{}
	for _, r := range m.resources {
		k := r.typ + "." + r.name
		if r.mode == "data" {
			k = "data." + k
		}
		out[k] = r
	}
	return out
}

// prefix returns the module address followed by a dot, or "".
func (mi *modInst) prefix() string {
	if mi.addr == "" {
		return ""
	}
	return mi.addr + "."
}

// eval evaluates expr in this module with extra variables (each, count,
// dynamic block iterators). Errors make the value unknown: a function the
// scanner does not know or a reference it cannot follow must never make a
// value look absent.
func (mi *modInst) eval(expr hcl.Expression, extra map[string]cty.Value) cty.Value {
	refs := mi.s.refsOf(expr)
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: mi.funcs}
	resAttrs := map[string]map[string]map[string]bool{} // root -> name -> attrs
	localNames, callNames := map[string]bool{}, map[string]bool{}
	for _, r := range refs {
		if _, ok := extra[r.root]; ok {
			continue
		}
		switch r.kind {
		case refLocal:
			localNames[r.name] = true
		case refModule:
			callNames[r.name] = true
		case refResource:
			if resAttrs[r.typ] == nil {
				resAttrs[r.typ] = map[string]map[string]bool{}
			}
			if resAttrs[r.typ][r.name] == nil {
				resAttrs[r.typ][r.name] = map[string]bool{}
			}
			resAttrs[r.typ][r.name][r.attr] = true
		}
	}
	for k, v := range extra {
		ctx.Variables[k] = v
	}
	if mi.varObj == cty.NilVal {
		// Variables are all set before the first evaluation.
		mi.varObj = cty.ObjectVal(mi.vars)
	}
	ctx.Variables["var"] = mi.varObj
	if len(localNames) > 0 {
		obj := map[string]cty.Value{}
		for n := range localNames {
			if _, ok := mi.m.locals[n]; ok {
				obj[n] = mi.local(n)
			}
		}
		ctx.Variables["local"] = cty.ObjectVal(obj)
	}
	if len(callNames) > 0 {
		obj := map[string]cty.Value{}
		for n := range callNames {
			if cs := mi.call(n); cs != nil {
				obj[n] = cs.value
			}
		}
		ctx.Variables["module"] = cty.ObjectVal(obj)
	}
	if _, ok := extra["count"]; !ok {
		ctx.Variables["count"] = mi.s.fixed.count
	}
	if _, ok := extra["each"]; !ok {
		ctx.Variables["each"] = mi.s.fixed.each
	}
	ctx.Variables["self"] = cty.DynamicVal
	ctx.Variables["path"] = mi.pathObj
	ctx.Variables["terraform"] = mi.s.fixed.terraform
	data := map[string]cty.Value{}
	for typ, names := range resAttrs {
		obj := map[string]cty.Value{}
		for name, attrs := range names {
			obj[name] = mi.resourceRef(typ, name, attrs)
		}
		if t, ok := strings.CutPrefix(typ, "data."); ok {
			data[t] = cty.ObjectVal(obj)
		} else {
			ctx.Variables[typ] = cty.ObjectVal(obj)
		}
	}
	if len(data) > 0 {
		ctx.Variables["data"] = cty.ObjectVal(data)
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		// Keep the marks of whatever the expression referenced so an
		// unknown still names its resource.
		return cty.DynamicVal.WithMarks(collectMarks(ctx, expr))
	}
	return v
}

// exprRef is what eval needs of one variable an expression references.
type exprRef struct {
	// root is the traversal's first name: count, each and dynamic block
	// iterators bound where the expression is evaluated shadow it.
	root string
	kind int
	// typ ("aws_s3_bucket", "data.aws_iam_policy_document"), name and the
	// first attribute read (resources); name (locals, module calls).
	typ, name, attr string
}

const (
	refOther = iota
	refLocal
	refModule
	refResource
)

// refsOf lists the references of expr, once per expression and scan: an
// expression in a counted resource or a module called many times is
// evaluated many times. Expressions of native syntax (all pointers) are
// remembered; others are rare and analysed each time.
func (s *scan) refsOf(expr hcl.Expression) []exprRef {
	se, native := expr.(hclsyntax.Expression)
	if native {
		if r, ok := s.refs[se]; ok {
			return r
		}
	}
	var out []exprRef
	for _, tr := range expr.Variables() {
		r := exprRef{root: tr.RootName()}
		switch r.root {
		case "var", "local", "module":
			name, ok := attrStep(tr, 1)
			if !ok {
				continue
			}
			switch r.root {
			case "local":
				r.kind, r.name = refLocal, name
			case "module":
				r.kind, r.name = refModule, name
			default:
				continue
			}
		case "each", "count", "self", "path", "terraform":
			continue
		default:
			r.kind, r.typ = refResource, r.root
			first := 1
			if r.root == "data" {
				typ, ok := attrStep(tr, 1)
				if !ok {
					continue
				}
				r.typ = "data." + typ
				first = 2
			}
			name, ok := attrStep(tr, first)
			if !ok {
				continue
			}
			r.name = name
			for _, step := range tr[first+1:] {
				if a, ok := step.(hcl.TraverseAttr); ok {
					r.attr = a.Name
					break
				}
				if _, ok := step.(hcl.TraverseIndex); !ok {
					break
				}
			}
		}
		out = append(out, r)
	}
	if native {
		if s.refs == nil {
			s.refs = map[hclsyntax.Expression][]exprRef{}
		}
		s.refs[se] = out
	}
	return out
}

// collectMarks gathers the marks of the variables an expression references.
func collectMarks(ctx *hcl.EvalContext, expr hcl.Expression) cty.ValueMarks {
	marks := cty.ValueMarks{}
	for _, tr := range expr.Variables() {
		v, d := tr.TraverseAbs(ctx)
		if d.HasErrors() {
			continue
		}
		for m := range v.Marks() {
			marks[m] = struct{}{}
		}
	}
	return marks
}

func attrStep(tr hcl.Traversal, i int) (string, bool) {
	if len(tr) <= i {
		return "", false
	}
	switch st := tr[i].(type) {
	case hcl.TraverseAttr:
		return st.Name, true
	}
	return "", false
}

// resourceRef is the value a reference to a resource evaluates to: unknown
// attributes carrying the instance address, shaped like the instances
// (single object, tuple for count, object for for_each).
func (mi *modInst) resourceRef(typ, name string, attrs map[string]bool) cty.Value {
	base := mi.prefix() + typ + "." + name
	obj := func(addr string) cty.Value {
		if attrs[""] || len(attrs) == 0 {
			return cty.DynamicVal.Mark(refMark{addr: addr})
		}
		o := map[string]cty.Value{}
		for a := range attrs {
			o[a] = cty.DynamicVal.Mark(refMark{addr: addr, attr: a})
		}
		return cty.ObjectVal(o)
	}
	r := mi.resByName[typ+"."+name]
	if r == nil {
		return obj(base)
	}
	in := mi.instancesOf(r)
	switch in.kind {
	case counted:
		elems := make([]cty.Value, in.n)
		for i := range elems {
			elems[i] = obj(base + "[" + strconv.Itoa(i) + "]")
		}
		return cty.TupleVal(elems)
	case keyed:
		o := map[string]cty.Value{}
		for _, k := range in.keys {
			o[k] = obj(base + "[" + strconv.Quote(k) + "]")
		}
		return cty.ObjectVal(o)
	case unknownKeys:
		return cty.DynamicVal.Mark(refMark{addr: base})
	}
	return obj(base)
}

func (mi *modInst) local(name string) cty.Value {
	switch mi.localState[name] {
	case stateDone:
		return mi.locals[name]
	case stateBusy:
		cycle := append(append([]string(nil), mi.localStack...), name)
		start := 0
		for i, n := range cycle {
			if n == name {
				start = i
				break
			}
		}
		names := make([]string, 0, len(cycle)-start)
		for _, n := range cycle[start:] {
			names = append(names, "local."+n)
		}
		a := mi.m.locals[name]
		mi.s.diag(document.LevelError, "cycle in locals: "+strings.Join(names, " -> "), rangeOf(a.NameRange))
		return cty.DynamicVal
	}
	mi.localState[name] = stateBusy
	mi.localStack = append(mi.localStack, name)
	v := mi.eval(mi.m.locals[name].Expr, nil)
	mi.localStack = mi.localStack[:len(mi.localStack)-1]
	mi.locals[name], mi.localState[name] = v, stateDone
	return v
}

// maxInstances bounds count so a huge literal cannot exhaust memory.
const maxInstances = 10000

// instancesOf expands a resource's count or for_each.
func (mi *modInst) instancesOf(r *resourceBlock) *instances {
	if mi.instState[r] == stateDone {
		return mi.inst[r]
	}
	if mi.instState[r] == stateBusy {
		return &instances{kind: unknownKeys}
	}
	mi.instState[r] = stateBusy
	in := mi.expand(r.count, r.forEach)
	mi.inst[r], mi.instState[r] = in, stateDone
	return in
}

func (mi *modInst) expand(count, forEach *hcl.Attribute) *instances {
	switch {
	case count != nil:
		v, _ := mi.eval(count.Expr, nil).UnmarkDeep()
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
			return &instances{kind: unknownKeys, expr: count}
		}
		n, acc := v.AsBigFloat().Int64()
		if acc != 0 || n < 0 || n > maxInstances {
			return &instances{kind: unknownKeys, expr: count}
		}
		return &instances{kind: counted, n: int(n), expr: count}
	case forEach != nil:
		v, _ := mi.eval(forEach.Expr, nil).Unmark()
		if !v.IsKnown() || v.IsNull() {
			return &instances{kind: unknownKeys, expr: forEach}
		}
		ty := v.Type()
		// A map's keys are known even when its values are not; a set's
		// keys are its values.
		if !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) || v.LengthInt() > maxInstances ||
			ty.IsSetType() && !v.IsWhollyKnown() {
			return &instances{kind: unknownKeys, expr: forEach}
		}
		in := &instances{kind: keyed, values: map[string]cty.Value{}, expr: forEach}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if ty.IsSetType() {
				k, _ = ev.Unmark()
				if k.Type() != cty.String || k.IsNull() {
					return &instances{kind: unknownKeys, expr: forEach}
				}
			}
			in.keys = append(in.keys, k.AsString())
			in.values[k.AsString()] = ev
		}
		return in
	}
	return &instances{kind: single}
}

// each returns, per instance, the address suffix, index value and the
// variables count/each bind.
func (in *instances) each(fn func(suffix string, index any, extra map[string]cty.Value)) {
	switch in.kind {
	case single:
		fn("", nil, nil)
	case counted:
		for i := 0; i < in.n; i++ {
			fn("["+strconv.Itoa(i)+"]", int64(i), map[string]cty.Value{
				"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))}),
			})
		}
	case keyed:
		for _, k := range in.keys {
			fn("["+strconv.Quote(k)+"]", k, map[string]cty.Value{
				"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(k), "value": in.values[k]}),
			})
		}
	case unknownKeys:
		fn("[*]", "unknown", nil)
	}
}

// evalBody converts a block body to its input form: attributes evaluated,
// nested blocks (dynamic ones expanded) as lists of objects.
func (mi *modInst) evalBody(body hcl.Body, extra map[string]cty.Value, skip map[string]bool, rec *recorder, p []string) map[string]any {
	out := map[string]any{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, diags := body.JustAttributes()
		mi.s.hclErrors(diags)
		for _, n := range sortedKeys(attrs) {
			if skip[n] {
				continue
			}
			a := attrs[n]
			out[n] = mi.s.toInput(mi.eval(a.Expr, extra), a.Expr, a.Range, rec, appendPath(p, n))
		}
		return out
	}
	for _, n := range sortedKeys(sb.Attributes) {
		if skip[n] {
			continue
		}
		a := sb.Attributes[n]
		out[n] = mi.s.toInput(mi.eval(a.Expr, extra), a.Expr, a.SrcRange, rec, appendPath(p, n))
	}
	for _, b := range sb.Blocks {
		if skip[b.Type] {
			continue
		}
		name := b.Type
		if b.Type == "dynamic" {
			if len(b.Labels) != 1 {
				continue
			}
			name = b.Labels[0]
		}
		list, _ := out[name].([]any)
		if list == nil {
			rec.set(appendPath(p, name), rangeOf(b.DefRange()))
		}
		if b.Type == "dynamic" {
			list = mi.dynamic(b, extra, list, rec, appendPath(p, name))
		} else {
			ep := appendPath(p, name, strconv.Itoa(len(list)))
			rec.set(ep, rangeOf(b.DefRange()))
			list = append(list, mi.evalBody(b.Body, extra, nil, rec, ep))
		}
		out[name] = list
	}
	return out
}

// dynamic expands a dynamic block into list, one element per element of
// its for_each; an unknown for_each adds one unknown marker, so rules see
// that blocks may exist.
func (mi *modInst) dynamic(b *hclsyntax.Block, extra map[string]cty.Value, list []any, rec *recorder, p []string) []any {
	iter := b.Labels[0]
	var forEach *hclsyntax.Attribute
	for n, a := range b.Body.Attributes {
		switch n {
		case "for_each":
			forEach = a
		case "iterator":
			if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
				iter = kw
			}
		}
	}
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if forEach == nil || content == nil {
		return list
	}
	v := mi.eval(forEach.Expr, extra)
	uv, marks := v.UnmarkDeep()
	if uv.IsKnown() && uv.IsNull() {
		return list
	}
	if !uv.IsKnown() || !(uv.CanIterateElements()) {
		ep := appendPath(p, strconv.Itoa(len(list)))
		rec.set(ep, rangeOf(forEach.Expr.Range()))
		return append(list, mi.s.unknownMarker(marks, forEach.Expr.Range()))
	}
	for it := uv.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		child := make(map[string]cty.Value, len(extra)+1)
		for n, x := range extra {
			child[n] = x
		}
		child[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev.WithMarks(marks)})
		ep := appendPath(p, strconv.Itoa(len(list)))
		rec.set(ep, rangeOf(b.DefRange()))
		list = append(list, mi.evalBody(content.Body, child, nil, rec, ep))
	}
	return list
}

// call evaluates a module call (all its instances) once.
func (mi *modInst) call(name string) *callState {
	if cs, ok := mi.calls[name]; ok {
		if cs.state == stateBusy {
			return &callState{value: cty.DynamicVal.Mark(refMark{addr: mi.prefix() + "module." + name})}
		}
		return cs
	}
	var c *callBlock
	for _, x := range mi.m.calls {
		if x.name == name {
			c = x
		}
	}
	if c == nil {
		return nil
	}
	cs := &callState{state: stateBusy, call: c}
	mi.calls[name] = cs
	base := mi.prefix() + "module." + name
	cs.inst = mi.expand(c.count, c.forEach)
	dir, ok := mi.callDir(c)
	var kids []cty.Value
	byKey := map[string]cty.Value{}
	cs.inst.each(func(suffix string, index any, extra map[string]cty.Value) {
		addr := base + suffix
		var kid *modInst
		if ok && cs.inst.kind != unknownKeys {
			kid = mi.child(c, dir, addr, extra)
		}
		cs.kids = append(cs.kids, kid)
		cs.kidAt = append(cs.kidAt, suffix)
		var v cty.Value
		if kid == nil {
			v = cty.DynamicVal.Mark(refMark{addr: addr})
		} else {
			v = kid.outputObject(addr)
		}
		kids = append(kids, v)
		if k, isKey := index.(string); isKey {
			byKey[k] = v
		}
	})
	switch cs.inst.kind {
	case counted:
		cs.value = cty.TupleVal(kids)
	case keyed:
		cs.value = cty.ObjectVal(byKey)
	case unknownKeys:
		cs.value = cty.DynamicVal.Mark(refMark{addr: base})
	default:
		cs.value = kids[0]
	}
	cs.state = stateDone
	return cs
}

// callDir finds the directory of a module call's source: a local path, the
// directory `terraform init` installed a remote module into, or the one
// Options.Modules downloaded it to.
func (mi *modInst) callDir(c *callBlock) (string, bool) {
	rng := rangeOf(c.block.DefRange)
	if isLocalSource(c.source) {
		dir := path.Join(mi.m.dir, c.source)
		if pkg, ok := mi.s.packageOf(mi.m.dir); ok && !within(dir, pkg) {
			// As in Terraform, a local path in a downloaded package stays
			// in it: outside is the rest of the cache.
			mi.s.diag(document.LevelError, fmt.Sprintf("module %q: source %q leaves the downloaded package of its caller", c.name, c.source), rng)
			return "", false
		}
		return dir, true
	}
	key := c.name
	if mi.key != "" {
		key = mi.key + "." + c.name
	}
	if d, ok := mi.s.remoteDirs()[key]; ok {
		return d, true
	}
	if f := mi.s.opts.Modules; f != nil {
		m, err := f.Fetch(mi.s.ctx, c.source, c.version)
		if err != nil {
			// A module that was asked for and cannot be had leaves its
			// inputs unchecked: never a quiet pass.
			mi.s.diag(document.LevelError, fmt.Sprintf("module %q: downloading %s: %v", c.name, modsource.Redact(c.source), err), rng)
			return "", false
		}
		for _, w := range m.Warnings {
			mi.s.diag(document.LevelWarning, fmt.Sprintf("module %q: %s", c.name, w), rng)
		}
		// Every instance of the caller asks again (the fetcher answers
		// from memory): keep each package once.
		if root := filepath.ToSlash(m.Root); !slices.Contains(mi.s.packages, root) {
			mi.s.packages = append(mi.s.packages, root)
		}
		return filepath.ToSlash(m.Dir), true
	}
	level, how := document.LevelWarning, "its inputs are not checked inside it"
	if mi.s.opts.Strict {
		level, how = document.LevelError, "strict mode requires every module"
	}
	mi.s.diag(level, fmt.Sprintf("module %q: source %q is not initialised (run terraform init); %s", c.name, c.source, how), rng)
	return "", false
}

// child builds and evaluates the inputs of one module instance.
func (mi *modInst) child(c *callBlock, dir, addr string, extra map[string]cty.Value) *modInst {
	rng := rangeOf(c.block.DefRange)
	for _, d := range mi.stack {
		if d == dir {
			mi.s.diag(document.LevelError, fmt.Sprintf("module %q (%s): %v", c.name, dir, ErrModuleCycle), rng)
			return nil
		}
	}
	if mi.s.instances >= mi.s.opts.MaxModuleInstances {
		mi.s.diag(document.LevelError, fmt.Sprintf("module %q: more than %d module instances", c.name, mi.s.opts.MaxModuleInstances), rng)
		return nil
	}
	mi.s.instances++
	m := mi.s.module(dir, rng)
	if m == nil {
		return nil
	}
	key := c.name
	if mi.key != "" {
		key = mi.key + "." + c.name
	}
	related := append(append([]document.Range(nil), mi.related...), rng)
	stack := append(append([]string(nil), mi.stack...), dir)
	kid := mi.s.newInst(m, addr, key, related, stack)
	for _, n := range m.varOrder {
		v := m.variables[n]
		switch a, ok := c.inputs[n]; {
		case ok:
			kid.vars[n] = finishVar(v, mi.eval(a.Expr, extra))
		case v.def != nil:
			_, kid.vars[n] = v.defaultValue()
		default:
			kid.vars[n] = finishVar(v, cty.DynamicVal)
		}
	}
	return kid
}

// outputObject is the value of module.<name> for one instance: an object
// of its outputs, evaluated lazily only as far as references need them.
func (mi *modInst) outputObject(addr string) cty.Value {
	obj := map[string]cty.Value{}
	for _, n := range sortedKeys(mi.m.outputs) {
		obj[n] = mi.output(n, addr)
	}
	return cty.ObjectVal(obj)
}

func (mi *modInst) output(n, addr string) cty.Value {
	switch mi.outState[n] {
	case stateDone:
		return mi.outputs[n]
	case stateBusy:
		return cty.DynamicVal.Mark(refMark{addr: addr, attr: n})
	}
	mi.outState[n] = stateBusy
	v := mi.eval(mi.m.outputs[n].Expr, nil)
	if mi.m.outSens[n] {
		v = v.Mark(sensitiveMark{})
	}
	mi.outputs[n], mi.outState[n] = v, stateDone
	return v
}

// constValue evaluates an expression that must be constant (a variable
// default); anything else is unknown.
func constValue(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}
