package terraform

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

const project = "testdata/multi-module-project"

func scanDir(t testing.TB, dir string, opts Options) (*document.Document, []document.Diagnostic) {
	t.Helper()
	res, err := Scanner{Opts: opts}.Scan(context.Background(), scanners.Unit{Path: dir})
	if err != nil {
		t.Fatalf("scan %s: %v", dir, err)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("scan %s: %d documents", dir, len(res.Documents))
	}
	return res.Documents[0], res.Diagnostics
}

// resource returns the input resource with the address and its index.
func resource(t *testing.T, doc *document.Document, addr string) (map[string]any, int) {
	t.Helper()
	for i, r := range doc.Input["resources"].([]any) {
		if m := r.(map[string]any); m["address"] == addr {
			return m, i
		}
	}
	var have []string
	for _, r := range doc.Input["resources"].([]any) {
		have = append(have, r.(map[string]any)["address"].(string))
	}
	t.Fatalf("no resource %s; have %v", addr, have)
	return nil, 0
}

// get walks an input value along a path of keys and indices.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func lookup(t *testing.T, doc *document.Document, path ...any) document.Range {
	t.Helper()
	p := make([]string, len(path))
	for i, e := range path {
		p[i] = document.PathElem(e)
	}
	r, exact := doc.Positions.Lookup(p)
	if !exact {
		t.Fatalf("no position for %v (fallback %+v)", p, r)
	}
	return r
}

