package discover

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/kinds"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/files"
)

const cfnTemplate = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The kinds' names, as reports show them.
const (
	KindCloudFormation = "cloudformation"
	KindTerraform      = "terraform"
	KindTerraformPlan  = "terraform-plan"
	KindDockerfile     = "dockerfile"
	KindCDK            = "cdk"
	KindFiles          = "files"
)

func kindsOf(res Result) map[string]string {
	out := map[string]string{}
	for _, tg := range res.Targets {
		out[tg.Unit.Path] = tg.Kind
	}
	return out
}

func TestFindClassifiesAndSkips(t *testing.T) {
	root := t.TempDir()
	write(t, root, "infra/bucket.yaml", cfnTemplate)
	// Helm values: YAML that no kind is likely ever to claim.
	write(t, root, "infra/values.yaml", "image: nginx\nreplicas: 2\n")
	write(t, root, "app/Dockerfile", "FROM alpine:3.20\n")
	write(t, root, "tf/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n")
	write(t, root, "tf/terraform.tfvars", "x = 1\n")
	write(t, root, "plan.json", `{"format_version":"1.2","planned_values":{}}`)
	write(t, root, "node_modules/dep/template.yaml", cfnTemplate)
	write(t, root, ".git/config.yaml", cfnTemplate)
	write(t, root, "legacy/old.yaml", cfnTemplate)
	write(t, root, "README.md", "# hi\n")
	write(t, root, "cdk.out/manifest.json", `{"version":"48.0.0","artifacts":{"S":{"type":"aws:cloudformation:stack"}}}`)
	write(t, root, "cdk.out/S.template.json", `{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}`)

	res, err := Find(context.Background(), []string{root}, Options{Exclude: []string{"legacy/**"}})
	if err != nil {
		t.Fatal(err)
	}
	got := kindsOf(res)
	want := map[string]string{
		filepath.ToSlash(filepath.Join(root, "infra/bucket.yaml")): KindCloudFormation,
		filepath.ToSlash(filepath.Join(root, "app/Dockerfile")):    KindDockerfile,
		filepath.ToSlash(filepath.Join(root, "tf")):                KindTerraform,
		filepath.ToSlash(filepath.Join(root, "plan.json")):         KindTerraformPlan,
		filepath.ToSlash(filepath.Join(root, "cdk.out")):           KindCDK,
		// Files no other scanner claims are checked for credentials.
		filepath.ToSlash(filepath.Join(root, "infra/values.yaml")): KindFiles,
		filepath.ToSlash(filepath.Join(root, "README.md")):         KindFiles,
	}
	if len(got) != len(want) {
		t.Fatalf("targets = %v, want %v", got, want)
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: got kind %q, want %q", p, got[p], k)
		}
	}
	for _, tg := range res.Targets {
		switch tg.Kind {
		case KindCloudFormation, KindDockerfile, KindTerraformPlan:
			if len(tg.Unit.Content) == 0 {
				t.Errorf("%s: content not handed on", tg.Unit.Path)
			}
		case KindFiles:
			// Discovery read the YAML to rule out CloudFormation and hands
			// it on; the README it never read.
			if strings.HasSuffix(tg.Unit.Path, "values.yaml") != (tg.Unit.Content != nil) {
				t.Errorf("%s: content handed on = %v", tg.Unit.Path, tg.Unit.Content != nil)
			}
		case KindTerraform:
			if len(tg.Unit.Files) != 2 {
				t.Errorf("terraform unit files = %v", tg.Unit.Files)
			}
		}
	}
	if res.Skipped != 0 {
		t.Errorf("skipped = %d, want 0", res.Skipped)
	}
	for i := 1; i < len(res.Targets); i++ {
		if res.Targets[i-1].Unit.Path > res.Targets[i].Unit.Path {
			t.Errorf("targets not sorted: %v", got)
		}
	}
}

