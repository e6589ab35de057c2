package srcpos

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPositions(t *testing.T) {
	// "é" is two bytes and "𝄞" four: columns count them once each.
	ix := New("f", []byte("ab\né𝄞x\n\nlast"))
	cases := []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, // the newline ends line 1
		{3, 2, 1}, {5, 2, 2}, {9, 2, 3}, {10, 2, 4},
		{11, 3, 1},
		{12, 4, 1}, {15, 4, 4},
		{-5, 1, 1}, {99, 4, 5}, // clamped
	}
	for _, c := range cases {
		if l, col := ix.Position(c.off); l != c.line || col != c.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
	if r := ix.At(9); r.File != "f" || r.Line != 2 || r.Column != 3 {
		t.Errorf("At: %+v", r)
	}
	if ix.Lines() != 4 || ix.LineStart(1) != 3 || ix.LineStart(4) != -1 {
		t.Errorf("lines %d, start of line 2 %d", ix.Lines(), ix.LineStart(1))
	}
}

// naiveColumn is the definition Position must keep: code points from the
// start of the line to off, plus one.
func naiveColumn(content []byte, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if content[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(content[start:off]) + 1
}

// Long lines, ASCII or not (a minified template), are counted through
// checkpoints; every offset, including ones inside a character and
// around the checkpoints, is placed as counting from the line start would.
func TestPositionsOnLongLines(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3*checkpointSpan; i++ {
		switch i % 7 {
		case 3:
			b.WriteString("é")
		case 5:
			b.WriteString("𝄞")
		default:
			b.WriteByte('a' + byte(i%26))
		}
	}
	long := b.String()
	content := []byte("short\n" + long + "\n" + strings.Repeat("x", 2*checkpointSpan+3) + "\n" + long)
	ix := New("f", content)
	for off := 0; off <= len(content); off++ {
		wl, wc := naiveColumn(content, off)
		if l, c := ix.Position(off); l != wl || c != wc {
			t.Fatalf("offset %d: %d:%d, want %d:%d", off, l, c, wl, wc)
		}
	}
}

func FuzzPosition(f *testing.F) {
	f.Add([]byte("ab\né𝄞x\n\nlast"), 9)
	f.Add([]byte(strings.Repeat("é", checkpointSpan)), checkpointSpan+1)
	f.Fuzz(func(t *testing.T, content []byte, off int) {
		if off < 0 || off > len(content) {
			return
		}
		wl, wc := naiveColumn(content, off)
		if l, c := New("f", content).Position(off); l != wl || c != wc {
			t.Fatalf("offset %d of %q: %d:%d, want %d:%d", off, content, l, c, wl, wc)
		}
	})
}
