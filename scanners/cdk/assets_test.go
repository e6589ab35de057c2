package cdk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/scanners"
)

const ruleAssetHash = "cdk-asset-hash-mismatch"

// artifactsOf returns the assets of the scan's artifacts document by
// "<stack path> <display name>".
func artifactsOf(t *testing.T, docs []*document.Document) (*document.Document, map[string]map[string]any) {
	t.Helper()
	var doc *document.Document
	for _, d := range docs {
		if d.Format == document.FormatArtifacts {
			if doc != nil {
				t.Fatal("two artifacts documents for one assembly")
			}
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no artifacts document")
	}
	out := map[string]map[string]any{}
	for _, a := range doc.Input["assets"].([]any) {
		m := a.(map[string]any)
		out[m["stack_path"].(string)+" "+m["display_name"].(string)] = m
	}
	return doc, out
}

func mismatches(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.RuleID == ruleAssetHash {
			out = append(out, f)
		}
	}
	return out
}

// The committed synth of the pinned app (file, folder, Docker image,
// bundled and nested-stack assets, excludes, links, every hashed build
// option) verifies: the algorithm is aws-cdk-lib's.
func TestPristineAssemblyVerifies(t *testing.T) {
	e := newEngine(t)
	for _, asm := range []string{"cdk.out", "cdk.out.debug"} {
		t.Run(asm, func(t *testing.T) {
			got := scanAndEvaluate(t, e, path.Join(appDir, asm))
			if ms := mismatches(got.findings); len(ms) > 0 {
				t.Errorf("mismatch findings on the pristine assembly: %+v", ms)
			}
			_, assets := artifactsOf(t, got.docs)
			types := map[string]bool{}
			for key, a := range assets {
				if key == "ComputeStack BundledHandler/Code" {
					continue
				}
				if a["status"] != statusVerified {
					t.Errorf("%s: %v (%v), want verified", key, a["status"], a["reason"])
				}
				if a["computed"] != a["recorded"] {
					t.Errorf("%s: computed %v, recorded %v", key, a["computed"], a["recorded"])
				}
				types[a["type"].(string)] = true
			}
			for _, typ := range []string{typeStackTemplate, typeNestedTemplate, typeFile, typeDirectory, typeDockerImage} {
				if !types[typ] {
					t.Errorf("no verified %s asset", typ)
				}
			}
			if len(assets) != 16 {
				t.Errorf("%d assets, want 16 (6 templates, 5 file and folder assets, 3 images, 2 legacy assets)", len(assets))
			}
			// LegacyStackSynthesizer records its assets as metadata.
			for _, key := range []string{"LegacyStack aws:cdk:asset zip", "LegacyStack aws:cdk:asset container-image"} {
				if a, ok := assets[key]; !ok || !strings.HasSuffix(a["manifest"].(string), "/LegacyStack.metadata.json") {
					t.Errorf("%s: %v, want checked from LegacyStack.metadata.json", key, a)
				}
			}

			// Hashed from its source and bundling options: not in the assembly.
			b := assets["ComputeStack BundledHandler/Code"]
			if b["status"] != statusUnverifiable || !strings.Contains(b["reason"].(string), "bundled") {
				t.Errorf("bundled asset: %v (%v), want unverifiable because bundled", b["status"], b["reason"])
			}
			var warnings []string
			for _, d := range got.diags {
				if d.Level == document.LevelWarning {
					warnings = append(warnings, d.Message)
				}
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], "CDK asset "+b["asset"].(string)+" (BundledHandler/Code) of stack ComputeStack is not verified: bundled") {
				t.Errorf("warnings %q, want one naming the bundled asset", warnings)
			}
			// Bundled, but hashed from its output: verifiable.
			if o := assets["ComputeStack OutputHashedHandler/Code"]; o["status"] != statusVerified {
				t.Errorf("output-hashed bundle: %v", o["status"])
			}

			// The options found are the ones the app set.
			tools := assets["ComputeStack ToolsImage"]["options"].(map[string]any)
			if tools["follow"] != "always" || tools["ignore_mode"] != "glob" || tools["extra_hash"] != `{"version":"1.21.0"}` ||
				fmt.Sprint(tools["not_hashed"]) != "[buildArgs]" {
				t.Errorf("ToolsImage options %v, want follow always, glob, build args left out", tools)
			}
			api := assets["ComputeStack ApiImage"]["options"].(map[string]any)
			for _, want := range []string{`"buildArgs":{"BASE":"node:22-alpine","PORT":"8080"}`, `"platform":{"platform":"linux/arm64"}`, `"networkMode":{"mode":"host"}`, `"target":"runtime"`} {
				if !strings.Contains(api["extra_hash"].(string), want) {
					t.Errorf("ApiImage extra hash %v lacks %s", api["extra_hash"], want)
				}
			}
		})
	}
}

