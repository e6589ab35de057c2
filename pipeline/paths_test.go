package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

// pathsRepo is a git repository whose configuration excludes with a typo
// and waives a finding by its repository path.
func pathsRepo(t *testing.T) string {
	t.Helper()
	return writeRepo(t, map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		".tollgate.yaml": `version: 1
exclude:
  - tset/**
ignore:
  - id: aws-rds-storage-encrypted
    paths: [infra/db.yaml]
    reason: scratch database
`,
		"infra/db.yaml": plainDB,
		"test/db.yaml":  plainDB,
	})
}

// ignore paths are relative to the repository root: run from infra/, the
// finding reported at db.yaml is still the one infra/db.yaml waives.
func TestIgnorePathsFromASubdirectory(t *testing.T) {
	repo := pathsRepo(t)
	t.Chdir(filepath.Join(repo, "infra"))
	rep := govRun(t, repo, "", func(p *Plan) { p.Roots = []string{"."} })
	f := findingOf(t, rep, "aws-rds-storage-encrypted")
	if f.Location.File != "db.yaml" || f.Suppressed == nil {
		t.Errorf("finding at %s, suppressed %v; want db.yaml waived by paths: [infra/db.yaml]", f.Location.File, f.Suppressed)
	}
}

// An exclude that matches nothing is a warning at its line, with the
// nearest directory.
func TestUnmatchedExcludeWarns(t *testing.T) {
	repo := pathsRepo(t)
	t.Chdir(repo)
	rep := govRun(t, repo, "", func(p *Plan) { p.Roots = []string{"."} })
	var got []document.Diagnostic
	for _, d := range rep.Diagnostics {
		if strings.Contains(d.Message, "matched nothing") {
			got = append(got, d)
		}
	}
	if len(got) != 1 || got[0].Level != document.LevelWarning || got[0].Range.Line != 3 ||
		got[0].Message != `exclude "tset/**" matched nothing (excludes are relative to the repository root); did you mean "test/**"?` {
		t.Fatalf("diagnostics %+v", got)
	}
	// The excluded tree was scanned (the typo excluded nothing): its
	// finding is there, unwaived.
	n := 0
	for _, f := range rep.Findings {
		if f.RuleID == "aws-rds-storage-encrypted" && strings.HasPrefix(f.Location.File, "test/") && f.Suppressed == nil {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d unwaived findings in test/, want 1", n)
	}
}
