package image

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// FilePattern names files by their absolute, slash-separated path: Path
// matches them unless Except does (RE2 syntax, as Rego's regex.match).
type FilePattern struct {
	Path   string
	Except string
}

// Triage names the files the policies want whatever their place in the
// image: each is listed in the input with its content (at most
// MaxContentSize) read outside the text budget. Which files those are is
// the policies' decision (the credential files of the built-in rules), not
// the scanner's: a nil Triage names none, and the input then holds only
// the facts every image gets (privilege bits, accounts, flagged text).
type Triage struct {
	patterns []compiledPattern
}

type compiledPattern struct {
	path, except *regexp.Regexp
	// suffix, when set, ends every path that path matches (case-folded
	// when fold): a test that rejects almost every file of an image before
	// the regexp runs, which for some patterns costs a hundred times more.
	suffix string
	fold   bool
}

// NewTriage compiles the patterns; an error names the one that does not.
func NewTriage(patterns []FilePattern) (*Triage, error) {
	t := &Triage{}
	for i, p := range patterns {
		c := compiledPattern{}
		var err error
		if c.path, err = regexp.Compile(p.Path); err != nil {
			return nil, fmt.Errorf("file pattern %d: path: %w", i, err)
		}
		c.suffix, c.fold = literalSuffix(p.Path)
		if p.Except != "" {
			if c.except, err = regexp.Compile(p.Except); err != nil {
				return nil, fmt.Errorf("file pattern %d: except: %w", i, err)
			}
		}
		t.patterns = append(t.patterns, c)
	}
	return t, nil
}

// Names reports whether a pattern names the image path p.
func (t *Triage) Names(p string) bool {
	if t == nil {
		return false
	}
	for _, c := range t.patterns {
		if c.hasSuffix(p) && c.path.MatchString(p) && (c.except == nil || !c.except.MatchString(p)) {
			return true
		}
	}
	return false
}

func (c compiledPattern) hasSuffix(p string) bool {
	if !c.fold {
		return strings.HasSuffix(p, c.suffix)
	}
	// Rune by rune from the end: (?i)k also matches the Kelvin sign, whose
	// UTF-8 is longer than k's.
	for s := c.suffix; s != ""; {
		r, n := utf8.DecodeLastRuneInString(p)
		want, m := utf8.DecodeLastRuneInString(s)
		if n == 0 || !strings.EqualFold(string(r), string(want)) {
			return false
		}
		p, s = p[:len(p)-n], s[:len(s)-m]
	}
	return true
}

// literalSuffix is the literal text every match of expr ends with, when
// expr ends with one and then $ (/\.npmrc$, (?i)key[^/]*\.pem$), and
// whether it is matched case-insensitively; "" when expr has no such end.
func literalSuffix(expr string) (string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return "", false
	}
	lit, end := re.Sub[len(re.Sub)-2], re.Sub[len(re.Sub)-1]
	if end.Op != syntax.OpEndText || lit.Op != syntax.OpLiteral {
		return "", false
	}
	return string(lit.Rune), lit.Flags&syntax.FoldCase != 0
}