// Each entry is positioned at its asset id in the asset manifest.
func TestAssetPositions(t *testing.T) {
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: path.Join(appDir, "cdk.out")})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := artifactsOf(t, res.Documents)
	for i, a := range doc.Input["assets"].([]any) {
		m := a.(map[string]any)
		r, exact := doc.Positions.Lookup([]string{"assets", strconv.Itoa(i)})
		if !exact || r.File != m["manifest"] {
			t.Fatalf("asset %d at %+v, want in %v", i, r, m["manifest"])
		}
		if m["stack"] == "LegacyStack" {
			continue // in stack metadata, located at the file
		}
		lines := strings.Split(string(readAll(t, r.File)), "\n")
		if want := `"` + m["asset"].(string) + `": {`; !strings.HasPrefix(lines[r.Line-1][r.Column-1:], want) {
			t.Errorf("asset %s at %s: line %q", m["asset"], r, lines[r.Line-1])
		}
	}
}

// copyAssembly copies the committed cdk.out for a test to change.
func copyAssembly(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "cdk.out")
	copyTree(t, filepath.Join(appDir, "cdk.out"), dst)
	return filepath.ToSlash(dst)
}

// assetDir finds the staged path of an asset of the copy by display name.
func assetPath(t *testing.T, dir, stackPath, display string) string {
	t.Helper()
	res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, assets := artifactsOf(t, res.Documents)
	a, ok := assets[stackPath+" "+display]
	if !ok {
		t.Fatalf("no asset %s %s", stackPath, display)
	}
	return a["file"].(string)
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	b := readAll(t, file)
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s: no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTamperedAssetsAreFindings(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct {
		name, stack, display string
		tamper               func(t *testing.T, dir, asset string)
		// reason, when set, is part of the message.
		reason string
	}{
		{"stack template made to pass", "StorageStack", "StorageStack Template", func(t *testing.T, dir, asset string) {
			replaceIn(t, asset, `"EnableKeyRotation": false`, `"EnableKeyRotation": true`)
		}, "the template does not hash to the recorded id"},
		{"nested stack template", "StorageStack", "Audit Nested Stack Template", func(t *testing.T, dir, asset string) {
			replaceIn(t, asset, `"SqsManagedSseEnabled": false`, `"SqsManagedSseEnabled": true`)
		}, "without whitespace"},
		{"file asset", "ComputeStack", "NotesFile", func(t *testing.T, dir, asset string) {
			replaceIn(t, asset, "release note line 0001: ok", "release note line 0001: changed")
		}, ""},
		{"folder asset, file changed", "ComputeStack", "SiteFolder", func(t *testing.T, dir, asset string) {
			writeFile(t, filepath.Join(asset, "nested", "deep", "file.txt"), "injected\n")
		}, ""},
		{"folder asset, file added", "ComputeStack", "ApiHandler/Code", func(t *testing.T, dir, asset string) {
			writeFile(t, filepath.Join(asset, "backdoor.js"), "module.exports = 1;\n")
		}, "under any option set"},
		{"folder asset, line ends only", "ComputeStack", "SiteFolder", func(t *testing.T, dir, asset string) {
			// CRLF and LF hash alike in text: this change is not one.
			replaceIn(t, filepath.Join(asset, "index.html"), "</title>\n", "</title>\r\n")
		}, ""},
		{"Docker build folder", "ComputeStack", "ApiImage", func(t *testing.T, dir, asset string) {
			replaceIn(t, filepath.Join(asset, "Dockerfile.api"), "USER node", "USER root")
		}, ""},
		{"Docker build options in the manifest", "ComputeStack", "ApiImage", func(t *testing.T, dir, asset string) {
			replaceIn(t, filepath.Join(dir, "ComputeStack.assets.json"), `"PORT": "8080"`, `"PORT": "9090"`)
		}, ""},
		{"legacy synthesizer image", "LegacyStack", "aws:cdk:asset container-image", func(t *testing.T, dir, asset string) {
			replaceIn(t, filepath.Join(asset, "server.js"), "res.end('ok')", "res.end('pwned')")
		}, ""},
		{"asset folder replaced by a link", "ComputeStack", "ApiHandler/Code", func(t *testing.T, dir, asset string) {
			elsewhere := filepath.Join(t.TempDir(), "code")
			copyTree(t, asset, elsewhere)
			if err := os.RemoveAll(asset); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, asset); err != nil {
				t.Fatal(err)
			}
		}, "is a symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyAssembly(t)
			asset := assetPath(t, dir, tc.stack, tc.display)
			tc.tamper(t, dir, filepath.FromSlash(asset))
			got := scanAndEvaluate(t, e, dir)
			ms := mismatches(got.findings)
			if tc.name == "folder asset, line ends only" {
				if len(ms) != 0 {
					t.Errorf("a CRLF edit of a text file is a finding: %+v", ms)
				}
				return
			}
			// LegacyStack deploys the same staged SiteFolder: both report it.
			want := 1
			if tc.display == "SiteFolder" {
				want = 2
			}
			if len(ms) != want {
				t.Fatalf("%d %s findings, want %d: %+v", len(ms), ruleAssetHash, want, ms)
			}
			f := ms[0]
			if !strings.HasPrefix(f.Resource, tc.stack+"/") {
				f = ms[1]
			}
			_, assets := artifactsOf(t, got.docs)
			a := assets[tc.stack+" "+tc.display]
			id := a["asset"].(string)
			if f.Severity != finding.High || f.Theme != "integrity" {
				t.Errorf("severity %s, theme %s", f.Severity, f.Theme)
			}
			if f.Location.File != asset {
				t.Errorf("located at %s, want the asset %s", f.Location, asset)
			}
			if f.Resource != tc.stack+"/"+id {
				t.Errorf("resource %q, want %s/%s", f.Resource, tc.stack, id)
			}
			for _, want := range []string{tc.stack + ":", id[:12], tc.display, tc.reason} {
				if !strings.Contains(f.Message, want) {
					t.Errorf("message %q lacks %q", f.Message, want)
				}
			}
			if !strings.Contains(f.Remediation, "re-run cdk synth") && !strings.Contains(f.Remediation, "Re-run cdk synth") {
				t.Errorf("remediation %q", f.Remediation)
			}
			if len(f.Related) == 0 || f.Related[0].Range.File != a["manifest"] {
				t.Errorf("related %+v, want the asset manifest line", f.Related)
			}
		})
	}
}

