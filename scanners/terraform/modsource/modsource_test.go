package modsource

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/gittest"
	"github.com/tollgate-dev/tollgate/internal/tfregistrytest"
)

// newRegistry serves acme/sqs/aws in four versions (1.0.0 located by a
// JSON answer, the others by a relative X-Terraform-Get), acme/evil/aws
// whose archive climbs out of its directory and acme/gone/aws whose
// archive is not there.
func newRegistry(t *testing.T) *tfregistrytest.Registry {
	t.Helper()
	sqs := tfregistrytest.Module{Versions: map[string]map[string]string{},
		Locations: map[string]string{"1.0.0": "json:/files/acme/sqs/aws/1.0.0.tar.gz//*"}}
	for _, v := range []string{"1.0.0", "1.2.0", "1.3.0-beta", "2.0.0"} {
		sqs.Versions[v] = map[string]string{
			"main.tf":      fmt.Sprintf("# %s\nresource \"aws_sqs_queue\" \"this\" {\n  name = var.name\n}\n", v),
			"variables.tf": "variable \"name\" {}\n",
		}
	}
	reg := tfregistrytest.New(t, map[string]tfregistrytest.Module{
		"acme/sqs/aws":  sqs,
		"acme/evil/aws": {Archives: map[string][]byte{"1.0.0": tarGz(t, file("m/main.tf", ""), file("../../escape.tf", "x"))}},
		"acme/gone/aws": {Versions: map[string]map[string]string{"1.0.0": nil}, Locations: map[string]string{"1.0.0": "/files/gone.tar.gz"}},
	})
	return reg
}

func fetcher(reg *tfregistrytest.Registry, cache string) *Fetcher {
	return New(Options{CacheDir: cache, Transport: reg.Transport()})
}

func mainTF(t *testing.T, m Module) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(m.Dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The newest version the constraint allows is chosen, with Terraform's
// semantics: ~> 1.0 is >= 1.0, < 2.0; pre-releases only when named.
func TestRegistryConstraintSelection(t *testing.T) {
	reg := newRegistry(t)
	f := fetcher(reg, t.TempDir())
	ctx := context.Background()
	for constraint, want := range map[string]string{
		"~> 1.0": "1.2.0", "": "2.0.0", ">= 1.0, < 1.2": "1.0.0", "= 1.3.0-beta": "1.3.0-beta", "1.2.0": "1.2.0",
	} {
		m, err := f.Fetch(ctx, reg.Host()+"/acme/sqs/aws", constraint)
		if err != nil {
			t.Fatalf("%q: %v", constraint, err)
		}
		if m.Version != want || !strings.HasPrefix(mainTF(t, m), "# "+want+"\n") || len(m.Warnings) != 0 {
			t.Errorf("%q: version %s, warnings %v, main.tf %q", constraint, m.Version, m.Warnings, mainTF(t, m))
		}
		if !strings.HasPrefix(m.Dir, m.Root+string(filepath.Separator)) {
			t.Errorf("%q: dir %s is not below root %s", constraint, m.Dir, m.Root)
		}
	}
	_, err := f.Fetch(ctx, reg.Host()+"/acme/sqs/aws", ">= 3.0")
	if err == nil || !strings.Contains(err.Error(), `no version of `+reg.Host()+`/acme/sqs/aws that matches ">= 3.0"`) {
		t.Errorf("no matching version: %v", err)
	}
	if _, err := f.Fetch(ctx, reg.Host()+"/acme/sqs/aws", "~> banana"); err == nil {
		t.Error("a constraint that does not parse was accepted")
	}
}

// With a warm cache, an exact version asks nothing of the network; a range
// falls back to the cached versions with a warning when the registry is
// gone.
func TestRegistryCacheOffline(t *testing.T) {
	reg := newRegistry(t)
	cache := t.TempDir()
	ctx := context.Background()
	src := reg.Host() + "/acme/sqs/aws"
	first, err := fetcher(reg, cache).Fetch(ctx, src, "~> 1.0")
	if err != nil {
		t.Fatal(err)
	}
	before := reg.Requests()
	m, err := fetcher(reg, cache).Fetch(ctx, src, "1.2.0")
	if err != nil || m.Dir != first.Dir || len(m.Warnings) != 0 {
		t.Fatalf("exact version from the cache: %+v %v", m, err)
	}
	if n := reg.Requests() - before; n != 0 {
		t.Errorf("an exact cached version made %d requests", n)
	}
	reg.Close()
	m, err = fetcher(reg, cache).Fetch(ctx, src, "~> 1.0")
	if err != nil || m.Dir != first.Dir || m.Version != "1.2.0" {
		t.Fatalf("offline range: %+v %v", m, err)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "could not be reached") || !strings.Contains(m.Warnings[0], "cached version 1.2.0") {
		t.Errorf("warnings = %v", m.Warnings)
	}
	if _, err := fetcher(reg, cache).Fetch(ctx, src, "~> 2.0"); err == nil {
		t.Error("offline with no cached match passed")
	}
}

// A cached module whose files changed is refused, naming its directory.
func TestTamperedCacheIsRefused(t *testing.T) {
	reg := newRegistry(t)
	cache := t.TempDir()
	ctx := context.Background()
	m, err := fetcher(reg, cache).Fetch(ctx, reg.Host()+"/acme/sqs/aws", "1.2.0")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(m.Dir, "main.tf"), []byte("# nothing to see\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	entry := filepath.Dir(m.Root)
	_, err = fetcher(reg, cache).Fetch(ctx, reg.Host()+"/acme/sqs/aws", "1.2.0")
	if !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), entry) {
		t.Errorf("tampered cache: %v", err)
	}
	// A file added to the tree is a change too.
	os.WriteFile(filepath.Join(m.Dir, "main.tf"), []byte(mainTF(t, m)), 0o644)
	_, err = fetcher(reg, cache).Fetch(ctx, reg.Host()+"/acme/sqs/aws", "1.2.0")
	if !errors.Is(err, ErrTampered) {
		t.Errorf("rewritten file: %v", err)
	}
}

