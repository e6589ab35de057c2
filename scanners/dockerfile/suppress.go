package dockerfile

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// IgnoreDirective is the marker that starts an inline suppression comment.
// The syntax is the same in every format that has comments (Dockerfile,
// YAML and HCL with '#', HCL with '//'):
//
//	tollgate:ignore=<rule-id>[,<rule-id>...] [reason="<text>"] [expires=YYYY-MM-DD]
const IgnoreDirective = "tollgate:ignore="

// Ignore is one parsed suppression comment.
type Ignore struct {
	RuleIDs []string
	Reason  string
	Expires string
}

var (
	ruleIDPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	ignoreAttrExpr = regexp.MustCompile(`^\s*([a-z]+)=("((?:[^"\\]|\\.)*)"|[^\s"]*)`)
)

// ParseIgnoreComment parses the text of a comment (without its '#' or '//'
// marker). ok is false when the comment is not a suppression at all; err is
// set when it is one but malformed, so the caller can warn instead of
// silently not suppressing.
func ParseIgnoreComment(text string) (ig Ignore, ok bool, err error) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, IgnoreDirective) {
		return Ignore{}, false, nil
	}
	rest := text[len(IgnoreDirective):]
	end := strings.IndexAny(rest, " \t")
	if end < 0 {
		end = len(rest)
	}
	for _, id := range strings.Split(rest[:end], ",") {
		if !ruleIDPattern.MatchString(id) {
			return Ignore{}, true, fmt.Errorf("suppression: invalid rule id %q", id)
		}
		ig.RuleIDs = append(ig.RuleIDs, id)
	}
	rest = rest[end:]
	for strings.TrimSpace(rest) != "" {
		m := ignoreAttrExpr.FindStringSubmatchIndex(rest)
		if m == nil {
			return Ignore{}, true, fmt.Errorf("suppression: cannot parse %q (want key=value or key=\"text\")", strings.TrimSpace(rest))
		}
		key := rest[m[2]:m[3]]
		val := rest[m[4]:m[5]]
		if m[6] >= 0 {
			val = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(rest[m[6]:m[7]])
		}
		switch key {
		case "reason":
			ig.Reason = val
		case "expires":
			if _, perr := time.Parse("2006-01-02", val); perr != nil {
				return Ignore{}, true, fmt.Errorf("suppression: expires %q is not a YYYY-MM-DD date", val)
			}
			ig.Expires = val
		default:
			return Ignore{}, true, fmt.Errorf("suppression: unknown attribute %q (want reason or expires)", key)
		}
		rest = rest[m[1]:]
	}
	return ig, true, nil
}
