package cdk

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

const minimalTemplate = `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {}}}}`

// assembly writes files (path -> content) into a fresh folder.
func assembly(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), c)
	}
	return filepath.ToSlash(dir)
}

func stackManifest(extra string) string {
	return `{"version": "55.0.0", "artifacts": {
	  "S": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
	        "properties": {"templateFile": "S.template.json"}, "dependencies": ["S.assets"]},
	  "S.assets": {"type": "cdk:asset-manifest", "properties": {"file": "S.assets.json"}}` + extra + `}}`
}

func scanDir(t *testing.T, dir string) (scanners.Result, error) {
	t.Helper()
	return Scanner{}.Scan(context.Background(), scanners.Unit{Path: dir})
}

func errorDiags(res scanners.Result) []string {
	var out []string
	for _, d := range res.Diagnostics {
		if d.Level == document.LevelError {
			out = append(out, d.Range.File+": "+d.Message)
		}
	}
	return out
}

func TestBadAssemblies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // substring of an error diagnostic
	}{
		{"missing template", map[string]string{
			"manifest.json": stackManifest(""), "S.assets.json": `{"version": "55.0.0"}`,
		}, "S.template.json: cloud assembly is incomplete"},
		{"missing asset folder", map[string]string{
			"manifest.json": stackManifest(""), "S.template.json": minimalTemplate,
			"S.assets.json": `{"version": "55.0.0", "files": {"abc": {"source": {"path": "asset.abc", "packaging": "zip"}}}}`,
		}, "file asset abc: asset.abc: cloud assembly is incomplete"},
		{"missing docker asset folder", map[string]string{
			"manifest.json": stackManifest(""), "S.template.json": minimalTemplate,
			"S.assets.json": `{"version": "55.0.0", "dockerImages": {"img": {"source": {"directory": "asset.img"}}}}`,
		}, "docker image asset img: asset.img: cloud assembly is incomplete"},
		{"missing asset manifest", map[string]string{
			"manifest.json": stackManifest(""), "S.template.json": minimalTemplate,
		}, "S.assets.json: cloud assembly is incomplete"},
		{"unknown artifact type with a template", map[string]string{
			"manifest.json":   stackManifest(`, "X": {"type": "cdk:future-stack", "properties": {"templateFile": "X.template.json"}}`),
			"S.template.json": minimalTemplate, "S.assets.json": `{"version": "55.0.0"}`, "X.template.json": minimalTemplate,
		}, `unknown artifact type "cdk:future-stack" holds a template`},
		{"template outside the assembly", map[string]string{
			"manifest.json": `{"version": "55.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../../etc/passwd"}}}}`,
		}, "leaves the assembly"},
		{"nested assembly is itself", map[string]string{
			"manifest.json": `{"version": "55.0.0", "artifacts": {"A": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}`,
		}, "nested assembly is the assembly itself"},
		{"missing nested assembly", map[string]string{
			"manifest.json": `{"version": "55.0.0", "artifacts": {"A": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-A"}}}}`,
		}, "assembly-A: cloud assembly is incomplete"},
		{"template that does not parse", map[string]string{
			"manifest.json": stackManifest(""), "S.template.json": `{"Resources": `, "S.assets.json": `{"version": "55.0.0"}`,
		}, "S.template.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := scanDir(t, assembly(t, tc.files))
			if err != nil {
				t.Fatalf("error %v, want an error diagnostic", err)
			}
			diags := errorDiags(res)
			for _, d := range diags {
				if strings.Contains(d, tc.want) {
					return
				}
			}
			t.Errorf("no error diagnostic containing %q in %q", tc.want, diags)
		})
	}
}

