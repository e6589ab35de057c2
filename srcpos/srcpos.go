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
}

// New indexes content, named file in the ranges it returns.
func New(file string, content []byte) *Index {
	starts := []int{0}
	for i, b := range content {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Index{file: file, content: content, starts: starts}
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
	return n + 1, utf8.RuneCount(ix.content[ix.starts[n]:off]) + 1
}

// At is the range (start only) of a byte offset.
func (ix *Index) At(off int) document.Range {
	line, col := ix.Position(off)
	return document.Range{File: ix.file, Line: line, Column: col}
}