func TestSymlinkLoopAndEscape(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, "secret.yaml", cfnTemplate)
	write(t, root, "a/t.yaml", cfnTemplate)
	if err := os.Symlink("..", filepath.Join(root, "a", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(root, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a/t.yaml", filepath.Join(root, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	res, err := Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := kindsOf(res)
	if len(got) != 2 {
		t.Fatalf("want t.yaml and the inside link only, got %v", got)
	}
	if _, ok := got[filepath.ToSlash(filepath.Join(root, "escape.yaml"))]; ok {
		t.Error("followed a symlink out of the root")
	}
	noted := false
	for _, d := range res.Diagnostics {
		noted = noted || strings.Contains(d.Message, "outside the scan root")
	}
	if !noted {
		t.Errorf("escape not reported: %+v", res.Diagnostics)
	}
}

func TestOversizedTemplateIsAnError(t *testing.T) {
	root := t.TempDir()
	write(t, root, "big.yaml", cfnTemplate+strings.Repeat("# padding\n", 200))
	write(t, root, "data.json", `{"rows": [`+strings.Repeat(`1,`, 2000)+`1]}`)
	res, err := Find(context.Background(), []string{root}, Options{Limits: scanners.Limits{KindCloudFormation: 1024, KindTerraformPlan: 1024}})
	if err != nil {
		t.Fatal(err)
	}
	// The template over its limit is an error; the data file over it is
	// not a template and is still checked for credentials.
	if got := kindsOf(res); len(got) != 1 || got[filepath.ToSlash(filepath.Join(root, "data.json"))] != KindFiles {
		t.Fatalf("want only data.json, as files: %v", got)
	}
	if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Message, "over the 1 KiB limit") ||
		!strings.HasSuffix(res.Diagnostics[0].Range.File, "big.yaml") {
		t.Fatalf("want one error for big.yaml, got %+v", res.Diagnostics)
	}
	if res.Skipped != 0 {
		t.Errorf("skipped=%d, want 0", res.Skipped)
	}
}

// A content-matched kind without a size limit takes files of any size,
// beside a candidate kind that has one: no limit is not a limit of 0.
func TestKindWithoutLimitBesideOneWith(t *testing.T) {
	yaml := func(p string) bool { return strings.HasSuffix(p, ".yaml") }
	has := func(key string) func(string, []byte) bool {
		return func(_ string, b []byte) bool { return strings.HasPrefix(string(b), key) }
	}
	limited := scanners.Kind{Name: "limited", Label: "limited file", MaxFileSize: 1024, Match: scanners.Match{Name: yaml, Content: has("limited:")}}
	open := scanners.Kind{Name: "open", Label: "open file", Match: scanners.Match{Name: yaml, Content: has("open:")}}
	root := t.TempDir()
	padding := strings.Repeat("# padding\n", 200)
	write(t, root, "small-open.yaml", "open: 1\n")
	write(t, root, "big-open.yaml", "open: 1\n"+padding)
	write(t, root, "small-limited.yaml", "limited: 1\n")
	write(t, root, "big-limited.yaml", "limited: 1\n"+padding)
	write(t, root, "big-other.yaml", "other: 1\n"+padding)
	res, err := Find(context.Background(), []string{root}, Options{Kinds: []scanners.Kind{limited, open, files.Kind}})
	if err != nil {
		t.Fatal(err)
	}
	at := func(rel string) string { return filepath.ToSlash(filepath.Join(root, rel)) }
	want := map[string]string{
		at("small-open.yaml"):    "open",
		at("big-open.yaml"):      "open",
		at("small-limited.yaml"): "limited",
		at("big-other.yaml"):     KindFiles,
	}
	got := kindsOf(res)
	if len(got) != len(want) {
		t.Errorf("targets = %v, want %v", got, want)
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: kind %q, want %q", p, got[p], k)
		}
	}
	if len(res.Diagnostics) != 1 || !strings.HasSuffix(res.Diagnostics[0].Range.File, "big-limited.yaml") ||
		!strings.Contains(res.Diagnostics[0].Message, "limited file: file is") {
		t.Errorf("want one error, for big-limited.yaml: %+v", res.Diagnostics)
	}
}

