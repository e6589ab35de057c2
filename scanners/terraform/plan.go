package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/srcfs"
	"github.com/tollgate-dev/tollgate/srcpos"
	"github.com/tollgate-dev/tollgate/srctree"
)

// DetectPlan reports whether a file is `terraform show -json` plan output:
// a JSON object with format_version and planned_values. Bytes only, so a
// damaged plan is still detected and then fails to scan.
func DetectPlan(name string, content []byte) bool {
	if !strings.EqualFold(path.Ext(name), ".json") {
		return false
	}
	t := bytes.TrimLeft(content, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{' &&
		bytes.Contains(content, []byte(`"format_version"`)) && bytes.Contains(content, []byte(`"planned_values"`))
}

// PlanScanner scans one plan JSON file per unit. When .tf files sit beside
// the plan, each resource's Source points at its block there.
type PlanScanner struct {
	// MaxFileSize bounds the plan (0: the default, MaxPlanSize);
	// MaxConfigSize the .tf files read beside it (0: MaxFileSize).
	MaxFileSize, MaxConfigSize int64
}

var _ scanners.Scanner = PlanScanner{}

// Name implements scanners.Scanner.
func (PlanScanner) Name() string { return document.FormatTerraformPlan }

// Scan implements scanners.Scanner.
func (s PlanScanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	if err := ctx.Err(); err != nil {
		return scanners.Result{}, err
	}
	lim := scanners.Limits{PlanKind.Name: s.MaxFileSize, Kind.Name: s.MaxConfigSize}
	content, err := u.Bytes(ctx, PlanKind.FileLimit(lim))
	if err != nil {
		return scanners.Result{}, err
	}
	doc, err := ParsePlan(u.Path, content)
	if err != nil {
		return scanners.Result{}, err
	}
	linkConfig(ctx, u.FS, doc, path.Dir(u.Path), Kind.FileLimit(lim))
	return scanners.Result{Documents: []*document.Document{doc}}, nil
}

// nodeAt follows keys (strings into objects, ints into arrays) from n; nil
// when one is missing.
func nodeAt(n *srctree.Node, keys ...any) *srctree.Node {
	for _, k := range keys {
		if n == nil {
			return nil
		}
		switch k := k.(type) {
		case string:
			n = n.Get(k)
		case int:
			if n.Kind != srctree.Seq || k < 0 || k >= len(n.Vals) {
				return nil
			}
			n = n.Vals[k]
		}
	}
	return n
}

// jsonSyntaxError positions a decoding error.
func jsonSyntaxError(file string, content []byte, err error) error {
	off := -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
	case errors.As(err, &te):
		off = int(te.Offset)
	}
	if off < 0 {
		return &document.SourceError{Range: document.Range{File: file}, Err: err}
	}
	if off > 0 {
		off--
	}
	return &document.SourceError{Range: srcpos.New(file, content).At(off), Err: err}
}

// ParsePlan converts plan JSON into a terraform-plan document whose
// resources have the same shape as the terraform format's.
func ParsePlan(file string, content []byte) (*document.Document, error) {
	// Repeated keys are kept, the last one winning as in the decoding
	// below; past encoding/json's nesting limit, that decoding fails.
	tree, err := srctree.DecodeJSON(file, content, srctree.Options{KeepDuplicates: true, MaxDepth: 10000})
	switch {
	case errors.Is(err, srctree.ErrTrailingData):
		return nil, &document.SourceError{Range: document.Range{File: file}, Err: errors.New("data after the top-level value")}
	case err != nil && !errors.Is(err, srctree.ErrTooDeep):
		return nil, err
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(content, &plan); err != nil {
		return nil, jsonSyntaxError(file, content, err)
	}
	if plan.PlannedValues == nil || plan.PlannedValues.RootModule == nil {
		return nil, &document.SourceError{Range: document.Range{File: file, Line: 1, Column: 1}, Err: errors.New("plan has no planned_values.root_module")}
	}
	p := &planConv{pos: document.NewPositions(), unknown: map[string]any{}, sensitive: map[string]any{}, refs: map[string]map[string][]string{}}
	for _, rc := range plan.ResourceChanges {
		if rc.Change != nil && rc.DeposedKey == "" {
			p.unknown[rc.Address] = rc.Change.AfterUnknown
			p.sensitive[rc.Address] = rc.Change.AfterSensitive
		}
	}
	if plan.Config != nil && plan.Config.RootModule != nil {
		p.collectRefs("", plan.Config.RootModule, nil)
	}
	var resources []any
	p.module(plan.PlannedValues.RootModule, nodeAt(tree, "planned_values", "root_module"), &resources)
	input := map[string]any{
		"tollgate":     document.Header(document.FormatTerraformPlan, file),
		"resources":    resources,
		"providers":    []any{},
		"module_calls": []any{},
		"variables":    []any{},
		"terraform":    map[string]any{"terraform_version": plan.TerraformVersion, "format_version": plan.FormatVersion},
	}
	res := map[string]document.Resource{}
	for _, r := range resources {
		m := r.(map[string]any)
		res[m["address"].(string)] = document.Resource{Type: m["type"].(string)}
	}
	return &document.Document{Format: document.FormatTerraformPlan, File: file, Input: input, Positions: p.pos, Resources: res}, nil
}

type planConv struct {
	pos       *document.Positions
	unknown   map[string]any
	sensitive map[string]any
	// refs maps a resource's configuration address (no instance keys) to
	// attribute name -> referenced addresses.
	refs map[string]map[string][]string
}

func (p *planConv) collectRefs(prefix string, m *tfjson.ConfigModule, vars map[string][]string) {
	for _, r := range m.Resources {
		attrs := map[string][]string{}
		flattenRefs(prefix, "", r.Expressions, vars, attrs)
		p.refs[prefix+r.Address] = attrs
	}
	for _, name := range sortedKeys(m.ModuleCalls) {
		c := m.ModuleCalls[name]
		if c == nil || c.Module == nil {
			continue
		}
		inputs := map[string][]string{}
		flattenRefs(prefix, "", c.Expressions, vars, inputs)
		p.collectRefs(prefix+"module."+name+".", c.Module, inputs)
	}
}

// flattenRefs records, per attribute path without indices ("rule.apply_
// server_side_encryption_by_default.kms_master_key_id"), the resources an
// expression references; var.x follows into the caller's input x.
func flattenRefs(prefix, at string, exprs map[string]*tfjson.Expression, vars, out map[string][]string) {
	for n, e := range exprs {
		if e == nil || e.ExpressionData == nil {
			continue
		}
		key := n
		if at != "" {
			key = at + "." + n
		}
		refs := resourceRefs(prefix, e.References)
		for _, r := range e.References {
			if v, ok := strings.CutPrefix(r, "var."); ok && !strings.Contains(v, ".") {
				refs = append(refs, vars[v]...)
			}
		}
		if len(refs) > 0 {
			out[key] = dedupe(refs)
		}
		for _, nb := range e.NestedBlocks {
			flattenRefs(prefix, key, nb, vars, out)
		}
	}
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range list {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// resourceRefs keeps the resource addresses among a reference list, which
// holds both "aws_kms_key.k.arn" and "aws_kms_key.k", and drops
// variables, locals and the like.
func resourceRefs(prefix string, refs []string) []string {
	var out []string
	for _, r := range refs {
		parts := strings.Split(r, ".")
		switch parts[0] {
		case "var", "local", "each", "count", "path", "terraform", "self", "module":
			continue
		}
		want := 2
		if parts[0] == "data" {
			want = 3
		}
		if len(parts) == want {
			out = append(out, prefix+r)
		}
	}
	return out
}

func (p *planConv) module(m *tfjson.StateModule, node *srctree.Node, out *[]any) {
	if m == nil {
		return
	}
	for i, r := range m.Resources {
		rn := nodeAt(node, "resources", i)
		idx := len(*out)
		base := []string{"resources", strconv.Itoa(idx)}
		p.set(base, rn)
		p.set(append(base, "values"), nodeAt(rn, "values"))
		e := map[string]any{
			"address": r.Address, "mode": string(r.Mode), "type": r.Type, "name": r.Name,
			"module": moduleOf(r.Address), "provider": r.ProviderName,
		}
		if r.Index != nil {
			e["index"] = jsonValue(r.Index)
			p.set(append(base, "index"), nodeAt(rn, "index"))
		}
		cfgAddr := configAddress(r.Address)
		values := map[string]any{}
		for k, v := range r.AttributeValues {
			values[k] = jsonValue(v)
		}
		unk, _ := p.unknown[r.Address].(map[string]any)
		for k, u := range unk {
			values[k] = mergeUnknown(values[k], u, k, k, p.refs[cfgAddr])
		}
		sens, _ := p.sensitive[r.Address].(map[string]any)
		for k, x := range sens {
			values[k] = hideSensitive(values[k], x, k)
		}
		e["values"] = values
		p.positions(append(base, "values"), values, nodeAt(rn, "values"))
		*out = append(*out, e)
	}
	for i, c := range m.ChildModules {
		p.module(c, nodeAt(node, "child_modules", i), out)
	}
}

// mergeUnknown overlays after_unknown on a planned value: true makes the
// value an unknown marker (with the resource it references, when the
// configuration names exactly one).
func mergeUnknown(v, u any, expr, key string, refsAt map[string][]string) any {
	switch u := u.(type) {
	case bool:
		if !u {
			return v
		}
		m := document.Unknown(expr, false)
		refs := refsAt[key]
		if len(refs) == 1 {
			m["ref"] = refs[0]
		} else if len(refs) > 1 {
			list := make([]any, len(refs))
			for i, r := range refs {
				list[i] = r
			}
			m["refs"] = list
		}
		return m
	case map[string]any:
		obj, _ := v.(map[string]any)
		if obj == nil {
			obj = map[string]any{}
		}
		for k, x := range u {
			obj[k] = mergeUnknown(obj[k], x, expr+"."+k, key+"."+k, refsAt)
		}
		return obj
	case []any:
		list, _ := v.([]any)
		for len(list) < len(u) {
			list = append(list, nil)
		}
		for i, x := range u {
			list[i] = mergeUnknown(list[i], x, expr+"["+strconv.Itoa(i)+"]", key, refsAt)
		}
		return list
	}
	return v
}

// hideSensitive replaces values after_sensitive marks with sensitive
// unknown markers, as the terraform format does for sensitive variables.
func hideSensitive(v, s any, expr string) any {
	switch s := s.(type) {
	case bool:
		if !s {
			return v
		}
		if m, ok := v.(map[string]any); ok && document.IsUnknown(m) {
			m["sensitive"] = true
			return m
		}
		if v == nil {
			return v
		}
		return document.Unknown(expr, true)
	case map[string]any:
		obj, ok := v.(map[string]any)
		if !ok || document.IsUnknown(obj) {
			return v
		}
		for k, x := range s {
			obj[k] = hideSensitive(obj[k], x, expr+"."+k)
		}
		return obj
	case []any:
		list, ok := v.([]any)
		if !ok {
			return v
		}
		for i := range list {
			if i < len(s) {
				list[i] = hideSensitive(list[i], s[i], expr+"["+strconv.Itoa(i)+"]")
			}
		}
		return list
	}
	return v
}

// positions records every value's position in the plan file; values the
// plan does not hold (unknown ones) take their parent's.
func (p *planConv) positions(path []string, v any, n *srctree.Node) {
	if n != nil {
		p.set(path, n)
	}
	switch v := v.(type) {
	case map[string]any:
		if document.IsUnknown(v) {
			return
		}
		for k, c := range v {
			cn := n.Get(k)
			if cn == nil {
				cn = n
			}
			p.positions(appendPath(path, k), c, cn)
		}
	case []any:
		for i, c := range v {
			cn := nodeAt(n, i)
			if cn == nil {
				cn = n
			}
			p.positions(appendPath(path, strconv.Itoa(i)), c, cn)
		}
	}
}

func (p *planConv) set(path []string, n *srctree.Node) {
	if n != nil {
		p.pos.Set(path, n.Range)
	}
}

// jsonValue converts decoded plan values to input values (integers as
// int64).
func jsonValue(v any) any {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
		return x
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			out[k] = jsonValue(c)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, c := range x {
			out[i] = jsonValue(c)
		}
		return out
	}
	return v
}

// moduleOf returns the module instance part of a resource address.
func moduleOf(addr string) string {
	parts := splitAddress(addr)
	last := -1
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "module" {
			last = i + 1
		}
	}
	if last < 0 {
		return ""
	}
	return strings.Join(parts[:last+1], ".")
}

// configAddress drops instance keys: module.a["x"].aws_s3_bucket.b[0] ->
// module.a.aws_s3_bucket.b.
func configAddress(addr string) string {
	parts := splitAddress(addr)
	for i, p := range parts {
		if j := strings.IndexByte(p, '['); j >= 0 {
			parts[i] = p[:j]
		}
	}
	return strings.Join(parts, ".")
}

// splitAddress splits at dots outside brackets and quotes.
func splitAddress(addr string) []string {
	var parts []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(addr); i++ {
		switch c := addr[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '[':
			depth++
		case !quoted && c == ']':
			depth--
		case !quoted && depth == 0 && c == '.':
			parts = append(parts, addr[start:i])
			start = i + 1
		}
	}
	return append(parts, addr[start:])
}

// linkConfig points each plan resource at its block in the .tf files
// beside the plan (root module only; module resources keep the plan
// position).
func linkConfig(ctx context.Context, fsys *srcfs.FS, doc *document.Document, dir string, limit int64) {
	files, err := readDir(fsys, dir)
	if err != nil {
		return
	}
	blocks := map[string]hcl.Range{}
	for _, f := range files {
		if !isConfigFile(path.Base(f)) {
			continue
		}
		// Best effort: the plan is what is checked, these only move a
		// finding's location to the block that wrote it.
		b, err := scanners.ReadFile(ctx, fsys, f, limit)
		if err != nil {
			continue
		}
		file, diags := parseFile(f, b)
		if file == nil || diags.HasErrors() {
			continue
		}
		body, _, _ := file.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
			{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "data", LabelNames: []string{"type", "name"}},
		}})
		for _, blk := range body.Blocks {
			k := blk.Labels[0] + "." + blk.Labels[1]
			if blk.Type == "data" {
				k = "data." + k
			}
			blocks[k] = blk.DefRange
		}
	}
	for addr, r := range doc.Resources {
		if rng, ok := blocks[configAddress(addr)]; ok {
			src := rangeOf(rng)
			r.Source = &src
			doc.Resources[addr] = r
		}
	}
}