func TestRegistryFailures(t *testing.T) {
	reg := newRegistry(t)
	f := fetcher(reg, t.TempDir())
	ctx := context.Background()
	_, err := f.Fetch(ctx, reg.Host()+"/acme/missing/aws", "")
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("unknown module: %v", err)
	}
	_, err = f.Fetch(ctx, reg.Host()+"/acme/gone/aws", "1.0.0")
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("download location that is not there: %v", err)
	}
	_, err = f.Fetch(ctx, reg.Host()+"/acme/evil/aws", "")
	if !errors.Is(err, ErrUnsafeArchive) {
		t.Errorf("traversal archive: %v", err)
	}
	// Nothing of the refused archive is left in the cache.
	entries, _ := filepath.Glob(filepath.Join(f.o.CacheDir, "registry", "*", "*"))
	for _, e := range entries {
		if strings.Contains(e, ".tmp-") || filepath.Base(e) == "1.0.0" {
			t.Errorf("left in the cache: %s", e)
		}
	}
	if _, err := os.Stat(filepath.Join(f.o.CacheDir, "escape.tf")); err == nil {
		t.Error("the archive wrote outside the cache entry")
	}
	if _, err := f.Fetch(ctx, "git::https://example.com/r.git", "1.0.0"); err == nil {
		t.Error("a version on a git source was accepted")
	}
	if _, err := f.Fetch(ctx, "git::http://example.com/r.git", ""); err == nil || !strings.Contains(err.Error(), "plain HTTP") {
		t.Errorf("git over plain HTTP: %v", err)
	}
}

// gitRepo makes a bare repository with a module in mod/: tag v1.0.0 on the
// first commit, main one commit ahead. It returns the bare repository's
// path and the two commits.
func gitRepo(t *testing.T) (string, string, string) {
	t.Helper()
	dir := t.TempDir()
	work, bare := filepath.Join(dir, "work"), filepath.Join(dir, "repo.git")
	os.MkdirAll(filepath.Join(work, "mod"), 0o755)
	gittest.Run(t, dir, "init", "-q", "-b", "main", work)
	os.WriteFile(filepath.Join(work, "mod", "main.tf"), []byte("# v1\n"), 0o644)
	gittest.Run(t, work, "add", ".")
	gittest.Run(t, work, "commit", "-q", "-m", "v1")
	gittest.Run(t, work, "tag", "-a", "-m", "v1", "v1.0.0")
	first := gittest.Run(t, work, "rev-parse", "HEAD")
	os.WriteFile(filepath.Join(work, "mod", "main.tf"), []byte("# v2\n"), 0o644)
	gittest.Run(t, work, "commit", "-q", "-am", "v2")
	second := gittest.Run(t, work, "rev-parse", "HEAD")
	gittest.Run(t, dir, "clone", "-q", "--bare", work, bare)
	return bare, first, second
}