// A link swapped into an asset folder is hashed as a link: tollgate never
// reads through it, even to a FIFO that would block a reader, and the
// change is a finding.
func TestLinkInAssetDoesNotEscape(t *testing.T) {
	dir := copyAssembly(t)
	asset := filepath.FromSlash(assetPath(t, dir, "ComputeStack", "SiteFolder"))
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for name, target := range map[string]string{"index.html": fifo, "app.js": "/etc/passwd"} {
		if err := os.Remove(filepath.Join(asset, name)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(asset, name)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Scanner{}.Scan(ctx, scanners.Unit{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatal("the scan waited on the FIFO")
	}
	_, assets := artifactsOf(t, res.Documents)
	if a := assets["ComputeStack SiteFolder"]; a["status"] != statusMismatch {
		t.Errorf("status %v (%v), want mismatch", a["status"], a["reason"])
	}
}

// rewriteTemplate edits a stack template and the hash its asset manifest
// records for it, so that only the intended change counts.
func rewriteTemplate(t *testing.T, dir, stack string, edit func(tpl map[string]any)) {
	t.Helper()
	file := filepath.Join(dir, stack+".template.json")
	old := sha256.Sum256(readAll(t, file))
	var tpl map[string]any
	if err := json.Unmarshal(readAll(t, file), &tpl); err != nil {
		t.Fatal(err)
	}
	edit(tpl)
	b, err := json.MarshalIndent(tpl, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	// The hash is the asset id and names the uploaded object.
	manifest := filepath.Join(dir, stack+".assets.json")
	updated := strings.ReplaceAll(string(readAll(t, manifest)), hex.EncodeToString(old[:]), hex.EncodeToString(sum[:]))
	if err := os.WriteFile(manifest, []byte(updated), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUnverifiableAssets(t *testing.T) {
	for _, tc := range []struct {
		name, key string
		change    func(t *testing.T, dir string)
		reason    string
	}{
		{"built by a command", "ComputeStack Built", func(t *testing.T, dir string) {
			replaceIn(t, filepath.Join(dir, "ComputeStack.assets.json"), `"files": {`,
				`"files": {"aaaa": {"displayName": "Built", "source": {"executable": ["./build.sh"], "packaging": "file"}, "destinations": {}},`)
		}, "built by a command"},
		{"unknown source option", "ComputeStack ApiImage", func(t *testing.T, dir string) {
			replaceIn(t, filepath.Join(dir, "ComputeStack.assets.json"), `"dockerBuildSsh": "default",`, `"dockerBuildSsh": "default", "dockerBuildFuture": "x",`)
		}, `source option "dockerBuildFuture" is unknown`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyAssembly(t)
			tc.change(t, dir)
			res, err := Scanner{}.Scan(context.Background(), scanners.Unit{Path: dir})
			if err != nil {
				t.Fatal(err)
			}
			if errs := errorDiags(res); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			_, assets := artifactsOf(t, res.Documents)
			a, ok := assets[tc.key]
			if !ok {
				t.Fatalf("no asset %s", tc.key)
			}
			if a["status"] != statusUnverifiable || !strings.Contains(a["reason"].(string), tc.reason) {
				t.Errorf("%v (%v), want unverifiable: %s", a["status"], a["reason"], tc.reason)
			}
			warned := false
			for _, d := range res.Diagnostics {
				warned = warned || d.Level == document.LevelWarning && strings.Contains(d.Message, a["asset"].(string)) && strings.Contains(d.Message, tc.reason)
			}
			if !warned {
				t.Errorf("no warning names asset %s: %+v", a["asset"], res.Diagnostics)
			}
			// Every other asset still verifies (the templates rewritten above
			// with their hashes).
			for key, o := range assets {
				if key != tc.key && key != "ComputeStack BundledHandler/Code" && o["status"] != statusVerified {
					t.Errorf("%s: %v (%v)", key, o["status"], o["reason"])
				}
			}
		})
	}
}

// Only aws:asset:is-bundled says an asset was bundled. Synthesized with
// --no-asset-metadata, the bundled asset of the app reads as copied from its
// source and is a mismatch (documented): failing closed, since an asset no
// resource marks may be a tampered BucketDeployment source.
func TestBundledWithoutMetadataIsAMismatch(t *testing.T) {
	dir := copyAssembly(t)
	for _, stack := range []string{"ComputeStack", "StorageStack"} {
		rewriteTemplate(t, dir, stack, func(tpl map[string]any) {
			for _, r := range tpl["Resources"].(map[string]any) {
				md, _ := r.(map[string]any)["Metadata"].(map[string]any)
				for k := range md {
					if strings.HasPrefix(k, "aws:asset:") {
						delete(md, k)
					}
				}
			}
		})
	}
	got := scanAndEvaluate(t, newEngine(t), dir)
	ms := mismatches(got.findings)
	if len(ms) != 1 || !strings.Contains(ms[0].Message, "(BundledHandler/Code)") {
		t.Errorf("findings %+v, want one, for the bundled asset", ms)
	}
	_, assets := artifactsOf(t, got.docs)
	for key, a := range assets {
		if key != "ComputeStack BundledHandler/Code" && a["status"] != statusVerified {
			t.Errorf("%s: %v (%v)", key, a["status"], a["reason"])
		}
	}
}

// A nested stack template that holds nested stacks may change after CDK
// hashes it (the references of its own nested stacks are resolved later):
// unverifiable. A leaf nested template cannot: a mismatch.
func TestNestedTemplateThatHoldsNestedStacks(t *testing.T) {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	parent := `{"Resources": {"N": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "x"},
	  "Metadata": {"aws:cdk:path": "S/N.NestedStack/N.NestedStackResource", "aws:asset:path": "SN.nested.template.json"}}}}`
	for _, tc := range []struct {
		name, nested, want string
	}{
		{"holds nested stacks", `{"Resources": {"M": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "y"}}}}`, statusUnverifiable},
		{"leaf", minimalTemplate, statusMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := assembly(t, map[string]string{
				"manifest.json":           stackManifest(""),
				"S.template.json":         parent,
				"SN.nested.template.json": tc.nested,
				"S.assets.json": `{"version": "55.0.0", "files": {
				  "` + sum(parent) + `": {"source": {"path": "S.template.json", "packaging": "file"}},
				  "` + sum("not the template") + `": {"source": {"path": "SN.nested.template.json", "packaging": "file"}}}}`,
			})
			res, err := scanDir(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := artifactsOf(t, res.Documents)
			got := map[string]any{}
			for _, a := range doc.Input["assets"].([]any) {
				m := a.(map[string]any)
				got[m["type"].(string)] = m["status"]
			}
			if got[typeStackTemplate] != statusVerified || got[typeNestedTemplate] != tc.want {
				t.Errorf("statuses %v, want the template verified and the nested one %s", got, tc.want)
			}
		})
	}
}

// Hashing is bounded by the cdk-asset limit: over it, an asset is an error
// (exit 2) naming it and the setting, never a pass.
func TestAssetLimit(t *testing.T) {
	res, err := Scanner{Limits: scanners.Limits{AssetLimit.Name: 64}}.Scan(context.Background(), scanners.Unit{Path: path.Join(appDir, "cdk.out")})
	if err != nil {
		t.Fatal(err)
	}
	errs := errorDiags(res)
	if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "--max-file-size cdk-asset=SIZE") {
		t.Errorf("errors %q, want the asset limit named", errs)
	}
	_, assets := artifactsOf(t, res.Documents)
	if a := assets["ComputeStack SiteFolder"]; a["status"] != statusUnverifiable {
		t.Errorf("asset over the limit: %v", a["status"])
	}
	if a := assets["ComputeStack ComputeStack Template"]; a["status"] != statusVerified {
		t.Errorf("template: %v (templates have their own limit)", a["status"])
	}
}

func TestAssetManifestErrors(t *testing.T) {
	for _, tc := range []struct{ name, manifest, want string }{
		{"syntax", `{"version": "55.0.0", "files": {"a": }}`, "S.assets.json:1:38: invalid cloud assembly manifest: invalid character '}'"},
		{"files not an object", `{"files": []}`, "want an object"},
		{"duplicate asset", `{"files": {"a": {"source": {}}, "a": {"source": {}}}}`, `"a" appears twice`},
		{"source of the wrong type", `{"files": {"a": {"source": {"path": 1}}}}`, "S.assets.json:1:12: invalid cloud assembly manifest: asset a"},
		{"trailing data", `{} {}`, "data after the top-level object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := assembly(t, map[string]string{"manifest.json": stackManifest(""), "S.template.json": minimalTemplate, "S.assets.json": tc.manifest})
			res, err := scanDir(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			for _, d := range res.Diagnostics {
				if d.Level == document.LevelError {
					errs = append(errs, path.Base(d.Range.String())+": "+d.Message)
				}
			}
			if !strings.Contains(strings.Join(errs, "\n"), tc.want) {
				t.Errorf("errors %q, want %q", errs, tc.want)
			}
		})
	}
}

// FuzzAssetManifest feeds arbitrary asset manifests to the parser: it must
// return an error or assets positioned inside the file, never panic.
func FuzzAssetManifest(f *testing.F) {
	for _, seed := range []string{
		`{"version": "55.0.0", "files": {"a": {"source": {"path": "asset.a", "packaging": "zip"}}}, "dockerImages": {}}`,
		`{"dockerImages": {"n-b": {"source": {"directory": "d", "dockerBuildArgs": {"A": "1"}, "platform": "linux/arm64"}}}}`,
		`{"files": null}`, `{"files": {"a": 1}}`, `[]`, `{"files": {"a": {}, "a": {}}}`,
	} {
		f.Add([]byte(seed))
	}
	if b, err := os.ReadFile(filepath.Join(appDir, "cdk.out", "ComputeStack.assets.json")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		am, err := parseAssetManifest("a.assets.json", b)
		if err != nil {
			return
		}
		lines := strings.Count(string(b), "\n") + 1
		for _, a := range am.Files {
			if a.At.Line < 1 || a.At.Line > lines {
				t.Fatalf("file asset %q at line %d of %d", a.ID, a.At.Line, lines)
			}
		}
		for _, a := range am.DockerImages {
			if a.At.Line < 1 || a.At.Line > lines {
				t.Fatalf("image asset %q at line %d of %d", a.ID, a.At.Line, lines)
			}
			if _, err := dockerHashParts(a.raw); err != nil {
				continue
			}
		}
	})
}
