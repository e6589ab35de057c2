package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tollgateGuarded runs the CLI like tollgate() but fails the test, instead
// of hanging the suite, when the run does not return: what these tests
// guard against is a read that blocks or never ends.
func tollgateGuarded(t *testing.T, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code int
		out  string
	}
	done := make(chan result, 1)
	go func() {
		var out bytes.Buffer
		code := run(context.Background(), args, &out, &out)
		done <- result{code, out.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out
	case <-time.After(30 * time.Second):
		t.Fatalf("tollgate %s did not return", strings.Join(args, " "))
		return 0, ""
	}
}

func mkfifo(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

func symlink(t *testing.T, target, p string) string {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSpecialFilesNamedExplicitlyAreUndecided(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{
		mkfifo(t, filepath.Join(dir, "fifo", "Dockerfile")),
		mkfifo(t, filepath.Join(dir, "fifo", "t.yaml")),
		symlink(t, "/dev/zero", filepath.Join(dir, "Dockerfile")),
		symlink(t, "/dev/urandom", filepath.Join(dir, "t.yaml")),
	} {
		for _, cmd := range []string{"scan", "inspect"} {
			code, out := tollgateGuarded(t, cmd, "--timeout", "10s", p)
			if cmd == "inspect" {
				code, out = tollgateGuarded(t, cmd, p)
			}
			if code != 2 || !strings.Contains(out, filepath.ToSlash(p)) || !strings.Contains(out, "not a regular file") {
				t.Errorf("%s %s: exit %d, want 2 naming the file\n%s", cmd, p, code, out)
			}
		}
	}
}

func TestSpecialFilesInScannedDirectoriesAreSkippedWithAWarning(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "db.yaml", encryptedDB)
	mkfifo(t, filepath.Join(dir, "t.yaml"))
	mkfifo(t, filepath.Join(dir, "app", "Dockerfile"))
	code, out := tollgateGuarded(t, "scan", "--timeout", "10s", "--format", "json", dir)
	if code != 0 || strings.Count(out, "skipped: not a regular file (fifo)") != 2 {
		t.Fatalf("exit %d, want 0 with a warning per FIFO\n%s", code, out)
	}
}

// Files a scanner reads itself (a module's files, -var-file) get the same
// refusal: a recognised file that cannot be read is exit 2, not a hang.
func TestSpecialFilesReadByTheTerraformScannerAreUndecided(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "root/main.tf", "module \"m\" {\n  source = \"../mod\"\n}\n")
	writeFile(t, dir, "mod/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n")
	mkfifo(t, filepath.Join(dir, "mod", "extra.tf"))
	vars := mkfifo(t, filepath.Join(dir, "vars.tfvars"))
	code, out := tollgateGuarded(t, "scan", "--timeout", "10s", "--format", "json", filepath.Join(dir, "root"))
	if code != 2 || !strings.Contains(out, "extra.tf") || !strings.Contains(out, "not a regular file (fifo)") {
		t.Errorf("FIFO in a called module: exit %d\n%s", code, out)
	}
	writeFile(t, dir, "solo/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n")
	code, out = tollgateGuarded(t, "scan", "--timeout", "10s", "--format", "json", "--var-file", vars, filepath.Join(dir, "solo"))
	if code != 2 || !strings.Contains(out, "vars.tfvars") || !strings.Contains(out, "not a regular file (fifo)") {
		t.Errorf("FIFO as --var-file: exit %d\n%s", code, out)
	}
}

