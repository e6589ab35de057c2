package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/checksum"
	"github.com/tollgate-dev/tollgate/engine/bundletest"
	"github.com/tollgate-dev/tollgate/finding"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/jsonreport"
)

func sumOf(s string) string {
	b := sha256.Sum256([]byte(s))
	return hex.EncodeToString(b[:])
}

// copyAssembly copies the committed synth output, so tests may change it.
func copyAssembly(t *testing.T, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-R", "../testdata/cdk/app/cdk.out", dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
}

func jsonOf(t *testing.T, rep report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonreport.Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A run asked for coverage names every file it read with the SHA-256 of
// the bytes it read, each CDK folder asset by its tree hash and every other
// file of the assembly; a binary it skipped is not a subject. The report is
// byte for byte the one a run without coverage writes.
func TestCoverageSubjects(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"infra/main.tf":         "resource \"aws_sqs_queue\" \"q\" {\n  kms_master_key_id = \"alias/x\"\n}\n",
		"infra/README.md":       "# infra\n",
		"templates/bucket.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: alias/k\n",
		"docker/Dockerfile":     "FROM scratch\nUSER 10001\n",
		"blob.bin":              "\x00\x01binary",
	}
	bundletest.WriteTree(t, dir, files)
	copyAssembly(t, filepath.Join(dir, "cdk.out"))
	t.Chdir(dir) // scan names relative, as users give them

	plan := func(cov *Coverage) Plan {
		return Plan{Roots: []string{"infra", "templates", "docker", "blob.bin", "cdk.out"}, Engine: builtinEngine(t), FailOn: finding.Low,
			Tool: report.Tool{Name: "tollgate", Version: "test"}, Coverage: cov}
	}
	plain, err := Run(context.Background(), plan(nil))
	if err != nil {
		t.Fatal(err)
	}
	cov := &Coverage{Name: "scan.att.json"}
	covered, err := Run(context.Background(), plan(cov))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(jsonOf(t, plain), jsonOf(t, covered)) {
		t.Fatal("recording coverage changed the JSON report")
	}

	got := map[string]attest.Subject{}
	for _, s := range cov.Statement.Subjects {
		got[s.Name] = s
	}
	for name, content := range files {
		s, ok := got[name]
		if name == "blob.bin" {
			if ok {
				t.Errorf("a skipped binary is not a subject: %+v", s)
			}
			continue
		}
		if !ok || s.Kind != attest.KindFile || s.SHA256 != sumOf(content) {
			t.Errorf("%s: subject %+v, want the sha256 of its bytes", name, s)
		}
	}
	asset := "cdk.out/asset.27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa"
	sum, _, err := checksum.Dir(context.Background(), asset)
	if err != nil {
		t.Fatal(err)
	}
	if s := got[asset]; s.Kind != attest.KindDirectory || s.SHA256 != sum || s.Annotations["cdk"].(map[string]any)["stack"] != "ComputeStack" {
		t.Errorf("folder asset: %+v, want tree hash %s", s, sum)
	}
	// A file asset is hashed from the assembly's walk, not read again: the
	// same sha256 of its bytes, with what CDK says of it.
	fileAsset := "cdk.out/asset.1d1bc56142009365805aead212d53ed040083fe8ddb8b4c7df95e13e8e29d354.txt"
	if b, err := os.ReadFile(fileAsset); err != nil {
		t.Fatal(err)
	} else if s := got[fileAsset]; s.Kind != attest.KindFile || s.SHA256 != sumOf(string(b)) || s.Annotations["cdk"] == nil ||
		s.Annotations["cdk"].(map[string]any)["stack"] != "ComputeStack" {
		t.Errorf("file asset: %+v, want the sha256 of its bytes and its cdk annotations", s)
	}
	for _, name := range []string{"cdk.out/manifest.json", "cdk.out/ComputeStack.template.json", "cdk.out/tree.json", "cdk.out/assembly-Prod/cdk.out"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if s := got[name]; s.SHA256 != sumOf(string(b)) {
			t.Errorf("%s: %+v", name, s)
		}
	}
	if _, ok := got[asset+"/index.js"]; ok {
		t.Error("files inside a folder asset are covered by the folder's subject")
	}
	p := cov.Statement.Predicate
	if p.Verdict != covered.Summary.Verdict || p.Policy.Digest != builtinEngine(t).PolicyDigest().Digest || p.Counts["critical"] != covered.Summary.BySeverity["critical"] ||
		len(p.Suppressions) != covered.Summary.Suppressed || p.Suppressions[0].Kind != "inline" || p.Tool.Version != "test" {
		t.Errorf("predicate %+v", p)
	}
	if _, err := cov.Statement.Marshal(); err != nil {
		t.Fatal(err)
	}
	if err := validate(inputSchemas(t), cov.document(cov.Statement.Subjects)); err != nil {
		t.Errorf("the subjects document does not match the artifacts schema: %v", err)
	}
}

