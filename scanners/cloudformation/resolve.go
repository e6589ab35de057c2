package cloudformation

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
)

// tri is a condition's value when it may not be decidable statically.
type tri uint8

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// resolver evaluates intrinsic functions in resource properties against
// what the template itself fixes: parameter defaults, mappings, conditions
// and the pseudo parameters that do not depend on the deployment.
type resolver struct {
	params     *node
	mappings   *node
	conditions *node
	resources  *node
	pos        *document.Positions
	// given are the parameter values a parent stack passes to this one;
	// they replace the defaults.
	given      map[string]any
	condMemo   map[string]tri
	condActive map[string]bool
}

func newResolver(root *node, pos *document.Positions) *resolver {
	return &resolver{
		params:     root.get("Parameters"),
		mappings:   root.get("Mappings"),
		conditions: root.get("Conditions"),
		resources:  root.get("Resources"),
		pos:        pos,
		condMemo:   map[string]tri{},
		condActive: map[string]bool{},
	}
}

// with returns path extended by k without sharing path's backing array.
func with(path []string, k string) []string {
	out := make([]string, len(path)+1)
	copy(out, path)
	out[len(path)] = k
	return out
}

// recordWritten records the positions of an as-written value. A container
// or an empty value under a key is placed at the key, which is where a user
// looks for it; a scalar at its value token.
func recordWritten(pos *document.Positions, n *node, path []string, keyPos *document.Range) {
	pos.Set(path, placement(n, keyPos))
	switch n.kind {
	case kMap:
		for i, k := range n.keys {
			recordWritten(pos, n.vals[i], with(path, k), &n.keyPos[i])
		}
	case kSeq:
		for i, v := range n.vals {
			recordWritten(pos, v, with(path, strconv.Itoa(i)), nil)
		}
	}
}

func placement(n *node, keyPos *document.Range) document.Range {
	if keyPos != nil && (n.kind == kMap || n.kind == kSeq || n.kind == kNull) {
		return *keyPos
	}
	return n.pos
}

// emit resolves n into the input at path and records positions. noValue
// reports that n evaluated to AWS::NoValue and must be left out.
func (r *resolver) emit(n *node, path []string, keyPos *document.Range) (v any, noValue bool) {
	if spec, ok := hasTransform(n); ok {
		r.pos.Set(path, n.pos)
		return transformUnknown(spec), false
	}
	if name, arg, ok := n.intrinsic(); ok {
		if name == "Fn::If" {
			// A decided condition selects a branch that keeps its own
			// positions, which are more precise than the Fn::If's.
			if args := arg; args.kind == kSeq && len(args.vals) == 3 && args.vals[0].kind == kStr {
				switch r.condition(args.vals[0].str) {
				case triTrue:
					return r.emit(args.vals[1], path, keyPos)
				case triFalse:
					return r.emit(args.vals[2], path, keyPos)
				}
			}
		}
		v, noValue := r.eval(n)
		if noValue {
			return nil, true
		}
		r.pos.Set(path, n.pos)
		recordDerived(r.pos, v, path, n.pos)
		return v, false
	}
	r.pos.Set(path, placement(n, keyPos))
	switch n.kind {
	case kMap:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			if cv, nv := r.emit(n.vals[i], with(path, k), &n.keyPos[i]); !nv {
				m[k] = cv
			}
		}
		return m, false
	case kSeq:
		s := make([]any, 0, len(n.vals))
		for _, item := range n.vals {
			if cv, nv := r.emit(item, with(path, strconv.Itoa(len(s))), nil); !nv {
				s = append(s, cv)
			}
		}
		return s, false
	}
	return plain(n), false
}

// recordDerived gives every element of a computed value the position of the
// expression that computed it. Unknown markers are leaves.
func recordDerived(pos *document.Positions, v any, path []string, at document.Range) {
	switch x := v.(type) {
	case map[string]any:
		if document.IsUnknown(x) {
			return
		}
		for k, cv := range x {
			p := with(path, k)
			pos.Set(p, at)
			recordDerived(pos, cv, p, at)
		}
	case []any:
		for i, cv := range x {
			p := with(path, strconv.Itoa(i))
			pos.Set(p, at)
			recordDerived(pos, cv, p, at)
		}
	}
}

// eval computes the value of n, with unknown markers where the template
// alone does not decide it.
func (r *resolver) eval(n *node) (any, bool) {
	if spec, ok := hasTransform(n); ok {
		return transformUnknown(spec), false
	}
	if name, arg, ok := n.intrinsic(); ok {
		return r.call(n, name, arg)
	}
	switch n.kind {
	case kMap:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			if v, nv := r.eval(n.vals[i]); !nv {
				m[k] = v
			}
		}
		return m, false
	case kSeq:
		s := make([]any, 0, len(n.vals))
		for _, item := range n.vals {
			if v, nv := r.eval(item); !nv {
				s = append(s, v)
			}
		}
		return s, false
	}
	return plain(n), false
}

