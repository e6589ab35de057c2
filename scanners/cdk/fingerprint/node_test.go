package fingerprint

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run aws-cdk-lib itself (the pinned app's node_modules, which
// scripts/install-test-deps installs) on trees made here, and compare: the
// JavaScript is the definition of the algorithm. Without node or the
// package they skip; the committed synth output still proves the common
// cases (scanners/cdk).

const appDir = "../../../testdata/cdk/app"

func needNode(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs node")
	}
	lib, err := filepath.Abs(filepath.Join(appDir, "node_modules", "aws-cdk-lib"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lib); err != nil {
		t.Skip("testdata/cdk/app/node_modules is missing; scripts/install-test-deps installs it")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	return lib
}

// runNode runs script with the aws-cdk-lib path as its first argument and
// the request on standard input; it returns standard output.
func runNode(t *testing.T, lib, script string, request any) []byte {
	t.Helper()
	in, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "-e", script, lib)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	return out
}

// TestNodeUTF8MatchesNode compares the decoder with Buffer's round trip on
// every short sequence of interesting bytes and on random ones.
func TestNodeUTF8MatchesNode(t *testing.T) {
	lib := needNode(t)
	interesting := []byte{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF, '\r', '\n'}
	var cases [][]byte
	for _, a := range interesting {
		for _, b := range interesting {
			cases = append(cases, []byte{a, b})
			for _, c := range interesting {
				cases = append(cases, []byte{a, b, c})
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			if rng.IntN(3) == 0 {
				b[i] = byte(rng.IntN(256))
			} else {
				b[i] = interesting[rng.IntN(len(interesting))]
			}
		}
		cases = append(cases, b)
	}
	req := make([]string, len(cases))
	for i, c := range cases {
		req[i] = hex.EncodeToString(c)
	}
	out := runNode(t, lib, `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(input.map(h => Buffer.from(Buffer.from(h, 'hex').toString()).toString('hex'))));`, req)
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, c := range cases {
		if got := hex.EncodeToString(AppendNodeUTF8(nil, c)); got != want[i] {
			t.Errorf("% x: got %s, node %s", c, got, want[i])
			if bad++; bad > 10 {
				t.FailNow()
			}
		}
	}
}

// treeCase is one source tree: files (path -> content), links (path ->
// text; an "ABS:" prefix makes the target absolute inside the tree), and
// the fingerprint options of the asset.
type treeCase struct {
	Name    string            `json:"name"`
	Files   map[string]string `json:"-"`
	Links   map[string]string `json:"-"`
	Exclude []string          `json:"exclude,omitempty"`
	Follow  string            `json:"follow,omitempty"`
	Ignore  string            `json:"ignoreMode,omitempty"`
	Extra   string            `json:"extraHash,omitempty"`
	Src     string            `json:"src"`
	Staged  string            `json:"staged"`
	Outside string            `json:"-"`
	// Lost: the staging copy rewrites a link so that its original text
	// cannot be recovered; the recomputed hash must differ (documented).
	Lost bool `json:"-"`
}

func treeCases() []treeCase {
	long := strings.Repeat("line\r\n", 1365) + "ab" // exactly 8192 bytes
	crAtEnd := strings.Repeat("x", chunk-1) + "\r" + "\nnext\r\n"
	split := strings.Repeat("y", chunk-1) + "é" + " rest"
	return []treeCase{
		{Name: "single text file", Files: map[string]string{"": "hello\r\nworld\n"}},
		{Name: "single empty file", Files: map[string]string{"": ""}},
		{Name: "binary first read", Files: map[string]string{"": "PNG\x00\r\n" + strings.Repeat("z", 3*chunk) + "\r\n"}},
		{Name: "CR ends the first read", Files: map[string]string{"": crAtEnd}},
		{Name: "CR ends the file", Files: map[string]string{"": "a\r\nb\r"}},
		{Name: "CR ends every read", Files: map[string]string{"": strings.Repeat(strings.Repeat("q", chunk-1)+"\r", 3) + "\n"}},
		{Name: "CR ends the first and third reads", Files: map[string]string{"": strings.Repeat("a", chunk-1) + "\r" + strings.Repeat("b", chunk) + strings.Repeat("c", chunk-1) + "\r" + "\nd\r\ne"}},
		{Name: "NUL after held-back text", Files: map[string]string{"": strings.Repeat("x", chunk-1) + "\r" + "\x00bin\r\n"}},
		{Name: "character split by a read", Files: map[string]string{"": split}},
		{Name: "invalid UTF-8", Files: map[string]string{"": "a\xff\xc3(b\xe2\x82\r\n"}},
		{Name: "exactly one read", Files: map[string]string{"": long}},
		{Name: "folder", Files: map[string]string{
			"a.txt": "A\r\n", "a/x": "in a", "a-b": "dash", "B": "upper", "é.txt": "e acute",
			"\U0001F600.txt": "emoji", "\uFB01.txt": "ligature above U+E000", "deep/er/still/f": "deep",
			"empty": "",
		}},
		{Name: "excludes", Exclude: []string{"*.map", "drafts"}, Files: map[string]string{
			"app.js": "x", "app.js.map": "{}", "drafts/todo.md": "t", "keep/drafts.txt": "k",
		}},
		{Name: "links kept", Files: map[string]string{"index.html": "i", "sub/util.js": "u"},
			Links: map[string]string{"latest.html": "index.html", "cur": "sub", "sub/up": "../index.html", "root": ".", "dangling": "nope.txt"}},
		{Name: "link written with ./", Lost: true, Files: map[string]string{"index.html": "i"},
			Links: map[string]string{"dot": "./index.html"}},
		{Name: "absolute links", Files: map[string]string{"lib/util.js": "u", "a.txt": "a"},
			Links: map[string]string{"top": "ABS:lib/util.js", "bin/tool": "ABS:lib/util.js"}},
		{Name: "link out followed", Files: map[string]string{"a.txt": "a"}, Outside: "outside\r\n",
			Links: map[string]string{"shared.css": "OUT:"}},
		{Name: "link out never followed", Follow: FollowNever, Files: map[string]string{"a.txt": "a"}, Outside: "outside",
			Links: map[string]string{"shared.css": "OUT:", "in": "a.txt"}},
		{Name: "follow always", Follow: FollowAlways, Files: map[string]string{"a.txt": "a", "d/f": "f"},
			Links: map[string]string{"in": "a.txt", "dl": "d"}},
		{Name: "internal only", Follow: FollowInternalOnly, Files: map[string]string{"a.txt": "a"},
			Links: map[string]string{"in": "a.txt"}},
		{Name: "git ignore", Ignore: IgnoreGit, Exclude: []string{"build/", "!build/keep"}, Files: map[string]string{
			"src/a": "a", "build/out": "o", "build/keep": "k"}},
		{Name: "docker ignore", Ignore: IgnoreDocker, Extra: `{"buildArgs":{"A":"1"},"version":"1.21.0"}`,
			Exclude: []string{"*.log", "tmp", "!tmp/keep.txt", "!Dockerfile"}, Files: map[string]string{
				"Dockerfile": "FROM scratch\n", "x.log": "l", "tmp/keep.txt": "k", "tmp/drop.txt": "d"}},
	}
}

// TestTreesMatchAwsCdkLib builds each case's source tree, lets aws-cdk-lib
// fingerprint it and stage a copy of it (FileSystem.copyDirectory, what
// AssetStaging does), and checks Read and Sum give the recorded hash from
// the staged copy.
func TestTreesMatchAwsCdkLib(t *testing.T) {
	lib := needNode(t)
	root := t.TempDir()
	cases := treeCases()
	for i := range cases {
		c := &cases[i]
		dir := filepath.Join(root, strings.ReplaceAll(c.Name, " ", "-"))
		c.Src, c.Staged = filepath.Join(dir, "src"), filepath.Join(dir, "staged")
		outside := filepath.Join(dir, "outside.css")
		if c.Outside != "" {
			write(t, outside, c.Outside)
		}
		if content, single := c.Files[""]; single {
			c.Src = filepath.Join(dir, "asset.txt")
			write(t, c.Src, content)
			continue
		}
		for p, content := range c.Files {
			write(t, filepath.Join(c.Src, filepath.FromSlash(p)), content)
		}
		for p, text := range c.Links {
			switch {
			case strings.HasPrefix(text, "ABS:"):
				text = filepath.Join(c.Src, filepath.FromSlash(strings.TrimPrefix(text, "ABS:")))
			case text == "OUT:":
				text = outside
			}
			link := filepath.Join(c.Src, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(text, link); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := runNode(t, lib, `
const fs = require('fs');
const { FileSystem } = require(process.argv[1]);
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const sums = cases.map(c => {
  const opts = { exclude: c.exclude, follow: c.follow, ignoreMode: c.ignoreMode, extraHash: c.extraHash };
  const sum = FileSystem.fingerprint(c.src, opts);
  if (fs.statSync(c.src).isDirectory()) {
    fs.mkdirSync(c.staged);
    FileSystem.copyDirectory(c.src, c.staged, opts);
  } else {
    fs.copyFileSync(c.src, c.staged);
  }
  return sum;
});
console.log(JSON.stringify(sums));`, cases)
	var sums []string
	if err := json.Unmarshal(out, &sums); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			tree, err := Read(context.Background(), c.Staged, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			o := Options{ExtraHash: c.Extra, Follow: c.Follow, IgnoreMode: c.Ignore}
			got := tree.Sum(o)
			if got != sums[i] && tree.RootedLinks() {
				o.LinksFromRoot = true
				got = tree.Sum(o)
			}
			if c.Lost {
				if got == sums[i] {
					t.Errorf("staged copy hashes to the recorded %s; the case no longer loses the link's text", got)
				}
				return
			}
			if got != sums[i] {
				t.Errorf("staged copy hashes to %s, aws-cdk-lib recorded %s", got, sums[i])
			}
		})
	}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
