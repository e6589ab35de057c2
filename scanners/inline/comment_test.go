package inline

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		in      string
		ok, err bool
		ig      Comment
	}{
		{in: " plain comment"},
		{in: "tollgate:ignore=a-b", ok: true, ig: Comment{RuleIDs: []string{"a-b"}}},
		{in: `tollgate:ignore=a,b reason="x y" expires=2031-02-03`, ok: true, ig: Comment{RuleIDs: []string{"a", "b"}, Reason: "x y", Expires: "2031-02-03"}},
		{in: `tollgate:ignore=a expires=2031-13-01`, ok: true, err: true},
		{in: `tollgate:ignore=a reason="unterminated`, ok: true, err: true},
		{in: `tollgate:ignore=a owner=me`, ok: true, ig: Comment{RuleIDs: []string{"a"}, Owner: "me"}},
		{in: `tollgate:ignore=a reason="r" owner="platform team" expires=2031-02-03`, ok: true, ig: Comment{RuleIDs: []string{"a"}, Reason: "r", Owner: "platform team", Expires: "2031-02-03"}},
		{in: `tollgate:ignore=a approver=me`, ok: true, err: true},
		{in: `tollgate:ignore=`, ok: true, err: true},
		{in: `tollgate:ignore=a-b/unknown,a-b reason="r"`, ok: true, ig: Comment{RuleIDs: []string{"a-b/unknown", "a-b"}, Reason: "r"}},
		{in: `tollgate:ignore=a-b/other`, ok: true, err: true},
	} {
		ig, ok, err := ParseComment(tc.in)
		if ok != tc.ok || (err != nil) != tc.err {
			t.Errorf("%q: ok %v err %v", tc.in, ok, err)
			continue
		}
		if err == nil && (strings.Join(ig.RuleIDs, ",") != strings.Join(tc.ig.RuleIDs, ",") || ig.Reason != tc.ig.Reason || ig.Owner != tc.ig.Owner || ig.Expires != tc.ig.Expires) {
			t.Errorf("%q: %+v, want %+v", tc.in, ig, tc.ig)
		}
	}
}

func TestAbove(t *testing.T) {
	src := []byte(`# unrelated
# tollgate:ignore=aws-s3-bucket-encryption-kms reason="static assets" expires=2030-01-01
// tollgate:ignore=bad id
resource "aws_s3_bucket" "b" {}

# tollgate:ignore=not-directly-above

resource "aws_s3_bucket" "c" {}
`)
	sups, diags := Above("main.tf", src, 4)
	if len(sups) != 1 || sups[0].RuleID != "aws-s3-bucket-encryption-kms" || sups[0].Range.Line != 2 || sups[0].Reason != "static assets" {
		t.Fatalf("sups = %+v", sups)
	}
	if len(diags) != 1 || diags[0].Range.Line != 3 {
		t.Fatalf("diags = %+v", diags)
	}
	if sups, _ := Above("main.tf", src, 8); len(sups) != 0 {
		t.Fatalf("a comment separated by a blank line must not apply: %+v", sups)
	}
}

// FuzzParseComment: no comment text panics the parser, and a comment it
// accepts has rule ids and a valid date.
func FuzzParseComment(f *testing.F) {
	f.Add(`tollgate:ignore=a,b reason="x \"y\"" expires=2031-02-03`)
	f.Add("tollgate:ignore=")
	f.Add(` plain comment`)
	f.Fuzz(func(t *testing.T, text string) {
		c, ok, err := ParseComment(text)
		if !ok || err != nil {
			return
		}
		if len(c.RuleIDs) == 0 {
			t.Fatalf("accepted a suppression without rule ids: %q", text)
		}
	})
}

// A waiver's column counts code points, as every reported position does:
// characters of several bytes before the comment move it one column each.
func TestCommentColumnsCountCodePoints(t *testing.T) {
	lines := []string{`password = "café-naïve" # tollgate:ignore=a reason="r"`}
	sups, _ := Near(".env", lines, 1)
	if want := strings.Index(lines[0], Directive) - 2 + 1; len(sups) != 1 || sups[0].Range.Column != want {
		t.Fatalf("Near: %+v, want column %d", sups, want)
	}
	src := []byte("\u00a0\u00a0# tollgate:ignore=a reason=\"r\"\nresource \"x\" \"y\" {}\n")
	sups, _ = Above("main.tf", src, 2)
	if len(sups) != 1 || sups[0].Range.Column != 3 {
		t.Fatalf("Above: %+v, want column 3", sups)
	}
}

// Above reads back from its line at the edges of a file: the first line
// has nothing above it, a line past the end nothing either, CRLF endings
// are comments like LF ones, and a comment on the last line (no newline)
// waives a "line" just past it.
func TestAboveAtTheEdges(t *testing.T) {
	src := []byte("# tollgate:ignore=a reason=\"r\"\r\n# tollgate:ignore=b reason=\"r\"\r\nresource \"x\" \"y\" {}\r\n# tollgate:ignore=c reason=\"r\"")
	for _, tc := range []struct {
		line int
		want string
	}{
		{1, ""},
		{2, "a@1"},
		{3, "b@2,a@1"},
		{4, ""},
		{5, "c@4"},
		{6, ""},
		{0, ""},
	} {
		sups, diags := Above("main.tf", src, tc.line)
		var got []string
		for _, s := range sups {
			got = append(got, fmt.Sprintf("%s@%d", s.RuleID, s.Range.Line))
		}
		if strings.Join(got, ",") != tc.want || len(diags) != 0 {
			t.Errorf("line %d: %v %v, want %q", tc.line, got, diags, tc.want)
		}
	}
}