// evalList evaluates a list argument; ok is false when arg is not a list.
func (r *resolver) evalList(arg *node) ([]any, bool) {
	v, nv := r.eval(arg)
	if nv {
		return nil, false
	}
	s, ok := v.([]any)
	return s, ok
}

func (r *resolver) call(n *node, name string, arg *node) (any, bool) {
	switch name {
	case "Ref":
		return r.ref(n, arg)
	case "Fn::GetAtt":
		return r.getAtt(n, arg), false
	case "Fn::Sub":
		return r.sub(n, arg), false
	case "Fn::Join":
		return r.join(n, arg), false
	case "Fn::Select":
		return r.selectFn(n, arg)
	case "Fn::Split":
		return r.split(n, arg), false
	case "Fn::FindInMap":
		return r.findInMap(n, arg), false
	case "Fn::Base64":
		v, _ := r.eval(arg)
		if s, ok := v.(string); ok {
			return base64.StdEncoding.EncodeToString([]byte(s)), false
		}
		return r.unknownFrom(n, v), false
	case "Fn::If":
		return r.ifFn(n, arg)
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
		switch r.condExpr(n) {
		case triTrue:
			return true, false
		case triFalse:
			return false, false
		}
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v), false
	case "Fn::ToJsonString":
		v, nv := r.eval(arg)
		if !nv && known(v) {
			if b, err := json.Marshal(v); err == nil {
				return string(b), false
			}
		}
		return r.unknownFrom(n, v), false
	case "Fn::Length":
		if s, ok := r.evalList(arg); ok {
			return int64(len(s)), false
		}
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v), false
	}
	// Fn::GetAZs, Fn::Cidr, Fn::ImportValue and anything this
	// version does not know: a value exists, but only at deploy time.
	v, _ := r.eval(arg)
	return r.unknownFrom(n, v), false
}

var pseudoKnown = map[string]string{
	"AWS::Partition": "aws",
	"AWS::URLSuffix": "amazonaws.com",
}

func (r *resolver) ref(n, arg *node) (any, bool) {
	if arg.kind != kStr {
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v), false
	}
	name := arg.str
	if name == "AWS::NoValue" {
		return nil, true
	}
	if v, ok := pseudoKnown[name]; ok {
		return v, false
	}
	if strings.HasPrefix(name, "AWS::") {
		return unknown(n, false, "", ""), false
	}
	if p := r.params.get(name); p != nil {
		if isTrue(p.get("NoEcho")) {
			return unknown(n, true, name, ""), false
		}
		typ := ""
		if t := p.get("Type"); t != nil && t.kind == kStr {
			typ = t.str
		}
		var val any
		if v, ok := r.given[name]; ok {
			val = v
		} else if def := p.get("Default"); def != nil {
			val = plain(def)
		}
		// An SSM parameter type's value names the parameter, not its value.
		if val == nil || strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<") {
			return unknown(n, false, name, ""), false
		}
		if u, ok := val.(map[string]any); ok && document.IsUnknown(u) {
			// The parent passes what it knows only at deploy time.
			out := unknown(n, sensitive(u), name, "")
			if reason, ok := u["reason"]; ok {
				out["reason"] = reason
			}
			return out, false
		}
		if s, ok := val.(string); ok && (typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<")) {
			parts := strings.Split(s, ",")
			out := make([]any, len(parts))
			for i, s := range parts {
				out[i] = strings.TrimSpace(s)
			}
			return out, false
		}
		return val, false
	}
	return unknown(n, false, name, ""), false
}

func (r *resolver) getAtt(n, arg *node) any {
	var res, attr string
	switch arg.kind {
	case kStr:
		res, attr, _ = strings.Cut(arg.str, ".")
	case kSeq:
		if len(arg.vals) == 2 {
			if arg.vals[0].kind == kStr {
				res = arg.vals[0].str
			}
			if a, _ := r.eval(arg.vals[1]); a != nil {
				attr, _ = a.(string)
			}
		}
	}
	return unknown(n, false, res, attr)
}

