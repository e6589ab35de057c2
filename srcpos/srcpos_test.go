package srcpos

import "testing"

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
