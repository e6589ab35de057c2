package document

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestBuilder(t *testing.T) {
	b := NewBuilder(FormatDockerfile, "Dockerfile")
	root := b.Root().At(Range{File: "Dockerfile", Line: 1, Column: 1})
	root.PutValue("final_stage", int64(0))
	stages := root.List("stages", 1)
	st := stages.Object(map[string]any{"index": int64(0)}).At(Range{File: "Dockerfile", Line: 2, Column: 1, EndLine: 2})
	st.Put("name", "build", Range{File: "Dockerfile", Line: 2, Column: 6})
	from := st.Object("from", nil)
	from.Put("image", "alpine", Range{File: "Dockerfile", Line: 2, Column: 10})
	instrs := st.List("instructions", 0)
	lines := instrs.Object(nil).At(Range{File: "Dockerfile", Line: 3, Column: 1}).List("lines", 2)
	lines.Add("RUN a \\", Range{File: "Dockerfile", Line: 3, Column: 1})
	lines.Add("  b", Range{})
	st.At(Range{File: "Dockerfile", Line: 2, Column: 1, EndLine: 4})
	b.Header().PutValue("extra", true)

	d := b.Document()
	want := map[string]any{
		"tollgate":    map[string]any{"api": int64(APIVersion), "format": FormatDockerfile, "file": "Dockerfile", "extra": true},
		"final_stage": int64(0),
		"stages": []any{map[string]any{
			"index": int64(0),
			"name":  "build",
			"from":  map[string]any{"image": "alpine"},
			"instructions": []any{map[string]any{
				"lines": []any{"RUN a \\", "  b"},
			}},
		}},
	}
	if !reflect.DeepEqual(d.Input, want) {
		t.Fatalf("input\n%#v\nwant\n%#v", d.Input, want)
	}
	if d.Format != FormatDockerfile || d.File != "Dockerfile" {
		t.Fatalf("document %s %s", d.Format, d.File)
	}
	for _, c := range []struct {
		path  string
		line  int
		end   int
		exact bool
	}{
		{"", 1, 0, true},
		{"final_stage", 1, 0, false},
		{"stages", 1, 0, false},
		{"stages/0", 2, 4, true},
		{"stages/0/name", 2, 0, true},
		{"stages/0/from", 2, 4, false},
		{"stages/0/from/image", 2, 0, true},
		{"stages/0/instructions/0", 3, 0, true},
		{"stages/0/instructions/0/lines/0", 3, 0, true},
		{"stages/0/instructions/0/lines/1", 3, 0, false},
		{"tollgate/extra", 1, 0, false},
	} {
		var p []string
		if c.path != "" {
			p = strings.Split(c.path, "/")
		}
		r, exact := d.Positions.Lookup(p)
		if r.Line != c.line || r.EndLine != c.end || exact != c.exact {
			t.Errorf("%s: %+v exact %v, want line %d end %d exact %v", c.path, r, exact, c.line, c.end, c.exact)
		}
	}
}

// TestBuilderReplaces: putting a key again replaces its value and drops
// the ranges recorded for the old value, a zero range included.
func TestBuilderReplaces(t *testing.T) {
	b := NewBuilder(FormatFiles, "a.env")
	root := b.Root()
	l := root.List("matches", 0)
	l.Add("x", Range{File: "a.env", Line: 3})
	root.Put("matches", "gone", Range{})
	if r, _ := b.Document().Positions.Lookup([]string{"matches", "0"}); !r.IsZero() {
		t.Fatalf("stale range %+v", r)
	}
	o := root.Object("o", nil).At(Range{File: "a.env", Line: 5})
	o.Put("k", 1, Range{File: "a.env", Line: 6})
	root.Object("o", nil)
	if r, _ := b.Document().Positions.Lookup([]string{"o", "k"}); !r.IsZero() {
		t.Fatalf("stale range %+v", r)
	}
	if got := len(b.Document().Positions.Paths()); got != 0 {
		t.Fatalf("%d paths left: %v", got, b.Document().Positions.Paths())
	}
}

