package image

import (
	"fmt"
	"regexp"
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
		if c.path.MatchString(p) && (c.except == nil || !c.except.MatchString(p)) {
			return true
		}
	}
	return false
}
