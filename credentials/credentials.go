// Package credentials finds credentials in text: gitleaks' default rules
// (about 220 formats issued by well-known services, private keys, JWTs and
// generic keyword-plus-entropy API keys) plus the rules tollgate adds in
// extra.toml, with placeholders and references filtered out. One detector
// serves every input: plain files, IaC strings (through the
// tollgate.secrets Rego builtin) and image layer files.
package credentials

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/logging"
	"github.com/zricethezav/gitleaks/v8/report"

	"github.com/tollgate-dev/tollgate/srcpos"
)

//go:embed extra.toml
var extraRules string

// Match is one credential found in a text.
type Match struct {
	// RuleID and Description name the detector rule (gitleaks' ids, e.g.
	// aws-access-token, generic-api-key, private-key).
	RuleID      string
	Description string
	// Line and Column (1-based, column in characters) locate the secret itself,
	// not the whole match; EndLine/EndColumn its last byte.
	Line, Column       int
	EndLine, EndColumn int
	// Offset is the secret's byte offset in the text.
	Offset int
	// Secret is the credential: what every output must redact.
	Secret  string
	Entropy float64
}

// Detector finds credentials. It is safe for concurrent use: gitleaks'
// DetectContext only reads the configuration and its keyword trie.
type Detector struct {
	// all holds every rule, for the rare text whose keywords only
	// case folding reveals (foldsToKeyword). Its keyword tries take
	// megabytes, so it is built the first time such a text comes.
	all func() *gated
	// formats is d without the name-based rules (see FindFormats); named
	// holds only those, and nameKeywords their keywords in lower case.
	formats      *gated
	named        *detect.Detector
	nameKeywords []string
}

// gated is a gitleaks detector with a cheaper path for text that holds
// none of its rules' keywords, which is most IaC strings: gitleaks then
// still walks every rule (~220 map entries and keyword lookups, several
// microseconds a call) only to run those without keywords.
type gated struct {
	all *detect.Detector
	// keywords finds any rule keyword, lower case, in lower-case text;
	// nil takes no shortcut.
	keywords *ahocorasick.Trie
	// unkeyed has only the rules without keywords: what gitleaks runs on
	// a text in which no keyword occurs.
	unkeyed *detect.Detector
}

// nameBased are rules that recognise a value by a keyword written before
// it and an entropy bar rather than by a format a service issues. They are
// by far the costliest: generic-api-key's keywords (key, token, auth,
// access) occur in almost every text.
var nameBased = []string{"generic-api-key"}

var (
	defaultOnce sync.Once
	defaultDet  *Detector
	defaultErr  error
)

// Default returns the detector with gitleaks' default rules and
// tollgate's. Compiling ~220 regular expressions takes tens of
// milliseconds, so it is built on first use only: a scan with nothing to
// check for credentials never pays for it. The value never changes once
// built.
func Default() (*Detector, error) {
	defaultOnce.Do(func() { defaultDet, defaultErr = New() })
	return defaultDet, defaultErr
}

// New builds a detector from gitleaks' default configuration extended with
// tollgate's rules.
func New() (*Detector, error) {
	silenceGitleaks()
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(config.DefaultConfig + "\n" + extraRules)); err != nil {
		return nil, fmt.Errorf("credential rules: %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return nil, fmt.Errorf("credential rules: %w", err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		return nil, fmt.Errorf("credential rules: %w", err)
	}
	formats := withRules(cfg, func(id string, _ config.Rule) bool { return !slices.Contains(nameBased, id) })
	named := withRules(cfg, func(id string, _ config.Rule) bool { return slices.Contains(nameBased, id) })
	det := &Detector{
		all:     sync.OnceValue(func() *gated { return newGated(cfg) }),
		formats: newGated(formats),
		named:   newDetector(named),
	}
	for _, id := range nameBased {
		for _, k := range cfg.Rules[id].Keywords {
			det.nameKeywords = append(det.nameKeywords, strings.ToLower(k))
		}
	}
	return det, nil
}

