package cdk

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestFixturesAreFresh synthesizes the pinned app again and checks the
// committed assemblies are what it produces, so the golden tests never run
// against an assembly the app no longer makes. It needs the app's
// node_modules (scripts/install-test-deps runs npm ci) and runs offline.
func TestFixturesAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizing the CDK app takes seconds")
	}
	if _, err := os.Stat(filepath.Join(appDir, "node_modules", "aws-cdk-lib")); err != nil {
		t.Skip("testdata/cdk/app/node_modules is missing; scripts/install-test-deps installs it")
	}
	tmp := t.TempDir()
	out, debugOut := filepath.Join(tmp, "cdk.out"), filepath.Join(tmp, "cdk.out.debug")
	cmd := exec.Command("../../scripts/cdk-synth", out, debugOut)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/cdk-synth: %v\n%s", err, b)
	}
	compareAssemblies(t, filepath.Join(appDir, "cdk.out"), out)
	compareAssemblies(t, filepath.Join(appDir, "cdk.out.debug"), debugOut)
}

// machinePath matches the absolute path of the app on the machine that
// synthesized it, the only part of an assembly that depends on the machine.
var machinePath = regexp.MustCompile(`(?:[A-Za-z]:)?[^\s"()]*?/testdata/cdk/app/`)

func compareAssemblies(t *testing.T, committed, fresh string) {
	t.Helper()
	want, got := listFiles(t, committed), listFiles(t, fresh)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: files differ from a fresh synth (run scripts/cdk-synth)\ncommitted: %v\nfresh:     %v", committed, want, got)
		return
	}
	for _, rel := range want {
		a, b := readEntry(t, filepath.Join(committed, rel)), readEntry(t, filepath.Join(fresh, rel))
		if strings.HasSuffix(rel, ".json") || rel == "cdk.out" {
			if !sameJSON(t, a, b) {
				t.Errorf("%s/%s differs from a fresh synth (run scripts/cdk-synth)", committed, rel)
			}
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s/%s differs from a fresh synth (run scripts/cdk-synth)", committed, rel)
		}
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(machinePath.ReplaceAll(a, []byte("<app>/")), &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(machinePath.ReplaceAll(b, []byte("<app>/")), &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// readEntry reads a file, or the text of a link: asset folders hold links
// that the synth copies as links.
func readEntry(t *testing.T, p string) []byte {
	t.Helper()
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		target, err := os.Readlink(p)
		if err != nil {
			t.Fatal(err)
		}
		return []byte("symlink -> " + target)
	}
	return readAll(t, p)
}

func readAll(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