func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	big := writeFile(t, dir, "big/db.yaml", encryptedDB+strings.Repeat("# padding\n", 200))
	writeFile(t, dir, "data/rows.json", `{"rows": [`+strings.Repeat(`1,`, 2000)+`1]}`)
	writeFile(t, dir, "data/db.yaml", encryptedDB)

	if code, out := tollgateGuarded(t, "scan", "--format", "json", big); code != 0 {
		t.Fatalf("under the default limit: exit %d\n%s", code, out)
	}
	for _, flags := range [][]string{{"--max-file-size", "1KiB"}, {"--max-file-size", "1000"}, {"--max-file-size", "cloudformation=1KB"}} {
		code, out := tollgateGuarded(t, append(append([]string{"scan", "--format", "json"}, flags...), big)...)
		if code != 2 || !strings.Contains(out, "db.yaml") || !strings.Contains(out, "CloudFormation template: file is") {
			t.Errorf("%v: exit %d, want 2 naming the template\n%s", flags, code, out)
		}
	}
	if code, out := tollgateGuarded(t, "scan", "--max-file-size", "1KiB", "--max-file-size", "cloudformation=1MiB", big); code != 0 {
		t.Errorf("a later KIND=SIZE must override: exit %d\n%s", code, out)
	}
	cfg := writeFile(t, dir, "tollgate.yaml", "max_file_size: 1KiB\n")
	if code, out := tollgateGuarded(t, "scan", "--config", cfg, big); code != 2 {
		t.Errorf("config max_file_size: exit %d\n%s", code, out)
	}
	cfg = writeFile(t, dir, "tollgate-kinds.yaml", "max_file_size:\n  cloudformation: 1KiB\n")
	if code, out := tollgateGuarded(t, "scan", "--config", cfg, big); code != 2 {
		t.Errorf("config max_file_size by kind: exit %d\n%s", code, out)
	}
	if code, out := tollgateGuarded(t, "scan", "--config", cfg, "--max-file-size", "64MiB", big); code != 0 {
		t.Errorf("the flag applies after the config: exit %d\n%s", code, out)
	}
	// A data file over the template limit that is no template is not an
	// error: it is still checked for credentials (the files kind).
	code, out := tollgateGuarded(t, "scan", "--format", "json", "--max-file-size", "1KiB", filepath.Join(dir, "data"))
	if code != 0 || !strings.Contains(out, `"files": 1`) || !strings.Contains(out, `"filesSkipped": 0`) {
		t.Errorf("oversized data file: exit %d\n%s", code, out)
	}
	for _, bad := range []string{"0", "1.5MiB", "helm=1MiB", "lots"} {
		if code, out := tollgateGuarded(t, "scan", "--max-file-size", bad, big); code != 2 || !strings.Contains(out, "--max-file-size") {
			t.Errorf("--max-file-size %s: exit %d\n%s", bad, code, out)
		}
	}
}

// inspect fails like scan: a file that does not parse is exit 2 naming its
// position, never an empty document with exit 0.
func TestInspectParseErrorsAreUndecided(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ file, content, want string }{
		"terraform":      {"tf/main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n", "tf/main.tf:2:10: error: Invalid expression"},
		"cloudformation": {"t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: [unclosed\n", "t.yaml:4"},
		"dockerfile":     {"df/Dockerfile", "FROM alpine\nRUN <<EOF\n", "df/Dockerfile:2"},
		"plan":           {"plan/plan.json", `{"format_version": "1.2", "planned_values": {"root_module": {`, "plan/plan.json"},
	} {
		p := writeFile(t, dir, c.file, c.content)
		if name == "terraform" {
			p = filepath.Dir(p)
		}
		code, out := tollgateGuarded(t, "inspect", p)
		if code != 2 || !strings.Contains(out, filepath.ToSlash(filepath.Join(dir, c.want))) {
			t.Errorf("%s: exit %d, want 2 and %q\n%s", name, code, c.want, out)
		}
	}
	// A clean module still inspects with exit 0.
	ok := writeFile(t, dir, "ok/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n")
	if code, out := tollgateGuarded(t, "inspect", filepath.Dir(ok)); code != 0 || !strings.Contains(out, "aws_sqs_queue.q") {
		t.Errorf("clean module: exit %d\n%s", code, out)
	}
}

// A scan that covered nothing cannot say the code is safe.
func TestNothingToScanIsUndecided(t *testing.T) {
	dir := t.TempDir()
	// Every text file is checked for credentials, so only a tree whose
	// files all sit where discovery never looks has nothing to scan.
	writeFile(t, dir, "docs/node_modules/lib/index.js", "module.exports = 1\n")
	writeFile(t, dir, "docs/.git/config", "[core]\n")
	code, out := tollgateGuarded(t, "scan", filepath.Join(dir, "docs"))
	if code != 2 || !strings.Contains(out, "nothing to scan: 0 files skipped, 0 paths excluded") {
		t.Errorf("directory with nothing tollgate scans: exit %d\n%s", code, out)
	}
	if code, out := tollgateGuarded(t, "scan", "--allow-empty", filepath.Join(dir, "docs")); code != 0 {
		t.Errorf("--allow-empty: exit %d\n%s", code, out)
	}

	writeFile(t, dir, "infra/db.yaml", encryptedDB)
	cfg := writeFile(t, dir, "tollgate.yaml", "exclude: [\"**\"]\n")
	code, out = tollgateGuarded(t, "scan", "--config", cfg, "--format", "sarif", filepath.Join(dir, "infra"))
	if code != 2 || !strings.Contains(out, "nothing to scan: 0 files skipped, 1 paths excluded") || !strings.Contains(out, `"executionSuccessful": false`) {
		t.Errorf("everything excluded: exit %d, want 2 and a SARIF report saying why\n%s", code, out)
	}
	if code, out := tollgateGuarded(t, "scan", "--config", cfg, filepath.Join(dir, "infra")); code != 2 {
		t.Errorf("everything excluded: exit %d\n%s", code, out)
	}
	if code, out := tollgateGuarded(t, "scan", filepath.Join(dir, "infra")); code != 0 {
		t.Errorf("a template: exit %d\n%s", code, out)
	}
}

