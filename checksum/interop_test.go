package checksum

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sha256sum runs the real GNU sha256sum in dir.
func sha256sum(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	bin, err := exec.LookPath("sha256sum")
	if err != nil {
		t.Skip("sha256sum (GNU coreutils) is not installed")
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// oddFiles makes files whose names sha256sum must escape or that sit
// next to its separators.
func oddFiles(t *testing.T) (string, []string) {
	dir := t.TempDir()
	names := []string{"plain.txt", `back\slash.txt`, "new\nline.txt", " leading-space.txt", "star*.txt", "sub/dir/nested.txt"}
	for i, n := range names {
		write(t, dir, n, strings.Repeat("content ", i+1), 0o644)
	}
	return dir, names
}

// tollgate → sha256sum: `sha256sum -c --strict` verifies the file lines
// of a text manifest and skips its directory and image lines (comments),
// and fails once a file is tampered with.
func TestSha256sumVerifiesTollgateManifests(t *testing.T) {
	dir, names := oddFiles(t)
	write(t, dir, "tree/a.txt", "a", 0o644)
	m, err := Build(context.Background(), append(names, "tree"), nil, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	m.Artifacts = append(m.Artifacts, Artifact{Kind: KindImage, Name: "registry.example.com/app:1.0", SHA256: h1})
	if err := os.WriteFile(filepath.Join(dir, "SUMS"), render(t, m, FormatText), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := sha256sum(t, dir, "-c", "--strict", "SUMS")
	if code != 0 || strings.Count(out, ": OK") != len(names) || strings.Contains(out, "tree") {
		t.Fatalf("sha256sum -c --strict: exit %d\n%s", code, out)
	}
	write(t, dir, "new\nline.txt", "tampered", 0o644)
	if out, code := sha256sum(t, dir, "-c", "--strict", "SUMS"); code != 1 || !strings.Contains(out, "FAILED") {
		t.Errorf("tampered: sha256sum exit %d\n%s", code, out)
	}
	// --ignore-missing still verifies what is there.
	if err := os.Remove(filepath.Join(dir, "plain.txt")); err != nil {
		t.Fatal(err)
	}
	if _, code := sha256sum(t, dir, "-c", "--ignore-missing", "SUMS"); code != 1 {
		t.Errorf("--ignore-missing passed a tampered file")
	}
}

// sha256sum → tollgate: a SHA256SUMS written by sha256sum, in every
// style it writes (text, binary, BSD tags), verifies; a tampered file
// is named.
func TestTollgateVerifiesSha256sumFiles(t *testing.T) {
	dir, names := oddFiles(t)
	for _, style := range [][]string{nil, {"-b"}, {"--tag"}} {
		out, code := sha256sum(t, dir, append(style, names...)...)
		if code != 0 {
			t.Fatalf("sha256sum %v: %s", style, out)
		}
		m, err := Parse("SHA256SUMS", []byte(out))
		if err != nil {
			t.Fatalf("%v: %v\n%s", style, err, out)
		}
		if len(m.Artifacts) != len(names) {
			t.Fatalf("%v: read %d of %d lines", style, len(m.Artifacts), len(names))
		}
		if rep := Verify(context.Background(), m, Options{Dir: dir}); rep.ExitCode() != 0 {
			t.Errorf("%v: %+v", style, rep)
		}
	}
	out, _ := sha256sum(t, dir, names...)
	write(t, dir, `back\slash.txt`, "tampered", 0o644)
	m, err := Parse("SHA256SUMS", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	rep := Verify(context.Background(), m, Options{Dir: dir})
	for _, r := range rep.Results {
		if (r.Status == StatusChanged) != (r.Artifact.Name == `back\slash.txt`) {
			t.Errorf("%q: %s", r.Artifact.Name, r.Status)
		}
	}
	if rep.ExitCode() != 1 {
		t.Errorf("exit %d", rep.ExitCode())
	}
}

// The lenient spellings Parse accepts are ones sha256sum -c --strict
// accepts too, naming the same files; what it refuses, sha256sum
// --strict refuses.
func TestParseAgreesWithSha256sum(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"leading-blanks.txt": "one", " space-first.txt": "one", "crlf.txt": "one",
		"tight (1).txt": "two", "upper.txt": "two", "binary.bin": "two", "one.txt": "one", "tab.txt": "one",
		" blank-first.txt": "two", "*star-first.txt": "two"}
	for n, c := range files {
		write(t, dir, n, c, 0o644)
	}
	for _, c := range []struct {
		name, in string
		names    int
	}{
		{"two-blank style", "  " + h1 + "  leading-blanks.txt\n" + h1 + "   space-first.txt\n" + h1 + "  crlf.txt\r\n\n" +
			"SHA256(tight (1).txt)=" + h2 + "\n" + strings.ToUpper(h2) + "  upper.txt\n" + h2 + " *binary.bin\n", 6},
		{"one-blank style", h1 + " one.txt\n" + h1 + "\ttab.txt\n" + h2 + "  blank-first.txt\n" + h2 + " *star-first.txt\n", 4},
	} {
		if err := os.WriteFile(filepath.Join(dir, "SUMS"), []byte(c.in), 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := sha256sum(t, dir, "-c", "--strict", "SUMS")
		if code != 0 || strings.Count(out, ": OK") != c.names {
			t.Fatalf("%s: sha256sum: exit %d\n%s", c.name, code, out)
		}
		m, err := Parse("SUMS", []byte(c.in))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, a := range m.Artifacts {
			if _, ok := files[a.Name]; !ok {
				t.Errorf("%s: Parse read a name sha256sum does not: %q", c.name, a.Name)
			}
		}
		if rep := Verify(context.Background(), m, Options{Dir: dir}); rep.ExitCode() != 0 || len(rep.Results) != c.names {
			t.Errorf("%s: %+v", c.name, rep)
		}
	}
	for _, bad := range []string{
		h1 + "  one.txt\n" + h1 + " tab.txt\n", // styles mixed
		h1 + "  one.txt\n   \n",                // a line of blanks
		h1 + "  one.txt\nSHA1 (tab.txt) = " + h1[:40] + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, "SUMS"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		_, code := sha256sum(t, dir, "-c", "--strict", "SUMS")
		_, err := Parse("SUMS", []byte(bad))
		if code != 1 || err == nil {
			t.Errorf("%q: sha256sum --strict exit %d, Parse %v: both must refuse it", bad, code, err)
		}
	}
}
