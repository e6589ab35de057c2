package image

import (
	"archive/tar"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
)

func testTriage(t *testing.T, paths ...string) *Triage {
	t.Helper()
	var ps []FilePattern
	for _, p := range paths {
		ps = append(ps, FilePattern{Path: p})
	}
	tr, err := NewTriage(ps)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestTriageNames(t *testing.T) {
	tr, err := NewTriage([]FilePattern{{Path: `/id_rsa[^/]*$`, Except: `\.pub$`}, {Path: `(?i)\.jks$`}})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		"/root/.ssh/id_rsa": true, "/root/.ssh/id_rsa.pub": false, "/app/KEYS.JKS": true,
		"/app/id_rsa/readme": false, "/app/x.pem": false,
	} {
		if got := tr.Names(p); got != want {
			t.Errorf("Names(%q) = %v, want %v", p, got, want)
		}
	}
	if (*Triage)(nil).Names("/root/.ssh/id_rsa") {
		t.Error("a nil triage names a file")
	}
	if _, err := NewTriage([]FilePattern{{Path: `(`}}); err == nil || !strings.Contains(err.Error(), "file pattern 0") {
		t.Errorf("bad pattern: %v", err)
	}
	if _, err := NewTriage([]FilePattern{{Path: `x`, Except: `[`}}); err == nil || !strings.Contains(err.Error(), "except") {
		t.Errorf("bad except: %v", err)
	}
}

// The files the triage names are listed with their content wherever they
// are (a system path, past the text budget); without a triage nothing is
// listed by its name, and small text files are read only to be checked
// for credentials, as every file is.
func TestTriageDecidesWhatIsListed(t *testing.T) {
	keyID := "AKIA" + "QWERTYUIOPASDFGH"
	img, err := mutate.AppendLayers(empty.Image, tarLayer(t, []entry{
		{name: "app/release.jks", body: "\xfe\xed\xfe\xed\x00\x00\x00\x02"},
		{name: "usr/share/app/deploy.jks", body: "\xfe\xed\xfe\xed"},
		{name: "app/.npmrc", body: "registry=https://npm.example.com/\n"},
		{name: "app/.env", body: "AWS_ACCESS_KEY_ID=" + keyID + "\n"},
		{name: "app/notes.txt", body: "nothing\n"},
		{name: "app/id.jks/", typ: tar.TypeDir, mode: 0o755},
	}))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeLayout(t, img)

	files := filesByPath(scanOne(t, Source{Layout: dir}, Options{Triage: testTriage(t, `(?i)\.jks$`, `/\.npmrc$`)}))
	for _, p := range []string{"/app/release.jks", "/usr/share/app/deploy.jks", "/app/.npmrc"} {
		if f := files[p]; f == nil || f["content"] == nil {
			t.Errorf("%s not listed with its content: %v", p, f)
		}
	}
	if f := files["/app/release.jks"]; f["content_encoding"] != "base64" {
		t.Errorf("binary content not base64: %v", f)
	}
	// The .env is not named, but the detector flags its content.
	if f := files["/app/.env"]; f == nil || !strings.Contains(f["content"].(string), keyID) {
		t.Errorf(".env: %v", f)
	}
	for _, p := range []string{"/app/notes.txt", "/app/id.jks"} {
		if f, ok := files[p]; ok {
			t.Errorf("%s listed: %v", p, f)
		}
	}
	for _, f := range files {
		if _, ok := f["credential"]; ok {
			t.Errorf("%s: the input judges no file a credential: %v", f["path"], f)
		}
	}

	files = filesByPath(scanOne(t, Source{Layout: dir}, Options{}))
	for _, p := range []string{"/app/release.jks", "/usr/share/app/deploy.jks", "/app/.npmrc"} {
		if f, ok := files[p]; ok {
			t.Errorf("without a triage %s is listed: %v", p, f)
		}
	}
	if f := files["/app/.env"]; f == nil || f["content"] == nil {
		t.Errorf("without a triage flagged text is still listed: %v", f)
	}
}

// The literal suffix test only ever skips paths the pattern would not
// match: the same answer as the regexp alone, case folding included.
func TestTriageSuffixTestAgreesWithRegexp(t *testing.T) {
	patterns := []string{`/\.npmrc$`, `(?i)\.key$`, `(?i)(key|priv)[^/]*\.pem$`, `/id_(rsa|dsa)[^/]*$`, `\.env(\.[^/]+)?$`, `/credentials$`, `(?m)^/x$`, `/a$|/b$`}
	paths := []string{"/root/.npmrc", "/root/.npmrc.bak", "/x/TLS.KEY", "/x/tls.\u212Aey", "/x/tls.key/", "/x/server-KEY.Pem",
		"/x/ca.pem", "/root/.ssh/id_rsa", "/app/.env.local", "/srv/credentials", "/x", "/a", "/b", "", "/"}
	for _, pat := range patterns {
		tr := testTriage(t, pat)
		re := regexp.MustCompile(pat)
		for _, p := range paths {
			if got, want := tr.Names(p), re.MatchString(p); got != want {
				t.Errorf("%s on %q: %v, the regexp says %v", pat, p, got, want)
			}
		}
	}
	for pat, want := range map[string]string{`/\.npmrc$`: "/.npmrc", `(?i)(key|priv)[^/]*\.pem$`: ".pem", `/id_(rsa|dsa)[^/]*$`: "", `(?m)^/x$`: ""} {
		if got, _ := literalSuffix(pat); !strings.EqualFold(got, want) {
			t.Errorf("literalSuffix(%s) = %q, want %q", pat, got, want)
		}
	}
}
