package checksum

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

var (
	h1 = sum("one")
	h2 = sum("two")
)

// What sha256sum -c reads, Parse reads the same way: spacing, the binary
// marker, escapes, CRLF, empty lines, BSD tags, upper-case hex, comments.
func TestParseReadsWhatSha256sumReads(t *testing.T) {
	in := strings.Join([]string{
		"# a comment",
		h1 + "  plain.txt",
		h2 + " *binary.bin",
		"",
		"  " + h1 + "  leading-blanks.txt",
		h1 + "   space-first.txt",
		`\` + h1 + `  back\\slash\nnewline`,
		strings.ToUpper(h2) + "  upper.txt",
		h1 + "  crlf.txt\r",
		"SHA256 (tagged.txt) = " + h2,
		`\SHA256 (tagged\\esc) = ` + h2,
		"SHA256(tight (1).txt)=" + h2,
	}, "\n") + "\n"
	m, err := Parse("SHA256SUMS", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Artifact{
		{Kind: KindFile, Name: "plain.txt", SHA256: h1, Line: 2},
		{Kind: KindFile, Name: "binary.bin", SHA256: h2, Line: 3},
		{Kind: KindFile, Name: "leading-blanks.txt", SHA256: h1, Line: 5},
		{Kind: KindFile, Name: " space-first.txt", SHA256: h1, Line: 6},
		{Kind: KindFile, Name: "back\\slash\nnewline", SHA256: h1, Line: 7},
		{Kind: KindFile, Name: "upper.txt", SHA256: h2, Line: 8},
		{Kind: KindFile, Name: "crlf.txt", SHA256: h1, Line: 9},
		{Kind: KindFile, Name: "tagged.txt", SHA256: h2, Line: 10},
		{Kind: KindFile, Name: `tagged\esc`, SHA256: h2, Line: 11},
		{Kind: KindFile, Name: "tight (1).txt", SHA256: h2, Line: 12},
	}
	if m.Format != FormatText || !reflect.DeepEqual(m.Artifacts, want) {
		t.Errorf("got %+v\nwant %+v", m.Artifacts, want)
	}

	// The one-blank style (BSD `sha256 -r`): once the first line has no
	// mode character, no line has one, and a leading blank or star is
	// part of the name.
	m, err = Parse("R", []byte(h1+" one.txt\n"+h1+"\ttab.txt\n"+h2+"  blank-first.txt\n"+h2+" *star-first.txt\n"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range m.Artifacts {
		names = append(names, a.Name)
	}
	if want := []string{"one.txt", "tab.txt", " blank-first.txt", "*star-first.txt"}; !reflect.DeepEqual(names, want) {
		t.Errorf("one-blank style: %q, want %q", names, want)
	}
}

// A malformed manifest is refused whole, naming the line at fault: a
// manifest is never verified in part.
func TestMalformedManifests(t *testing.T) {
	header := "# tollgate:manifest 1\n"
	dirSum := TreeSum([]Entry{{Path: "a", Mode: ModeFile, SHA256: h1}})
	jsonDir := func(entries string) string {
		return `{"manifest": "tollgate-checksum", "version": 1, "artifacts": [
  {"kind": "file", "path": "a", "sha256": "` + h1 + `"},
  {"kind": "directory", "path": "d", "sha256": "` + dirSum + `", "entries": ` + entries + `}
]}`
	}
	full := jsonDir(`[{"path": "a", "mode": "file", "sha256": "` + h1 + `"}]`)
	if _, err := Parse("ok.json", []byte(full)); err != nil {
		t.Fatalf("the valid base case fails: %v", err)
	}
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "", 1, "no checksum lines"},
		{"comments only", "# nothing\n", 1, "no checksum lines"},
		{"short hash", h1[:63] + "  a\n", 1, "not a checksum line"},
		{"long hash", h1 + "0  a\n", 1, "not a checksum line"},
		{"no path", h1 + " \n", 1, "no path"},
		{"blank line", h1 + "  a\n \n" + h2 + "  b\n", 2, "not a checksum line"},
		{"styles mixed", h1 + "  a\n" + h2 + " b\n", 2, "refuses the mix"},
		{"garbage", h1 + "  a\ngarbage\n", 2, "not a checksum line"},
		{"indented comment", "  # x\n" + h1 + "  a\n", 1, "not a checksum line"},
		{"md5 tag", "MD5 (a) = d41d8cd98f00b204e9800998ecf8427e\n", 1, "only SHA256"},
		{"bad escape", `\` + h1 + `  a\tb` + "\n", 1, `unknown escape \t`},
		{"truncated text", header + h1 + "  a\n" + h2 + "  b\n", 4, "truncated"},
		{"truncated mid-line", header + h1 + "  a\n" + h2[:20], 3, "not a checksum line"},
		{"lines lost", header + h1 + "  a\n# tollgate:end 2\n", 3, "lines were lost"},
		{"after the end", header + h1 + "  a\n# tollgate:end 1\n" + h2 + "  b\n", 4, "after the"},
		{"end without header", h1 + "  a\n# tollgate:end 1\n", 2, "without the"},
		{"header not first", h1 + "  a\n" + header + "# tollgate:end 1\n", 2, "first line"},
		{"future version", "# tollgate:manifest 2\n", 1, "version"},
		{"unknown directive", header + "# tollgate:signature abc\n# tollgate:end 0\n", 2, "unknown directive"},
		{"bad directory line", header + "# tollgate:directory nothex  d\n# tollgate:end 1\n", 2, "directory"},
		{"bad image reference", header + "# tollgate:image " + h1 + "  UPPER/Case:tag\n# tollgate:end 1\n", 2, "image reference"},
		{"truncated json", full[:len(full)/2], 3, "truncated"},
		{"json syntax", strings.Replace(full, `"version": 1,`, `"version": 1,,`, 1), 1, "invalid character"},
		{"json not a manifest", `{"manifest": "something-else", "version": 1, "artifacts": []}`, 1, "not a tollgate checksum manifest"},
		{"json future version", `{"manifest": "tollgate-checksum", "version": 2, "artifacts": []}`, 1, "version 2"},
		{"json no artifacts", `{"manifest": "tollgate-checksum", "version": 1, "artifacts": []}`, 1, "no artifacts"},
		{"json unknown field", strings.Replace(full, `"kind": "file",`, `"kind": "file", "size": 3,`, 1), 2, "unknown field"},
		{"json upper-case hex", strings.Replace(full, h1+`"},`, strings.ToUpper(h1)+`"},`, 1), 2, "lowercase hex"},
		{"json unknown kind", strings.Replace(full, `"kind": "file"`, `"kind": "socket"`, 1), 2, "unknown kind"},
		{"json directory without entries", strings.Replace(full, `, "entries": [{"path": "a", "mode": "file", "sha256": "`+h1+`"}]`, "", 1), 3, "entries"},
		{"json entries do not add up", jsonDir(`[{"path": "a", "mode": "exec", "sha256": "` + h1 + `"}]`), 3, "do not add up"},
		{"json entry escapes", jsonDir(`[{"path": "../a", "mode": "file", "sha256": "` + h1 + `"}]`), 3, "clean relative path"},
		{"json entry unsorted", jsonDir(`[{"path": "b", "mode": "file", "sha256": "` + h1 + `"}, {"path": "a", "mode": "file", "sha256": "` + h1 + `"}]`), 3, "sorted"},
		{"json image with path", strings.Replace(full, `"kind": "file", "path": "a"`, `"kind": "image", "path": "a"`, 1), 2, "reference"},
		{"json trailing data", full + "{}", 4, "after the manifest"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("M", []byte(c.in))
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrMalformed) {
				t.Fatalf("want a *ParseError, got %v", err)
			}
			if pe.File != "M" || pe.Line != c.line || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v (line %d), want M:%d: …%s…", err, pe.Line, c.line, c.msg)
			}
		})
	}
}

// FuzzParse: any input is either refused with a *ParseError or read into
// a manifest that writes back and reads again to the same artifacts.
func FuzzParse(f *testing.F) {
	f.Add([]byte(h1 + "  a\n" + h2 + " *b\n"))
	f.Add([]byte("# tollgate:manifest 1\n# tollgate:directory " + h1 + "  d\n# tollgate:image " + h2 + "  example.com/app:1\n# tollgate:end 2\n"))
	f.Add([]byte(`\` + h1 + `  a\\b\nc` + "\nSHA256 (x) = " + h2 + "\n"))
	f.Add([]byte(`{"manifest": "tollgate-checksum", "version": 1, "artifacts": [{"kind": "directory", "path": "d", "sha256": "` +
		TreeSum(nil) + `", "entries": []}, {"kind": "image", "reference": "example.com/a@sha256:` + h1 + `", "sha256": "` + h1 + `"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("F", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		if len(m.Artifacts) == 0 {
			t.Fatal("a manifest without artifacts was accepted")
		}
		var b bytes.Buffer
		if m.Format == FormatJSON {
			err = m.WriteJSON(&b)
		} else {
			err = m.WriteText(&b)
		}
		if err != nil {
			if m.Format == FormatText && strings.Contains(err.Error(), "carriage return") {
				return
			}
			t.Fatalf("a manifest read cannot be written: %v", err)
		}
		back, err := Parse("F", b.Bytes())
		if err != nil {
			t.Fatalf("written manifest does not read back: %v\n%s", err, b.Bytes())
		}
		if len(back.Artifacts) != len(m.Artifacts) {
			t.Fatalf("%d artifacts, %d after a round trip", len(m.Artifacts), len(back.Artifacts))
		}
		for i := range m.Artifacts {
			a, z := m.Artifacts[i], back.Artifacts[i]
			if a.Kind != z.Kind || a.Name != z.Name || a.SHA256 != z.SHA256 || !reflect.DeepEqual(a.Entries, z.Entries) {
				t.Fatalf("artifact %d: %+v, after a round trip %+v", i, a, z)
			}
		}
	})
}