func TestBadManifests(t *testing.T) {
	for _, tc := range []struct {
		name, manifest string
		want           error
		msg            string
	}{
		{"future schema", `{"version": "56.0.0", "artifacts": {}}`, ErrUnsupportedSchema, "newer than 55.x"},
		{"malformed JSON", "{\n  \"version\": \"55.0.0\",\n  \"artifacts\": {,}\n}", ErrManifest, "line 3"},
		{"no version", `{"artifacts": {}}`, ErrManifest, "no schema version"},
		{"version not semver", `{"version": "latest", "artifacts": {}}`, ErrManifest, "not a semantic version"},
		{"artifact without type", `{"version": "55.0.0", "artifacts": {"S": {}}}`, ErrManifest, "has no type"},
		{"wrong shape", `{"version": "55.0.0", "artifacts": []}`, ErrManifest, "line 1"},
		{"trailing data", `{"version": "55.0.0", "artifacts": {}} {}`, ErrManifest, "after the top-level object"},
		{"binary", "\x00\x01\x02", ErrManifest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scanDir(t, assembly(t, map[string]string{"manifest.json": tc.manifest}))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "manifest.json") {
				t.Errorf("error %v, want %v mentioning manifest.json and %q", err, tc.want, tc.msg)
			}
		})
	}
	_, err := scanDir(t, t.TempDir())
	if !errors.Is(err, ErrIncomplete) {
		t.Errorf("folder without manifest.json: %v", err)
	}
}

