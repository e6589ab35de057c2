package checksum

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Status is the outcome of verifying one artifact.
type Status string

// The outcomes. Changed and Missing block a promotion (exit 1);
// Unreadable means it could not be decided (exit 2).
const (
	StatusOK         Status = "ok"
	StatusChanged    Status = "changed"
	StatusMissing    Status = "missing"
	StatusUnreadable Status = "unreadable"
)

// ChangeKind says how one file inside a directory differs.
type ChangeKind string

// The changes inside a directory.
const (
	ChangeModified ChangeKind = "changed" // other contents (or link target)
	ChangeMode     ChangeKind = "mode"    // same contents, other mode
	ChangeAdded    ChangeKind = "added"   // not recorded, there now
	ChangeRemoved  ChangeKind = "removed" // recorded, not there now
)

// Change is one file inside a directory that differs from the record.
type Change struct {
	// Path is relative to the directory.
	Path string
	Kind ChangeKind
	// Was is the recorded entry (nil when added), Now the current one
	// (nil when removed).
	Was, Now *Entry
}

// Result is the verification of one artifact.
type Result struct {
	// Artifact is as the manifest records it.
	Artifact Artifact
	Status   Status
	// Actual is the SHA-256 now, when it could be computed and differs.
	Actual string
	// Kind is what the path is now when it is no longer what was
	// recorded (a directory where a file was); empty otherwise.
	Kind Kind
	// Changes lists the files of a changed directory that differ, in
	// path order; empty when the manifest has no listing (the text form).
	Changes []Change
	// Err is why the artifact is unreadable or missing.
	Err error
}

// Report is the verification of a whole manifest, one result per
// artifact in manifest order.
type Report struct {
	Results []Result
}

// Count returns how many results have status s.
func (r Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// ExitCode is the gate's verdict: 0 when every artifact matches, 2 when
// any could not be read (nothing can be concluded about it), else 1.
func (r Report) ExitCode() int {
	switch {
	case r.Count(StatusUnreadable) > 0:
		return 2
	case r.Count(StatusOK) == len(r.Results):
		return 0
	default:
		return 1
	}
}

// Verify re-hashes every artifact of m and compares. Relative paths are
// resolved against o.Dir (default: the working directory), as sha256sum
// resolves them; absolute paths and ".." are allowed, as in sha256sum.
// It goes on past a failing artifact so that the report lists them all.
func Verify(ctx context.Context, m *Manifest, o Options) Report {
	var r Report
	for _, a := range m.Artifacts {
		r.Results = append(r.Results, verifyOne(ctx, a, o))
	}
	return r
}

func verifyOne(ctx context.Context, a Artifact, o Options) Result {
	res := Result{Artifact: a, Status: StatusOK}
	fail := func(err error) Result {
		res.Err, res.Status = err, StatusUnreadable
		return res
	}
	missing := func(err error) Result {
		res.Err, res.Status = err, StatusMissing
		return res
	}
	if a.Kind == KindImage {
		sum, err := Image(ctx, a.Name, o.Image)
		if image.NotFound(err) {
			return missing(err)
		}
		if err != nil {
			return fail(err)
		}
		if sum != a.SHA256 {
			res.Status, res.Actual = StatusChanged, sum
		}
		return res
	}
	full := o.resolve(a.Name)
	st, err := os.Stat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return missing(err)
	}
	if err != nil {
		return fail(err)
	}
	if st.IsDir() != (a.Kind == KindDirectory) {
		res.Status, res.Kind = StatusChanged, KindFile
		if st.IsDir() {
			res.Kind = KindDirectory
		}
		return res
	}
	if a.Kind == KindFile {
		sum, err := File(ctx, full)
		if err != nil {
			return fail(err)
		}
		if sum != a.SHA256 {
			res.Status, res.Actual = StatusChanged, sum
		}
		return res
	}
	sum, entries, err := Dir(ctx, full)
	if err != nil {
		return fail(err)
	}
	if sum != a.SHA256 {
		res.Status, res.Actual = StatusChanged, sum
		if a.Entries != nil {
			res.Changes = Diff(a.Entries, entries)
		}
	}
	return res
}

// Diff lists how the entries now differ from the recorded ones; both
// sorted by path (SortEntries).
func Diff(was, now []Entry) []Change {
	var out []Change
	i, j := 0, 0
	for i < len(was) || j < len(now) {
		switch {
		case j == len(now) || i < len(was) && was[i].Path < now[j].Path:
			out = append(out, Change{Path: was[i].Path, Kind: ChangeRemoved, Was: &was[i]})
			i++
		case i == len(was) || now[j].Path < was[i].Path:
			out = append(out, Change{Path: now[j].Path, Kind: ChangeAdded, Now: &now[j]})
			j++
		default:
			w, n := &was[i], &now[j]
			switch {
			case w.SHA256 != n.SHA256 || (w.Mode == ModeSymlink) != (n.Mode == ModeSymlink):
				out = append(out, Change{Path: w.Path, Kind: ChangeModified, Was: w, Now: n})
			case w.Mode != n.Mode:
				out = append(out, Change{Path: w.Path, Kind: ChangeMode, Was: w, Now: n})
			}
			i++
			j++
		}
	}
	return out
}