// A pre-commit hook must not block a commit that stages nothing tollgate
// scans, in a repository that holds nothing it scans either.
func TestStagedWithNothingToScanPasses(t *testing.T) {
	dir := hookRepo(t)
	writeFile(t, dir, "README.md", "# sample\n")
	gitIn(t, dir, "add", "README.md")
	if code, out := tollgateGuarded(t, "scan", "--staged"); code != 0 {
		t.Fatalf("README-only commit: exit %d\n%s", code, out)
	}
	// Nor a shard left without work: with one target, one of two shards
	// is empty.
	writeFile(t, dir, "infra/db.yaml", encryptedDB)
	for _, shard := range []string{"1/2", "2/2"} {
		if code, out := tollgateGuarded(t, "scan", "--shard", shard, filepath.Join(dir, "infra")); code != 0 {
			t.Fatalf("shard %s: exit %d\n%s", shard, code, out)
		}
	}
}

// specials makes, in a new directory each, a FIFO and a link to /dev/zero
// called name, with the type each must be reported as.
func specials(t *testing.T, name string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero", name)
	if err := os.MkdirAll(filepath.Dir(zero), 0o755); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		mkfifo(t, filepath.Join(dir, "fifo", name)): "fifo",
		symlink(t, "/dev/zero", zero):               "device",
	}
}

// wantRefused wants exit 2 with a message naming the file (its path, or
// the name it has inside a named directory) and what it is.
func wantRefused(t *testing.T, what string, code int, out, file, typ string) {
	t.Helper()
	if code != 2 || !strings.Contains(out, file) || !strings.Contains(out, "not a regular file ("+typ+")") {
		t.Errorf("%s: exit %d, want 2 naming %s, not a regular file (%s)\n%s", what, code, file, typ, out)
	}
}

// Every file tollgate reads because a flag or the configuration names it
// is refused when it is a FIFO or a device: exit 2 naming it, never a
// read that blocks (a FIFO's open waits for a writer) or never ends
// (/dev/zero).
func TestSpecialFilesNamedByFlagsOrConfigAreUndecided(t *testing.T) {
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "db.yaml", encryptedDB)
	tf := filepath.Dir(writeFile(t, dir, "tf/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"))
	// withConfig names the special file in a configuration key.
	withConfig := func(yaml string, rest ...string) func(string) []string {
		return func(p string) []string {
			cfg := writeFile(t, t.TempDir(), "tollgate.yaml", fmt.Sprintf(yaml, p))
			return append([]string{"scan", "--timeout", "10s", "--config", cfg}, rest...)
		}
	}
	base := "approved_base_images:\n  - pattern: registry.example.com/base\n    %s: %%q\n"
	cases := []struct {
		what, name string
		args       func(p string) []string
		// dir: the flag names the special file's directory.
		dir bool
	}{
		{"--config", "tollgate.yaml", func(p string) []string { return []string{"scan", "--timeout", "10s", "--config", p, tmpl} }, false},
		{"--baseline", "baseline.json", func(p string) []string { return []string{"scan", "--timeout", "10s", "--baseline", p, tmpl} }, false},
		{"baseline:", "baseline.json", withConfig("baseline: %q\n", tmpl), false},
		{"--policy FILE.rego", "policy.rego", func(p string) []string { return []string{"scan", "--policy", p, tmpl} }, false},
		{"--policy BUNDLE.tar.gz", "bundle.tar.gz", func(p string) []string { return []string{"scan", "--policy", p, tmpl} }, false},
		{"--policy DIR", "policy.rego", func(p string) []string { return []string{"scan", "--policy", filepath.Dir(p), tmpl} }, true},
		{"policies:", "policy.rego", withConfig("policies: [%q]\n", tmpl), false},
		{"--image-tar", "image.tar", func(p string) []string { return []string{"scan", "--timeout", "10s", "--image-tar", p} }, false},
		{"--oci-layout", "index.json", func(p string) []string {
			writeFile(t, filepath.Dir(p), "oci-layout", `{"imageLayoutVersion":"1.0.0"}`)
			return []string{"scan", "--timeout", "10s", "--oci-layout", filepath.Dir(p)}
		}, false},
		// The scanned image is never read: the approved bases are read first.
		{"approved base tarball:", "base.tar", withConfig(fmt.Sprintf(base, "tarball"), "--image-tar", tmpl), false},
		{"approved base layout:", "index.json", func(p string) []string {
			writeFile(t, filepath.Dir(p), "oci-layout", `{"imageLayoutVersion":"1.0.0"}`)
			return withConfig(fmt.Sprintf(base, "layout"), "--image-tar", tmpl)(filepath.Dir(p))
		}, false},
		{"--var-file", "vars.tfvars", func(p string) []string { return []string{"scan", "--timeout", "10s", "--var-file", p, tf} }, false},
		{"terraform.var_files:", "vars.tfvars", withConfig("terraform:\n  var_files: [%q]\n", tf), false},
		{"merge", "shard-1.json", func(p string) []string { return []string{"merge", p} }, false},
	}
	for _, c := range cases {
		for p, typ := range specials(t, c.name) {
			t.Run(c.what+" "+typ, func(t *testing.T) {
				code, out := tollgateGuarded(t, c.args(p)...)
				file := p
				if c.dir {
					file = c.name
				}
				wantRefused(t, c.what, code, out, file, typ)
			})
		}
	}
}