func TestProjectInstancesAndValues(t *testing.T) {
	doc, diags := scanDir(t, project, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	if doc.Format != document.FormatTerraform || get(doc.Input, "tollgate", "format") != "terraform" {
		t.Fatalf("format = %q", doc.Format)
	}
	var addrs []string
	for _, r := range doc.Input["resources"].([]any) {
		addrs = append(addrs, r.(map[string]any)["address"].(string))
	}
	want := []string{
		`aws_kms_key.k`, `aws_s3_bucket.logs["a"]`, `aws_s3_bucket.logs["b"]`,
		`aws_s3_bucket_server_side_encryption_configuration.logs["a"]`,
		`aws_s3_bucket_server_side_encryption_configuration.logs["b"]`,
		`module.db.aws_db_instance.db[0]`, `module.db.aws_security_group.db`,
		`module.network.aws_subnet.private[0]`, `module.network.aws_subnet.private[1]`, `module.network.aws_vpc.this`,
	}
	if strings.Join(addrs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("addresses:\n%s\nwant:\n%s", strings.Join(addrs, "\n"), strings.Join(want, "\n"))
	}

	b, _ := resource(t, doc, `aws_s3_bucket.logs["b"]`)
	// tfvars sets env and buckets; locals interpolate them.
	if b["index"] != "b" || get(b, "values", "bucket") != "app-prod-b" || get(b, "values", "tags", "Name") != "app-prod" {
		t.Errorf("bucket b = %v", b)
	}
	sn, _ := resource(t, doc, `module.network.aws_subnet.private[1]`)
	if sn["index"] != int64(1) || sn["module"] != "module.network" || get(sn, "values", "cidr_block") != "10.0.1.0/24" {
		t.Errorf("subnet 1 = %v", sn)
	}
	sg, _ := resource(t, doc, `module.db.aws_security_group.db`)
	if get(sg, "values", "ingress", 1, "from_port") != int64(6432) || get(sg, "values", "ingress", 0, "protocol") != "tcp" {
		t.Errorf("dynamic ingress = %v", get(sg, "values", "ingress"))
	}
	if sg["provider"] != "aws" || sg["mode"] != "managed" || sg["type"] != "aws_security_group" || sg["name"] != "db" {
		t.Errorf("resource header = %v", sg)
	}
}

func TestProjectUnknownsCarryRefs(t *testing.T) {
	doc, _ := scanDir(t, project, Options{})
	sse, _ := resource(t, doc, `aws_s3_bucket_server_side_encryption_configuration.logs["a"]`)
	bucket := get(sse, "values", "bucket")
	if !document.IsUnknown(bucket) || get(bucket, "ref") != `aws_s3_bucket.logs["a"]` {
		t.Errorf("bucket = %v", bucket)
	}
	key := get(sse, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id")
	if !document.IsUnknown(key) || get(key, "ref") != "aws_kms_key.k" || get(key, "attribute") != "arn" || get(key, "expr") != "aws_kms_key.k.arn" {
		t.Errorf("kms_master_key_id = %v", key)
	}
	db, _ := resource(t, doc, `module.db.aws_db_instance.db[0]`)
	// The reference crosses the module boundary and keeps the root address.
	if k := get(db, "values", "kms_key_id"); get(k, "ref") != "aws_kms_key.k" {
		t.Errorf("db kms_key_id = %v", k)
	}
	pw := get(db, "values", "password")
	if !document.IsUnknown(pw) || get(pw, "sensitive") != true {
		t.Errorf("password = %v", pw)
	}
	sg, _ := resource(t, doc, `module.db.aws_security_group.db`)
	if v := get(sg, "values", "vpc_id"); get(v, "ref") != "module.network.aws_vpc.this" {
		t.Errorf("vpc_id through module output = %v", v)
	}
}

func TestProjectPositionsAndRelated(t *testing.T) {
	doc, _ := scanDir(t, project, Options{})
	_, i := resource(t, doc, `aws_s3_bucket_server_side_encryption_configuration.logs["a"]`)
	r := lookup(t, doc, "resources", i, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id")
	if r.File != project+"/main.tf" || r.Line != 57 || r.Column != 27 {
		t.Errorf("kms_master_key_id at %+v", r)
	}
	r = lookup(t, doc, "resources", i)
	if r.Line != 50 || r.Column != 1 {
		t.Errorf("resource at %+v", r)
	}
	_, i = resource(t, doc, `module.db.aws_security_group.db`)
	r = lookup(t, doc, "resources", i, "values", "ingress", 1, "to_port")
	if r.File != project+"/modules/db/main.tf" || r.Line != 35 || r.Column != 21 {
		t.Errorf("dynamic to_port at %+v", r)
	}
	rel := doc.Resources[`module.db.aws_security_group.db`].Related
	if len(rel) != 1 || rel[0].File != project+"/main.tf" || rel[0].Line != 68 {
		t.Errorf("related = %+v", rel)
	}
	if len(doc.Resources[`aws_kms_key.k`].Related) != 0 {
		t.Errorf("root resource has related locations")
	}
	// Every path into the input has a position.
	var walk func(v any, p []string)
	walk = func(v any, p []string) {
		if _, exact := doc.Positions.Lookup(p); !exact && len(p) > 1 {
			t.Errorf("no position for %v", p)
		}
		switch x := v.(type) {
		case map[string]any:
			if document.IsUnknown(x) {
				return
			}
			for k, c := range x {
				walk(c, append(append([]string(nil), p...), k))
			}
		case []any:
			for k, c := range x {
				walk(c, append(append([]string(nil), p...), document.PathElem(k)))
			}
		}
	}
	walk(doc.Input["resources"], []string{"resources"})
}

func TestProjectVariablesLockAndCalls(t *testing.T) {
	doc, _ := scanDir(t, project, Options{})
	lock := get(doc.Input, "terraform", "lock_file")
	if get(lock, "present") != true {
		t.Fatalf("lock = %v", lock)
	}
	aws := get(lock, "providers", "registry.terraform.io/hashicorp/aws")
	if get(aws, "version") != "5.31.0" || get(aws, "constraints") != "~> 5.0" || len(get(aws, "hashes").([]any)) != 2 {
		t.Errorf("aws lock = %v", aws)
	}
	if get(doc.Input, "terraform", "required_providers", "aws", "source") != "hashicorp/aws" {
		t.Errorf("required_providers = %v", get(doc.Input, "terraform", "required_providers"))
	}
	found := false
	for _, v := range doc.Input["variables"].([]any) {
		if get(v, "address") == "module.db.var.password" {
			found = get(v, "sensitive") == true && get(v, "has_default") == false && get(v, "type") == "string"
		}
	}
	if !found {
		t.Errorf("module.db.var.password missing or wrong: %v", doc.Input["variables"])
	}
	calls := doc.Input["module_calls"].([]any)
	if len(calls) != 2 || get(calls[0], "address") != "module.db" || get(calls[0], "values", "ports", 1) != int64(6432) {
		t.Errorf("module_calls = %v", calls)
	}
	if p := doc.Input["providers"].([]any); len(p) != 1 || get(p[0], "values", "region") != "eu-west-1" {
		t.Errorf("providers = %v", p)
	}
}

func TestOptionsOverrideVariables(t *testing.T) {
	doc, _ := scanDir(t, project, Options{Vars: []string{"env=dev", `buckets=["z"]`}})
	b, _ := resource(t, doc, `aws_s3_bucket.logs["z"]`)
	if get(b, "values", "bucket") != "app-dev-z" {
		t.Errorf("bucket = %v", b)
	}
	_, diags := scanDir(t, project, Options{Vars: []string{"nope=1"}})
	if len(diags) != 1 || diags[0].Level != document.LevelError {
		t.Errorf("undeclared -var: %+v", diags)
	}
}

func TestLocalsCycleIsAnError(t *testing.T) {
	doc, diags := scanDir(t, "testdata/locals-cycle", Options{})
	if len(diags) == 0 || diags[0].Level != document.LevelError || !strings.Contains(diags[0].Message, "local.a -> local.b -> local.c -> local.a") {
		t.Fatalf("diagnostics = %+v", diags)
	}
	if diags[0].Range.File != "testdata/locals-cycle/main.tf" || diags[0].Range.Line == 0 {
		t.Errorf("cycle position = %+v", diags[0].Range)
	}
	b, _ := resource(t, doc, "aws_s3_bucket.b")
	if !document.IsUnknown(get(b, "values", "bucket")) {
		t.Errorf("bucket from a cycle must be unknown, got %v", get(b, "values", "bucket"))
	}
}

func TestSyntaxErrorHasPositionAndOtherFilesContinue(t *testing.T) {
	doc, diags := scanDir(t, "testdata/syntax-error", Options{})
	if len(diags) == 0 {
		t.Fatal("no diagnostics for a syntax error")
	}
	err := ParseError(diags)
	var se *document.SourceError
	if !errors.As(err, &se) || se.Range.File != "testdata/syntax-error/broken.tf" || se.Range.Line != 2 || se.Range.Column == 0 {
		t.Fatalf("error = %v", err)
	}
	resource(t, doc, "aws_s3_bucket.ok")
}

func TestModuleCallingItselfIsAnError(t *testing.T) {
	_, diags := scanDir(t, "testdata/module-calls-itself", Options{})
	if len(diags) != 1 || diags[0].Level != document.LevelError || !strings.Contains(diags[0].Message, ErrModuleCycle.Error()) || diags[0].Range.Line != 1 {
		t.Fatalf("diagnostics = %+v", diags)
	}
}

func TestRemoteModules(t *testing.T) {
	doc, diags := scanDir(t, "testdata/remote-module-not-initialised", Options{})
	if len(diags) != 1 || diags[0].Level != document.LevelWarning || diags[0].Range.Line != 1 {
		t.Fatalf("diagnostics = %+v", diags)
	}
	if c := doc.Input["module_calls"].([]any); len(c) != 1 || get(c[0], "resolved") != false || get(c[0], "version") != "4.1.0" {
		t.Errorf("module_calls = %v", c)
	}
	_, diags = scanDir(t, "testdata/remote-module-not-initialised", Options{Strict: true})
	if len(diags) != 1 || diags[0].Level != document.LevelError {
		t.Fatalf("strict diagnostics = %+v", diags)
	}
	doc, diags = scanDir(t, "testdata/remote-module-initialised", Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics = %+v", diags)
	}
	b, _ := resource(t, doc, "module.store.aws_s3_bucket.this")
	if get(b, "values", "bucket") != "data" {
		t.Errorf("bucket = %v", b)
	}
}

func TestUnknownCountKeepsTheResource(t *testing.T) {
	doc, _ := scanDir(t, "testdata/unknown-count", Options{})
	s, _ := resource(t, doc, "aws_subnet.s[*]")
	if !document.IsUnknown(s["index"]) {
		t.Errorf("index = %v", s["index"])
	}
	if az := get(s, "values", "availability_zone"); get(az, "ref") != "data.aws_availability_zones.available" {
		t.Errorf("availability_zone = %v", az)
	}
}

// readTF reads the .tf files of dir by slash path, as discovery hands
// them to ModuleCalls.
func readTF(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	names, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		files[filepath.ToSlash(n)] = b
	}
	return files
}

func TestFilterRoots(t *testing.T) {
	read := func(dir string) map[string][]byte { return readTF(t, dir) }
	dirs := []string{project, project + "/modules/db", project + "/modules/network", "testdata/module-calls-itself"}
	calls := map[string][]string{}
	for _, d := range dirs {
		calls[d] = ModuleCalls(d, read(d))
	}
	if got := calls[project]; strings.Join(got, ",") != project+"/modules/db,"+project+"/modules/network" {
		t.Errorf("ModuleCalls = %v", got)
	}
	got := FilterRoots(dirs, calls)
	if strings.Join(got, ",") != "testdata/module-calls-itself,"+project {
		t.Errorf("roots = %v", got)
	}
	// Two modules calling each other: one is still scanned.
	cyc := FilterRoots([]string{"a", "b"}, map[string][]string{"a": {"b"}, "b": {"a"}})
	if strings.Join(cyc, ",") != "a" {
		t.Errorf("cycle roots = %v", cyc)
	}
}

func TestFileFunctionIsBounded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.json"), []byte(`{"a":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tf := `resource "x_y" "z" {
  inside  = file("${path.module}/policy.json")
  outside = file("/etc/hostname")
  up      = file("../../etc/passwd")
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o600); err != nil {
		t.Fatal(err)
	}
	doc, _ := scanDir(t, filepath.ToSlash(dir), Options{})
	r, _ := resource(t, doc, "x_y.z")
	if get(r, "values", "inside") != `{"a":1}` {
		t.Errorf("inside = %v", get(r, "values", "inside"))
	}
	for _, k := range []string{"outside", "up"} {
		if !document.IsUnknown(get(r, "values", k)) {
			t.Errorf("%s = %v, want unknown", k, get(r, "values", k))
		}
	}
}