func TestGitSources(t *testing.T) {
	bare, first, second := gitRepo(t)
	cache := t.TempDir()
	ctx := context.Background()
	f := New(Options{CacheDir: cache})
	for src, want := range map[string]string{
		"git::file://" + bare + "//mod?ref=v1.0.0":   first,
		"git::file://" + bare + "//mod?ref=main":     second,
		"git::file://" + bare + "//mod":              second,
		"git::file://" + bare + "//mod?ref=" + first: first,
	} {
		m, err := f.Fetch(ctx, src, "")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		v := map[string]string{first: "# v1\n", second: "# v2\n"}[want]
		if m.Commit != want || mainTF(t, m) != v {
			t.Errorf("%s: commit %s, main.tf %q", src, m.Commit, mainTF(t, m))
		}
		if _, err := os.Stat(filepath.Join(m.Root, ".git")); err == nil {
			t.Errorf("%s: .git kept in the cache", src)
		}
	}
	if _, err := f.Fetch(ctx, "git::file://"+bare+"?ref=v9", ""); err == nil || !strings.Contains(err.Error(), `no ref "v9"`) {
		t.Errorf("missing ref: %v", err)
	}
	missing := strings.Repeat("0", 40)
	if _, err := f.Fetch(ctx, "git::file://"+bare+"?ref="+missing, ""); err == nil {
		t.Error("a commit the repository does not have was fetched")
	}
	if _, err := f.Fetch(ctx, "git::file://"+bare+"//nope?ref=v1.0.0", ""); err == nil || !strings.Contains(err.Error(), `subdirectory "nope"`) {
		t.Errorf("missing subdirectory: %v", err)
	}

	// The repository gone: a tag resolves to the commit cached for it,
	// with a warning; a commit SHA needs no network at all.
	os.RemoveAll(bare)
	m, err := New(Options{CacheDir: cache}).Fetch(ctx, "git::file://"+bare+"//mod?ref=v1.0.0", "")
	if err != nil || m.Commit != first || len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "cached commit "+first) {
		t.Fatalf("offline tag: %+v %v", m, err)
	}
	m, err = New(Options{CacheDir: cache}).Fetch(ctx, "git::file://"+bare+"//mod?ref="+first, "")
	if err != nil || m.Commit != first || len(m.Warnings) != 0 {
		t.Fatalf("offline commit: %+v %v", m, err)
	}

	// An entry that says it holds another commit than its name is refused.
	entry := filepath.Dir(m.Root)
	b, _ := os.ReadFile(filepath.Join(entry, metaFile))
	os.WriteFile(filepath.Join(entry, metaFile), []byte(strings.ReplaceAll(string(b), first, second)), 0o644)
	if _, err := New(Options{CacheDir: cache}).Fetch(ctx, "git::file://"+bare+"//mod?ref="+first, ""); !errors.Is(err, ErrTampered) {
		t.Errorf("entry of another commit: %v", err)
	}
}

// A registry may point at a git repository, as registry.terraform.io does.
func TestRegistryPointingAtGit(t *testing.T) {
	bare, first, _ := gitRepo(t)
	reg := tfregistrytest.New(t, map[string]tfregistrytest.Module{"acme/net/aws": {
		Versions:  map[string]map[string]string{"1.0.0": nil},
		Locations: map[string]string{"1.0.0": "git::file://" + bare + "?ref=v1.0.0"},
	}})
	f := fetcher(reg, t.TempDir())
	m, err := f.Fetch(context.Background(), reg.Host()+"/acme/net/aws//mod", "1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if m.Commit != first || m.Version != "1.0.0" || mainTF(t, m) != "# v1\n" {
		t.Errorf("module = %+v", m)
	}
}

// A private registry's token comes from TF_TOKEN_<host>, as Terraform
// reads it, and never appears in a message.
func TestRegistryToken(t *testing.T) {
	const token = "s3cr3t-registry-token"
	reg := tfregistrytest.New(t, map[string]tfregistrytest.Module{"acme/private/aws": {
		Token:    token,
		Versions: map[string]map[string]string{"1.0.0": {"main.tf": "# private\n"}},
	}})
	ctx := context.Background()
	_, err := fetcher(reg, t.TempDir()).Fetch(ctx, reg.Host()+"/acme/private/aws", "1.0.0")
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("without a token: %v", err)
	}
	env := map[string]string{"TF_TOKEN_127_0_0_1": token}
	f := New(Options{CacheDir: t.TempDir(), Transport: reg.Transport(), Token: EnvToken(func(k string) string { return env[k] })})
	m, err := f.Fetch(ctx, reg.Host()+"/acme/private/aws", "1.0.0")
	if err != nil || mainTF(t, m) != "# private\n" {
		t.Fatalf("with TF_TOKEN_127_0_0_1: %+v %v", m, err)
	}
	if _, err := f.Fetch(ctx, reg.Host()+"/acme/private/aws", "9.0.0"); err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("error = %v", err)
	}
	got := EnvToken(func(k string) string { return map[string]string{"TF_TOKEN_my__registry_example_com": "x"}[k] })("My-Registry.example.com")
	if got != "x" {
		t.Errorf("hyphens and dots: %q", got)
	}
}

// Runs that fill the same cache at once all end with the one entry that
// was renamed into place first.
func TestConcurrentFetchesShareTheEntry(t *testing.T) {
	reg := newRegistry(t)
	cache := t.TempDir()
	dirs := make([]string, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := fetcher(reg, cache).Fetch(context.Background(), reg.Host()+"/acme/sqs/aws", "1.2.0")
			dirs[i], errs[i] = m.Dir, err
		}()
	}
	wg.Wait()
	for i := range dirs {
		if errs[i] != nil || dirs[i] != dirs[0] {
			t.Errorf("fetch %d: %s %v", i, dirs[i], errs[i])
		}
	}
	if left, _ := filepath.Glob(filepath.Join(cache, "registry", "*", ".tmp-*")); len(left) != 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}
