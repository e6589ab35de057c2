package discover

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/repopath"
)

// excludeRepo is a repository with templates in infra/, infra/test/ and
// test/.
func excludeRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	write(t, repo, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, repo, "infra/bucket.yaml", cfnTemplate)
	write(t, repo, "infra/test/bucket.yaml", cfnTemplate)
	write(t, repo, "test/bucket.yaml", cfnTemplate)
	return repo
}

func base(t *testing.T, cwd string) repopath.Base {
	t.Helper()
	b, err := repopath.New(cwd)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func targetPaths(t *testing.T, repo string, res Result) []string {
	t.Helper()
	var out []string
	for _, tg := range res.Targets {
		rel, err := filepath.Rel(repo, tg.Unit.Path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// Excludes are relative to the repository root, whichever scan root the
// file was found under; one written relative to a scan root matches
// nothing and says what it probably meant.
func TestExcludeIsRelativeToTheRepositoryRoot(t *testing.T) {
	repo := excludeRepo(t)
	res, err := Find(context.Background(), []string{filepath.Join(repo, "infra")}, Options{
		Exclude: []string{"infra/test/**", "test/**"},
		Base:    base(t, repo),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := targetPaths(t, repo, res); !slices.Equal(got, []string{"infra/bucket.yaml"}) {
		t.Errorf("targets %v, want infra/bucket.yaml only (infra/test excluded by infra/test/**)", got)
	}
	res, err = Find(context.Background(), []string{filepath.Join(repo, "infra")}, Options{
		Exclude: []string{"test/**"},
		Base:    base(t, repo),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := targetPaths(t, repo, res); !slices.Equal(got, []string{"infra/bucket.yaml", "infra/test/bucket.yaml"}) {
		t.Errorf("targets %v: test/** must not exclude infra/test/", got)
	}
	want := []Unmatched{{Index: 0, Glob: "test/**", DidYouMean: "infra/test/**"}}
	if !slices.Equal(res.Unmatched, want) {
		t.Errorf("unmatched %+v, want %+v", res.Unmatched, want)
	}
}

// A typo in an exclude is reported with the nearest directory; an exclude
// that names a place this scan did not walk is not reported; one that
// matched something is not either.
func TestUnmatchedExcludes(t *testing.T) {
	repo := excludeRepo(t)
	write(t, repo, "docs/readme.yaml", cfnTemplate)
	res, err := Find(context.Background(), []string{repo}, Options{
		Exclude: []string{"tset/**", "docs/**", "nowhere/**", "**/*.json"},
		Base:    base(t, repo),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Unmatched{
		{Index: 0, Glob: "tset/**", DidYouMean: "test/**"},
		{Index: 2, Glob: "nowhere/**"},
		{Index: 3, Glob: "**/*.json"},
	}
	if !slices.Equal(res.Unmatched, want) {
		t.Errorf("whole repository: unmatched %+v, want %+v", res.Unmatched, want)
	}
	res, err = Find(context.Background(), []string{filepath.Join(repo, "infra")}, Options{
		Exclude: []string{"docs/**", "nowhere/**"},
		Base:    base(t, repo),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unmatched) != 0 {
		t.Errorf("scanning infra/: unmatched %+v; docs/ and nowhere/ are outside what was walked", res.Unmatched)
	}
}

// Run from a subdirectory, scan names are relative to it and still placed
// in the repository.
func TestExcludeFromASubdirectory(t *testing.T) {
	repo := excludeRepo(t)
	t.Chdir(filepath.Join(repo, "infra"))
	res, err := Find(context.Background(), []string{"."}, Options{
		Exclude: []string{"infra/test/**"},
		Base:    base(t, "."),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range res.Targets {
		got = append(got, tg.Unit.Path)
	}
	if !slices.Equal(got, []string{"bucket.yaml"}) || len(res.Unmatched) != 0 {
		t.Errorf("targets %v, unmatched %+v; want bucket.yaml only", got, res.Unmatched)
	}
}
