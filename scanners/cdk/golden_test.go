package cdk

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/engine"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/policies"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/suppress"
)

// appDir is the pinned CDK app, as the scanner reports paths from this
// package's directory.
const appDir = "../../testdata/cdk/app"

// marker is one expected finding read from the app's source.
type marker struct {
	rule, file string
	line       int
}

func (m marker) String() string { return fmt.Sprintf("%s %s:%d", m.rule, m.file, m.line) }

var markerRe = regexp.MustCompile(`//\s*(expect|expect-debug|suppressed):\s*(.+)$`)

// readMarkers collects the expected findings of the app: `expect:` lines,
// moved to the `expect-debug:` line below them for a CDK_DEBUG assembly,
// and `suppressed:` lines.
func readMarkers(t *testing.T, debug bool) (expected, suppressed []marker) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(appDir, "lib", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no app sources: %v", err)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.ToSlash(f)
		s := bufio.NewScanner(fh)
		for n := 1; s.Scan(); n++ {
			m := markerRe.FindStringSubmatch(s.Text())
			if m == nil {
				continue
			}
			for _, rule := range strings.Fields(m[2]) {
				mk := marker{rule: rule, file: file, line: n}
				switch m[1] {
				case "expect":
					expected = append(expected, mk)
				case "suppressed":
					suppressed = append(suppressed, mk)
				case "expect-debug":
					if !debug {
						continue
					}
					moved := false
					for i := len(expected) - 1; i >= 0; i-- {
						if e := expected[i]; e.rule == rule && e.file == file && e.line < n {
							expected[i].line, moved = n, true
							break
						}
					}
					if !moved {
						t.Fatalf("%s:%d: expect-debug without an expect above it", file, n)
					}
				}
			}
		}
		fh.Close()
	}
	return expected, suppressed
}

