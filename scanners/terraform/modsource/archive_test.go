package modsource

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/tfregistrytest"
)

// entry is one member of a test archive.
type entry struct {
	name, body, link string
	typ              byte
}

func file(name, body string) entry { return entry{name: name, body: body, typ: tar.TypeReg} }
func link(name, to string) entry   { return entry{name: name, link: to, typ: tar.TypeSymlink} }

// tarGz builds a .tar.gz of entries.
func tarGz(t testing.TB, entries ...entry) []byte {
	t.Helper()
	out := make([]tfregistrytest.Entry, 0, len(entries))
	for _, e := range entries {
		h := tar.Header{Name: e.name, Typeflag: e.typ, Mode: 0o644, Linkname: e.link}
		switch e.typ {
		case tar.TypeDir:
			h.Mode = 0o755
		case tar.TypeXGlobalHeader:
			h = tar.Header{Name: e.name, Typeflag: e.typ, PAXRecords: map[string]string{"comment": "commit"}}
		}
		out = append(out, tfregistrytest.Entry{Header: h, Body: e.body})
	}
	return tfregistrytest.TarGz(t, out...)
}

// zipOf builds a .zip of files (a trailing / makes a directory).
func zipOf(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(n, "/") {
			w.Write([]byte("x"))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// extract writes data to a file beside an empty tree directory and
// unpacks it there; it returns the tree and the directory around it.
func extract(t testing.TB, data []byte, typ string, lim Limits) (string, string, error) {
	t.Helper()
	outer := t.TempDir()
	name := filepath.Join(outer, "archive")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tree := filepath.Join(outer, "box", "tree")
	if err := os.MkdirAll(tree, 0o755); err != nil {
		t.Fatal(err)
	}
	return tree, outer, Extract(context.Background(), name, typ, tree, lim)
}

func TestExtractUnpacksFilesDirectoriesAndInnerLinks(t *testing.T) {
	data := tarGz(t, entry{name: "repo-abc/", typ: tar.TypeDir}, file("repo-abc/main.tf", "resource \"x\" \"y\" {}\n"),
		link("repo-abc/alias.tf", "main.tf"), entry{name: "pax", typ: tar.TypeXGlobalHeader})
	tree, _, err := extract(t, data, "tar.gz", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(tree, "repo-abc", "alias.tf"))
	if err != nil || string(b) != "resource \"x\" \"y\" {}\n" {
		t.Errorf("alias.tf = %q %v", b, err)
	}
	tree, _, err = extract(t, zipOf(t, "m/", "m/main.tf"), "zip", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tree, "m", "main.tf")); err != nil {
		t.Error(err)
	}
}

// Every way out of the directory is refused, and nothing lands outside it.
func TestExtractRefusesWhatLeavesTheDirectory(t *testing.T) {
	cases := map[string][]byte{
		"dot-dot":          tarGz(t, file("../escape.tf", "x")),
		"nested dot-dot":   tarGz(t, file("a/../../escape.tf", "x")),
		"absolute":         tarGz(t, file("/tmp/escape.tf", "x")),
		"link out":         tarGz(t, link("out", "../..")),
		"absolute link":    tarGz(t, link("etc", "/etc")),
		"through a link":   tarGz(t, link("d", "sub"), file("d/escape.tf", "x")),
		"link chain out":   tarGz(t, link("a", "."), link("b", "a/..")),
		"hard link":        tarGz(t, file("a", "x"), entry{name: "b", link: "a", typ: tar.TypeLink}),
		"device":           tarGz(t, entry{name: "null", typ: tar.TypeChar}),
		"duplicate":        tarGz(t, file("a.tf", "x"), file("a.tf", "y")),
		"backslash":        tarGz(t, file(`..\escape.tf`, "x")),
		"dangling link":    tarGz(t, link("gone", "nowhere")),
		"zip dot-dot":      zipOf(t, "../escape.tf"),
		"zip absolute":     zipOf(t, "/escape.tf"),
		"link over a file": tarGz(t, link("a", "b"), file("a", "x")),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			typ := "tar.gz"
			if strings.HasPrefix(name, "zip") {
				typ = "zip"
			}
			_, outer, err := extract(t, data, typ, Limits{})
			if !errors.Is(err, ErrUnsafeArchive) {
				t.Errorf("err = %v, want ErrUnsafeArchive", err)
			}
			assertNothingOutside(t, outer)
		})
	}
}

// assertNothingOutside checks that the directory around the tree holds only
// the archive and the tree's parent.
func assertNothingOutside(t testing.TB, outer string) {
	t.Helper()
	for _, dir := range []string{outer, filepath.Join(outer, "box")} {
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Name() != "archive" && e.Name() != "box" && e.Name() != "tree" {
				t.Errorf("%s written outside the tree", filepath.Join(dir, e.Name()))
			}
		}
	}
}

func TestExtractLimits(t *testing.T) {
	big := tarGz(t, file("a", strings.Repeat("x", 1000)), file("b", strings.Repeat("y", 1000)))
	if _, _, err := extract(t, big, "tar.gz", Limits{Bytes: 1500}); !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), "unpacked") {
		t.Errorf("byte limit: %v", err)
	}
	many := tarGz(t, file("a", ""), file("b", ""), file("c", ""))
	if _, _, err := extract(t, many, "tar.gz", Limits{Files: 2}); !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), "entries") {
		t.Errorf("entry limit: %v", err)
	}
	if _, _, err := extract(t, many, "tar.gz", Limits{Files: 3}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestExtractRefusesWhatIsNotAnArchive(t *testing.T) {
	for _, typ := range []string{"tar.gz", "zip", "tar.bz2"} {
		if _, _, err := extract(t, []byte("<html>not found</html>"), typ, Limits{}); err == nil {
			t.Errorf("%s: an HTML page unpacked", typ)
		}
	}
}

// FuzzExtract: whatever the bytes, Extract returns, writes nothing outside
// its directory and leaves no symlink that resolves outside it.
func FuzzExtract(f *testing.F) {
	f.Add(tarGz(f, file("a/main.tf", "x"), link("a/l", "main.tf")), uint8(0))
	f.Add(tarGz(f, link("d", "."), file("d/x", "y")), uint8(0))
	f.Add(zipOf(f, "m/", "m/main.tf", "../x"), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		typ := []string{"tar.gz", "zip", "tar", "tar.bz2"}[int(kind)%4]
		tree, outer, err := extract(t, data, typ, Limits{Files: 50, Bytes: 1 << 16})
		assertNothingOutside(t, outer)
		if err == nil {
			if cerr := CheckLinks(tree); cerr != nil {
				t.Errorf("accepted a tree with %v", cerr)
			}
		}
	})
}
