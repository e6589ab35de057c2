package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/registrytest"
)

// The build stage records, the deploy stage verifies: paths relative to
// the working directory, as sha256sum has them; a tampered file and a
// tampered directory block (exit 1), each named.
func TestChecksumWriteThenVerify(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "cdk.out/manifest.json", `{"version": "36.0.0"}`)
	writeFile(t, dir, "cdk.out/App.template.json", `{"Resources": {}}`)
	writeFile(t, dir, "cdk.out/asset.1234/index.js", "exports.handler = async () => 1;\n")
	writeFile(t, dir, "plan.json", `{"format_version": "1.2"}`)

	for _, format := range []string{"text", "json"} {
		manifest := filepath.Join(t.TempDir(), "SUMS."+format)
		code, out, stderr := tollgate(t, "checksum", "write", "--format", format, "-o", manifest, "plan.json", "./cdk.out/")
		if code != 0 || out != "" {
			t.Fatalf("%s: write: exit %d %s %s", format, code, out, stderr)
		}
		code, out, stderr = tollgate(t, "checksum", "verify", manifest)
		if code != 0 || !strings.Contains(out, ": cdk.out: OK") || !strings.Contains(out, ": plan.json: OK") || !strings.Contains(out, "all 2 artifacts match") {
			t.Fatalf("%s: verify untouched: exit %d\n%s%s", format, code, out, stderr)
		}
	}

	text, json := filepath.Join(t.TempDir(), "SUMS"), filepath.Join(t.TempDir(), "SUMS.json")
	tollgate(t, "checksum", "write", "-o", text, "plan.json", "cdk.out")
	tollgate(t, "checksum", "write", "--format", "json", "-o", json, "plan.json", "cdk.out")
	writeFile(t, dir, "cdk.out/App.template.json", `{"Resources": {"Backdoor": {}}}`)
	writeFile(t, dir, "cdk.out/asset.1234/extra.js", "evil()\n")
	if err := os.Chmod(filepath.Join(dir, "cdk.out/asset.1234/index.js"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "plan.json")); err != nil {
		t.Fatal(err)
	}

	code, out, _ := tollgate(t, "checksum", "verify", json)
	for _, want := range []string{
		json + ":5: cdk.out: CHANGED: 3 files differ\n",
		"  changed: cdk.out/App.template.json\n",
		"  mode:    cdk.out/asset.1234/index.js (exec, was file)\n",
		"  added:   cdk.out/asset.1234/extra.js\n",
		json + ":27: plan.json: MISSING: ",
		"2 of 2 artifacts do not match " + json + " (1 changed, 1 missing, 0 unreadable)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("json verify: missing %q in\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("json verify: exit %d, want 1", code)
	}
	code, out, _ = tollgate(t, "checksum", "verify", "-q", text)
	if code != 1 || !strings.Contains(out, text+":3: cdk.out: CHANGED: directory changed (the text manifest does not list its files") ||
		!strings.Contains(out, text+":4: plan.json: MISSING") {
		t.Errorf("text verify: exit %d\n%s", code, out)
	}
}

// Exit 2: a malformed or truncated manifest (naming file:line), an
// artifact that cannot be read, and usage errors.
func TestChecksumCannotDecide(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "a.txt", "a")
	manifest := filepath.Join(dir, "out", "SUMS")
	if err := os.Mkdir(filepath.Dir(manifest), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := tollgate(t, "checksum", "write", "-o", manifest, file); code != 0 {
		t.Fatal(stderr)
	}
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	truncated := writeFile(t, dir, "truncated", strings.Join(lines[:len(lines)-2], ""))
	code, out, stderr := tollgate(t, "checksum", "verify", truncated)
	if code != 2 || out != "" || !strings.Contains(stderr, truncated+":4: truncated") {
		t.Errorf("truncated manifest: exit %d %q %q", code, out, stderr)
	}
	garbage := writeFile(t, dir, "garbage", lines[0]+"not a checksum\n")
	if code, _, stderr := tollgate(t, "checksum", "verify", garbage); code != 2 || !strings.Contains(stderr, garbage+":2: not a checksum line") {
		t.Errorf("malformed manifest: exit %d %q", code, stderr)
	}

	// The recorded file became a FIFO: reading it would block forever.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(file, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	code, out, _ = tollgate(t, "checksum", "verify", manifest)
	if code != 2 || !strings.Contains(out, "a.txt: UNREADABLE: ") || !strings.Contains(out, "not a regular file (fifo)") {
		t.Errorf("FIFO artifact: exit %d\n%s", code, out)
	}
	if code, _, stderr := tollgate(t, "checksum", "write", file); code != 2 || !strings.Contains(stderr, "not a regular file (fifo)") {
		t.Errorf("write of a FIFO: exit %d %s", code, stderr)
	}

	for _, args := range [][]string{
		{"checksum"},
		{"checksum", "sign"},
		{"checksum", "write"},
		{"checksum", "write", "--format", "yaml", dir},
		{"checksum", "write", "-o", filepath.Join(dir, "SUMS"), dir},
		{"checksum", "verify"},
		{"checksum", "verify", manifest, manifest},
	} {
		if code, _, _ := tollgate(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, _, stderr := tollgate(t, "checksum", "write", "-o", filepath.Join(dir, "SUMS"), dir); !strings.Contains(stderr, "inside "+dir) {
		t.Errorf("a manifest inside the directory it records: %s", stderr)
	}
	if code, out, _ := tollgate(t, "checksum", "--help"); code != 0 || !strings.Contains(out, "checksum write") {
		t.Errorf("help: %d %s", code, out)
	}
}

// Without -o the manifest goes to standard output, and a crafted file
// name cannot forge report lines.
func TestChecksumStdoutAndOddNames(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	odd := "x: OK\nevil.txt"
	writeFile(t, dir, odd, "odd")
	code, out, _ := tollgate(t, "checksum", "write", odd)
	if code != 0 || !strings.HasPrefix(out, "# tollgate:manifest 1\n") || !strings.Contains(out, `x: OK\nevil.txt`) {
		t.Fatalf("exit %d\n%s", code, out)
	}
	writeFile(t, dir, "SUMS", out)
	code, out, _ = tollgate(t, "checksum", "verify", "SUMS")
	if code != 0 || !strings.Contains(out, `SUMS:3: "x: OK\nevil.txt": OK`) {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// An image tag re-pushed with other content after the build blocks the
// promotion, naming the digest it resolves to now.
func TestChecksumImageRepushed(t *testing.T) {
	host, _ := registrytest.Serve(t)
	ref := host + "/team/app:1.0"
	first := registrytest.PushRandom(t, ref)
	manifest := filepath.Join(t.TempDir(), "SUMS")
	if code, _, stderr := tollgate(t, "checksum", "write", "--image", ref, "-o", manifest); code != 0 {
		t.Fatal(stderr)
	}
	if data, _ := os.ReadFile(manifest); !strings.Contains(string(data), "# tollgate:image "+first.Hex+"  "+ref+"\n") {
		t.Fatalf("manifest:\n%s", data)
	}
	if code, out, _ := tollgate(t, "checksum", "verify", manifest); code != 0 {
		t.Fatalf("untouched: exit %d\n%s", code, out)
	}
	second := registrytest.PushRandom(t, ref)
	code, out, _ := tollgate(t, "checksum", "verify", manifest)
	if code != 1 || !strings.Contains(out, manifest+":3: "+ref+": CHANGED: resolves to "+second.String()+", the manifest records "+first.String()) {
		t.Errorf("re-pushed: exit %d\n%s", code, out)
	}
}