func (r *resolver) sub(n, arg *node) any {
	tmplNode, vars := arg, (*node)(nil)
	if arg.kind == kSeq && len(arg.vals) == 2 {
		tmplNode, vars = arg.vals[0], arg.vals[1]
	}
	if tmplNode.kind != kStr {
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v)
	}
	tmpl := tmplNode.str
	var b strings.Builder
	var inputs []any
	only := false // the whole string is one ${Var}
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl[i:])
			break
		}
		name := tmpl[i+2 : i+j]
		if strings.HasPrefix(name, "!") {
			// ${!Literal} writes ${Literal}.
			b.WriteString("${" + name[1:] + "}")
		} else {
			only = i == 0 && j == len(tmpl)-1 && b.Len() == 0
			v := r.subVar(strings.TrimSpace(name), vars)
			inputs = append(inputs, v)
			if s, ok := scalarString(v); ok {
				b.WriteString(s)
			}
		}
		tmpl = tmpl[i+j+1:]
	}
	if !known(inputs) {
		u := r.unknownFrom(n, inputs)
		// "${Bucket}" alone is a Ref in disguise: keep what it refers to.
		if only && len(inputs) == 1 {
			if in, ok := inputs[0].(map[string]any); ok && document.IsUnknown(in) {
				for _, k := range []string{"ref", "attribute"} {
					if v, ok := in[k]; ok {
						u[k] = v
					}
				}
			}
		}
		return u
	}
	for _, v := range inputs {
		if _, ok := scalarString(v); !ok {
			return r.unknownFrom(n, inputs)
		}
	}
	return b.String()
}

func (r *resolver) subVar(name string, vars *node) any {
	if v := vars.get(name); v != nil {
		ev, nv := r.eval(v)
		if nv {
			return ""
		}
		return ev
	}
	if res, attr, ok := strings.Cut(name, "."); ok {
		u := document.Unknown("Fn::GetAtt "+name, false)
		u["ref"], u["attribute"] = res, attr
		return u
	}
	ref := &node{kind: kMap}
	_ = ref.add("Ref", document.Range{}, &node{kind: kStr, str: name})
	v, nv := r.ref(ref, ref.vals[0])
	if nv {
		return ""
	}
	return v
}

func (r *resolver) join(n, arg *node) any {
	if arg.kind != kSeq || len(arg.vals) != 2 {
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v)
	}
	delimV, _ := r.eval(arg.vals[0])
	delim, dok := delimV.(string)
	items, lok := r.evalList(arg.vals[1])
	if !dok || !lok || !known(items) {
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v)
	}
	parts := make([]string, len(items))
	for i, it := range items {
		s, ok := scalarString(it)
		if !ok {
			return r.unknownFrom(n, items)
		}
		parts[i] = s
	}
	return strings.Join(parts, delim)
}

func (r *resolver) selectFn(n, arg *node) (any, bool) {
	if arg.kind == kSeq && len(arg.vals) == 2 {
		idxV, _ := r.eval(arg.vals[0])
		list, ok := r.evalList(arg.vals[1])
		if idx, iok := index(idxV); ok && iok && idx >= 0 && idx < len(list) {
			return list[idx], false
		}
	}
	v, _ := r.eval(arg)
	return r.unknownFrom(n, v), false
}

func index(v any) (int, bool) {
	switch x := v.(type) {
	case int64:
		return int(x), true
	case float64:
		if x == float64(int(x)) {
			return int(x), true
		}
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(x))
		return i, err == nil
	}
	return 0, false
}

func (r *resolver) split(n, arg *node) any {
	if arg.kind == kSeq && len(arg.vals) == 2 {
		d, _ := r.eval(arg.vals[0])
		s, _ := r.eval(arg.vals[1])
		ds, dok := d.(string)
		ss, sok := s.(string)
		if dok && sok && ds != "" {
			parts := strings.Split(ss, ds)
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out
		}
	}
	v, _ := r.eval(arg)
	return r.unknownFrom(n, v)
}

func (r *resolver) findInMap(n, arg *node) any {
	if arg.kind == kSeq && (len(arg.vals) == 3 || len(arg.vals) == 4) {
		var keys [3]string
		ok := true
		for i := range 3 {
			v, _ := r.eval(arg.vals[i])
			s, sok := scalarString(v)
			if !sok || !known(v) {
				ok = false
				break
			}
			keys[i] = s
		}
		if ok {
			if v := r.mappings.get(keys[0]).get(keys[1]).get(keys[2]); v != nil {
				ev, _ := r.eval(v)
				return ev
			}
			// The language extension's DefaultValue applies to a missing key.
			if len(arg.vals) == 4 {
				if d := arg.vals[3].get("DefaultValue"); d != nil {
					ev, _ := r.eval(d)
					return ev
				}
			}
		}
	}
	v, _ := r.eval(arg)
	return r.unknownFrom(n, v)
}

func (r *resolver) ifFn(n, arg *node) (any, bool) {
	if arg.kind != kSeq || len(arg.vals) != 3 {
		v, _ := r.eval(arg)
		return r.unknownFrom(n, v), false
	}
	c := triUnknown
	if arg.vals[0].kind == kStr {
		c = r.condition(arg.vals[0].str)
	}
	switch c {
	case triTrue:
		return r.eval(arg.vals[1])
	case triFalse:
		return r.eval(arg.vals[2])
	}
	a, _ := r.eval(arg.vals[1])
	b, _ := r.eval(arg.vals[2])
	opts := []any{a, b}
	u := r.unknownFrom(n, opts)
	u["options"] = opts
	return u, false
}