// The subjects reach the rules as an artifacts document of source "scan":
// the example organisation rule in docs/examples (typed against the
// artifacts schema) reports the bundled Lambda asset of the committed
// assembly, whose hash cannot be verified, at the asset's folder. Its Rego
// unit tests pass, and a typo in it fails to compile against the schema.
func TestCoverageRulesSeeSubjects(t *testing.T) {
	example := "../docs/examples"
	mods := map[string]*ast.Module{}
	for _, f := range []string{"org_cdk_asset_verified.rego", "org_cdk_asset_verified_test.rego"} {
		src, err := os.ReadFile(filepath.Join(example, f))
		if err != nil {
			t.Fatal(err)
		}
		if mods[f], err = ast.ParseModuleWithOpts(f, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}); err != nil {
			t.Fatal(err)
		}
	}
	ch, err := tester.NewRunner().SetModules(mods).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Fail || r.Error != nil {
			t.Errorf("%s: failed %v", r.Name, r.Error)
		}
	}
	if n != 3 {
		t.Fatalf("ran %d Rego tests of the example, want 3", n)
	}

	eng, err := NewEngine(context.Background(), nil, EngineSpec{Policies: []string{filepath.Join(example, "org_cdk_asset_verified.rego")}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyAssembly(t, filepath.Join(dir, "cdk.out"))
	abs, _ := filepath.Abs(example)
	t.Chdir(dir) // scan names relative, as users give them
	rep, err := Run(context.Background(), Plan{Roots: []string{"cdk.out"}, Engine: eng, FailOn: finding.Low, Coverage: &Coverage{Name: "scan.att.json"}})
	if err != nil {
		t.Fatal(err)
	}
	var hits []finding.Finding
	for _, f := range rep.Findings {
		if f.RuleID == "org-cdk-asset-verified" {
			hits = append(hits, f)
		}
	}
	bundled := "cdk.out/asset.554129987b8dd5273bfbd66857d98772b55d2e36d4bc8059458a4c2442c6ee4c"
	if len(hits) != 1 || hits[0].Resource != bundled || hits[0].Location.File != bundled || !strings.Contains(hits[0].Message, "BundledHandler/Code") {
		t.Fatalf("want one finding on the bundled asset, got %+v", hits)
	}
	// Without an attestation the document is not made, and the rule is silent.
	rep, err = Run(context.Background(), Plan{Roots: []string{"cdk.out"}, Engine: eng, FailOn: finding.Low})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "org-cdk-asset-verified" {
			t.Fatalf("no coverage, no subjects document: %+v", f)
		}
	}

	src, err := os.ReadFile(filepath.Join(abs, "org_cdk_asset_verified.rego"))
	if err != nil {
		t.Fatal(err)
	}
	typo := filepath.Join(t.TempDir(), "typo.rego")
	if err := os.WriteFile(typo, bytes.Replace(src, []byte("input.subjects"), []byte("input.subject"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewEngine(context.Background(), nil, EngineSpec{Policies: []string{typo}}); err == nil || !strings.Contains(err.Error(), "input.subject") {
		t.Fatalf("a misspelt field must fail against the artifacts schema: %v", err)
	}
}

// A file read twice with other bytes (changed while the scan ran) cannot
// be named by one hash: an error, so the verdict is undecided.
func TestCoverageFileChangedWhileScanned(t *testing.T) {
	dir := t.TempDir()
	bundletest.WriteTree(t, dir, map[string]string{"a.txt": "one"})
	cov := newCoverage(nil)
	name := filepath.Join(dir, "a.txt")
	if _, err := cov.fsys.ReadFile(context.Background(), name, 0); err != nil {
		t.Fatal(err)
	}
	bundletest.WriteTree(t, dir, map[string]string{"a.txt": "two"})
	if _, err := cov.fsys.ReadFile(context.Background(), name, 0); err != nil {
		t.Fatal(err)
	}
	subjects, diags := cov.finish(context.Background())
	if len(subjects) != 1 || subjects[0].SHA256 != sumOf("one") || len(diags) != 1 || !strings.Contains(diags[0].Message, "changed while it was scanned") {
		t.Fatalf("subjects %+v, diagnostics %+v", subjects, diags)
	}
}

// A shard attests what it scanned, not what discovery read for the other
// shards: the shards' subjects split the whole scan's between them.
func TestCoverageOfAShard(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("t%02d.yaml", i)] = fmt.Sprintf("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: alias/k\n", i)
	}
	files["mod/main.tf"] = "module \"m\" {\n  source = \"../shared\"\n}\n"
	files["shared/main.tf"] = "resource \"aws_sqs_queue\" \"q\" {\n  kms_master_key_id = \"alias/k\"\n}\n"
	bundletest.WriteTree(t, dir, files)
	t.Chdir(dir)
	subjects := func(shard string) []string {
		t.Helper()
		sh, err := ParseShard(shard)
		if err != nil {
			t.Fatal(err)
		}
		cov := &Coverage{Name: "a.json"}
		if _, err := Run(context.Background(), Plan{Roots: []string{"."}, Engine: builtinEngine(t), FailOn: finding.Low, Shard: sh, Coverage: cov}); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range cov.Statement.Subjects {
			names = append(names, s.Name)
		}
		return names
	}
	all := subjects("")
	if len(all) != len(files) || !slices.Contains(all, "shared/main.tf") {
		t.Fatalf("whole scan: %v (a called module's files are read through its caller)", all)
	}
	one, two := subjects("1/2"), subjects("2/2")
	if len(one) == 0 || len(two) == 0 || len(one)+len(two) != len(all) {
		t.Fatalf("shards %v and %v do not split %v", one, two, all)
	}
	for _, n := range one {
		if slices.Contains(two, n) {
			t.Errorf("%s is a subject of both shards", n)
		}
	}
}