// .tollgate.yaml is read without being named: the same refusal applies.
func TestSpecialDefaultConfigIsUndecided(t *testing.T) {
	tmpl := writeFile(t, t.TempDir(), "db.yaml", encryptedDB)
	for p, typ := range specials(t, ".tollgate.yaml") {
		t.Run(typ, func(t *testing.T) {
			t.Chdir(filepath.Dir(p))
			code, out := tollgateGuarded(t, "scan", tmpl)
			wantRefused(t, "default config", code, out, ".tollgate.yaml", typ)
		})
	}
}

// An OCI layout's blobs are opened by go-containerregistry, which refuses
// any that is not a regular file (or is a link) before it opens it; this
// keeps that refusal from regressing into a hang.
func TestSpecialBlobsInAnOCILayoutAreUndecided(t *testing.T) {
	hex := strings.Repeat("ab", 32)
	for p := range specials(t, hex) {
		dir := filepath.Dir(p)
		writeFile(t, dir, "oci-layout", `{"imageLayoutVersion":"1.0.0"}`)
		writeFile(t, dir, "index.json", `{"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:`+hex+`", "size": 100}]}`)
		if err := os.MkdirAll(filepath.Join(dir, "blobs", "sha256"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p, filepath.Join(dir, "blobs", "sha256", hex)); err != nil {
			t.Fatal(err)
		}
		code, out := tollgateGuarded(t, "scan", "--timeout", "10s", "--oci-layout", dir)
		if code != 2 || !strings.Contains(out, filepath.ToSlash(dir)) || !strings.Contains(out, hex) {
			t.Errorf("%s: exit %d, want 2 naming the blob\n%s", p, code, out)
		}
	}
}

// A policy bundle directory is read by OPA, which lists regular files
// only: a FIFO in it is never opened.
func TestSpecialFileInAPolicyBundleDirectoryDoesNotHang(t *testing.T) {
	tmpl := writeFile(t, t.TempDir(), "db.yaml", encryptedDB)
	for p := range specials(t, "policy.rego") {
		writeFile(t, filepath.Dir(p), ".manifest", `{"roots": ["custom"]}`)
		tollgateGuarded(t, "scan", "--policy", filepath.Dir(p), tmpl)
	}
}

// git hooks tollgate reads to see whether it wrote them.
func TestSpecialPreCommitHookIsUndecided(t *testing.T) {
	dir := hookRepo(t)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	for p, typ := range specials(t, "pre-commit") {
		if err := os.Remove(hook); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.Rename(p, hook); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"install", "uninstall"} {
			t.Run(cmd+" "+typ, func(t *testing.T) {
				code, out := tollgateGuarded(t, "hook", cmd)
				wantRefused(t, "hook "+cmd, code, out, filepath.Join(".git", "hooks", "pre-commit"), typ)
			})
		}
	}
}

// Files people write are read whole, up to fsread.MaxTextFile (16 MiB).
func TestOversizedTextFilesAreUndecided(t *testing.T) {
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "db.yaml", encryptedDB)
	// huge makes a sparse file just over the limit: nothing is written.
	huge := func(name string) string {
		p := writeFile(t, t.TempDir(), name, "")
		if err := os.Truncate(p, 16<<20+1); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for what, c := range map[string]struct{ file, name string }{
		"--config":           {huge("tollgate.yaml"), ""},
		"--baseline":         {huge("baseline.json"), ""},
		"--policy FILE.rego": {huge("policy.rego"), ""},
		"--policy DIR":       {huge("policy.rego"), "policy.rego"},
	} {
		t.Run(what, func(t *testing.T) {
			arg := c.file
			if c.name != "" {
				arg = filepath.Dir(c.file)
			}
			code, out := tollgateGuarded(t, "scan", strings.Fields(what)[0], arg, tmpl)
			if code != 2 || !strings.Contains(out, filepath.Base(c.file)) || !strings.Contains(out, "file is 16777217 bytes, over the 16 MiB limit") {
				t.Errorf("exit %d, want 2 naming the file and the limit\n%s", code, out)
			}
		})
	}
}
