package credentials

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// wholeText is Find as it was before the name-based rules were searched
// in keyword ranges: every rule over the whole text in one Detect.
func wholeText(d *Detector, path, text string) []Match {
	if text == "" {
		return nil
	}
	return positioned(text, detect1(d.all().all, path, text, 0))
}

func checkFindEqualsWholeText(t *testing.T, d *Detector, path, text string) {
	t.Helper()
	got, want := d.Find(path, text), wholeText(d, path, text)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Find differs from a whole-text search: %d matches, want %d", path, len(got), len(want))
		for _, m := range got {
			t.Logf("got  %s %d:%d", m.RuleID, m.Line, m.Column)
		}
		for _, m := range want {
			t.Logf("want %s %d:%d", m.RuleID, m.Line, m.Column)
		}
	}
}

// Find searches the name-based rules only near their keywords; it must
// find exactly what a search of the whole text finds: on texts built to
// put values across line breaks, next to other rules' secrets and at the
// edges of ranges, and on every file of the shared corpus.
func TestFindEqualsWholeTextDetection(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("plain line\n", 30)
	texts := []string{
		"api_key = \"Zx9qLm3Rt7Vb2Np8Kd4W\"\n",
		pad + "password:\n\n\n  \"Zx9qLm3Rt7Vb2Np8Kd4W\"\n" + pad,
		pad + "token =\n\n\n\n\n\nZx9qLm3Rt7Vb2Np8Kd4Wq\n" + pad + "secret=Ab3dEf6hIj9kLm2nOp5q",
		"export GITHUB_TOKEN=ghp_Zx9qLm3Rt7Vb2Np8Kd4WZx9qLm3Rt7Vb2Np8\n",
		"ſecret = \"Zx9qLm3Rt7Vb2Np8Kd4W\"\nkey = \"Qw8eRt5yUi2oPa7sDf4G\"\n",
		"\u212aEY = \"Zx9qLm3Rt7Vb2Np8Kd4W\"\n",
		pad + "Auth: Zx9qLm3Rt7Vb2Np8Kd4W",
		"aws_access_key_id = AKIAZX9QLM3RT7VB2NP8\naws_secret_access_key = Zx9qLm3Rt7Vb2Np8Kd4WZx9qLm3Rt7Vb2Np8Kd4W\n",
	}
	named := 0
	for i, text := range texts {
		checkFindEqualsWholeText(t, d, "case"+string(rune('a'+i))+".txt", text)
		for _, m := range wholeText(d, "case.txt", text) {
			if m.RuleID == "generic-api-key" {
				named++
			}
		}
	}
	if named < 5 {
		t.Errorf("the built texts hold %d generic-api-key matches; they are meant to exercise that rule", named)
	}
	n := 0
	err = filepath.WalkDir("../../shared/corpus", func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		checkFindEqualsWholeText(t, d, p, string(b))
		return nil
	})
	if n == 0 || os.IsNotExist(err) {
		t.Log("corpus not available: checked the built texts only")
	} else if err != nil {
		t.Fatal(err)
	}
}

func FuzzFindEqualsWholeText(f *testing.F) {
	f.Add("api_key = \"Zx9qLm3Rt7Vb2Np8Kd4W\"\n")
	f.Add("x\ntoken =\n\n\nZx9qLm3Rt7Vb2Np8Kd4Wq\nsecret=Ab3dEf6hIj9kLm2nOp5q")
	f.Add("export GITHUB_TOKEN=ghp_Zx9qLm3Rt7Vb2Np8Kd4WZx9qLm3Rt7Vb2Np8\n")
	d, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFindEqualsWholeText(t, d, "fuzz.txt", text)
	})
}
