package srctree

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
)

// DecodeJSON decodes content, which must hold exactly one JSON value.
// It accepts what encoding/json accepts (strings decode as encoding/json
// decodes them, invalid UTF-8 included) and reads numbers as written: an
// integer that fits int64 is an Int, other numbers Floats, and one too
// large for a float64 the String of its digits, which loses nothing.
//
// Errors are *document.SourceError values. A syntax error is the one
// encoding/json reports for the whole content (its Err a
// *json.SyntaxError), placed at the offending byte, or at the end of the
// content when the JSON ends early. Depth and duplicate keys are checked
// as the value is read, so which of several faults is reported does not
// depend on this package: it is the first in the text.
func DecodeJSON(file string, content []byte, opts Options) (*Node, error) {
	p := &jsonParser{file: file, data: content, opts: opts, line: 1, col: 1}
	n, err := p.first()
	if err != nil {
		return nil, err
	}
	if p.off < len(p.data) {
		// Placed where encoding/json's Decoder would read its next token,
		// which skips separators too.
		at := p.off
		for at < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[at]) >= 0 {
			at++
		}
		return nil, &document.SourceError{Range: p.at(at), Err: ErrTrailingData}
	}
	return n, nil
}

// DecodeJSONPrefix is DecodeJSON for the first value of content only: it
// also returns the offset after that value's trailing white space, and
// leaves what follows to the caller.
func DecodeJSONPrefix(file string, content []byte, opts Options) (*Node, int, error) {
	p := &jsonParser{file: file, data: content, opts: opts, line: 1, col: 1}
	n, err := p.first()
	return n, p.off, err
}

func (p *jsonParser) first() (*Node, error) {
	p.skipSpace()
	n, err := p.value(0)
	p.skipSpace()
	return n, err
}

// jsonParser reads JSON by recursive descent. It keeps the position of
// the last value met and moves it forward to the next, so placing every
// value costs one pass over the text instead of a search per value.
type jsonParser struct {
	file string
	data []byte
	off  int
	opts Options
	// cur is the offset whose position is line:col.
	cur, line, col int
	// slab hands out nodes allocated a chunk at a time: one allocation
	// instead of one per value.
	slab []Node
}

func (p *jsonParser) node(k Kind) *Node {
	if len(p.slab) == 0 {
		p.slab = make([]Node, 128)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	n.Kind = k
	return n
}

// at is the range of offset off, which must not be before the last one
// asked for and must start a character.
func (p *jsonParser) at(off int) document.Range {
	seg := p.data[p.cur:off]
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		p.line += bytes.Count(seg, []byte{'\n'})
		p.col = 1 + utf8.RuneCount(seg[nl+1:])
	} else {
		p.col += utf8.RuneCount(seg)
	}
	p.cur = off
	return document.Range{File: p.file, Line: p.line, Column: p.col}
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\r', '\n':
			p.off++
			continue
		}
		return
	}
}

// next is the byte at the read offset, or 0 at the end.
func (p *jsonParser) next() byte {
	if p.off < len(p.data) {
		return p.data[p.off]
	}
	return 0
}

// syntaxError reports the first syntax error of the whole content as
// encoding/json does: its offsets count every byte up to and including
// the offending one.
func (p *jsonParser) syntaxError() error {
	lines := srcpos.New(p.file, p.data)
	var se *json.SyntaxError
	if err := json.Unmarshal(p.data, new(json.RawMessage)); errors.As(err, &se) {
		off := int(se.Offset) - 1
		if strings.HasPrefix(se.Error(), "unexpected end") {
			off = len(p.data)
		}
		return &document.SourceError{Range: lines.At(off), Err: se}
	}
	// Not reached while this parser accepts what encoding/json accepts
	// (FuzzDecodeJSON checks it); should they disagree, still fail.
	if p.off >= len(p.data) {
		return &document.SourceError{Range: lines.At(len(p.data)), Err: errors.New("unexpected end of JSON input")}
	}
	return &document.SourceError{Range: lines.At(p.off), Err: errors.New("invalid JSON")}
}

func (p *jsonParser) tooDeep(depth int, r document.Range) error {
	if p.opts.MaxDepth > 0 && depth > p.opts.MaxDepth {
		return &document.SourceError{Range: r, Err: limitError{ErrTooDeep, p.opts.MaxDepth}}
	}
	return nil
}