const corpus = "../../../shared/corpus"

func corpusModules(tb testing.TB) []string {
	tb.Helper()
	roots, _ := filepath.Glob(filepath.Join(corpus, "terraform-aws-*"))
	if len(roots) == 0 {
		tb.Skip("corpus not available")
	}
	seen := map[string]bool{}
	var dirs []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".tf") && !seen[filepath.Dir(p)] {
				seen[filepath.Dir(p)] = true
				dirs = append(dirs, filepath.ToSlash(filepath.Dir(p)))
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return dirs
}

func TestCorpusModulesScan(t *testing.T) {
	for _, dir := range corpusModules(t) {
		_, diags := scanDir(t, dir, Options{})
		for _, d := range diags {
			if d.Level != document.LevelWarning || !strings.Contains(d.Message, "not initialised") {
				t.Errorf("%s: %s %s:%d: %s", dir, d.Level, d.Range.File, d.Range.Line, d.Message)
			}
		}
	}
}

func BenchmarkScanModule(b *testing.B) {
	dir := filepath.ToSlash(filepath.Join(corpus, "terraform-aws-vpc/examples/complete"))
	if _, err := os.Stat(dir); err != nil {
		b.Skip("corpus not available")
	}
	for b.Loop() {
		scanDir(b, dir, Options{})
	}
}

func FuzzParseHCL(f *testing.F) {
	for _, name := range []string{project + "/main.tf", project + "/modules/db/main.tf", "testdata/locals-cycle/main.tf", "testdata/syntax-error/broken.tf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		// In memory: the scan reads each file once through its cache.
		s := newScan(context.Background(), Options{}, "fuzz")
		s.cache["fuzz/main.tf"] = content
		if doc := s.run([]string{"fuzz/main.tf"}); doc == nil {
			t.Fatal("no document")
		}
	})
}
