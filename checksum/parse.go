package checksum

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// parseText reads the sha256sum text form. What it accepts, GNU
// sha256sum -c reads the same way (leading blanks, a blank or tab after
// the sum, the " " or "*" mode character or none, a CR before the
// newline, empty lines); what sha256sum --strict calls improperly
// formatted is an error here too.
func parseText(file string, data []byte) (*Manifest, error) {
	m := &Manifest{Format: FormatText}
	lines := strings.Split(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	fail := func(line int, format string, a ...any) error {
		return &ParseError{File: file, Line: line, Err: fmt.Errorf(format, a...)}
	}
	header, end := 0, 0
	style := styleUnknown
	for i, line := range lines {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		if end > 0 {
			return nil, fail(n, "a line after the %send line", directivePrefix)
		}
		if strings.HasPrefix(line, directivePrefix) {
			word, rest, _ := strings.Cut(strings.TrimPrefix(line, directivePrefix), " ")
			switch word {
			case headerWord:
				if n != 1 {
					return nil, fail(n, "%s%s must be the first line", directivePrefix, headerWord)
				}
				if rest != strconv.Itoa(Version) {
					return nil, fail(n, "manifest version %q: this tollgate reads version %d", rest, Version)
				}
				header = n
			case endWord:
				if header == 0 {
					return nil, fail(n, "%s%s without the %s%s header", directivePrefix, endWord, directivePrefix, headerWord)
				}
				if rest != strconv.Itoa(len(m.Artifacts)) {
					return nil, fail(n, "the manifest says it holds %s artifacts, %d were read: lines were lost", rest, len(m.Artifacts))
				}
				end = n
			case string(KindDirectory), string(KindImage):
				sum, nm, err := directiveLine(rest)
				if err != nil {
					return nil, fail(n, "%s%s: %v", directivePrefix, word, err)
				}
				a := Artifact{Kind: Kind(word), Name: nm, SHA256: sum, Line: n}
				if err := checkArtifact(a, false); err != nil {
					return nil, fail(n, "%v", err)
				}
				m.Artifacts = append(m.Artifacts, a)
			default:
				// A directive from a later version must not be skipped:
				// what it records would go unverified.
				return nil, fail(n, "unknown directive %s%s", directivePrefix, word)
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		sum, nm, err := gnuLine(line, &style)
		if err != nil {
			var berr error
			if sum, nm, berr = bsdLine(line); berr != nil {
				if !errors.Is(berr, errNotBSD) {
					err = berr
				}
				return nil, fail(n, "%v", err)
			}
		}
		m.Artifacts = append(m.Artifacts, Artifact{Kind: KindFile, Name: nm, SHA256: sum, Line: n})
	}
	if header > 0 && end == 0 {
		return nil, fail(len(lines)+1, "truncated: no %s%s line closes the manifest", directivePrefix, endWord)
	}
	if len(m.Artifacts) == 0 {
		return nil, fail(max(len(lines), 1), "no checksum lines")
	}
	return m, nil
}

// The two spellings of a sum line, which sha256sum does not let one file
// mix: a renamed file with a leading blank would otherwise read as
// another file.
const (
	styleUnknown  = iota
	styleGNU      // "<sum> <mode><name>", mode " " (text) or "*" (binary)
	styleReversed // "<sum> <name>", as BSD `sha256 -r` writes
)

var errNotSumLine = errors.New("not a checksum line: want a 64-digit SHA-256, two spaces and a path")

// gnuLine reads "[\]<64 hex><blank>[ |*]<name>" after optional leading
// blanks, as GNU sha256sum does: the first line fixes the style (a mode
// character after the blank, or none), and a later line of the other
// style is malformed. It returns the sum in lowercase and the unescaped
// name.
func gnuLine(line string, style *int) (string, string, error) {
	s := strings.TrimLeft(line, " \t")
	escaped := strings.HasPrefix(s, `\`)
	if escaped {
		s = s[1:]
	}
	if len(s) < 65 || !isHex64(s[:64]) || (s[64] != ' ' && s[64] != '\t') {
		return "", "", errNotSumLine
	}
	sum, rest := strings.ToLower(s[:64]), s[65:]
	if len(rest) <= 1 || (rest[0] != ' ' && rest[0] != '*') {
		if *style == styleGNU {
			return "", "", errors.New("a \"<sum> <path>\" line (one blank) among \"<sum>  <path>\" lines: sha256sum refuses the mix")
		}
		*style = styleReversed
	} else if *style != styleReversed {
		*style = styleGNU
		rest = rest[1:]
	}
	nm, err := unescapeName(rest, escaped)
	if err != nil {
		return "", "", err
	}
	return sum, nm, nil
}

// directiveLine reads the "[\]<64 hex>  <name>" of a tollgate directive,
// exactly as WriteText writes it.
func directiveLine(s string) (string, string, error) {
	escaped := strings.HasPrefix(s, `\`)
	if escaped {
		s = s[1:]
	}
	if len(s) < 66 || !isLowerHex64(s[:64]) || s[64:66] != "  " {
		return "", "", errors.New("want 64 lowercase hex digits, two spaces and a name")
	}
	nm, err := unescapeName(s[66:], escaped)
	return s[:64], nm, err
}

var errNotBSD = errors.New("not a BSD checksum line")

// bsdLine reads "[\]SHA256 (<name>) = <64 hex>", as `sha256sum --tag`
// writes it (sha256sum also takes the blanks around "(" and "=" away).
func bsdLine(line string) (string, string, error) {
	s := strings.TrimLeft(line, " \t")
	escaped := strings.HasPrefix(s, `\`)
	if escaped {
		s = s[1:]
	}
	if !strings.HasPrefix(s, "SHA256") {
		if alg, _, ok := strings.Cut(s, " ("); ok && alg != "" && !strings.ContainsAny(alg, " \t") {
			return "", "", fmt.Errorf("a %s checksum: only SHA256 is read", alg)
		}
		return "", "", errNotBSD
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "SHA256"), " ")
	if !strings.HasPrefix(s, "(") {
		return "", "", errNotBSD
	}
	close := strings.LastIndex(s, ")")
	if close < 1 {
		return "", "", errNotBSD
	}
	nm, rest := s[1:close], strings.TrimLeft(s[close+1:], " \t")
	if !strings.HasPrefix(rest, "=") {
		return "", "", errNotBSD
	}
	sum := strings.TrimLeft(rest[1:], " \t")
	if !isHex64(sum) {
		return "", "", errors.New("not a checksum line: the SHA256 is not 64 hex digits")
	}
	nm, err := unescapeName(nm, escaped)
	if err != nil {
		return "", "", err
	}
	return strings.ToLower(sum), nm, nil
}

// unescapeName undoes sha256sum's escaping of a flagged line: "\\" and
// "\n" (and "\r", which newer coreutils also escape).
func unescapeName(s string, escaped bool) (string, error) {
	if s == "" {
		return "", errors.New("no path after the checksum")
	}
	if !escaped {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", errors.New("the path ends in a lone backslash")
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf(`unknown escape \%c in the path`, s[i])
		}
	}
	return b.String(), nil
}

// checkReference accepts what go-containerregistry parses as an image
// reference.
func checkReference(ref string) error {
	if _, err := name.ParseReference(ref); err != nil {
		return fmt.Errorf("image reference %q: %w", ref, err)
	}
	return nil
}

// parseJSON reads the JSON form, naming the line of the artifact or the
// syntax error at fault.
func parseJSON(file string, data []byte) (*Manifest, error) {
	lineAt := func(off int64) int {
		off = min(max(off, 0), int64(len(data)))
		// The offset a decoder reports is the end of the last token read:
		// the value that failed starts at the next non-blank byte.
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,[:", data[off]) >= 0 {
			off++
		}
		return 1 + bytes.Count(data[:off], []byte("\n"))
	}
	fail := func(off int64, err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			off, err = int64(len(data)), errors.New("truncated: the JSON ends early")
		}
		return &ParseError{File: file, Line: lineAt(off), Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fail(dec.InputOffset(), err)
	}
	m := &Manifest{Format: FormatJSON}
	var magic string
	version, artifacts := 0, false
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(off, err)
		}
		key, _ := tok.(string)
		off = dec.InputOffset()
		switch key {
		case "manifest":
			err = dec.Decode(&magic)
		case "version":
			err = dec.Decode(&version)
		case "artifacts":
			artifacts = true
			err = decodeArtifacts(dec, m, lineAt)
		default:
			err = fmt.Errorf("unknown field %q", key)
		}
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.File = file
				return nil, pe
			}
			return nil, fail(off, err)
		}
		if key == "manifest" && magic != jsonMagic {
			return nil, fail(off, fmt.Errorf("manifest %q: not a tollgate checksum manifest (want %q)", magic, jsonMagic))
		}
		if key == "version" && version != Version {
			return nil, fail(off, fmt.Errorf("manifest version %d: this tollgate reads version %d", version, Version))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, fail(dec.InputOffset(), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fail(dec.InputOffset(), errors.New("data after the manifest"))
	}
	switch {
	case magic == "":
		return nil, fail(0, fmt.Errorf(`no "manifest": %q field`, jsonMagic))
	case version == 0:
		return nil, fail(0, errors.New(`no "version" field`))
	case !artifacts || len(m.Artifacts) == 0:
		return nil, fail(0, errors.New("no artifacts"))
	}
	return m, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, got %v", want, tok)
	}
	return nil
}

func decodeArtifacts(dec *json.Decoder, m *Manifest, lineAt func(int64) int) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		line := lineAt(dec.InputOffset())
		var ja jsonArtifact
		if err := dec.Decode(&ja); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
				return err
			}
			return &ParseError{Line: line, Err: err}
		}
		a := Artifact{Kind: ja.Kind, SHA256: ja.SHA256, Line: line}
		switch ja.Kind {
		case KindImage:
			a.Name = ja.Reference
			if ja.Path != "" {
				return &ParseError{Line: line, Err: errors.New(`an image has a "reference", not a "path"`)}
			}
		default:
			a.Name = ja.Path
			if ja.Reference != "" {
				return &ParseError{Line: line, Err: fmt.Errorf(`a %s has a "path", not a "reference"`, ja.Kind)}
			}
		}
		if ja.Entries != nil {
			a.Entries = make([]Entry, 0, len(*ja.Entries))
			for _, e := range *ja.Entries {
				a.Entries = append(a.Entries, Entry(e))
			}
		}
		if ja.Kind == KindDirectory && ja.Entries == nil {
			return &ParseError{Line: line, Err: errors.New(`a directory lists its "entries"`)}
		}
		if err := checkArtifact(a, ja.Kind == KindDirectory); err != nil {
			return &ParseError{Line: line, Err: fmt.Errorf("%s %q: %w", a.Kind, a.Name, err)}
		}
		m.Artifacts = append(m.Artifacts, a)
	}
	return expectDelim(dec, ']')
}
