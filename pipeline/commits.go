package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/tollgate-dev/tollgate/commits"
	"github.com/tollgate-dev/tollgate/discover"
	"github.com/tollgate-dev/tollgate/glob"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/files"
)

// kindCommit is the content one commit added to one file.
const kindCommit = "commit"

// commitTargets reads what the commits of rng added, in the repository
// holding the working directory, as one target per commit and file. The
// unit path is git's own <commit>:<path> syntax, so a diagnostic names both.
// A file whose repository-relative path matches an exclude glob is left
// out, as in the working tree: fixtures a scan excludes must not block the
// push that adds them.
func commitTargets(ctx context.Context, rng string, exclude []string, scs map[string]scanners.Scanner) ([]discover.Target, int, error) {
	if rng == "" {
		return nil, 0, nil
	}
	list, err := commits.Added(ctx, ".", rng, files.MaxSize)
	if err != nil {
		return nil, 0, err
	}
	sc := commitScanner{byUnit: map[string]commitFile{}}
	var targets []discover.Target
	skipped := 0
	for _, c := range list {
		for _, f := range c.Files {
			if f.Oversized {
				skipped++
				continue
			}
			if len(f.Content) == 0 || slices.ContainsFunc(exclude, func(g string) bool { return glob.Match(g, f.Path) }) {
				continue
			}
			key := c.Short() + ":" + f.Path
			sc.byUnit[key] = commitFile{commit: c, path: f.Path}
			targets = append(targets, discover.Target{Kind: kindCommit, Unit: scanners.Unit{Path: key, Content: f.Content}})
		}
	}
	scs[kindCommit] = sc
	return targets, skipped, nil
}

type commitFile struct {
	commit commits.Commit
	path   string
}

// commitScanner checks added lines with the files scanner and records the
// commit in the document, so rules can name it.
type commitScanner struct {
	byUnit map[string]commitFile
}

func (commitScanner) Name() string { return kindCommit }

func (s commitScanner) Scan(_ context.Context, u scanners.Unit) (scanners.Result, error) {
	cf, ok := s.byUnit[u.Path]
	if !ok {
		return scanners.Result{}, fmt.Errorf("%s: unknown commit file", u.Path)
	}
	if files.Binary(u.Content) {
		return scanners.Result{Skipped: true}, nil
	}
	res, err := files.Scanner{}.Check(cf.path, u.Content)
	for _, d := range res.Documents {
		d.Input["commit"] = map[string]any{"sha": cf.commit.SHA, "short": cf.commit.Short(), "subject": cf.commit.Subject}
	}
	return res, err
}