func TestExplicitFileAndMissingRoot(t *testing.T) {
	root := t.TempDir()
	write(t, root, "t.yaml", cfnTemplate)
	res, err := Find(context.Background(), []string{filepath.Join(root, "t.yaml")}, Options{})
	if err != nil || len(res.Targets) != 1 {
		t.Fatalf("explicit file: %v %v", kindsOf(res), err)
	}
	if _, err := Find(context.Background(), []string{filepath.Join(root, "nope")}, Options{}); err == nil {
		t.Fatal("a missing scan path must be an error")
	}
}

// A kind's Select sees every unit of the kind, with the files discovery
// read, and decides which are scanned; by default a called module is
// scanned from its caller only.
func TestSelectHook(t *testing.T) {
	root := t.TempDir()
	write(t, root, "main.tf", "module \"m\" { source = \"./modules/m\" }\n")
	write(t, root, "modules/m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n")
	res, err := Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := kindsOf(res); len(got) != 1 || got[filepath.ToSlash(root)] != KindTerraform {
		t.Fatalf("want only the root module, got %v", got)
	}

	var seen []scanners.Unit
	list := kinds.All()
	for i := range list {
		if list[i].Name == KindTerraform {
			list[i].Match.Select = func(_ context.Context, units []scanners.Unit) ([]scanners.Unit, []document.Diagnostic) {
				seen = units
				return units, nil
			}
		}
	}
	res, err = Find(context.Background(), []string{root}, Options{Kinds: list})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || len(res.Targets) != 2 {
		t.Fatalf("hook saw %v, targets %v", seen, kindsOf(res))
	}
	for _, u := range seen {
		if len(u.Files) != 1 || u.Contents[u.Files[0]] == nil {
			t.Errorf("hook did not get %s's file contents", u.Path)
		}
	}
}