// withRules is cfg with the rules keep keeps. The compiled rules are
// shared: only the rule map is copied.
func withRules(cfg config.Config, keep func(string, config.Rule) bool) config.Config {
	out := cfg
	out.Rules = make(map[string]config.Rule, len(cfg.Rules))
	for id, r := range cfg.Rules {
		if keep(id, r) {
			out.Rules[id] = r
		}
	}
	return out
}

func newGated(cfg config.Config) *gated {
	var words []string
	for _, r := range cfg.Rules {
		for _, k := range r.Keywords {
			// gitleaks compares lower-cased keywords with lower-cased text.
			words = append(words, strings.ToLower(k))
		}
	}
	slices.Sort(words)
	unkeyed := withRules(cfg, func(_ string, r config.Rule) bool { return len(r.Keywords) == 0 })
	return &gated{
		all:      newDetector(cfg),
		keywords: ahocorasick.NewTrieBuilder().AddStrings(slices.Compact(words)).Build(),
		unkeyed:  newDetector(unkeyed),
	}
}

func newDetector(cfg config.Config) *detect.Detector {
	d := detect.NewDetector(cfg)
	// One suppression syntax, with a required reason: tollgate:ignore.
	// gitleaks:allow would let anyone wave a credential through silently.
	d.IgnoreGitleaksAllow = true
	return d
}

// detect runs gitleaks on text. gitleaks runs a rule with keywords only
// when one of them occurs in the lower-cased text; when none does, only
// the rules without keywords can find anything, and the same findings
// come from the detector that holds just those.
func (g *gated) detect(path, text string) []report.Finding {
	det := g.all
	if g.keywords != nil && g.keywords.MatchFirstString(strings.ToLower(text)) == nil {
		det = g.unkeyed
	}
	return detect1(det, path, text, 0)
}

// detect1 runs one detector over text, whose first line is line of the
// file.
func detect1(det *detect.Detector, path, text string, line int) []report.Finding {
	//lint:ignore SA1019 Detect takes detect.Fragment until gitleaks v9; sources.Fragment converts to it.
	return det.Detect(detect.Fragment{Raw: text, FilePath: path, StartLine: line})
}

var silenceOnce sync.Once

// silenceGitleaks replaces gitleaks' package logger, which writes to stderr
// at info level and, at trace level, logs the secrets it skips. tollgate
// never wants either.
func silenceGitleaks() {
	silenceOnce.Do(func() { logging.Logger = zerolog.Nop() })
}

// Find returns the credentials in text, in order of position. path is the
// file the text comes from (gitleaks skips lock files, vendored code and
// images by path); it may be empty.
func (d *Detector) Find(path, text string) []Match {
	if text == "" {
		return nil
	}
	if strings.ContainsAny(text, foldsToKeyword) {
		return positioned(text, d.all().detect(path, text))
	}
	found := d.formats.detect(path, text)
	formats := len(found)
	for _, r := range nameRanges(text, d.nameKeywords) {
		for _, g := range detect1(d.named, path, text[r.start:r.end], r.line) {
			if !outranked(g, found[:formats]) {
				found = append(found, g)
			}
		}
	}
	return positioned(text, found)
}

// foldsToKeyword are the two non-ASCII letters Go's case-insensitive
// matching folds into ASCII ones (the Kelvin sign into k, the long s into
// s): a name-based rule's keyword may be spelled with them, which
// nameRanges' ASCII search would not see, so a text holding either is
// searched whole.
const foldsToKeyword = "\u212a\u017f"

// lineRange is a run of whole lines of a text: bytes [start, end), the
// first of them line (0-based).
type lineRange struct{ start, end, line int }

// nameSpan is how many lines after a keyword's line a name-based match
// may still reach: generic-api-key lets up to three and then five
// whitespace characters (newlines among them) stand between the keyword
// and the value, and ends with one more; more is kept for margin.
const nameSpan = 12