func TestEditKeepsInput(t *testing.T) {
	d := &Document{Format: FormatCloudFormation, File: "t.json", Input: map[string]any{"tollgate": Header(FormatCloudFormation, "t.json"), "Resources": map[string]any{}}}
	at := Range{File: "cdk.out/manifest.json", Line: 7, Column: 3}
	cdk := Edit(d).Header().Object("cdk", map[string]any{"stack": "S"})
	cdk.Put("region", "eu-west-1", at)
	if d.Meta()["cdk"].(map[string]any)["region"] != "eu-west-1" || d.Input["Resources"] == nil {
		t.Fatalf("input %v", d.Input)
	}
	if r, exact := d.Positions.Lookup([]string{"tollgate", "cdk", "region"}); r != at || !exact {
		t.Fatalf("region at %+v", r)
	}
	if r, _ := d.Positions.Lookup([]string{"tollgate", "cdk", "stack"}); !r.IsZero() {
		t.Fatalf("stack at %+v", r)
	}
	if h := Edit(&Document{Format: FormatFiles, File: "x"}).Header(); h.m["format"] != FormatFiles {
		t.Fatalf("header %v", h.m)
	}
}

// FuzzBuilder: whatever sequence of puts builds a document, every value
// put is in the input at its path, Lookup gives the range put with it or
// else the nearest ancestor's, and Paths lists exactly the ranges put.
func FuzzBuilder(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Add([]byte("a list of lists and objects, put twice over"))
	f.Add([]byte{2, 0, 3, 9, 1, 1, 4, 4, 5, 7, 2, 0, 1, 8, 0, 0, 6, 2})
	f.Fuzz(func(t *testing.T, ops []byte) {
		m := newModel()
		for i := 0; i+2 < len(ops); i += 3 {
			m.step(ops[i], ops[i+1], ops[i+2])
		}
		m.check(t)
	})
}

// model drives a Builder and keeps, beside it, what each path should
// hold: the leaf values put and the ranges recorded.
type model struct {
	b       *Builder
	objects []cursorAt[Object]
	lists   []cursorAt[*List]
	values  map[string]any   // leaf values by path
	ranges  map[string]Range // recorded ranges by path
}

type cursorAt[C any] struct {
	c    C
	path string
}

func newModel() *model {
	b := NewBuilder(FormatFiles, "f")
	return &model{
		b:       b,
		objects: []cursorAt[Object]{{b.Root(), ""}},
		values:  map[string]any{},
		ranges:  map[string]Range{},
	}
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "/" + k
}

func rangeOf(x byte) Range {
	if x%4 == 0 {
		return Range{}
	}
	return Range{File: "f", Line: int(x)}
}

// replace forgets what was known under path: a put there replaced it.
func (m *model) replace(path string) {
	under := func(p string) bool { return p == path || strings.HasPrefix(p, path+"/") }
	for p := range m.values {
		if under(p) {
			delete(m.values, p)
		}
	}
	for p := range m.ranges {
		if under(p) {
			delete(m.ranges, p)
		}
	}
	objs := m.objects[:0]
	for _, o := range m.objects {
		if !under(o.path) {
			objs = append(objs, o)
		}
	}
	m.objects = objs
	lists := m.lists[:0]
	for _, l := range m.lists {
		if !under(l.path) {
			lists = append(lists, l)
		}
	}
	m.lists = lists
}

func (m *model) record(path string, r Range) {
	if r == (Range{}) {
		delete(m.ranges, path)
		return
	}
	m.ranges[path] = r
}

func (m *model) step(op, x, y byte) {
	key := string(rune('a' + x%3))
	r := rangeOf(y)
	if op%2 == 1 && len(m.lists) > 0 {
		l := m.lists[int(x)%len(m.lists)]
		p := join(l.path, strconv.Itoa(l.c.Len()))
		switch op / 2 % 2 {
		case 0:
			m.values[p] = int(y)
			m.record(p, r)
			l.c.Add(int(y), r)
		default:
			m.record(p, r)
			m.objects = append(m.objects, cursorAt[Object]{l.c.Object(nil).At(r), p})
		}
		return
	}
	o := m.objects[int(y)%len(m.objects)]
	p := join(o.path, key)
	switch op / 2 % 4 {
	case 0:
		m.replace(p)
		m.values[p] = int(y)
		m.record(p, r)
		o.c.Put(key, int(y), r)
	case 1:
		m.replace(p)
		m.objects = append(m.objects, cursorAt[Object]{o.c.Object(key, nil), p})
	case 2:
		m.replace(p)
		m.lists = append(m.lists, cursorAt[*List]{o.c.List(key, int(x%3)), p})
	default:
		m.record(o.path, r)
		o.c.At(r)
	}
}