// findGuarded runs Find and fails the test, instead of hanging the suite,
// when it does not return: the bug these tests guard against is a read
// that never ends.
func findGuarded(t *testing.T, roots []string, opts Options) Result {
	t.Helper()
	type out struct {
		res Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		res, err := Find(context.Background(), roots, opts)
		done <- out{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		return o.res
	case <-time.After(20 * time.Second):
		t.Fatal("Find did not return: a read blocked or never ended")
		return Result{}
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func TestSpecialFileNamedExplicitlyIsAnError(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "Dockerfile"))
	mkfifo(t, filepath.Join(dir, "t.yaml"))
	for name, target := range map[string]string{"Dockerfile.zero": "/dev/zero", "t.urandom.yaml": "/dev/urandom"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{
		"Dockerfile":      "not a regular file (fifo)",
		"t.yaml":          "not a regular file (fifo)",
		"Dockerfile.zero": "not a regular file (device)",
		"t.urandom.yaml":  "not a regular file (device)",
	} {
		p := filepath.Join(dir, name)
		res := findGuarded(t, []string{p}, Options{})
		if len(res.Targets) != 0 || len(res.Diagnostics) != 1 {
			t.Fatalf("%s: targets %v, diagnostics %+v", name, kindsOf(res), res.Diagnostics)
		}
		d := res.Diagnostics[0]
		if d.Level != document.LevelError || d.Message != want || d.Range.File != filepath.ToSlash(p) {
			t.Errorf("%s: got %+v, want an error %q naming the file", name, d, want)
		}
	}
}

func TestSpecialFileInDirectoryIsSkippedWithAWarning(t *testing.T) {
	root := t.TempDir()
	write(t, root, "ok.yaml", cfnTemplate)
	write(t, root, "sub/.keep", "")
	write(t, root, "cdk.out/.keep", "")
	mkfifo(t, filepath.Join(root, "t.yaml"))
	mkfifo(t, filepath.Join(root, "sub", "Dockerfile"))
	// A FIFO where a cloud assembly keeps its manifest must not block the
	// check of whether the directory is one.
	mkfifo(t, filepath.Join(root, "cdk.out", "manifest.json"))
	if err := os.Symlink("t.yaml", filepath.Join(root, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	res := findGuarded(t, []string{root}, Options{})
	// ok.yaml as a template, the two .keep files for credentials; no FIFO.
	got := kindsOf(res)
	if len(got) != 3 || got[filepath.ToSlash(filepath.Join(root, "ok.yaml"))] != KindCloudFormation ||
		got[filepath.ToSlash(filepath.Join(root, "sub/.keep"))] != KindFiles {
		t.Fatalf("want ok.yaml and the .keep files scanned, got %v", got)
	}
	warned := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Level != document.LevelWarning || d.Message != "skipped: not a regular file (fifo)" {
			t.Errorf("unexpected diagnostic %+v", d)
		}
		rel, _ := filepath.Rel(root, filepath.FromSlash(d.Range.File))
		warned[filepath.ToSlash(rel)] = true
	}
	for _, f := range []string{"t.yaml", "sub/Dockerfile", "cdk.out/manifest.json", "link.yaml"} {
		if !warned[f] {
			t.Errorf("no warning for %s: %+v", f, res.Diagnostics)
		}
	}
	if res.Skipped != 4 { // the FIFOs
		t.Errorf("skipped = %d, want 4", res.Skipped)
	}
}

// A template another scanned template nests is scanned from its parent
// (with the parent's parameters), not a second time alone; templates that
// only nest each other stay, so their cycle is reported.
func TestNestedTemplatesAreScannedFromTheirParent(t *testing.T) {
	root := t.TempDir()
	stack := func(url string) string {
		return "Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: " + url + "\n"
	}
	write(t, root, "parent.yaml", stack("stacks/child.yaml"))
	write(t, root, "stacks/child.yaml", stack("grandchild.json"))
	write(t, root, "stacks/grandchild.json", `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`)
	write(t, root, "cycle/a.yaml", stack("b.yaml"))
	write(t, root, "cycle/b.yaml", stack("a.yaml"))
	res, err := Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range res.Targets {
		rel, _ := filepath.Rel(root, tg.Unit.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	if want := "cycle/a.yaml cycle/b.yaml parent.yaml"; strings.Join(got, " ") != want {
		t.Errorf("targets %v, want %s", got, want)
	}
}

func TestOversizedTextFileIsSkippedAndCounted(t *testing.T) {
	root := t.TempDir()
	write(t, root, "small.log", "ok\n")
	write(t, root, "huge.log", strings.Repeat("line of log output\n", files.MaxSize/19+1))
	res, err := Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := kindsOf(res)
	if len(got) != 1 || got[filepath.ToSlash(filepath.Join(root, "small.log"))] != KindFiles {
		t.Errorf("targets = %v, want small.log only", got)
	}
	if res.Skipped != 1 || len(res.Diagnostics) != 0 {
		t.Errorf("skipped = %d, diagnostics = %v; want 1 skip and no error", res.Skipped, res.Diagnostics)
	}
}

// A folder tagged as a cache (CACHEDIR.TAG with the standard signature,
// as tollgate's results cache writes) is not scanned; a file of that name
// without the signature tags nothing.
func TestCacheDirTagSkipsTheFolder(t *testing.T) {
	root := t.TempDir()
	write(t, root, "infra/bucket.yaml", cfnTemplate)
	write(t, root, ".cache/tollgate/results/ab/entry.yaml", cfnTemplate)
	write(t, root, ".cache/tollgate/results/"+CacheDirTag, string(CacheDirTagContent("test")))
	write(t, root, "notes/"+CacheDirTag, "just a file\n")
	write(t, root, "notes/bucket.yaml", cfnTemplate)
	res, err := Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := kindsOf(res)
	for _, p := range []string{"infra/bucket.yaml", "notes/bucket.yaml"} {
		if got[filepath.ToSlash(filepath.Join(root, p))] != KindCloudFormation {
			t.Errorf("%s not scanned: %v", p, got)
		}
	}
	for p := range got {
		if strings.Contains(p, ".cache") {
			t.Errorf("a tagged cache folder was scanned: %s", p)
		}
	}
}