// nameRanges returns the runs of lines a name-based rule can match in:
// every line holding one of its keywords (case-insensitively) and the
// nameSpan lines after it. The rule's matches start on their keyword's
// line (its prefix is word characters only) and end within nameSpan
// lines of it, and the rule looks at nothing outside its match (no
// anchors but the end of the text, which a range ends at or where no
// match can end: a range ends with a newline, which no value holds). So
// searching these runs finds exactly the matches a search of the whole
// text finds, while reading a fraction of it: on the shared corpus a
// quarter of the bytes, for about a third of the time.
// TestFindEqualsWholeTextDetection holds the two to the same answer.
func nameRanges(text string, keywords []string) []lineRange {
	lower := []byte(text) // ASCII case-folded: same length, same offsets
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	var out []lineRange
	until := -1 // last line the current range must reach
	var cur *lineRange
	line := 0
	for start := 0; start < len(text); line++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		if hasKeyword(lower[start:end], keywords) {
			until = line + nameSpan
		}
		if line <= until {
			if cur == nil {
				out = append(out, lineRange{start: start, line: line})
				cur = &out[len(out)-1]
			}
			cur.end = end
		} else {
			cur = nil
		}
		start = end
	}
	return out
}

// hasKeyword says whether a case-folded line holds a keyword.
func hasKeyword(line []byte, keywords []string) bool {
	for _, k := range keywords {
		if bytes.Contains(line, []byte(k)) {
			return true
		}
	}
	return false
}

// outranked applies gitleaks' rule for generic findings: one is dropped
// when another rule's finding on the same line holds its secret (the
// specific rule names it). A whole-text Detect applies it across all
// findings; Find, which detects the name-based rules apart, applies it to
// them against the others.
func outranked(g report.Finding, others []report.Finding) bool {
	if !strings.Contains(strings.ToLower(g.RuleID), "generic") {
		return false
	}
	for _, f := range others {
		if f.StartLine == g.StartLine && f.RuleID != g.RuleID && strings.Contains(f.Secret, g.Secret) &&
			!strings.Contains(strings.ToLower(f.RuleID), "generic") {
			return true
		}
	}
	return false
}

// FindFormats is Find without the name-based rules (generic-api-key): for
// the strings of IaC documents, where the name is a property or variable
// that the credential-name rules judge with more context.
func (d *Detector) FindFormats(path, text string) []Match {
	if text == "" {
		return nil
	}
	return positioned(text, d.formats.detect(path, text))
}

// positioned turns gitleaks' findings in text into matches located at
// their secrets, one per secret, in order of position.
func positioned(text string, found []report.Finding) []Match {
	if len(found) == 0 {
		return nil
	}
	// gitleaks returns rules in map order. When two rules find the same
	// secret, the one whose match is tightest around it names it (github-pat
	// rather than curl-auth-header for a token in a curl command), so the
	// result is deterministic.
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if len(a.Match) != len(b.Match) {
			return len(a.Match) < len(b.Match)
		}
		return a.RuleID < b.RuleID
	})
	ix := srcpos.New("", []byte(text))
	out := make([]Match, 0, len(found))
	seen := map[[2]int]bool{}
	for _, f := range found {
		if f.Secret == "" || Placeholder(f.Secret) {
			continue
		}
		off := secretOffset(text, ix, f.StartLine, f.StartColumn, f.Match, f.Secret)
		if off < 0 {
			continue
		}
		end := off + len(f.Secret)
		if seen[[2]int{off, end}] {
			continue // two rules, one secret: report it once
		}
		seen[[2]int{off, end}] = true
		m := Match{RuleID: f.RuleID, Description: f.Description, Secret: f.Secret, Entropy: float64(f.Entropy), Offset: off}
		m.Line, m.Column = ix.Position(off)
		m.EndLine, m.EndColumn = ix.Position(end - 1)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.RuleID < b.RuleID
	})
	return out
}

// secretOffset finds the byte offset of the secret. gitleaks reports the
// position of the whole match, with its line 0-based and its column
// counted from the newline before the line (one too far on every line but
// the first), so the match is searched for from the start of that line and
// the secret inside it.
func secretOffset(text string, ix *srcpos.Index, line, col int, match, secret string) int {
	from := ix.LineStart(line)
	if from < 0 {
		return -1
	}
	start := from
	if col > 2 {
		from += col - 2
	}
	if from > len(text) {
		return -1
	}
	i := strings.Index(text[from:], match)
	if i < 0 {
		i = strings.Index(text[start:], match)
		if i < 0 {
			return -1
		}
		from = start
	}
	j := strings.Index(match, secret)
	if j < 0 {
		return -1
	}
	return from + i + j
}
