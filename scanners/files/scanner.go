// Package files scans any text file for credentials: the files no other
// scanner claims (.env, settings.py, Helm values, keys, scripts). Its
// document lists what the credential detector matched; Rego rules over
// input.tollgate.format == "files" turn matches into findings, so they can
// be waived, disabled and re-rated like any other rule.
package files

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"path"
	"strconv"
	"strings"
	"unsafe"

	"github.com/tollgate-dev/tollgate/credentials"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/inline"
)

// MaxSize bounds the files read: larger ones are logs, dumps and data sets,
// skipped and counted, never an error.
const MaxSize = 10 << 20

// binarySniff is how much of a file is searched for a NUL byte, as git and
// grep decide that a file is binary.
const binarySniff = 8 << 10

// Scanner checks text files for credentials.
type Scanner struct {
	// Detector returns the credential detector; nil means
	// credentials.Default. It is called only for a text file, so a run
	// with no such file never builds the detector.
	Detector func() (*credentials.Detector, error)
}

// Name is the format family.
func (Scanner) Name() string { return document.FormatFiles }

// Scan reads one file and returns a document when it holds a credential.
// A file with none produces no document: there is nothing for rules to
// evaluate, which keeps large trees fast.
func (s Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	content, skip, err := read(ctx, u)
	if err != nil {
		return scanners.Result{}, err
	}
	if skip {
		return scanners.Result{Skipped: true}, nil
	}
	return s.Check(u.Path, content)
}

// Check builds the document for a text already read: the files scanner's
// entry point, also used for the content a commit added.
func (s Scanner) Check(file string, content []byte) (scanners.Result, error) {
	get := s.Detector
	if get == nil {
		get = credentials.Default
	}
	det, err := get()
	if err != nil {
		return scanners.Result{}, err
	}
	// The content is never written after it is read, so the text shares
	// its bytes instead of copying a file of up to MaxSize.
	text := unsafe.String(unsafe.SliceData(content), len(content))
	matches := det.Find(file, text)
	if len(matches) == 0 {
		return scanners.Result{}, nil
	}
	doc, diags := Document(file, text, matches)
	return scanners.Result{Documents: []*document.Document{doc}, Diagnostics: diags}, nil
}

// read returns the unit's bytes, reading the file when discovery did not.
// skip is set for a binary or oversized file, of which no more than the
// first bytes are read.
func read(ctx context.Context, u scanners.Unit) (content []byte, skip bool, err error) {
	if u.Content != nil {
		skip := len(u.Content) > MaxSize || Binary(u.Content)
		if !skip {
			u.FS.Saw(u.Path, u.Content)
		}
		return u.Content, skip, nil
	}
	// fsread refuses a file swapped for a FIFO or a device since discovery
	// saw it, and stops reading when the run's context ends.
	f, err := u.FS.Open(ctx, u.Path)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", u.Path, err)
	}
	defer f.Close()
	head := make([]byte, binarySniff)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, false, fmt.Errorf("%s: %w", u.Path, err)
	}
	head = head[:n]
	if Binary(head) || n < binarySniff {
		return head, Binary(head), nil
	}
	// One byte over the cap tells an oversized file from one exactly at it.
	rest, err := io.ReadAll(io.LimitReader(f, MaxSize+1-int64(n)))
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", u.Path, err)
	}
	content = append(head, rest...)
	return content, len(content) > MaxSize, nil
}

// Binary reports whether content looks binary: a NUL byte near the start.
func Binary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), binarySniff)], 0) >= 0
}

// Document turns the matches in one text into the files input. Each match
// is its own resource, keyed by detector rule and occurrence, and shown
// under the detector rule's id so a configuration waiver can name a
// detector family (resources: [generic-api-key]) and an inline comment
// waives one line.
func Document(file, text string, matches []credentials.Match) (*document.Document, []document.Diagnostic) {
	lines := strings.Split(text, "\n")
	b := document.NewBuilder(document.FormatFiles, file)
	root := b.Root().At(document.Range{File: file, Line: 1, Column: 1})
	root.PutValue("file", file)
	root.PutValue("template", Template(file))
	list := root.List("matches", len(matches))
	resources := map[string]document.Resource{}
	var diags []document.Diagnostic
	count := map[string]int{}
	for _, m := range matches {
		count[m.RuleID]++
		key := m.RuleID + "#" + strconv.Itoa(count[m.RuleID])
		list.Add(map[string]any{
			"id":          key,
			"rule":        m.RuleID,
			"description": m.Description,
			"line":        int64(m.Line),
			"column":      int64(m.Column),
			"secret":      m.Secret,
			"entropy":     float64(int64(m.Entropy*100)) / 100,
		}, document.Range{File: file, Line: m.Line, Column: m.Column, EndLine: m.EndLine, EndColumn: m.EndColumn + 1})
		sups, ds := inline.Near(file, lines, m.Line)
		diags = append(diags, ds...)
		resources[key] = document.Resource{Name: m.RuleID, Type: m.RuleID, Suppressions: sups}
	}
	doc := b.Document()
	doc.Resources = resources
	return doc, dedupe(diags)
}

// Template reports whether a file is a template or sample that documents
// the shape of a configuration (.env.example, config.sample,
// values.tmpl): its values are mostly stand-ins.
func Template(file string) bool {
	base := strings.ToLower(path.Base(file))
	for _, ext := range []string{".example", ".sample", ".tmpl", ".template", ".dist", ".tpl"} {
		if strings.HasSuffix(base, ext) || strings.Contains(base, ext+".") {
			return true
		}
	}
	return false
}

// dedupe drops the repeated warning of a malformed comment that sits above
// two matches.
func dedupe(diags []document.Diagnostic) []document.Diagnostic {
	seen := map[document.Range]bool{}
	out := diags[:0]
	for _, d := range diags {
		if !seen[d.Range] {
			seen[d.Range] = true
			out = append(out, d)
		}
	}
	return out
}
