// Package credentials finds credentials in text: gitleaks' default rules
// (about 220 formats issued by well-known services, private keys, JWTs and
// generic keyword-plus-entropy API keys) plus the rules tollgate adds in
// extra.toml, with placeholders and references filtered out. One detector
// serves every input: plain files, IaC strings (through the
// tollgate.secrets Rego builtin) and image layer files.
package credentials

import (
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
	d *gated
	// formats is d without the name-based rules (see FindFormats).
	formats *gated
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
	return &Detector{d: newGated(cfg), formats: newGated(formats)}, nil
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
	//lint:ignore SA1019 Detect takes detect.Fragment until gitleaks v9; sources.Fragment converts to it.
	return det.Detect(detect.Fragment{Raw: text, FilePath: path})
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
	return detectIn(d.d, path, text)
}

// FindFormats is Find without the name-based rules (generic-api-key): for
// the strings of IaC documents, where the name is a property or variable
// that the credential-name rules judge with more context.
func (d *Detector) FindFormats(path, text string) []Match {
	return detectIn(d.formats, path, text)
}

func detectIn(det *gated, path, text string) []Match {
	if text == "" {
		return nil
	}
	found := det.detect(path, text)
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
