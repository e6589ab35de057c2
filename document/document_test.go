package document

import "testing"

func TestLookupFallsBackToDeepestAncestor(t *testing.T) {
	p := NewPositions()
	p.Set([]string{"Resources", "DB"}, Range{File: "t.yaml", Line: 3, Column: 3})
	p.Set([]string{"Resources", "DB", "Properties"}, Range{File: "t.yaml", Line: 5, Column: 5})
	p.Set([]string{"Resources", "DB", "Properties", "StorageEncrypted"}, Range{File: "t.yaml", Line: 6, Column: 25})

	r, exact := p.Lookup([]string{"Resources", "DB", "Properties", "StorageEncrypted"})
	if !exact || r.Line != 6 || r.Column != 25 {
		t.Fatalf("exact lookup = %+v, %v", r, exact)
	}
	r, exact = p.Lookup([]string{"Resources", "DB", "Properties", "KmsKeyId"})
	if exact || r.Line != 5 {
		t.Fatalf("missing property should fall back to Properties at line 5, got %+v, %v", r, exact)
	}
	r, exact = p.Lookup([]string{"Resources", "Nope", "Properties"})
	if exact || !r.IsZero() {
		t.Fatalf("unknown resource should have no range, got %+v, %v", r, exact)
	}
}

func TestUnknownMarker(t *testing.T) {
	u := Unknown("!Ref DBPassword", true)
	if !IsUnknown(u) || u["sensitive"] != true {
		t.Fatalf("marker not recognised: %v", u)
	}
	if IsUnknown(map[string]any{"expr": "x"}) || IsUnknown("x") {
		t.Fatal("plain values must not be unknown")
	}
}

func TestPathElem(t *testing.T) {
	for in, want := range map[any]string{"a": "a", 3: "3", int64(4): "4", float64(5): "5"} {
		if got := PathElem(in); got != want {
			t.Errorf("PathElem(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestRangeString(t *testing.T) {
	for r, want := range map[Range]string{
		{File: "a.tf", Line: 3, Column: 7}: "a.tf:3:7",
		{File: "a.tf", Line: 3}:            "a.tf:3",
		{File: "a.tf"}:                     "a.tf",
	} {
		if got := r.String(); got != want {
			t.Errorf("%+v: %q, want %q", r, got, want)
		}
	}
}

func TestWithinString(t *testing.T) {
	three := 3
	dig := "sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	for _, tc := range []struct {
		r          Range
		want, full string
	}{
		{Range{File: "image.tar", Line: 1, Column: 1, Within: &Within{Path: "/etc/shadow", Line: 2, Layer: &three, Digest: dig}},
			"image.tar!/etc/shadow:2 (layer 3 sha256:abcdef012345)", "/etc/shadow:2 (layer 3 " + dig + ")"},
		{Range{File: "image.tar", Line: 1, Column: 1, Within: &Within{Image: "app:1", Path: WithinConfig, Digest: dig}},
			"image.tar!config (sha256:abcdef012345)", "config (" + dig + ")"},
		{Range{File: "Dockerfile", Line: 4, Column: 1}, "Dockerfile:4:1", ""},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		if tc.r.Within != nil && tc.r.Within.Full() != tc.full {
			t.Errorf("Full() = %q, want %q", tc.r.Within.Full(), tc.full)
		}
	}
	for d, want := range map[string]string{dig: "sha256:abcdef012345", "sha256:abc": "sha256:abc", "nodigest": "nodigest"} {
		if got := ShortDigest(d); got != want {
			t.Errorf("ShortDigest(%q) = %q, want %q", d, got, want)
		}
	}
}