// condition evaluates a named condition once; a cycle is undecidable.
func (r *resolver) condition(name string) tri {
	if v, ok := r.condMemo[name]; ok {
		return v
	}
	def := r.conditions.get(name)
	if def == nil || r.condActive[name] {
		return triUnknown
	}
	r.condActive[name] = true
	v := r.condExpr(def)
	delete(r.condActive, name)
	r.condMemo[name] = v
	return v
}

func (r *resolver) condExpr(n *node) tri {
	if n.kind == kMap && len(n.keys) == 1 && n.keys[0] == "Condition" && n.vals[0].kind == kStr {
		return r.condition(n.vals[0].str)
	}
	name, arg, ok := n.intrinsic()
	if !ok {
		if n.kind == kBool {
			return triOf(n.b)
		}
		return triUnknown
	}
	switch name {
	case "Fn::Equals":
		if arg.kind != kSeq || len(arg.vals) != 2 {
			return triUnknown
		}
		a, anv := r.eval(arg.vals[0])
		b, bnv := r.eval(arg.vals[1])
		if anv || bnv || !known(a) || !known(b) {
			return triUnknown
		}
		as, aok := scalarString(a)
		bs, bok := scalarString(b)
		if aok && bok {
			// CloudFormation compares the string forms: 1 equals "1".
			return triOf(as == bs)
		}
		return triOf(reflect.DeepEqual(a, b))
	case "Fn::Not":
		if arg.kind != kSeq || len(arg.vals) != 1 {
			return triUnknown
		}
		switch r.condExpr(arg.vals[0]) {
		case triTrue:
			return triFalse
		case triFalse:
			return triTrue
		}
		return triUnknown
	case "Fn::And", "Fn::Or":
		if arg.kind != kSeq {
			return triUnknown
		}
		// And is false as soon as one input is false even when another is
		// undecidable; Or is true as soon as one is true.
		decisive, res := triFalse, triTrue
		if name == "Fn::Or" {
			decisive, res = triTrue, triFalse
		}
		for _, c := range arg.vals {
			switch r.condExpr(c) {
			case decisive:
				return decisive
			case triUnknown:
				res = triUnknown
			}
		}
		return res
	}
	v, nv := r.eval(n)
	if b, ok := v.(bool); ok && !nv {
		return triOf(b)
	}
	return triUnknown
}

// unknownFrom builds the marker for n, sensitive when any input is.
func (r *resolver) unknownFrom(n *node, inputs any) map[string]any {
	return unknown(n, sensitive(inputs), "", "")
}

func unknown(n *node, sens bool, ref, attr string) map[string]any {
	u := document.Unknown(exprString(n), sens)
	if ref != "" {
		u["ref"] = ref
	}
	if attr != "" {
		u["attribute"] = attr
	}
	return u
}

// exprString renders an intrinsic as written, shortened for messages.
func exprString(n *node) string {
	name, arg, ok := n.intrinsic()
	if !ok {
		return truncate(compact(plain(n)))
	}
	switch {
	case name == "Ref" && arg.kind == kStr:
		return "Ref " + arg.str
	case name == "Fn::GetAtt" && arg.kind == kSeq && len(arg.vals) == 2 && arg.vals[0].kind == kStr && arg.vals[1].kind == kStr:
		return "Fn::GetAtt " + arg.vals[0].str + "." + arg.vals[1].str
	case arg.kind == kStr:
		return truncate(name + " " + arg.str)
	}
	return truncate(name + " " + compact(plain(arg)))
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

func truncate(s string) string {
	if len(s) <= maxExprLen {
		return s
	}
	cut := maxExprLen
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// known reports whether v contains no unknown marker.
func known(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if document.IsUnknown(x) {
			return false
		}
		for _, c := range x {
			if !known(c) {
				return false
			}
		}
	case []any:
		for _, c := range x {
			if !known(c) {
				return false
			}
		}
	}
	return true
}

// sensitive reports whether v contains a sensitive unknown, so that a value
// computed from a secret stays marked as one.
func sensitive(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if document.IsUnknown(x) {
			s, _ := x["sensitive"].(bool)
			if s {
				return true
			}
			if opts, ok := x["options"]; ok {
				return sensitive(opts)
			}
			return false
		}
		for _, c := range x {
			if sensitive(c) {
				return true
			}
		}
	case []any:
		for _, c := range x {
			if sensitive(c) {
				return true
			}
		}
	}
	return false
}

// scalarString renders a scalar the way Fn::Join and Fn::Sub would.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func isTrue(n *node) bool {
	if n == nil {
		return false
	}
	switch n.kind {
	case kBool:
		return n.b
	case kStr:
		return strings.EqualFold(n.str, "true")
	}
	return false
}
