// Package srcpos turns byte offsets in a source file into the positions
// tollgate reports: 1-based lines, and 1-based columns counted in Unicode
// code points, the column unit SARIF 2.1.0 declares by default
// (columnKind "unicodeCodePoints") and what yaml.v3 reports. Every scanner
// that positions values from offsets uses this one index, so a finding in
// a JSON template, a YAML template, a Terraform plan or a text file is
// placed the same way.
package srcpos

import (
	"sort"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/document"
)

// Index maps offsets of one file's content to positions.
type Index struct {
	file    string
	content []byte
	starts  []int // byte offset at which each line begins
	// wide holds the lines with a multi-byte character, by 0-based line;
	// every other line's column is its byte offset. A long wide line
	// (minified JSON) keeps the code points counted up to every
	// checkpointSpan bytes, so a column costs a short count, not the
	// whole line: a one-line template of 2,000 resources otherwise
	// counted the line again for each of its values.
	wide map[int][]checkpoint
}

// checkpoint is a rune boundary of a wide line: its byte offset and the
// code points before it on the line.
type checkpoint struct{ off, runes int }

const checkpointSpan = 4 << 10

// New indexes content, named file in the ranges it returns.
func New(file string, content []byte) *Index {
	ix := &Index{file: file, content: content, starts: []int{0}}
	line, wide := 0, false
	for i, b := range content {
		if b >= utf8.RuneSelf {
			wide = true
		}
		if b == '\n' {
			ix.endLine(line, wide, i)
			ix.starts = append(ix.starts, i+1)
			line, wide = line+1, false
		}
	}
	ix.endLine(line, wide, len(content))
	return ix
}

// endLine records line (ending at byte end) when it holds a multi-byte
// character, with its checkpoints when it is long.
func (ix *Index) endLine(line int, wide bool, end int) {
	if !wide {
		return
	}
	if ix.wide == nil {
		ix.wide = map[int][]checkpoint{}
	}
	start := ix.starts[line]
	var cps []checkpoint
	runes, at := 0, start
	for next := start + checkpointSpan; next < end; next += checkpointSpan {
		// Back up to the start of the character the span ends in.
		for next > at && !utf8.RuneStart(ix.content[next]) {
			next--
		}
		runes += utf8.RuneCount(ix.content[at:next])
		cps = append(cps, checkpoint{off: next, runes: runes})
		at = next
	}
	ix.wide[line] = cps
}

// Lines is the number of lines (a final line without a newline counts).
func (ix *Index) Lines() int { return len(ix.starts) }

// LineStart is the byte offset at which 0-based line n begins, or -1 when
// there is no such line.
func (ix *Index) LineStart(n int) int {
	if n < 0 || n >= len(ix.starts) {
		return -1
	}
	return ix.starts[n]
}

// Position is the line and column of a byte offset, clamped to the
// content. An offset inside a multi-byte character is that character.
func (ix *Index) Position(off int) (line, column int) {
	off = max(0, min(off, len(ix.content)))
	n := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
	start := ix.starts[n]
	cps, wide := ix.wide[n]
	if !wide {
		return n + 1, off - start + 1
	}
	runes := 0
	if i := sort.Search(len(cps), func(i int) bool { return cps[i].off > off }); i > 0 {
		start, runes = cps[i-1].off, cps[i-1].runes
	}
	return n + 1, runes + utf8.RuneCount(ix.content[start:off]) + 1
}

// At is the range (start only) of a byte offset.
func (ix *Index) At(off int) document.Range {
	line, col := ix.Position(off)
	return document.Range{File: ix.file, Line: line, Column: col}
}