func (m *model) check(t *testing.T) {
	d := m.b.Document()
	for p, v := range m.values {
		if got, ok := valueAt(d.Input, p); !ok || got != v {
			t.Fatalf("%s holds %v (%v), want %v", p, got, ok, v)
		}
	}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		var split []string
		if path != "" {
			split = strings.Split(path, "/")
		}
		got, exact := d.Positions.Lookup(split)
		want, wantExact := m.ranges[path]
		for q := path; !wantExact && q != ""; {
			i := strings.LastIndex(q, "/")
			q = q[:max(i, 0)]
			if r, ok := m.ranges[q]; ok {
				want = r
				break
			}
		}
		if got != want || exact != wantExact {
			t.Fatalf("%q at %+v (exact %v), want %+v (exact %v)", path, got, exact, want, wantExact)
		}
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(c, join(path, k))
			}
		case []any:
			for i, c := range x {
				walk(c, join(path, strconv.Itoa(i)))
			}
		}
	}
	walk(d.Input, "")
	paths := d.Positions.Paths()
	if len(paths) != len(m.ranges) {
		t.Fatalf("paths %v, want the %d put with a range", paths, len(m.ranges))
	}
	for _, p := range paths {
		if _, ok := m.ranges[strings.Join(p, "/")]; !ok {
			t.Fatalf("range at %v that nothing put", p)
		}
	}
}

func valueAt(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, "/") {
		switch x := v.(type) {
		case map[string]any:
			c, ok := x[k]
			if !ok {
				return nil, false
			}
			v = c
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// BenchmarkBuilder builds a Dockerfile-shaped document through cursors;
// BenchmarkPositionsSet builds the same one as scanners did before, with a
// path spelled for each range.
func BenchmarkBuilder(b *testing.B) {
	at := Range{File: "Dockerfile", Line: 1, Column: 1}
	b.ReportAllocs()
	for range b.N {
		stages := NewBuilder(FormatDockerfile, "Dockerfile").Root().List("stages", 0)
		for range 4 {
			st := stages.Object(map[string]any{"index": int64(0)}).At(at)
			st.Put("name", "x", at)
			instrs := st.List("instructions", 0)
			for range 20 {
				in := instrs.Object(map[string]any{"cmd": "run"}).At(at)
				lines := in.List("lines", 3)
				for range 3 {
					lines.Add("RUN x", at)
				}
			}
		}
	}
}

func BenchmarkPositionsSet(b *testing.B) {
	at := Range{File: "Dockerfile", Line: 1, Column: 1}
	b.ReportAllocs()
	for range b.N {
		pos := NewPositions()
		var stages []any
		for i := range 4 {
			sp := []string{"stages", strconv.Itoa(i)}
			pos.Set(sp, at)
			pos.Set(append(sp, "name"), at)
			var instrs []any
			for j := range 20 {
				ip := []string{"stages", strconv.Itoa(i), "instructions", strconv.Itoa(j)}
				pos.Set(ip, at)
				lines := make([]any, 0, 3)
				for k := range 3 {
					pos.Set(append(append([]string(nil), ip...), "lines", strconv.Itoa(k)), at)
					lines = append(lines, "RUN x")
				}
				instrs = append(instrs, map[string]any{"cmd": "run", "lines": lines})
			}
			stages = append(stages, map[string]any{"index": int64(0), "name": "x", "instructions": instrs})
		}
		_ = map[string]any{"tollgate": Header(FormatDockerfile, "Dockerfile"), "stages": stages}
	}
}
