package files

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/scanners"
)

// Credentials are assembled from parts so this file does not trip secret
// scanners itself.
var (
	keyID  = "AKIA" + "QWERTYUIOPASDFGH"
	secret = "kX9f2Lq8" + "Vn3Rt7Yw" + "Zb1Mc5Pd" + "Hs4Jg6Ke" + "Ta0Uo2Ri"
)

func write(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

func matchesOf(t *testing.T, res scanners.Result) []any {
	t.Helper()
	if len(res.Documents) != 1 {
		t.Fatalf("want one document, got %d", len(res.Documents))
	}
	return res.Documents[0].Input["matches"].([]any)
}

func TestEnvFileWithAWSKey(t *testing.T) {
	p := write(t, ".env", []byte("# app\nAWS_ACCESS_KEY_ID="+keyID+"\nAWS_SECRET_ACCESS_KEY="+secret+"\n"))
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: p})
	if err != nil {
		t.Fatal(err)
	}
	ms := matchesOf(t, res)
	if len(ms) != 2 {
		t.Fatalf("want key id and secret, got %v", ms)
	}
	m := ms[0].(map[string]any)
	if m["rule"] != "aws-access-token" || m["line"] != int64(2) || m["column"] != int64(19) || m["secret"] != keyID {
		t.Errorf("key id match = %v", m)
	}
	r, _ := res.Documents[0].Positions.Lookup([]string{"matches", "1"})
	if r.Line != 3 || r.Column != 23 || r.File != p {
		t.Errorf("secret position = %+v", r)
	}
}

func TestNoCredentialNoDocument(t *testing.T) {
	p := write(t, "main.go", []byte("package main\n\nfunc main() { println(\"hello\") }\n"))
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: p})
	if err != nil || len(res.Documents) != 0 || res.Skipped {
		t.Fatalf("res=%+v err=%v", res, err)
	}
}

func TestBinaryIsSkipped(t *testing.T) {
	content := append([]byte("AWS_ACCESS_KEY_ID="+keyID+"\n"), 0, 1, 2)
	p := write(t, "blob.bin", content)
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: p})
	if err != nil || !res.Skipped || len(res.Documents) != 0 {
		t.Fatalf("binary: res=%+v err=%v", res, err)
	}
	// The same from content discovery already read.
	res, err = Scanner{}.Scan(context.Background(), scanners.Unit{Path: p, Content: content})
	if err != nil || !res.Skipped {
		t.Fatalf("binary content: res=%+v err=%v", res, err)
	}
}

func TestOversizedIsSkipped(t *testing.T) {
	big := []byte(strings.Repeat("x = 1\n", MaxSize/6+10) + "AWS_ACCESS_KEY_ID=" + keyID + "\n")
	p := write(t, "huge.log", big)
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: p})
	if err != nil || !res.Skipped || len(res.Documents) != 0 {
		t.Fatalf("oversized: skipped=%v docs=%d err=%v", res.Skipped, len(res.Documents), err)
	}
}

func TestUnreadableIsAnErrorNamingTheFile(t *testing.T) {
	p := filepath.ToSlash(filepath.Join(t.TempDir(), "gone.env"))
	_, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: p})
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("err = %v, want one naming %s", err, p)
	}
}

func TestSuppressionCommentInAnySyntax(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"hash same line", "KEY=" + keyID + " # tollgate:ignore=secrets-file-credential reason=\"test key\""},
		{"slash above", "// tollgate:ignore=secrets-file-credential reason=\"test key\"\nconst k = \"" + keyID + "\""},
		{"sql above", "-- tollgate:ignore=secrets-file-credential reason=\"test key\"\nSELECT '" + keyID + "';"},
		{"ini above", "; tollgate:ignore=secrets-file-credential reason=\"test key\"\nkey=" + keyID},
		{"xml same line", "<key>" + keyID + "</key> <!-- tollgate:ignore=secrets-file-credential reason=\"test key\" -->"},
		{"block above", "/* tollgate:ignore=secrets-file-credential reason=\"test key\" */\nkey: " + keyID},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Scanner{}.Check("f.txt", []byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %v", res.Diagnostics)
			}
			doc := res.Documents[0]
			r := doc.Resources["aws-access-token#1"]
			if len(r.Suppressions) != 1 || r.Suppressions[0].RuleID != "secrets-file-credential" || r.Suppressions[0].Reason != "test key" {
				t.Fatalf("suppressions = %+v", r.Suppressions)
			}
			if r.Name != "aws-access-token" {
				t.Errorf("resource name = %q", r.Name)
			}
		})
	}
}

func TestDirectiveOutsideACommentSuppressesNothing(t *testing.T) {
	res, err := Scanner{}.Check("f.txt", []byte("value tollgate:ignore=secrets-file-credential reason=\"x\" "+keyID))
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Documents[0].Resources["aws-access-token#1"].Suppressions; len(s) != 0 {
		t.Fatalf("suppressed by a directive that is not in a comment: %+v", s)
	}
}

func TestTemplateFiles(t *testing.T) {
	for name, want := range map[string]bool{
		".env.example": true, "config.sample": true, "values.tmpl": true, "app.conf.template": true,
		".env": false, "settings.py": false, "example.py": false,
	} {
		if Template(name) != want {
			t.Errorf("Template(%q) = %v", name, !want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("a.env", []byte("AWS_ACCESS_KEY_ID="+keyID+"\n# tollgate:ignore=x reason=\"y\"\n"))
	f.Add("b.txt", []byte("postgres://u:p4ssw0rd-Zz9@h/db\n\x00"))
	f.Add("c.txt", []byte("-----BEGIN RSA PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		res, err := Scanner{}.Check(name, content)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Documents {
			for _, m := range d.Input["matches"].([]any) {
				mm := m.(map[string]any)
				s := mm["secret"].(string)
				if s == "" || !strings.Contains(string(content), s) {
					t.Fatalf("secret %q not in the content", s)
				}
				line := int(mm["line"].(int64))
				lines := strings.Split(string(content), "\n")
				if line < 1 || line > len(lines) {
					t.Fatalf("line %d out of range", line)
				}
				col := int(mm["column"].(int64))
				if col < 1 || col > utf8.RuneCountInString(lines[line-1])+1 {
					t.Fatalf("column %d out of range on line %q", col, lines[line-1])
				}
			}
		}
	})
}
