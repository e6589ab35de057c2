// Package inline parses the suppression comments written in sources
// (`# tollgate:ignore=<rule-id> reason="..." expires=YYYY-MM-DD`). Scanners
// use it to attach the waivers they read to their documents' resources;
// package suppress, a later stage, applies them to findings and never reads
// a source itself.
package inline

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
)

// Directive is the marker that starts an inline suppression comment.
// The syntax is the same in every format that has comments (Dockerfile,
// YAML and HCL with '#', HCL with '//'):
//
//	tollgate:ignore=<rule-id>[,<rule-id>...] [reason="<text>"] [owner="<who>"] [expires=YYYY-MM-DD]
const Directive = "tollgate:ignore="

// Comment is one parsed suppression comment.
type Comment struct {
	RuleIDs []string
	Reason  string
	Owner   string
	Expires string
}

var (
	// A rule id, or <rule-id>/unknown: the rule's undecided findings.
	ruleIDPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*(/unknown)?$`)
	ignoreAttrExpr = regexp.MustCompile(`^\s*([a-z]+)=("((?:[^"\\]|\\.)*)"|[^\s"]*)`)
)

// ParseComment parses the text of a comment (without its '#' or '//'
// marker). ok is false when the comment is not a suppression at all; err is
// set when it is one but malformed, so the caller can warn instead of
// silently not suppressing.
func ParseComment(text string) (ig Comment, ok bool, err error) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, Directive) {
		return Comment{}, false, nil
	}
	rest := text[len(Directive):]
	end := strings.IndexAny(rest, " \t")
	if end < 0 {
		end = len(rest)
	}
	for _, id := range strings.Split(rest[:end], ",") {
		if !ruleIDPattern.MatchString(id) {
			return Comment{}, true, fmt.Errorf("suppression: invalid rule id %q", id)
		}
		ig.RuleIDs = append(ig.RuleIDs, id)
	}
	rest = rest[end:]
	for strings.TrimSpace(rest) != "" {
		m := ignoreAttrExpr.FindStringSubmatchIndex(rest)
		if m == nil {
			return Comment{}, true, fmt.Errorf("suppression: cannot parse %q (want key=value or key=\"text\")", strings.TrimSpace(rest))
		}
		key := rest[m[2]:m[3]]
		val := rest[m[4]:m[5]]
		if m[6] >= 0 {
			val = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(rest[m[6]:m[7]])
		}
		switch key {
		case "reason":
			ig.Reason = val
		case "owner":
			ig.Owner = val
		case "expires":
			if _, perr := time.Parse("2006-01-02", val); perr != nil {
				return Comment{}, true, fmt.Errorf("suppression: expires %q is not a YYYY-MM-DD date", val)
			}
			ig.Expires = val
		default:
			return Comment{}, true, fmt.Errorf("suppression: unknown attribute %q (want reason, owner or expires)", key)
		}
		rest = rest[m[1]:]
	}
	return ig, true, nil
}

// Above reads the suppression comments in the block of comment lines ('#'
// or '//') directly above line (1-based) of src, as they are written above a
// Terraform resource or a Dockerfile instruction. A malformed suppression
// is a warning diagnostic and suppresses nothing.
//
// It is called once per block, so it reads back from the block's line
// instead of splitting the whole file each time: a split per block made a
// file of 2,000 resources cost a second.
func Above(file string, src []byte, line int) ([]document.Suppression, []document.Diagnostic) {
	var sups []document.Suppression
	var diags []document.Diagnostic
	end := lineEnd(src, line-1)
	for n := line - 1; n >= 1 && end >= 0; n-- {
		start := bytes.LastIndexByte(src[:end], '\n') + 1
		raw := string(src[start:end])
		end = start - 1
		text := strings.TrimSpace(raw)
		var body string
		switch {
		case strings.HasPrefix(text, "#"):
			body = text[1:]
		case strings.HasPrefix(text, "//"):
			body = text[2:]
		default:
			return sups, diags
		}
		c, ok, err := ParseComment(body)
		rng := document.Range{File: file, Line: n, Column: column(raw, strings.Index(raw, text))}
		switch {
		case !ok:
			continue
		case err != nil:
			diags = append(diags, document.Diagnostic{Level: document.LevelWarning, Message: err.Error() + "; nothing is suppressed", Range: rng})
		default:
			sups = append(sups, c.Suppressions(rng)...)
		}
	}
	return sups, diags
}

// lineEnd is the offset at which 1-based line n of src ends (its newline,
// or the end of src for the last line), or -1 when src has no line n.
func lineEnd(src []byte, n int) int {
	if n < 1 {
		return -1
	}
	off := 0
	for ; n > 1; n-- {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// commentMarkers open a comment in the file types a credential can sit in:
// shell, YAML, TOML, .env, Python ('#'), C-family and JSONC ('//', '/*'),
// SQL and Lua ('--'), INI (';'), XML and HTML ('<!--').
var commentMarkers = []string{"#", "//", "/*", "--", ";", "<!--"}

// commentClosers end a block comment on the same line.
var commentClosers = []string{"-->", "*/"}

// Near reads the suppression comments for line (1-based) of any text file:
// a comment on that line (after the value) or alone on the line above. It
// knows no file format, so a directive counts only when a comment marker
// comes before it on its line.
func Near(file string, lines []string, line int) ([]document.Suppression, []document.Diagnostic) {
	var sups []document.Suppression
	var diags []document.Diagnostic
	for _, n := range []int{line, line - 1} {
		if n < 1 || n > len(lines) {
			continue
		}
		text := lines[n-1]
		at := strings.Index(text, Directive)
		if at < 0 || !commented(text[:at]) {
			continue
		}
		body := strings.TrimRight(text[at:], " \t\r")
		for _, c := range commentClosers {
			body = strings.TrimSpace(strings.TrimSuffix(body, c))
		}
		c, _, err := ParseComment(body)
		rng := document.Range{File: file, Line: n, Column: column(text, at)}
		if err != nil {
			diags = append(diags, document.Diagnostic{Level: document.LevelWarning, Message: err.Error() + "; nothing is suppressed", Range: rng})
			continue
		}
		sups = append(sups, c.Suppressions(rng)...)
	}
	return sups, diags
}

// column is the 1-based column of byte offset at in line, counted in
// code points as every position tollgate reports is (package srcpos): a
// byte count puts a comment after "café" one column too far right.
func column(line string, at int) int { return utf8.RuneCountInString(line[:at]) + 1 }

// commented reports whether the text before a directive opens a comment.
func commented(before string) bool {
	for _, m := range commentMarkers {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}

// suppression is the waiver of one of the comment's rule ids.
func (c Comment) suppression(id string, at document.Range) document.Suppression {
	return document.Suppression{RuleID: id, Reason: c.Reason, Owner: c.Owner, Expires: c.Expires, Range: at}
}

// Suppressions are the waivers the comment writes, one per rule id, all
// at the comment's place.
func (c Comment) Suppressions(at document.Range) []document.Suppression {
	out := make([]document.Suppression, 0, len(c.RuleIDs))
	for _, id := range c.RuleIDs {
		out = append(out, c.suppression(id, at))
	}
	return out
}
