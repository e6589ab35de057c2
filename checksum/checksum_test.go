package checksum

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/fsread"
)

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func write(t *testing.T, dir, name, content string, mode os.FileMode) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

// sampleTree makes a directory with a file, an executable, a nested file and a
// symlink pointing out of it.
func sampleTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, root, "outside.txt", "outside", 0o644)
	dir := filepath.Join(root, "app")
	write(t, dir, "index.js", "exports.handler = 1\n", 0o644)
	write(t, dir, "bin/run.sh", "#!/bin/sh\n", 0o755)
	write(t, dir, "lib/util.js", "module.exports = {}\n", 0o644)
	if err := os.Symlink("../outside.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// The tree listing is exactly the documented one, so the directory sum can
// be recomputed by anyone from the manifest's JSON listing.
func TestDirListingIsTheDocumentedOne(t *testing.T) {
	root := sampleTree(t)
	got, entries, err := Dir(context.Background(), filepath.Join(root, "app"))
	if err != nil {
		t.Fatal(err)
	}
	listing := "exec " + sum("#!/bin/sh\n") + "  bin/run.sh\n" +
		"file " + sum("exports.handler = 1\n") + "  index.js\n" +
		"file " + sum("module.exports = {}\n") + "  lib/util.js\n" +
		"symlink " + sum("../outside.txt") + "  link\n"
	if string(TreeListing(entries)) != listing {
		t.Errorf("listing:\n%s\nwant:\n%s", TreeListing(entries), listing)
	}
	if got != sum(listing) || TreeSum(entries) != got {
		t.Errorf("tree sum %s, want %s", got, sum(listing))
	}
	// The link is hashed by its target text, never followed: what it
	// points at may change without changing the directory.
	write(t, root, "outside.txt", "changed outside", 0o644)
	again, _, err := Dir(context.Background(), filepath.Join(root, "app"))
	if err != nil || again != got {
		t.Errorf("a link's target was followed: %s %v", again, err)
	}
	if f, err := File(context.Background(), filepath.Join(root, "app", "index.js")); err != nil || f != sum("exports.handler = 1\n") {
		t.Errorf("File = %s %v", f, err)
	}
}

// guard fails the test instead of hanging the suite on a FIFO.
func guard(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("did not return")
	}
}

// A FIFO or device, inside a directory or named itself, is refused: a
// FIFO would block the read forever, and skipping it would leave part of
// the directory unverified.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "d/a.txt", "a", 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "d", "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var err error
	guard(t, func() { _, _, err = Dir(ctx, filepath.Join(dir, "d")) })
	if !errors.Is(err, ErrNotRegularEntry) || !strings.Contains(err.Error(), "pipe") || !strings.Contains(err.Error(), "fifo") {
		t.Errorf("FIFO in a directory: %v", err)
	}
	guard(t, func() { _, err = HashPath(ctx, "pipe", Options{Dir: dir}) })
	if !errors.Is(err, fsread.ErrNotRegular) {
		t.Errorf("FIFO named: %v", err)
	}
	if _, err := HashPath(ctx, "/dev/zero", Options{}); !errors.Is(err, fsread.ErrNotRegular) {
		t.Errorf("/dev/zero: %v", err)
	}
	// In a verification, a recorded file that became a FIFO cannot be
	// decided: exit 2, not a pass and not a plain mismatch.
	m := &Manifest{Artifacts: []Artifact{{Kind: KindFile, Name: "pipe", SHA256: sum("a")}}}
	var rep Report
	guard(t, func() { rep = Verify(ctx, m, Options{Dir: dir}) })
	if rep.Results[0].Status != StatusUnreadable || rep.ExitCode() != 2 {
		t.Errorf("FIFO verified: %+v", rep.Results[0])
	}
}

func TestHashingStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Dir(ctx, sampleTree(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Dir on a cancelled context: %v", err)
	}
}

