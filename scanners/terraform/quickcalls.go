package terraform

import "bytes"

// quickSources returns the source of every top-level module block of a
// native-syntax configuration file without building its syntax tree.
// Discovery asks this of every file in the tree that mentions a module, and
// a full HCL parse of them all was most of discovery's time (HCL's lexer
// segments every byte into grapheme clusters). ok is false whenever the
// file holds anything this reader does not fully understand — a template or
// escape in a label or source, a heredoc with interpolations, a nested block
// in a module block, unbalanced brackets, non-ASCII names — and the caller
// then parses the file with HCL, which stays the reference (FuzzQuickSources
// holds the two to the same answer). A source given by any expression other
// than a plain quoted string is such a case too, so every value returned is
// the literal text between the quotes.
func quickSources(src []byte) (sources []string, ok bool) {
	r := &quickReader{b: src}
	defer func() {
		// A reader bug must cost a parse, never a wrong answer.
		if recover() != nil {
			sources, ok = nil, false
		}
	}()
	if !r.body(0, false) || r.i != len(r.b) {
		return nil, false
	}
	return r.sources, true
}

type quickReader struct {
	b       []byte
	i       int
	sources []string
}

// body reads the items of a body up to its closing brace (or the end of
// the file at depth 0) and consumes that brace. module is true inside a
// top-level module block.
func (r *quickReader) body(depth int, module bool) bool {
	sawSource := false
	for {
		if !r.skipBlank(true) {
			return false
		}
		if r.i == len(r.b) {
			return depth == 0
		}
		if r.b[r.i] == '}' {
			if depth == 0 {
				return false
			}
			r.i++
			return true
		}
		name, ok := r.ident()
		if !ok || !r.skipBlank(false) || r.i == len(r.b) {
			return false
		}
		if r.b[r.i] == '=' && !r.at("==") {
			r.i++
			if module && name == "source" {
				if sawSource || !r.sourceValue() {
					return false
				}
				sawSource = true
			} else if !r.expression() {
				return false
			}
			if !r.endOfItem() {
				return false
			}
			continue
		}
		if module { // a nested block in a module call: let HCL judge
			return false
		}
		labels := 0
		for r.i < len(r.b) && r.b[r.i] != '{' {
			switch {
			case r.b[r.i] == '"':
				if _, plain, ok := r.quoted(); !ok || !plain {
					return false
				}
			default:
				if _, ok := r.ident(); !ok {
					return false
				}
			}
			labels++
			if !r.skipBlank(false) {
				return false
			}
		}
		if r.i == len(r.b) {
			return false
		}
		r.i++ // {
		isModule := depth == 0 && name == "module"
		if isModule && labels != 1 {
			return false
		}
		if !r.body(depth+1, isModule) || !r.endOfItem() {
			return false
		}
	}
}

// endOfItem accepts what may follow an item: blanks and a comment, then a
// newline, the end of the file or (on a one-line block) the closing brace,
// which it leaves for body.
func (r *quickReader) endOfItem() bool {
	if !r.skipBlank(false) {
		return false
	}
	if r.i == len(r.b) || r.b[r.i] == '}' {
		return true
	}
	if r.b[r.i] == '\n' {
		r.i++
		return true
	}
	return false
}

// sourceValue reads a module's source: one plain quoted string.
func (r *quickReader) sourceValue() bool {
	if !r.skipBlank(false) || r.i == len(r.b) || r.b[r.i] != '"' {
		return false
	}
	s, plain, ok := r.quoted()
	if !ok || !plain {
		return false
	}
	r.sources = append(r.sources, s)
	return true
}

// expression skips an attribute's value up to the newline (or the brace of
// a one-line block) that ends it at the current nesting.
func (r *quickReader) expression() bool {
	var stack []byte
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '\n' && len(stack) == 0, c == '}' && len(stack) == 0:
			return true
		case r.opensNested(c):
			if !r.skipNested(c) {
				return false
			}
		case c == '{' || c == '[' || c == '(':
			stack = append(stack, closer(c))
			r.i++
		case c == '}' || c == ']' || c == ')':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return false
			}
			stack = stack[:len(stack)-1]
			r.i++
		case c >= 0x80:
			return false
		default:
			r.i++
		}
	}
	return len(stack) == 0
}