type evaluated struct {
	docs     []*document.Document
	findings []finding.Finding
	diags    []document.Diagnostic
}

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	if len(AllKinds) == 0 {
		t.Fatal("AllKinds is not set: kinds_test.go sets it")
	}
	e, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS, Formats: scanners.Formats(AllKinds), Schemas: scanners.Schemas(AllKinds)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func scanAndEvaluate(t *testing.T, e *engine.Engine, assembly string) evaluated {
	t.Helper()
	ctx := context.Background()
	res, err := Scanner{Dockerfile: &dockerfile.Scanner{}}.Scan(ctx, scanners.Unit{Path: assembly})
	if err != nil {
		t.Fatalf("scan %s: %v", assembly, err)
	}
	out := evaluated{docs: res.Documents, diags: res.Diagnostics}
	waivers := suppress.New(nil, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, doc := range res.Documents {
		ev, err := e.Evaluate(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		out.diags = append(out.diags, waivers.Apply(doc, ev.Findings)...)
		out.findings = append(out.findings, ev.Findings...)
	}
	return out
}

func TestGoldenFindings(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct {
		assembly string
		debug    bool
	}{
		{"cdk.out", false},
		{"cdk.out.debug", true},
	} {
		t.Run(tc.assembly, func(t *testing.T) {
			assembly := path.Join(appDir, tc.assembly)
			got := scanAndEvaluate(t, e, assembly)
			for _, d := range got.diags {
				if d.Level == document.LevelWarning && strings.Contains(d.Message, "(BundledHandler/Code)") && strings.Contains(d.Message, "bundled when synthesized") {
					continue // the one asset the assembly cannot prove (TestPristineAssemblyVerifies)
				}
				if d.Level == document.LevelError || d.Level == document.LevelWarning {
					t.Errorf("unexpected diagnostic: %+v", d)
				}
			}
			expected, suppressed := readMarkers(t, tc.debug)
			if len(expected) < 10 {
				t.Fatalf("only %d expectations in the app; the fixture lost its violations", len(expected))
			}
			rules := map[string]bool{}
			for _, m := range expected {
				rules[m.rule] = true
			}
			if len(rules) < 10 {
				t.Errorf("the app exercises %d distinct rules, want at least 10", len(rules))
			}

			var active, waived []marker
			for _, f := range got.findings {
				if f.Format != document.FormatCloudFormation {
					continue
				}
				m := marker{rule: f.RuleID, file: f.Location.File, line: f.Location.Line}
				if f.Suppressed != nil {
					waived = append(waived, m)
				} else {
					active = append(active, m)
				}
				// Every CloudFormation finding names its construct and keeps
				// the template line as related context.
				if !strings.Contains(f.Resource, "/") || f.ResourceID == "" {
					t.Errorf("%s: resource %q (id %q) is not a construct path", m, f.Resource, f.ResourceID)
				}
				if len(f.Related) == 0 || !strings.HasPrefix(f.Related[0].Range.File, assembly+"/") {
					t.Errorf("%s: no related template location: %+v", m, f.Related)
				}
				if strings.HasPrefix(f.Resource, "CompliantStack/") {
					t.Errorf("finding on a compliant twin: %s on %s", m, f.Resource)
				}
			}
			sameMarkers(t, "findings", active, expected)
			sameMarkers(t, "suppressed findings", waived, suppressed)
		})
	}
}

func sameMarkers(t *testing.T, what string, got, want []marker) {
	t.Helper()
	key := func(ms []marker) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = m.String()
		}
		sort.Strings(out)
		return out
	}
	g, w := key(got), key(want)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("%s differ from the markers in the app\n got:\n  %s\nwant:\n  %s", what, strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

func TestConstructPathsAndInput(t *testing.T) {
	e := newEngine(t)
	assembly := path.Join(appDir, "cdk.out")
	got := scanAndEvaluate(t, e, assembly)

	byResource := map[string]finding.Finding{}
	for _, f := range got.findings {
		byResource[f.RuleID+" "+f.Resource] = f
	}
	for key, wantFile := range map[string]string{
		"aws-sqs-queue-encryption StorageStack/Audit/AuditQueue":           "StorageStackAuditDBDCE893.nested.template.json",
		"aws-sns-topic-encryption Prod/EdgeStack/EdgeEvents/Resource":      "assembly-Prod/ProdEdgeStack555CA19D.template.json",
		"aws-rds-storage-encrypted DatabaseStack/OrdersDb/Resource":        "DatabaseStack.template.json",
		"aws-s3-bucket-encryption-kms StorageStack/ArchiveBucket/Resource": "StorageStack.template.json",
	} {
		f, ok := byResource[key]
		if !ok {
			t.Errorf("no finding %q", key)
			continue
		}
		if f.Related[0].Range.File != path.Join(assembly, wantFile) {
			t.Errorf("%s: template %s, want %s", key, f.Related[0].Range.File, wantFile)
		}
	}
	if f := byResource["aws-s3-bucket-encryption-kms StorageStack/ArchiveBucket/Resource"]; f.Suppressed == nil || f.Suppressed.Kind != "inline" {
		t.Errorf("the addMetadata('tollgate') suppression did not apply: %+v", f.Suppressed)
	}

	cdkInput := map[string]map[string]any{}
	var docker *document.Document
	for _, d := range got.docs {
		tg := d.Input["tollgate"].(map[string]any)
		info, _ := tg["cdk"].(map[string]any)
		if info == nil {
			t.Errorf("%s: no input.tollgate.cdk", d.File)
			continue
		}
		switch d.Format {
		case document.FormatDockerfile:
			if info["construct"] == "ComputeStack/Worker/AssetImage" {
				docker = d
			}
			continue
		case document.FormatArtifacts:
			continue
		}
		if tg["format"] != document.FormatCloudFormation {
			t.Errorf("%s: format %v", d.File, tg["format"])
		}
		cdkInput[path.Base(d.File)] = info
	}
	for file, want := range map[string]map[string]any{
		"StorageStack.template.json": {"stack": "StorageStack", "stack_id": "StorageStack", "path": "StorageStack",
			"account": "123456789012", "region": "ap-southeast-2", "assembly": assembly},
		"StorageStackAuditDBDCE893.nested.template.json": {"stack": "StorageStack", "stack_id": "StorageStack",
			"path": "StorageStack/Audit", "nested_in": "StorageStack", "account": "123456789012", "region": "ap-southeast-2", "assembly": assembly},
		"ProdEdgeStack555CA19D.template.json": {"stack": "Prod-EdgeStack", "stack_id": "ProdEdgeStack555CA19D",
			"path": "Prod/EdgeStack", "stage": "Prod", "account": "123456789012", "region": "ap-southeast-2", "assembly": assembly},
	} {
		if fmt.Sprint(cdkInput[file]) != fmt.Sprint(want) {
			t.Errorf("%s: input.tollgate.cdk = %v, want %v", file, cdkInput[file], want)
		}
	}
	if len(cdkInput) != 7 {
		t.Errorf("%d CloudFormation documents, want 7 (6 stacks, 1 nested): %v", len(cdkInput), cdkInput)
	}

	if docker == nil {
		t.Fatal("no Dockerfile document for the Docker image asset")
	}
	info := docker.Input["tollgate"].(map[string]any)["cdk"].(map[string]any)
	if info["construct"] != "ComputeStack/Worker/AssetImage" || info["asset"] == "" || info["stack"] != "ComputeStack" {
		t.Errorf("Dockerfile document input.tollgate.cdk = %v", info)
	}
	if args := docker.Input["args"].(map[string]any); fmt.Sprint(args["NODE_TAG"]) != "latest" {
		t.Errorf("asset build args not applied: %v", args)
	}
	for k, r := range docker.Resources {
		if r.Name != "ComputeStack/Worker/AssetImage:"+k {
			t.Errorf("Dockerfile resource %s named %q", k, r.Name)
		}
		if len(r.Related) != 1 || r.Related[0].File != path.Join(appDir, "lib/compute-stack.js") {
			t.Errorf("Dockerfile resource %s: related %+v, want the DockerImageFunction line", k, r.Related)
		}
	}
}

// A finding must point at the construct even when the assembly was
// synthesized on another machine: traces hold that machine's absolute paths.
func TestSourcesReRootedFromAnotherMachine(t *testing.T) {
	root := t.TempDir()
	app := filepath.Join(root, "repo", "infra")
	copyTree(t, filepath.Join(appDir, "cdk.out"), filepath.Join(app, "out"))
	copyTree(t, filepath.Join(appDir, "lib"), filepath.Join(app, "lib"))
	copyTree(t, filepath.Join(appDir, "bin"), filepath.Join(app, "bin"))
	writeFile(t, filepath.Join(app, "cdk.json"), `{"app": "node bin/app.js", "output": "out"}`)
	if err := os.Mkdir(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	unit := filepath.ToSlash(filepath.Join(app, "out"))
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: unit})
	if err != nil {
		t.Fatal(err)
	}
	r := resourceNamed(t, res.Documents, "StorageStack/LogsBucket/Resource")
	want := filepath.ToSlash(filepath.Join(app, "lib", "storage-stack.js"))
	if r.Source == nil || r.Source.File != want || r.Source.Line != lineOf(t, "lib/storage-stack.js", "'LogsBucket'") {
		t.Errorf("source %+v, want %s at the LogsBucket line", r.Source, want)
	}

	// Without the app's source the template line is the location.
	bare := filepath.Join(root, "bare")
	copyTree(t, filepath.Join(appDir, "cdk.out"), bare)
	res, err = Scanner{}.Scan(context.Background(), scanners.Unit{Path: filepath.ToSlash(bare)})
	if err != nil {
		t.Fatal(err)
	}
	if r := resourceNamed(t, res.Documents, "StorageStack/LogsBucket/Resource"); r.Source != nil {
		t.Errorf("source %+v for an app that is not on disk", r.Source)
	}
}

func resourceNamed(t *testing.T, docs []*document.Document, name string) document.Resource {
	t.Helper()
	for _, d := range docs {
		for _, r := range d.Resources {
			if r.Name == name {
				return r
			}
		}
	}
	t.Fatalf("no resource named %s", name)
	return document.Resource{}
}

func lineOf(t *testing.T, rel, needle string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(appDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	t.Fatalf("%s: no line with %q", rel, needle)
	return 0
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if d.Type()&os.ModeSymlink != 0 {
			// Asset folders hold links: copy them as links, or the copy's
			// assets no longer hash as recorded.
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// AllKinds is kinds.All(), which the built-in rules need (they name the
// input schemas of every format). Package kinds imports this one, so
// kinds_test.go, an external test package, sets it before any test runs.
var AllKinds []scanners.Kind
