package srcpath

import "testing"

func TestRootURI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"relative/dir", ""},
		{"/work/repo", "file:///work/repo/"},
		{"/work/repo/", "file:///work/repo/"},
		{"/work/my repo", "file:///work/my%20repo/"},
		{"file:///work/repo/", "file:///work/repo/"},
		{"file:///work/repo", "file:///work/repo/"},
		{"C:\\src\\repo", "file:///C:/src/repo/"},
	} {
		if got := NewRoot(tc.in).URI(); got != tc.want {
			t.Errorf("NewRoot(%q).URI() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRel(t *testing.T) {
	root := NewRoot("/work/repo")
	for _, tc := range []struct {
		root    Root
		in      string
		want    string
		wantRel bool
	}{
		{root, "templates/db.yaml", "templates/db.yaml", true},
		{root, "./templates//db.yaml", "templates/db.yaml", true},
		{root, "/work/repo/templates/db.yaml", "templates/db.yaml", true},
		{root, "/work/repository/x.tf", "/work/repository/x.tf", false},
		{root, "/work/repo/../other/x.tf", "/work/other/x.tf", false},
		{Root{}, "/abs/x.tf", "/abs/x.tf", false},
		{NewRoot("/"), "/abs/x.tf", "abs/x.tf", true},
	} {
		got, rel := tc.root.Rel(tc.in)
		if got != tc.want || rel != tc.wantRel {
			t.Errorf("Rel(%q) = %q, %v; want %q, %v", tc.in, got, rel, tc.want, tc.wantRel)
		}
	}
}

func TestURIRef(t *testing.T) {
	root := NewRoot("file:///work/repo/")
	for _, tc := range []struct {
		in, want string
		rel      bool
	}{
		{"/work/repo/a b/main.tf", "a%20b/main.tf", true},
		{"a:b/main.tf", "./a:b/main.tf", true},
		{"/elsewhere/x#1.yaml", "file:///elsewhere/x%231.yaml", false},
	} {
		got, rel := root.URIRef(tc.in)
		if got != tc.want || rel != tc.rel {
			t.Errorf("URIRef(%q) = %q, %v; want %q, %v", tc.in, got, rel, tc.want, tc.rel)
		}
	}
}
