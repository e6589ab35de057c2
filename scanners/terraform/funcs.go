package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/netip"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions is the function table for a module in dir. It is rebuilt per
// module because file() and friends resolve paths against the module.
func (s *scan) functions(dir string) map[string]function.Function {
	f := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc,
		"flatten": stdlib.FlattenFunc, "floor": stdlib.FloorFunc, "format": stdlib.FormatFunc,
		"formatdate": stdlib.FormatDateFunc, "formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc,
		"join": stdlib.JoinFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": jsonEncodeFunc,
		"keys": stdlib.KeysFunc, "log": stdlib.LogFunc, "lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc,
		"max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"pow": stdlib.PowFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"signum": stdlib.SignumFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "timeadd": stdlib.TimeAddFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "trimsuffix": stdlib.TrimSuffixFunc, "upper": stdlib.UpperFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"length": lengthFunc, "replace": replaceFunc, "index": indexFunc,
		"startswith": strPredicate(strings.HasPrefix), "endswith": strPredicate(strings.HasSuffix),
		"strcontains": strPredicate(strings.Contains),
		"alltrue":     boolFold(true), "anytrue": boolFold(false), "sum": sumFunc, "one": oneFunc,
		"base64encode": strFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			return string(b), err
		}),
		"md5":        strFunc(func(s string) (string, error) { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"sha1":       strFunc(func(s string) (string, error) { h := sha1.Sum([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"sha256":     strFunc(func(s string) (string, error) { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"basename":   strFunc(func(s string) (string, error) { return path.Base(s), nil }),
		"dirname":    strFunc(func(s string) (string, error) { return path.Dir(s), nil }),
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc, "cidrnetmask": cidrNetmaskFunc,
		// Values Terraform itself knows only when it applies.
		"timestamp": unknownFunc(cty.String), "uuid": unknownFunc(cty.String), "bcrypt": unknownFunc(cty.String),
	}
	f["file"] = s.fileFunc(dir, func(b []byte) cty.Value { return cty.StringVal(string(b)) })
	f["filebase64"] = s.fileFunc(dir, func(b []byte) cty.Value { return cty.StringVal(base64.StdEncoding.EncodeToString(b)) })
	f["filemd5"] = s.fileFunc(dir, func(b []byte) cty.Value { h := md5.Sum(b); return cty.StringVal(hex.EncodeToString(h[:])) })
	f["filesha256"] = s.fileFunc(dir, func(b []byte) cty.Value { h := sha256.Sum256(b); return cty.StringVal(hex.EncodeToString(h[:])) })
	f["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			name, ok := s.allowedFile(dir, args[0].AsString())
			if !ok {
				return cty.UnknownVal(cty.Bool), nil
			}
			st, err := s.fsys.Stat(name)
			return cty.BoolVal(err == nil && st.Mode().IsRegular()), nil
		},
	})
	f["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, ok := s.readBounded(dir, args[0].AsString())
			vars := args[1]
			if !ok || !vars.IsWhollyKnown() || vars.IsNull() || !(vars.Type().IsObjectType() || vars.Type().IsMapType()) {
				return cty.DynamicVal, nil
			}
			expr, diags := hclsyntax.ParseTemplate(b, args[0].AsString(), hcl.InitialPos)
			if diags.HasErrors() {
				return cty.DynamicVal, fmt.Errorf("%s", diags.Error())
			}
			// Templates cannot call templatefile, so they cannot recurse.
			funcs := make(map[string]function.Function, len(f))
			for k, v := range f {
				if k != "templatefile" {
					funcs[k] = v
				}
			}
			v, diags := expr.Value(&hcl.EvalContext{Variables: vars.AsValueMap(), Functions: funcs})
			if diags.HasErrors() {
				return cty.DynamicVal, fmt.Errorf("%s", diags.Error())
			}
			return v, nil
		},
	})
	return f
}

// allowedFile resolves a file function's path against the module and
// allows it only under the scan's file root (for a downloaded module, its
// package): configuration must not make the scanner read arbitrary files.
func (s *scan) allowedFile(dir, p string) (string, bool) {
	name := p
	if !path.IsAbs(name) {
		name = path.Join(dir, name)
	}
	name = path.Clean(name)
	root := s.fileRoot
	if pkg, ok := s.packageOf(dir); ok {
		// A downloaded module reads the files its package ships.
		root = pkg
	}
	if root == "." {
		return name, !path.IsAbs(name) && name != ".." && !strings.HasPrefix(name, "../")
	}
	return name, within(name, root)
}

// packageOf returns the downloaded package a module directory is in.
func (s *scan) packageOf(dir string) (string, bool) {
	for _, pkg := range s.packages {
		if within(dir, pkg) {
			return pkg, true
		}
	}
	return "", false
}

// within reports whether the slash path p is dir or below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

func (s *scan) readBounded(dir, p string) ([]byte, bool) {
	name, ok := s.allowedFile(dir, p)
	if !ok {
		return nil, false
	}
	b, err := s.read(name)
	return b, err == nil
}

// fileFunc reads a file below the file root; what it may not or cannot
// read is unknown rather than an error, as Terraform would read it.
func (s *scan) fileFunc(dir string, conv func([]byte) cty.Value) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, ok := s.readBounded(dir, args[0].AsString())
			if !ok {
				return cty.UnknownVal(cty.String), nil
			}
			return conv(b), nil
		},
	})
}

func unknownFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true},
		Type:     function.StaticReturnType(ty),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ty), nil },
	})
}

func strFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			out, err := fn(args[0].AsString())
			return cty.StringVal(out), err
		},
	})
}

func strPredicate(fn func(string, string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// lengthFunc is Terraform's length: collections and strings.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.Type() == cty.String {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		}
		if !v.Type().IsCollectionType() && !v.Type().IsTupleType() && !v.Type().IsObjectType() {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return cty.UnknownVal(cty.Number), fmt.Errorf("argument must be a string, a collection type, or a structural type")
		}
		if !v.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		return v.Length(), nil
	},
})

// replaceFunc is Terraform's replace: a /regex/ substring replaces by
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() || !args[0].IsWhollyKnown() || !args[1].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		i := int64(0)
		for it := args[0].ElementIterator(); it.Next(); i++ {
			_, v := it.Element()
			if eq := v.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(i), nil
			}
		}
		return cty.UnknownVal(cty.Number), fmt.Errorf("item not found")
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if !args[0].IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				b := !v.IsNull() && v.True()
				if b != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		total := new(big.Float)
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() {
				return cty.UnknownVal(cty.Number), fmt.Errorf("null in sum")
			}
			total.Add(total, v.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.CanIterateElements() || !v.IsKnown() {
			return cty.DynamicVal, nil
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.DynamicVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
})

func parsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return p, err
	}
	return p.Masked(), nil
}

// addToAddr adds n (shifted left by shift bits) to an address.
func addToAddr(a netip.Addr, n *big.Int, shift int) (netip.Addr, error) {
	b := a.AsSlice()
	x := new(big.Int).SetBytes(b)
	x.Add(x, new(big.Int).Lsh(n, uint(shift)))
	out := x.Bytes()
	if len(out) > len(b) {
		return a, fmt.Errorf("address overflow")
	}
	buf := make([]byte, len(b))
	copy(buf[len(b)-len(out):], out)
	r, _ := netip.AddrFromSlice(buf)
	return r, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		nb, _ := args[1].AsBigFloat().Int64()
		num, _ := args[2].AsBigFloat().Int(nil)
		bits := p.Addr().BitLen()
		newLen := p.Bits() + int(nb)
		if nb < 0 || newLen > bits || num.Sign() < 0 || num.BitLen() > int(nb) {
			return cty.UnknownVal(cty.String), fmt.Errorf("cannot extend prefix %s by %d bits to hold %s", p, nb, num)
		}
		a, err := addToAddr(p.Addr(), num, bits-newLen)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(netip.PrefixFrom(a, newLen).String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, _ := args[1].AsBigFloat().Int(nil)
		if num.Sign() < 0 || num.BitLen() > p.Addr().BitLen()-p.Bits() {
			return cty.UnknownVal(cty.String), fmt.Errorf("host number %s does not fit in %s", num, p)
		}
		a, err := addToAddr(p.Addr(), num, 0)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(a.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil || !p.Addr().Is4() {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrnetmask needs an IPv4 prefix")
		}
		m := uint32(0xffffffff) << (32 - p.Bits())
		if p.Bits() == 0 {
			m = 0
		}
		return cty.StringVal(fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)), nil
	},
})

// jsonEncodeFunc is jsonencode that keeps what is known of a partly unknown
// argument in a mark (see partialJSONMark); a wholly known one encodes as
// usual.
var jsonEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{
		Name: "val", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowDynamicType: true, AllowNull: true, AllowMarked: true,
	}},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		plain, marks := v.UnmarkDeep()
		if plain.IsWhollyKnown() {
			out, err := stdlib.JSONEncode(plain)
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return out.WithMarks(marks), nil
		}
		return cty.UnknownVal(cty.String).WithMarks(marks).Mark(partialJSONMark{value: &v}), nil
	},
})
