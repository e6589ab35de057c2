package dockerfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

func parseFixture(t *testing.T, name string, buildArgs map[string]string) (*document.Document, []document.Diagnostic) {
	t.Helper()
	path := filepath.Join("testdata", name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags, err := Parse(path, b, buildArgs)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return doc, diags
}

func stage(t *testing.T, doc *document.Document, i int) map[string]any {
	t.Helper()
	stages := doc.Input["stages"].([]any)
	if i >= len(stages) {
		t.Fatalf("want stage %d, have %d stages", i, len(stages))
	}
	return stages[i].(map[string]any)
}

func from(t *testing.T, doc *document.Document, i int) map[string]any {
	t.Helper()
	return stage(t, doc, i)["from"].(map[string]any)
}

func instr(t *testing.T, doc *document.Document, s, i int) map[string]any {
	t.Helper()
	return stage(t, doc, s)["instructions"].([]any)[i].(map[string]any)
}

func lineAt(t *testing.T, doc *document.Document, path ...string) document.Range {
	t.Helper()
	r, exact := doc.Positions.Lookup(path)
	if !exact {
		t.Fatalf("no position for %v", path)
	}
	return r
}

func TestDetect(t *testing.T) {
	for p, want := range map[string]bool{
		"Dockerfile":                 true,
		"svc/Containerfile":          true,
		"build/Dockerfile.prod":      true,
		"Containerfile.dev":          true,
		"api.Dockerfile":             true,
		"deploy/api.dockerfile":      true,
		"Dockerfile.dockerignore":    false,
		"Dockerfile-linux.template":  false,
		"Dockerfile.template":        false,
		"Dockerfile.tmpl":            false,
		"Dockerfile.j2":              false,
		"Dockerfile.":                false,
		".Dockerfile":                false,
		"dockerfile":                 false,
		"Dockerfiles/readme.md":      false,
		"docker-compose.yml":         false,
		`windows\path\to\Dockerfile`: true,
	} {
		if got := Detect(p); got != want {
			t.Errorf("Detect(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestMultiStage(t *testing.T) {
	doc, diags := parseFixture(t, "multi-stage.Dockerfile", nil)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics %v", diags)
	}
	if doc.Format != document.FormatDockerfile || doc.Input["final_stage"] != int64(2) {
		t.Fatalf("format %q final_stage %v", doc.Format, doc.Input["final_stage"])
	}
	build := from(t, doc, 0)
	if build["image"] != "docker.io/library/golang:1.22-alpine" || build["raw"] != "golang:${GO_VERSION}-alpine" {
		t.Errorf("build stage image %v raw %v", build["image"], build["raw"])
	}
	// BUILDPLATFORM is set by the builder, not the file: it stays as written.
	if build["platform"] != "$BUILDPLATFORM" {
		t.Errorf("platform = %v", build["platform"])
	}
	if stage(t, doc, 0)["name"] != "build" || stage(t, doc, 0)["user"] != "builder" {
		t.Errorf("stage 0 = %v", stage(t, doc, 0))
	}

	test := from(t, doc, 1)
	if test["stage_ref"] != true || test["stage_index"] != int64(0) || test["image"] != "build" {
		t.Errorf("stage ref = %v", test)
	}
	if _, ok := test["registry"]; ok {
		t.Errorf("a stage reference has no registry: %v", test)
	}
	// A stage built FROM another stage inherits its USER.
	if stage(t, doc, 1)["user"] != "builder" {
		t.Errorf("inherited user = %v", stage(t, doc, 1)["user"])
	}

	final := from(t, doc, 2)
	wantDigest := "sha256:3f2b1a2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
	if final["registry"] != "gcr.io" || final["repository"] != "distroless/static" || final["tag"] != "" ||
		final["digest"] != wantDigest || final["tag_defaulted"] != false {
		t.Errorf("digest ref = %v", final)
	}
	if stage(t, doc, 2)["user"] != "65532:65532" {
		t.Errorf("final user = %v", stage(t, doc, 2)["user"])
	}
	copyFrom := instr(t, doc, 2, 0)
	if copyFrom["cmd"] != "copy" || copyFrom["flags"].([]any)[0] != "--from=build" {
		t.Errorf("copy = %v", copyFrom)
	}
	entry := instr(t, doc, 2, 2)
	if entry["json"] != true || entry["value"].([]any)[0] != "/app" {
		t.Errorf("entrypoint = %v", entry)
	}

	// Findings name a stage by its name or index and its base, with
	// build args expanded; the key stays what rules and waivers use.
	for key, name := range map[string]string{
		"build":    "stage build (golang:1.22-alpine)",
		"test":     "stage test (build)",
		"stage[2]": "stage 2 (gcr.io/distroless/static@" + wantDigest + ")",
	} {
		r, ok := doc.Resources[key]
		if !ok || r.Type != "stage" || r.Name != name {
			t.Errorf("resource %q = %+v, %v; want name %q", key, r, ok, name)
		}
	}
	if r := lineAt(t, doc, "stages", "2"); r.Line != 13 || r.EndLine != 16 {
		t.Errorf("final stage range = %+v", r)
	}
	if r := lineAt(t, doc, "stages", "0", "from", "image"); r.Line != 4 || r.Column != 32 || r.EndColumn != 59 {
		t.Errorf("FROM image range = %+v", r)
	}
	if r := lineAt(t, doc, "stages", "0", "user"); r.Line != 8 {
		t.Errorf("USER range = %+v", r)
	}
	if r := lineAt(t, doc, "args", "GO_VERSION"); r.Line != 2 {
		t.Errorf("ARG range = %+v", r)
	}
}

func TestArgSubstitution(t *testing.T) {
	doc, _ := parseFixture(t, "arg-from.Dockerfile", nil)
	f := from(t, doc, 0)
	if f["image"] != "registry.example.com:5000/team/base:1.0" || f["registry"] != "registry.example.com:5000" || f["unresolved"] != false {
		t.Errorf("default ARGs: %v", f)
	}
	tools := from(t, doc, 1)
	if tools["unresolved"] != true || tools["image"] != "${UNSET}/tools:latest" || tools["unresolved_args"].([]any)[0] != "UNSET" {
		t.Errorf("unset ARG: %v", tools)
	}
	if !document.IsUnknown(doc.Input["args"].(map[string]any)["UNSET"]) {
		t.Errorf("an ARG without a value is unknown: %v", doc.Input["args"])
	}
	ubuntu := from(t, doc, 2)
	if ubuntu["image"] != "docker.io/library/ubuntu:latest" || ubuntu["tag_defaulted"] != true {
		t.Errorf("default tag: %v", ubuntu)
	}
	if s := from(t, doc, 3); s["scratch"] != true || s["image"] != "scratch" {
		t.Errorf("scratch: %v", s)
	}

	// Overrides apply to declared ARGs, and later defaults see them.
	doc, _ = parseFixture(t, "arg-from.Dockerfile", map[string]string{
		"REGISTRY": "mirror.internal", "TAG": "2.0", "UNSET": "ghcr.io/acme", "UNDECLARED": "x",
	})
	if f := from(t, doc, 0); f["image"] != "mirror.internal/team/base:2.0" {
		t.Errorf("override: %v", f)
	}
	if f := from(t, doc, 1); f["image"] != "ghcr.io/acme/tools:latest" || f["unresolved"] != false || f["tag_defaulted"] != false {
		t.Errorf("override of an ARG without default: %v", f)
	}
	if _, ok := doc.Input["args"].(map[string]any)["UNDECLARED"]; ok {
		t.Error("build args that the file does not declare must not appear")
	}
}

func TestExactLines(t *testing.T) {
	doc, _ := parseFixture(t, "heredoc-continuation.Dockerfile", nil)
	want := []struct {
		cmd        string
		start, end int
	}{{"run", 3, 7}, {"run", 9, 12}, {"copy", 14, 16}, {"env", 18, 19}, {"label", 20, 20}}
	for i, w := range want {
		in := instr(t, doc, 0, i)
		r := lineAt(t, doc, "stages", "0", "instructions", itoa(i))
		if in["cmd"] != w.cmd || r.Line != w.start || r.EndLine != w.end || in["line"] != int64(w.start) || in["end_line"] != int64(w.end) {
			t.Errorf("instruction %d: cmd %v range %+v, want %s %d-%d", i, in["cmd"], r, w.cmd, w.start, w.end)
		}
	}
	h := instr(t, doc, 0, 1)["heredocs"].([]any)[0].(map[string]any)
	if h["name"] != "EOT" || h["content"] != "set -eux\necho \"hello\"\n" {
		t.Errorf("heredoc = %v", h)
	}
	if c := instr(t, doc, 0, 2)["heredocs"].([]any)[0].(map[string]any); c["chomp"] != true {
		t.Errorf("<<- heredoc = %v", c)
	}
	env := instr(t, doc, 0, 3)["pairs"].([]any)
	if p := env[0].(map[string]any); p["key"] != "APP_HOME" || p["value"] != "/opt/app" {
		t.Errorf("env pairs = %v", env)
	}
}

func TestSuppressions(t *testing.T) {
	doc, diags := parseFixture(t, "suppressions.Dockerfile", nil)
	supp := doc.Resources["app"].Suppressions
	if len(supp) != 3 {
		t.Fatalf("suppressions = %+v", supp)
	}
	if s := supp[0]; s.RuleID != "docker-base-image-pinned" || s.Range.Line != 1 {
		t.Errorf("global suppression = %+v", s)
	}
	if s := supp[1]; s.RuleID != "docker-user-root" || s.Reason != `bootstrap needs "root"` || s.Expires != "2030-01-31" || s.Range.Line != 5 {
		t.Errorf("instruction suppression = %+v", s)
	}
	if supp[2].RuleID != "docker-run-curl-pipe" {
		t.Errorf("second rule of a list = %+v", supp[2])
	}
	lines := map[int]string{}
	for _, d := range diags {
		if d.Level != document.LevelWarning {
			t.Errorf("diagnostic level %q", d.Level)
		}
		lines[d.Range.Line] = d.Message
	}
	if !strings.Contains(lines[8], "not directly above") || !strings.Contains(lines[11], "invalid rule id") || len(lines) != 2 {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestParseErrors(t *testing.T) {
	for name, line := range map[string]int{
		"bad-unknown-instruction.Dockerfile":  3,
		"bad-unterminated-heredoc.Dockerfile": 2,
		"bad-no-from.Dockerfile":              1,
		"bad-from-args.Dockerfile":            2,
		"bad-invalid-ref.Dockerfile":          1,
	} {
		path := filepath.Join("testdata", name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Parse(path, b, nil)
		var se *document.SourceError
		if !errors.As(err, &se) || se.Range.File != path || se.Range.Line != line {
			t.Errorf("%s: err = %v (%#v), want a SourceError at line %d", name, err, se, line)
		}
	}
}

func TestBadContent(t *testing.T) {
	for name, content := range map[string][]byte{
		"binary":     {0x7f, 'E', 'L', 'F', 0, 1, 2},
		"not utf8":   []byte("FROM alpine\nRUN echo \xff\xfe\n"),
		"empty":      nil,
		"only blank": []byte("\n\n# comment\n"),
		"huge line":  append([]byte("FROM alpine\nRUN echo "), bytes.Repeat([]byte("a"), 100_000)...),
	} {
		_, _, err := Parse("Dockerfile", content, nil)
		var se *document.SourceError
		if !errors.As(err, &se) || se.Range.File != "Dockerfile" {
			t.Errorf("%s: err = %v, want a SourceError", name, err)
		}
	}
	_, _, err := Parse("Dockerfile", []byte{0, 1}, nil)
	if !errors.Is(err, ErrBinary) {
		t.Errorf("binary: %v", err)
	}
}

func TestScannerInterface(t *testing.T) {
	var s scanners.Scanner = &Scanner{BuildArgs: map[string]string{"TAG": "9"}}
	res, err := s.Scan(context.Background(), scanners.Unit{Path: "x/Dockerfile", Content: []byte("ARG TAG=1\nFROM alpine:${TAG}\n")})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "dockerfile" || len(res.Documents) != 1 || res.Documents[0].File != "x/Dockerfile" {
		t.Fatalf("result = %+v", res)
	}
	if f := from(t, res.Documents[0], 0); f["image"] != "docker.io/library/alpine:9" {
		t.Errorf("build args not applied: %v", f)
	}
}

// TestCorpus parses every real-world Dockerfile of the shared corpus.
func TestCorpus(t *testing.T) {
	root := "/work/shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not present")
	}
	n := 0
	for _, dir := range []string{"golang", "httpd", "mysql", "php", "postgres", "python", "redis"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !Detect(p) {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			doc, _, err := Parse(p, b, nil)
			if bytes.HasPrefix(b, []byte("{{")) {
				// docker-library keeps jq templates under Dockerfile names:
				// refused, with a message that says why.
				if err == nil || !strings.Contains(err.Error(), "template") {
					t.Errorf("%s: template not refused clearly: %v", p, err)
				}
				return nil
			}
			if err != nil {
				t.Errorf("%v", err)
				return nil
			}
			for i := range doc.Input["stages"].([]any) {
				if f := from(t, doc, i); f["image"] == "" {
					t.Errorf("%s: stage %d has no image", p, i)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no Dockerfiles found in the corpus")
	}
	t.Logf("parsed %d Dockerfiles", n)
}

func itoa(i int) string { return string(rune('0' + i)) }

func FuzzDockerfile(f *testing.F) {
	for _, name := range []string{"multi-stage.Dockerfile", "arg-from.Dockerfile", "heredoc-continuation.Dockerfile", "suppressions.Dockerfile", "bad-unterminated-heredoc.Dockerfile", "executed-scripts.Dockerfile"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("FROM a AS b\nFROM b\nCOPY --from=b / /\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, _, err := Parse("Dockerfile", b, map[string]string{"X": "y"})
		if err != nil {
			var se *document.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error is not a SourceError: %v", err)
			}
			return
		}
		if len(doc.Input["stages"].([]any)) == 0 {
			t.Fatal("a parsed Dockerfile has at least one stage")
		}
		for _, p := range doc.Positions.Paths() {
			if r, _ := doc.Positions.Lookup(p); r.Line < 1 {
				t.Fatalf("position %v has line %d", p, r.Line)
			}
		}
	})
}