func closer(c byte) byte {
	switch c {
	case '{':
		return '}'
	case '[':
		return ']'
	}
	return ')'
}

// quoted reads a quoted string starting at its opening quote. plain is true
// when the text holds no escape, interpolation, directive or non-ASCII byte
// (HCL normalises those), so that s is exactly the string's value.
func (r *quickReader) quoted() (s string, plain, ok bool) {
	start := r.i + 1
	plain = true
	r.i++
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			s = string(r.b[start:r.i])
			r.i++
			return s, plain, true
		case c == '\n':
			return "", false, false
		case c == '\\':
			plain = false
			r.i += 2
		case r.at("$${"), r.at("%%{"):
			plain = false
			r.i += 3
		case r.at("${"), r.at("%{"):
			plain = false
			r.i += 2
			if !r.interpolation() {
				return "", false, false
			}
		default:
			if c >= 0x80 {
				plain = false
			}
			r.i++
		}
	}
	return "", false, false
}

// opensNested says whether c, at the reader's position, starts a string,
// a heredoc or a comment, which skipNested skips whole.
func (r *quickReader) opensNested(c byte) bool {
	return c == '"' || c == '#' || r.at("<<") || r.at("//") || r.at("/*")
}

func (r *quickReader) skipNested(c byte) bool {
	switch {
	case c == '"':
		_, _, ok := r.quoted()
		return ok
	case r.at("<<"):
		return r.heredoc()
	}
	return r.comment()
}

// interpolation skips the inside of ${…} or %{…} through its closing brace.
func (r *quickReader) interpolation() bool {
	depth := 0
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case r.opensNested(c):
			if !r.skipNested(c) {
				return false
			}
		case c == '{':
			depth++
			r.i++
		case c == '}':
			r.i++
			if depth == 0 {
				return true
			}
			depth--
		default:
			r.i++
		}
	}
	return false
}

// heredoc skips <<MARKER or <<-MARKER through its closing line. A body with
// an interpolation or directive is left to HCL.
func (r *quickReader) heredoc() bool {
	r.i += 2
	if r.i < len(r.b) && r.b[r.i] == '-' {
		r.i++
	}
	marker, ok := r.ident()
	if !ok {
		return false
	}
	if r.at("\r\n") {
		r.i++
	}
	if !r.at("\n") {
		return false
	}
	r.i++
	for r.i < len(r.b) {
		end := bytes.IndexByte(r.b[r.i:], '\n')
		if end < 0 {
			end = len(r.b) - r.i
		}
		line := r.b[r.i : r.i+end]
		if bytes.Contains(line, []byte("${")) || bytes.Contains(line, []byte("%{")) {
			return false
		}
		if string(bytes.TrimSpace(line)) == marker && end < len(r.b)-r.i {
			r.i += end // the newline ends the item
			return true
		}
		r.i += end + 1
	}
	return false
}

// comment skips a comment; a line comment stops before its newline.
func (r *quickReader) comment() bool {
	if r.at("/*") {
		end := bytes.Index(r.b[r.i+2:], []byte("*/"))
		if end < 0 {
			return false
		}
		r.i += 2 + end + 2
		return true
	}
	end := bytes.IndexByte(r.b[r.i:], '\n')
	if end < 0 {
		r.i = len(r.b)
	} else {
		r.i += end
	}
	return true
}

// skipBlank skips spaces, tabs, carriage returns and comments, and
// newlines when lines is true.
func (r *quickReader) skipBlank(lines bool) bool {
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || (lines && c == '\n'):
			r.i++
		case c == '#', r.at("//"), r.at("/*"):
			if !r.comment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

// ident reads an ASCII identifier.
func (r *quickReader) ident() (string, bool) {
	start := r.i
	for r.i < len(r.b) {
		c := r.b[r.i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || r.i > start && (c == '-' || c >= '0' && c <= '9') {
			r.i++
			continue
		}
		break
	}
	return string(r.b[start:r.i]), r.i > start
}

func (r *quickReader) at(s string) bool {
	return bytes.HasPrefix(r.b[r.i:], []byte(s))
}