func build(t *testing.T, dir string, paths ...string) *Manifest {
	t.Helper()
	m, err := Build(context.Background(), paths, nil, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// render writes m in a form.
func render(t *testing.T, m *Manifest, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if format == FormatJSON {
		err = m.WriteJSON(&b)
	} else {
		err = m.WriteText(&b)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// roundTrip writes m in a form and reads it back, as verify would.
func roundTrip(t *testing.T, m *Manifest, format string) *Manifest {
	t.Helper()
	b := render(t, m, format)
	back, err := Parse("MANIFEST", b)
	if err != nil {
		t.Fatalf("%s\n%s", err, b)
	}
	return back
}

func TestTamperedFileAndMissingFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "template.json", `{"Resources": {}}`, 0o644)
	write(t, dir, "params.json", `{}`, 0o644)
	write(t, dir, "kept.txt", "kept", 0o644)
	m := roundTrip(t, build(t, dir, "template.json", "params.json", "./kept.txt"), FormatText)
	if rep := Verify(context.Background(), m, Options{Dir: dir}); rep.ExitCode() != 0 {
		t.Fatalf("untouched: %+v", rep)
	}
	write(t, dir, "template.json", `{"Resources": {"Evil": {}}}`, 0o644)
	if err := os.Remove(filepath.Join(dir, "params.json")); err != nil {
		t.Fatal(err)
	}
	rep := Verify(context.Background(), m, Options{Dir: dir})
	byName := map[string]Result{}
	for _, r := range rep.Results {
		byName[r.Artifact.Name] = r
	}
	if r := byName["template.json"]; r.Status != StatusChanged || r.Actual != sum(`{"Resources": {"Evil": {}}}`) || r.Artifact.Line == 0 {
		t.Errorf("tampered: %+v", r)
	}
	if r := byName["params.json"]; r.Status != StatusMissing || !errors.Is(r.Err, os.ErrNotExist) {
		t.Errorf("removed: %+v", r)
	}
	if r := byName["kept.txt"]; r.Status != StatusOK {
		t.Errorf("kept (recorded as ./kept.txt): %+v", r)
	}
	if rep.ExitCode() != 1 || rep.Count(StatusChanged) != 1 || rep.Count(StatusMissing) != 1 {
		t.Errorf("exit %d, counts %+v", rep.ExitCode(), rep)
	}

	// A file that became a directory is changed, and says so.
	if err := os.Remove(filepath.Join(dir, "kept.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "kept.txt/inner", "x", 0o644)
	rep = Verify(context.Background(), m, Options{Dir: dir})
	for _, r := range rep.Results {
		if r.Artifact.Name == "kept.txt" && (r.Status != StatusChanged || r.Kind != KindDirectory) {
			t.Errorf("file became a directory: %+v", r)
		}
	}
}

// A tampered directory: every kind of change is named when the manifest
// lists the files (JSON); the text form can only say the directory
// changed.
func TestTamperedDirectory(t *testing.T) {
	root := sampleTree(t)
	built := build(t, root, "app")
	jsonM, textM := roundTrip(t, built, FormatJSON), roundTrip(t, built, FormatText)
	if !reflect.DeepEqual(jsonM.Artifacts[0].Entries, built.Artifacts[0].Entries) || textM.Artifacts[0].Entries != nil {
		t.Fatalf("listing lost or invented: json %v, text %v", jsonM.Artifacts[0].Entries, textM.Artifacts[0].Entries)
	}
	for _, m := range []*Manifest{jsonM, textM} {
		if rep := Verify(context.Background(), m, Options{Dir: root}); rep.ExitCode() != 0 {
			t.Fatalf("untouched %s: %+v", m.Format, rep)
		}
	}
	app := filepath.Join(root, "app")
	write(t, app, "index.js", "exports.handler = evil\n", 0o644)
	write(t, app, "lib/backdoor.js", "evil\n", 0o644)
	if err := os.Remove(filepath.Join(app, "lib", "util.js")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(app, "bin", "run.sh"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(app, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(app, "link")); err != nil {
		t.Fatal(err)
	}

	rep := Verify(context.Background(), jsonM, Options{Dir: root})
	r := rep.Results[0]
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Kind)+" "+c.Path)
	}
	want := []string{"mode bin/run.sh", "changed index.js", "added lib/backdoor.js", "removed lib/util.js", "changed link"}
	if r.Status != StatusChanged || rep.ExitCode() != 1 || !reflect.DeepEqual(got, want) {
		t.Errorf("json: %s %v, want %v", r.Status, got, want)
	}
	if c := r.Changes[0]; c.Was.Mode != ModeExec || c.Now.Mode != ModeFile {
		t.Errorf("mode change: %+v %+v", c.Was, c.Now)
	}

	rep = Verify(context.Background(), textM, Options{Dir: root})
	if r := rep.Results[0]; r.Status != StatusChanged || r.Changes != nil || r.Actual == "" {
		t.Errorf("text: %+v", r)
	}

	// A mode change alone changes the directory.
	root2 := sampleTree(t)
	m := build(t, root2, "app")
	if err := os.Chmod(filepath.Join(root2, "app", "index.js"), 0o755); err != nil {
		t.Fatal(err)
	}
	if r := Verify(context.Background(), m, Options{Dir: root2}).Results[0]; r.Status != StatusChanged || len(r.Changes) != 1 || r.Changes[0].Kind != ChangeMode {
		t.Errorf("chmod +x: %+v", r)
	}
}

// Both forms are deterministic and sorted: files and directories by
// path, then images; a path given twice is recorded once.
func TestManifestIsSortedAndDeterministic(t *testing.T) {
	root := sampleTree(t)
	write(t, root, "z.txt", "z", 0o644)
	write(t, root, `odd\name`+"\n"+"x.txt", "odd", 0o644)
	a := build(t, root, "z.txt", "app", "outside.txt", "app/", `odd\name`+"\n"+"x.txt")
	b := build(t, root, `odd\name`+"\n"+"x.txt", "outside.txt", "app", "z.txt")
	var names []string
	for _, x := range a.Artifacts {
		names = append(names, x.Name)
	}
	if want := []string{"app", "odd\\name\nx.txt", "outside.txt", "z.txt"}; !reflect.DeepEqual(names, want) {
		t.Errorf("order %q, want %q", names, want)
	}
	for _, format := range []string{FormatText, FormatJSON} {
		if x, y := render(t, a, format), render(t, b, format); !bytes.Equal(x, y) {
			t.Errorf("%s form differs between runs:\n%s\n%s", format, x, y)
		}
	}
	// The odd name survives both forms (escaped as sha256sum escapes it).
	for _, format := range []string{FormatText, FormatJSON} {
		back := roundTrip(t, a, format)
		if back.Artifacts[1].Name != "odd\\name\nx.txt" {
			t.Errorf("%s: name %q", format, back.Artifacts[1].Name)
		}
		if rep := Verify(context.Background(), back, Options{Dir: root}); rep.ExitCode() != 0 {
			t.Errorf("%s: %+v", format, rep)
		}
	}
}

// A subdirectory replaced by a link out of the tree between the lstat and
// the listing (the race a hostile build step could run) is refused, not
// followed.
func TestSwappedDirectoryIsRefused(t *testing.T) {
	root := sampleTree(t)
	sub := filepath.Join(root, "app", "lib")
	seen, err := os.Lstat(sub)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(sub, sub+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(t.TempDir(), sub); err != nil {
		t.Fatal(err)
	}
	if _, err := readDir(sub, seen); err == nil || !strings.Contains(err.Error(), "replaced while it was hashed") {
		t.Errorf("swapped directory listed: %v", err)
	}
	if des, err := readDir(sub+".old", seen); err != nil || len(des) != 1 {
		t.Errorf("the directory itself: %v %v", des, err)
	}
}