func TestUnknownArtifactWithoutTemplateIsANote(t *testing.T) {
	res, err := scanDir(t, assembly(t, map[string]string{
		"manifest.json":   stackManifest(`, "X": {"type": "cdk:something-new", "properties": {"foo": 1}}`),
		"S.template.json": minimalTemplate, "S.assets.json": `{"version": "55.0.0"}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if e := errorDiags(res); len(e) > 0 {
		t.Fatalf("errors: %v", e)
	}
	notes := 0
	for _, d := range res.Diagnostics {
		if d.Level == document.LevelNote && strings.Contains(d.Message, `"cdk:something-new"`) {
			notes++
		}
	}
	if notes != 1 || len(res.Documents) != 1 {
		t.Errorf("notes %d, documents %d; diagnostics %+v", notes, len(res.Documents), res.Diagnostics)
	}
	// No metadata: the resource keeps its logical id and the template line.
	if r := res.Documents[0].Resources["Q"]; r.Name != "" || r.Source != nil {
		t.Errorf("resource without metadata: %+v", r)
	}
}

// Older assemblies (and nested stacks recorded only in the parent template)
// still produce one document per template, with names from aws:cdk:path.
func TestNestedStackFromTemplateOnly(t *testing.T) {
	res, err := scanDir(t, assembly(t, map[string]string{
		"manifest.json": `{"version": "36.0.0", "artifacts": {"P": {"type": "aws:cloudformation:stack",
		  "environment": "aws://111111111111/eu-west-1", "properties": {"templateFile": "P.template.json"},
		  "metadata": {"/P/Q/Resource": [{"type": "aws:cdk:logicalId", "data": "Q", "trace": ["new P (/nowhere/lib/p.js:3:5)"]}]}}}}`,
		"P.template.json": `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"},
		  "N": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "x"},
		        "Metadata": {"aws:cdk:path": "P/N.NestedStack/N.NestedStackResource", "aws:asset:path": "PN.nested.template.json"}}}}`,
		"PN.nested.template.json": `{"Resources": {"R": {"Type": "AWS::SNS::Topic", "Metadata": {"aws:cdk:path": "P/N/R/Resource"}}}}`,
	}))
	if err != nil || len(errorDiags(res)) > 0 {
		t.Fatalf("%v %v", err, errorDiags(res))
	}
	if len(res.Documents) != 2 {
		t.Fatalf("%d documents", len(res.Documents))
	}
	nested := res.Documents[0]
	if !strings.HasSuffix(nested.File, "PN.nested.template.json") {
		nested = res.Documents[1]
	}
	info := nested.Input["tollgate"].(map[string]any)["cdk"].(map[string]any)
	if info["nested_in"] != "P" || info["path"] != "P/N" || info["region"] != "eu-west-1" {
		t.Errorf("nested input %v", info)
	}
	if r := nested.Resources["R"]; r.Name != "P/N/R/Resource" {
		t.Errorf("nested resource %+v", r)
	}
}

func TestParseFrame(t *testing.T) {
	for in, want := range map[string]frame{
		"new ApiStack (/abs/path/lib/api-stack.ts:42:5)":                      {"/abs/path/lib/api-stack.ts", 42, 5},
		"at Object.<anonymous> (/abs/app/bin/app.js:7:1)":                     {"/abs/app/bin/app.js", 7, 1},
		"<anonymous> (/work/app/bin/app.js:16:1)":                             {"/work/app/bin/app.js", 16, 1},
		"at /abs/app/bin/app.js:7:1":                                          {"/abs/app/bin/app.js", 7, 1},
		"new Stack (C:\\Users\\dev\\app\\lib\\stack.js:3:9)":                  {"C:\\Users\\dev\\app\\lib\\stack.js", 3, 9},
		"at file:///abs/app/lib/x.mjs:4:2":                                    {"file:///abs/app/lib/x.mjs", 4, 2},
		`File "/abs/app/stacks/api.py", line 12, in __init__`:                 {"/abs/app/stacks/api.py", 12, 0},
		"Module._compile (node:internal/modules/cjs/loader:1256:14)":          {"node:internal/modules/cjs/loader", 1256, 14},
		"new Bucket (/abs/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2)": {"/abs/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js", 1, 2},
	} {
		got, ok := parseFrame(in)
		if !ok || got != want {
			t.Errorf("parseFrame(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	for _, in := range []string{"...node internals...", "...new Bucket2 in aws-cdk-lib...", "(no user code in 10 frames, use --stack-trace-limit to capture more)", "", "x:y:z"} {
		if f, ok := parseFrame(in); ok {
			t.Errorf("parseFrame(%q) = %+v, want no location", in, f)
		}
	}
	for in, want := range map[string]bool{
		"/abs/app/lib/x.js": true, "C:/app/lib/x.js": true, "node:internal/x": false,
		"/abs/app/node_modules/aws-cdk-lib/x.js": false, "relative/x.js": false,
		"/tmp/jsii-kernel-abc/node_modules/aws-cdk-lib/x.js": false,
	} {
		if got := userFrame(frame{file: in, line: 1}); got != want {
			t.Errorf("userFrame(%q) = %v", in, got)
		}
	}
}

// A trace is data: it must not make the scanner report files outside the
// repository or app, however it is spelled.
func TestTraceCannotEscape(t *testing.T) {
	root := t.TempDir()
	app := filepath.Join(root, "app")
	writeFile(t, filepath.Join(app, "cdk.json"), `{}`)
	writeFile(t, filepath.Join(root, "secret.js"), "x")
	r := newRoots(nil, filepath.ToSlash(filepath.Join(app, "cdk.out")))
	for _, p := range []string{filepath.Join(root, "secret.js"), app + "/../secret.js", "/etc/passwd"} {
		if got := r.resolve(p); got != "" {
			t.Errorf("resolve(%q) = %q", p, got)
		}
	}
	if _, err := os.Stat("/etc/passwd"); err == nil {
		if got := r.resolve("/etc/passwd"); got != "" {
			t.Errorf("resolved /etc/passwd to %q", got)
		}
	}
}

// A syntax error in manifest.json names the offending character's line and
// column (counted in characters), not the one after it.
func TestManifestSyntaxErrorColumn(t *testing.T) {
	b := []byte("{\"version\": \"36.0.0\",\n  \"é\": x}")
	_, err := parseManifest("manifest.json", b)
	if err == nil || !strings.Contains(err.Error(), "line 2, column 8") {
		t.Fatalf("want line 2, column 8 (the x), got %v", err)
	}
}

// TestEnvironmentPositions: a stack's account and region are located at the
// environment line of the manifest that declares the stack (the nested
// assembly's own for a Stage), and a nested stack shares its parent's.
func TestEnvironmentPositions(t *testing.T) {
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: appDir + "/cdk.out"})
	if err != nil || len(errorDiags(res)) > 0 {
		t.Fatalf("%v %v", err, errorDiags(res))
	}
	want := map[string]string{
		"StorageStack.template.json":                     "cdk.out/manifest.json:21:22",
		"StorageStackAuditDBDCE893.nested.template.json": "cdk.out/manifest.json:21:22",
		"ProdEdgeStack555CA19D.template.json":            "cdk.out/assembly-Prod/manifest.json:14:22",
	}
	for _, d := range res.Documents {
		w, ok := want[filepath.Base(d.File)]
		if !ok {
			continue
		}
		delete(want, filepath.Base(d.File))
		for _, field := range []string{"account", "region"} {
			r, exact := d.Positions.Lookup([]string{"tollgate", "cdk", field})
			if got := strings.TrimPrefix(r.String(), appDir+"/"); !exact || got != w {
				t.Errorf("%s: tollgate.cdk.%s at %s (exact %v), want %s", d.File, field, got, exact, w)
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("documents not scanned: %v", want)
	}
}

// TestEnvironmentRangesDuplicateKey: a manifest encoding/json accepts but
// the position walk refuses (a duplicate key) still scans; the stack's
// environment just has no position of its own.
func TestEnvironmentRangesDuplicateKey(t *testing.T) {
	b := []byte(`{"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "environment": "aws://1/eu-west-1", "environment": "aws://1/us-east-1"}}}`)
	m, err := parseManifest("manifest.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if m.Artifacts["S"].Environment == "" {
		t.Fatal("environment not read")
	}
	if r, ok := m.environments["S"]; ok {
		t.Errorf("duplicate environment key placed at %v", r)
	}
	if got := environmentRanges("m.json", []byte(`{"artifacts": {"A": {"environment": "aws://1/x"}, "B": {"type": "t"}}}`)); len(got) != 1 || got["A"].String() != "m.json:1:37" {
		t.Errorf("ranges %v", got)
	}
}