// value reads the value at the read offset (after white space).
func (p *jsonParser) value(depth int) (*Node, error) {
	if p.off >= len(p.data) {
		return nil, p.syntaxError()
	}
	start := p.off
	r := p.at(start)
	var n *Node
	switch c := p.data[start]; c {
	case '{':
		if err := p.tooDeep(depth, r); err != nil {
			return nil, err
		}
		return p.object(depth, r)
	case '[':
		if err := p.tooDeep(depth, r); err != nil {
			return nil, err
		}
		return p.array(depth, r)
	case '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n = p.node(String)
		n.Str = s
	case 't', 'f', 'n':
		lit := "null"
		n = p.node(Null)
		switch c {
		case 't':
			lit, n.Kind, n.Bool = "true", Bool, true
		case 'f':
			lit, n.Kind = "false", Bool
		}
		if !bytes.HasPrefix(p.data[start:], []byte(lit)) {
			return nil, p.syntaxError()
		}
		p.off += len(lit)
	default:
		var err error
		if n, err = p.number(); err != nil {
			return nil, err
		}
	}
	n.Range, n.Start, n.End = r, start, p.off
	if err := p.tooDeep(depth, r); err != nil {
		return nil, err
	}
	return n, nil
}

func (p *jsonParser) object(depth int, r document.Range) (*Node, error) {
	n, empty := p.open(Map, r, '}')
	if empty {
		return n, nil
	}
	for {
		if p.next() != '"' {
			return nil, p.syntaxError()
		}
		kr := p.at(p.off)
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.next() != ':' {
			return nil, p.syntaxError()
		}
		p.off++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if err := n.Add(k, kr, v, p.opts.KeepDuplicates); err != nil {
			return nil, err
		}
		if more, err := p.more(n, '}'); !more {
			if err != nil {
				return nil, err
			}
			return n, nil
		}
	}
}

// open reads the opening delimiter of a mapping or sequence, and its
// closing one too when it is empty.
func (p *jsonParser) open(k Kind, r document.Range, closing byte) (n *Node, empty bool) {
	n = p.node(k)
	n.Range, n.Start = r, p.off
	p.off++
	p.skipSpace()
	if p.next() == closing {
		p.off++
		n.End = p.off
		return n, true
	}
	return n, false
}

// more reads what follows a member of n: a comma (more to come) or the
// closing delimiter, which ends n.
func (p *jsonParser) more(n *Node, closing byte) (bool, error) {
	p.skipSpace()
	switch p.next() {
	case ',':
		p.off++
		p.skipSpace()
		return true, nil
	case closing:
		p.off++
		n.End = p.off
		return false, nil
	}
	return false, p.syntaxError()
}

func (p *jsonParser) array(depth int, r document.Range) (*Node, error) {
	n, empty := p.open(Seq, r, ']')
	if empty {
		return n, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Vals = append(n.Vals, v)
		if more, err := p.more(n, ']'); !more {
			if err != nil {
				return nil, err
			}
			return n, nil
		}
	}
}

// str reads the string at the read offset (its opening quote).
func (p *jsonParser) str() (string, error) {
	d := p.data
	i, plain := p.off+1, true
	for {
		if i >= len(d) {
			return "", p.syntaxError()
		}
		c := d[i]
		if c == '"' {
			break
		}
		switch {
		case c < 0x20:
			return "", p.syntaxError()
		case c == '\\':
			plain = false
			if i+1 >= len(d) {
				return "", p.syntaxError()
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) || !isHex4(d[i+2:i+6]) {
					return "", p.syntaxError()
				}
				i += 6
			default:
				return "", p.syntaxError()
			}
			continue
		case c >= utf8.RuneSelf:
			plain = false
		}
		i++
	}
	raw := d[p.off : i+1]
	p.off = i + 1
	inner := raw[1 : len(raw)-1]
	if plain || (bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner)) {
		return string(inner), nil
	}
	// Escapes, surrogates and invalid UTF-8 decode exactly as
	// encoding/json decodes them.
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", p.syntaxError()
	}
	return s, nil
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// number reads the number at the read offset.
func (p *jsonParser) number() (*Node, error) {
	d, i := p.data, p.off
	digits := func() int {
		j := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		return nil, p.syntaxError()
	}
	integer := true
	if i < len(d) && d[i] == '.' {
		i++
		integer = false
		if digits() == 0 {
			return nil, p.syntaxError()
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		integer = false
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, p.syntaxError()
		}
	}
	s := string(d[p.off:i])
	p.off = i
	n := p.node(Int)
	if integer {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			n.Int = v
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		n.Kind, n.Str = String, s
		return n, nil
	}
	n.Kind, n.Float = Float, f
	return n, nil
}
