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

	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/logging"

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
	d *detect.Detector
	// formats is d without the name-based rules (see FindFormats).
	formats *detect.Detector
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
	d := detect.NewDetector(cfg)
	// One suppression syntax, with a required reason: tollgate:ignore.
	// gitleaks:allow would let anyone wave a credential through silently.
	d.IgnoreGitleaksAllow = true
	// The compiled rules are shared: only the rule map is copied.
	fcfg := cfg
	fcfg.Rules = make(map[string]config.Rule, len(cfg.Rules))
	for id, r := range cfg.Rules {
		if !slices.Contains(nameBased, id) {
			fcfg.Rules[id] = r
		}
	}
	f := detect.NewDetector(fcfg)
	f.IgnoreGitleaksAllow = true
	return &Detector{d: d, formats: f}, nil
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

func detectIn(det *detect.Detector, path, text string) []Match {
	if text == "" {
		return nil
	}
	//lint:ignore SA1019 Detect takes detect.Fragment until gitleaks v9; sources.Fragment converts to it.
	found := det.Detect(detect.Fragment{Raw: text, FilePath: path})
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