// TestEnvironmentAgnosticNote: with allowed_regions configured, a stack
// whose region is chosen at deploy time is a note at its environment line
// (an unknown made visible); a stack with a region, a nested stack and a
// run without allowed_regions say nothing.
func TestEnvironmentAgnosticNote(t *testing.T) {
	dir := assembly(t, map[string]string{
		"manifest.json": `{"version": "55.0.0", "artifacts": {
  "Agnostic": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
               "properties": {"templateFile": "A.template.json"}},
  "Pinned": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1",
             "properties": {"templateFile": "P.template.json"}}}}`,
		"A.template.json": minimalTemplate,
		"P.template.json": minimalTemplate,
	})
	notes := func(s Scanner) []string {
		res, err := s.Scan(context.Background(), scanners.Unit{Path: dir})
		if err != nil || len(errorDiags(res)) > 0 {
			t.Fatalf("%v %v", err, errorDiags(res))
		}
		var out []string
		for _, d := range res.Diagnostics {
			if d.Level == document.LevelNote {
				out = append(out, strings.TrimPrefix(d.Range.String(), dir+"/")+": "+d.Message)
			}
		}
		return out
	}
	want := "manifest.json:2:67: stack Agnostic is environment-agnostic (aws://unknown-account/unknown-region): its region is chosen at deploy time, so allowed_regions cannot be checked; give the stack an env with a region to have it checked"
	if got := notes(Scanner{NoteAgnostic: true}); len(got) != 1 || got[0] != want {
		t.Errorf("notes %q, want [%q]", got, want)
	}
	if got := notes(Scanner{}); len(got) != 0 {
		t.Errorf("without allowed_regions: notes %q", got)
	}
}
