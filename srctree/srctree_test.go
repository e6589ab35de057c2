package srctree

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
)

func TestJSONPositionsCountCodePoints(t *testing.T) {
	src := "{\"é\": [1, \"ü\", {\"k\": true}],\n  \"n\": null}"
	n, err := DecodeJSON("f.json", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	list := n.Get("é")
	if got := list.Vals[1].Range; got.Line != 1 || got.Column != 11 {
		t.Errorf(`"ü" at %d:%d, want 1:11`, got.Line, got.Column)
	}
	if got := list.Vals[2].Get("k").Range; got.Column != 22 {
		t.Errorf("true at column %d, want 22", got.Column)
	}
	if got := n.KeyRanges[1]; got.File != "f.json" || got.Line != 2 || got.Column != 3 {
		t.Errorf(`key "n" at %+v, want f.json 2:3`, got)
	}
	if raw := src[list.Start:list.End]; raw != `[1, "ü", {"k": true}]` {
		t.Errorf("span %q", raw)
	}
}

func TestJSONValues(t *testing.T) {
	n, err := DecodeJSON("f", []byte(`{"i": -0, "big": 99999999999999999999, "huge": 1e999, "f": 1.5e2, "s": "a\u00e9\n\ud83d\ude00", "bad": "\ud800"}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]Node{
		"i":    {Kind: Int},
		"big":  {Kind: Float, Float: 1e20},
		"huge": {Kind: String, Str: "1e999"},
		"f":    {Kind: Float, Float: 150},
		"s":    {Kind: String, Str: "aé\n😀"},
		"bad":  {Kind: String, Str: "\ufffd"},
	} {
		got := n.Get(k)
		if got.Kind != want.Kind || got.Str != want.Str || got.Int != want.Int || got.Float != want.Float {
			t.Errorf("%s = %+v, want %+v", k, *got, want)
		}
	}
}

func TestJSONDuplicates(t *testing.T) {
	src := []byte("{\"a\": 1,\n \"a\": 2}")
	_, err := DecodeJSON("f", src, Options{})
	var se *document.SourceError
	if !errors.As(err, &se) || !errors.Is(err, ErrDuplicate) || se.Range.Line != 2 || se.Range.Column != 2 || se.Err.Error() != `duplicate key "a"` {
		t.Fatalf("error = %v", err)
	}
	n, err := DecodeJSON("f", src, Options{KeepDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	if n.Get("a").Int != 2 || len(n.Keys) != 2 {
		t.Errorf("kept %v, get %d", n.Keys, n.Get("a").Int)
	}
	if k, ok := n.Duplicate(); !ok || k != "a" {
		t.Errorf("Duplicate() = %q, %v", k, ok)
	}
}

func TestLargeMappingIndex(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 40 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	b.WriteString(`, "k0": 77}`)
	if _, err := DecodeJSON("f", []byte(b.String()), Options{}); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate past the index size: %v", err)
	}
	n, err := DecodeJSON("f", []byte(b.String()), Options{KeepDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	if n.Get("k0").Int != 77 || n.Get("k25").Int != 25 || n.Get("nope") != nil {
		t.Errorf("lookups through the index are wrong")
	}
}

func TestJSONErrors(t *testing.T) {
	for _, c := range []struct {
		name, src  string
		opts       Options
		line, col  int
		msg        string
		isSentinel error
	}{
		{"syntax at the offending byte", "{\n  \"a\": tru\n}", Options{}, 2, 11, "invalid character '\\n' in literal true (expecting 'e')", nil},
		{"missing comma", `{"a": 1 "b": 2}`, Options{}, 1, 9, "invalid character '\"' after object key:value pair", nil},
		{"ends early, at the end", "{\"a\": [1,\n", Options{}, 2, 1, "unexpected end of JSON input", nil},
		{"empty", "", Options{}, 1, 1, "unexpected end of JSON input", nil},
		{"trailing data", "{} ,\n x", Options{}, 2, 2, "unexpected data after the top-level JSON value", ErrTrailingData},
		{"second value", "1 2", Options{}, 1, 3, "unexpected data after the top-level JSON value", ErrTrailingData},
		{"too deep", "[[[1]]]", Options{MaxDepth: 2}, 1, 4, "nesting is deeper than 2 levels", ErrTooDeep},
		{"scalar too deep", `[[ "x"]]`, Options{MaxDepth: 1}, 1, 4, "nesting is deeper than 1 levels", ErrTooDeep},
		// The first fault in the text wins: here the duplicate.
		{"duplicate before a syntax error", `{"a": 1, "a": 2, x}`, Options{}, 1, 10, `duplicate key "a"`, ErrDuplicate},
		{"control character in a string", "\"a\tb\"", Options{}, 1, 3, "invalid character '\\t' in string literal", nil},
		{"bad escape", `"\x"`, Options{}, 1, 3, "invalid character 'x' in string escape code", nil},
		{"leading zero", `[01]`, Options{}, 1, 3, "invalid character '1' after array element", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeJSON("f.json", []byte(c.src), c.opts)
			var se *document.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want a SourceError", err)
			}
			if se.Range.File != "f.json" || se.Range.Line != c.line || se.Range.Column != c.col || se.Err.Error() != c.msg {
				t.Errorf("got %v at %d:%d, want %q at %d:%d", se.Err, se.Range.Line, se.Range.Column, c.msg, c.line, c.col)
			}
			if c.isSentinel != nil && !errors.Is(err, c.isSentinel) {
				t.Errorf("%v is not %v", err, c.isSentinel)
			}
			var syn *json.SyntaxError
			if c.isSentinel == nil && !errors.As(err, &syn) {
				t.Errorf("a syntax error's Err is not a *json.SyntaxError: %T", se.Err)
			}
		})
	}
}

func TestYAMLTagsAndMerges(t *testing.T) {
	src := "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nr: !Ref Thing\ns: !Join [a, [b]]\nz: 012\n"
	n, err := DecodeYAML("t.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := n.Get("m")
	if !reflect.DeepEqual(m.Keys, []string{"y", "x"}) || m.Get("x").Int != 1 || m.Get("y").Int != 3 {
		t.Errorf("merge: keys %v", m.Keys)
	}
	if r := n.Get("r"); r.Tag != "!Ref" || r.Kind != String || r.Str != "Thing" || r.Range.Line != 5 || r.Range.Column != 4 {
		t.Errorf("!Ref kept as %+v", *r)
	}
	if s := n.Get("s"); s.Tag != "!Join" || s.Kind != Seq || len(s.Vals) != 2 {
		t.Errorf("!Join kept as %+v", *s)
	}
	if z := n.Get("z"); z.Kind != String || z.Str != "012" {
		t.Errorf("leading zero read as %+v", *z)
	}

	refused := errors.New("not this one")
	_, err = DecodeYAML("t.yaml", []byte(src), Options{CheckTag: func(tag string) error {
		if tag == "!Join" {
			return refused
		}
		return nil
	}})
	var se *document.SourceError
	if !errors.As(err, &se) || !errors.Is(err, refused) || se.Range.Line != 6 || se.Range.Column != 4 {
		t.Errorf("refused tag: %v", err)
	}

	wrapped, err := DecodeYAML("t.yaml", []byte(src), Options{Tagged: func(tag string, n *Node) *Node {
		w := &Node{Kind: Map, Range: n.Range}
		_ = w.Add(tag, n.Range, n, false)
		return w
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r := wrapped.Get("r"); r.Kind != Map || r.Get("!Ref").Str != "Thing" || r.Get("!Ref").Tag != "" {
		t.Errorf("Tagged did not replace the node: %+v", *r)
	}
}

func TestYAMLLimitsAndErrors(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	if _, err := DecodeYAML("t", []byte(bomb), Options{MaxValues: 500}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 500 values") {
		t.Errorf("alias bomb: %v", err)
	}
	if _, err := DecodeYAML("t", []byte("a: [[[1]]]"), Options{MaxDepth: 3}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("depth: %v", err)
	}
	if _, err := DecodeYAML("t", []byte("a: 1\na: 2\n"), Options{}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := DecodeYAML("t", []byte("# nothing\n"), Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	var se *document.SourceError
	if _, err := DecodeYAML("t", []byte("a: 1\n---\nb: 2\n"), Options{}); !errors.Is(err, ErrMultipleDocuments) || !errors.As(err, &se) || se.Range.Line != 2 {
		t.Errorf("two documents: %v", err)
	}
	// yaml.v3 names the line where the block starts; the problem is on 4.
	_, err := DecodeYAML("t", []byte("a:\n  b: 1\n  c: 2\n  d: [1, 2\n"), Options{})
	if !errors.As(err, &se) || se.Range.Line != 4 {
		t.Errorf("syntax error placed at %v", err)
	}
}

// checkSpans checks every JSON value's range and span against srcpos and
// encoding/json.
func checkSpans(t *testing.T, content []byte, lines *srcpos.Index, n *Node) {
	t.Helper()
	if want := lines.At(n.Start); n.Range != want {
		t.Fatalf("value at byte %d placed %+v, srcpos says %+v", n.Start, n.Range, want)
	}
	if !json.Valid(content[n.Start:n.End]) {
		t.Fatalf("span %q is not one value", content[n.Start:n.End])
	}
	for i, k := range n.Keys {
		kr := n.KeyRanges[i]
		if kr.Line > n.Vals[i].Range.Line || kr.Line == n.Vals[i].Range.Line && kr.Column >= n.Vals[i].Range.Column {
			t.Fatalf("key %q placed after its value", k)
		}
	}
	for _, v := range n.Vals {
		checkSpans(t, content, lines, v)
	}
}

// plainValue is a node as encoding/json decodes it (numbers as float64).
func plainValue(n *Node) any {
	switch n.Kind {
	case String:
		return n.Str
	case Int:
		return float64(n.Int)
	case Float:
		return n.Float
	case Bool:
		return n.Bool
	case Map:
		m := map[string]any{}
		for i, k := range n.Keys {
			m[k] = plainValue(n.Vals[i])
		}
		return m
	case Seq:
		s := []any{}
		for _, v := range n.Vals {
			s = append(s, plainValue(v))
		}
		return s
	}
	return nil
}

// FuzzDecodeJSON checks the parser accepts exactly what encoding/json
// accepts, decodes the same values, and places every value as srcpos does.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5e3, "x\u00e9", true, null], "b": {"c": -0}}`, "{\n \"é\": \"ü\"}", `[01]`, `"\ud800"`, "{} x", `{"a":1,"a":2}`, `1e999`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		n, err := DecodeJSON("f", content, Options{KeepDuplicates: true})
		valid := json.Valid(content)
		if (err == nil) != valid {
			t.Fatalf("DecodeJSON error %v, encoding/json valid %v", err, valid)
		}
		if err != nil {
			var se *document.SourceError
			if !errors.As(err, &se) || se.Range.Line < 1 {
				t.Fatalf("error not placed: %v", err)
			}
			return
		}
		checkSpans(t, content, srcpos.New("f", content), n)
		var want any
		var te *json.UnmarshalTypeError
		if err := json.Unmarshal(content, &want); errors.As(err, &te) {
			return // a number too large for float64, kept as its digits
		} else if err != nil {
			t.Fatal(err)
		}
		if got := plainValue(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %#v, encoding/json %#v", got, want)
		}
	})
}

// FuzzDecodeYAML: any input decodes or fails with a placed error, without
// hanging or crashing, within the limits.
func FuzzDecodeYAML(f *testing.F) {
	for _, s := range []string{"a: &a [*a]", "a: !Ref b\nc: {<<: {d: 1}}\n", "a:\n  - !GetAtt x.y\n", "a: 1\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		_, err := DecodeYAML("t.yaml", content, Options{MaxDepth: 64, MaxValues: 10000})
		var se *document.SourceError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("error %T %v is not a SourceError", err, err)
		}
	})
}
