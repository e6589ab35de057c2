package cloudformation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
)

// decodeJSON parses a JSON template with encoding/json, whose syntax errors
// carry a reliable byte offset, and records where every token starts.
func decodeJSON(file string, content []byte) (*node, error) {
	c := &jsonConv{lines: srcpos.New(file, content), content: content}
	c.dec = json.NewDecoder(bytes.NewReader(content))
	c.dec.UseNumber()
	n, err := c.value(0)
	if err != nil {
		return nil, err
	}
	at := c.lines.At(c.start())
	if _, err := c.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &document.SourceError{Range: at, Err: errors.New("unexpected data after the top-level JSON value")}
	}
	return n, nil
}

type jsonConv struct {
	dec     *json.Decoder
	lines   *srcpos.Index
	content []byte
}

// start finds where the next token begins: Token consumes separators and
// whitespace, and InputOffset stops right after the previous token.
func (c *jsonConv) start() int {
	off := int(c.dec.InputOffset())
	for off < len(c.content) {
		switch c.content[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (c *jsonConv) token() (json.Token, document.Range, error) {
	pos := c.lines.At(c.start())
	tok, err := c.dec.Token()
	if err != nil {
		return nil, pos, c.syntaxError(err)
	}
	return tok, pos, nil
}

// syntaxError places a decoding error. Decoder.Token's offsets are relative
// to where it started buffering a value, so the whole input is checked
// again with Unmarshal, whose offset counts every byte up to and including
// the offending one.
func (c *jsonConv) syntaxError(err error) error {
	var se *json.SyntaxError
	if verr := json.Unmarshal(c.content, new(json.RawMessage)); errors.As(verr, &se) {
		msg, off := se.Error(), int(se.Offset)-1
		if strings.HasPrefix(msg, "unexpected end") {
			off = len(c.content)
		}
		return &document.SourceError{Range: c.lines.At(off), Err: errors.New(msg)}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &document.SourceError{Range: c.lines.At(len(c.content)), Err: errors.New("unexpected end of JSON input")}
	}
	return &document.SourceError{Range: c.lines.At(c.start()), Err: err}
}

func (c *jsonConv) value(depth int) (*node, error) {
	tok, pos, err := c.token()
	if err != nil {
		return nil, err
	}
	return c.fromToken(tok, pos, depth)
}

func (c *jsonConv) fromToken(tok json.Token, pos document.Range, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, &document.SourceError{Range: pos, Err: errTooDeep}
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{kind: kMap, pos: pos}
			for c.dec.More() {
				kt, kp, err := c.token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, &document.SourceError{Range: kp, Err: fmt.Errorf("object key is not a string")}
				}
				v, err := c.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if err := n.add(k, kp, v); err != nil {
					return nil, err
				}
			}
			if _, _, err := c.token(); err != nil { // '}'
				return nil, err
			}
			return n, nil
		case '[':
			n := &node{kind: kSeq, pos: pos}
			for c.dec.More() {
				v, err := c.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
			if _, _, err := c.token(); err != nil { // ']'
				return nil, err
			}
			return n, nil
		}
		return nil, &document.SourceError{Range: pos, Err: fmt.Errorf("unexpected %q", t)}
	case string:
		return &node{kind: kStr, str: t, pos: pos}, nil
	case bool:
		return &node{kind: kBool, b: t, pos: pos}, nil
	case nil:
		return &node{kind: kNull, pos: pos}, nil
	case json.Number:
		s := string(t)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return &node{kind: kInt, i: i, pos: pos}, nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			// Too large for float64: the digits as written lose nothing.
			return &node{kind: kStr, str: s, pos: pos}, nil
		}
		return &node{kind: kFloat, f: f, pos: pos}, nil
	}
	return nil, &document.SourceError{Range: pos, Err: fmt.Errorf("unexpected JSON token %v", tok)}
}
