// Package promote decides whether artifacts may be promoted on the
// strength of a scan attestation: they must be what the scan covered
// (re-hashed now with package checksum, compared with the statement's
// subjects), the scan must have passed, its signature must verify when a
// key is given, and, when asked, the same policy set must have run. The
// checks are listed one by one, so a refusal names the artifact or the
// check that failed.
package promote

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/attest"
	"github.com/tollgate-dev/tollgate/checksum"
	"github.com/tollgate-dev/tollgate/scanners/image"
)

// Status is the outcome of one check or artifact.
type Status string

// The outcomes. Failed, Changed, Missing and NotCovered refuse the
// promotion (exit 1); Unreadable means it could not be decided (exit 2).
const (
	StatusOK         Status = "ok"
	StatusSkipped    Status = "skipped"
	StatusFailed     Status = "failed"
	StatusChanged    Status = "changed"
	StatusMissing    Status = "missing"
	StatusNotCovered Status = "not-covered"
	StatusUnreadable Status = "unreadable"
)

// Check is one condition on the attestation itself.
type Check struct {
	Name   string `json:"check"`
	Status Status `json:"status"`
	Detail string `json:"detail,omitempty"`
}

// Artifact is one artifact checked against the subjects.
type Artifact struct {
	// Name is the path or reference checked.
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Status Status `json:"status"`
	// Expected is the subject's SHA-256, Actual the artifact's now (when
	// they differ).
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

// Options say what to check.
type Options struct {
	// Paths are files and directories about to be promoted. A directory
	// that is not itself a subject is checked file by file: every file in
	// it must be a subject (or inside a directory subject) and match, and
	// every subject inside it must still be there.
	Paths []string
	// Images are registry references about to be promoted: each must
	// resolve to the digest of an image subject.
	Images []string
	// Neither Paths nor Images: every subject is checked.

	// PolicyDigest, when set, is the policy set that must have run.
	PolicyDigest string
	// Now dates waivers (default time.Now): a waiver the scan applied
	// that has expired since no longer holds.
	Now time.Time
	// Image reaches registries.
	Image image.Options
}

// Report is the decision and everything it was made from.
type Report struct {
	Checks    []Check    `json:"checks"`
	Artifacts []Artifact `json:"artifacts"`
}

// ExitCode is 0 when every check and artifact is fine, 2 when one could
// not be read (nothing can be concluded), else 1.
func (r Report) ExitCode() int {
	failed := false
	for _, c := range r.Checks {
		failed = failed || (c.Status != StatusOK && c.Status != StatusSkipped)
	}
	for _, a := range r.Artifacts {
		if a.Status == StatusUnreadable {
			return 2
		}
		failed = failed || a.Status != StatusOK
	}
	if failed {
		return 1
	}
	return 0
}

// Result is "passed", "blocked" or "undecided", from the exit code.
func (r Report) Result() string {
	return [...]string{"passed", "blocked", "undecided"}[r.ExitCode()]
}

// Evaluate checks an attestation (already parsed, its signature checked
// by attest.Parse when a key was given) and the artifacts.
func Evaluate(ctx context.Context, a *attest.Attestation, keyGiven bool, o Options) Report {
	var r Report
	r.Checks = append(r.Checks, signatureCheck(a, keyGiven))
	p := a.Predicate
	verdict := Check{Name: "verdict", Status: StatusOK, Detail: fmt.Sprintf("the scan %s (tollgate %s, fail-on %s)", p.Verdict, p.Tool.Version, p.FailOn)}
	if p.Verdict != "passed" {
		verdict.Status = StatusFailed
		verdict.Detail = fmt.Sprintf("the scan was %s, not passed: %s", p.Verdict, counts(p))
	}
	r.Checks = append(r.Checks, verdict)
	policy := Check{Name: "policy", Status: StatusSkipped, Detail: "policy set " + p.Policy.Digest + " (no --policy-digest to compare with)"}
	if o.PolicyDigest != "" {
		policy.Status, policy.Detail = StatusOK, "policy set "+p.Policy.Digest
		if p.Policy.Digest != o.PolicyDigest {
			policy.Status = StatusFailed
			policy.Detail = fmt.Sprintf("the scan ran policy set %s, not %s", p.Policy.Digest, o.PolicyDigest)
		}
	}
	r.Checks = append(r.Checks, policy)
	r.Checks = append(r.Checks, waiverCheck(p, o.Now))

	subjects := index(a.Subjects)
	if len(o.Paths) == 0 && len(o.Images) == 0 {
		for _, s := range a.Subjects {
			r.Artifacts = append(r.Artifacts, verifySubject(ctx, s, o))
		}
		return r
	}
	for _, p := range o.Paths {
		r.Artifacts = append(r.Artifacts, subjects.path(ctx, p, o)...)
	}
	for _, ref := range o.Images {
		r.Artifacts = append(r.Artifacts, subjects.image(ctx, ref, o))
	}
	return r
}

func signatureCheck(a *attest.Attestation, keyGiven bool) Check {
	switch {
	case a.Verified:
		return Check{Name: "signature", Status: StatusOK, Detail: "verified with key " + a.KeyID}
	case keyGiven:
		// attest.Parse refuses this; kept so a caller that skips it fails.
		return Check{Name: "signature", Status: StatusFailed, Detail: "not verified"}
	case a.Signed:
		return Check{Name: "signature", Status: StatusSkipped, Detail: "signed, not verified (no --key)"}
	default:
		return Check{Name: "signature", Status: StatusSkipped, Detail: "not signed (no --key)"}
	}
}

func counts(p attest.Predicate) string {
	var parts []string
	for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
		if n := p.Counts[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	if p.Errors > 0 {
		parts = append(parts, fmt.Sprintf("%d errors", p.Errors))
	}
	if len(parts) == 0 {
		return "no findings recorded"
	}
	return strings.Join(parts, ", ")
}

// waiverCheck refuses an attestation that relied on a waiver which has
// expired since: scanned today, the finding would block again.
func waiverCheck(p attest.Predicate, now time.Time) Check {
	if now.IsZero() {
		now = time.Now()
	}
	today := now.UTC().Format("2006-01-02")
	var expired []string
	for _, s := range p.Suppressions {
		if s.Expires != "" && s.Expires < today {
			expired = append(expired, fmt.Sprintf("%s on %s (%s) expired %s", s.Rule, s.Resource, s.File, s.Expires))
		}
	}
	if len(expired) > 0 {
		return Check{Name: "waivers", Status: StatusFailed, Detail: "waivers the scan applied have expired since: " + strings.Join(expired, "; ")}
	}
	return Check{Name: "waivers", Status: StatusOK, Detail: fmt.Sprintf("%d applied, none expired", len(p.Suppressions))}
}

// subjectIndex finds subjects by absolute path (a path subject) or digest
// (an image subject).
type subjectIndex struct {
	byPath  map[string]attest.Subject
	byName  map[string]attest.Subject
	images  map[string][]attest.Subject // by sha256
	ordered []string                    // absolute paths, sorted
}

func index(subjects []attest.Subject) subjectIndex {
	ix := subjectIndex{byPath: map[string]attest.Subject{}, byName: map[string]attest.Subject{}, images: map[string][]attest.Subject{}}
	for _, s := range subjects {
		ix.byName[s.Name] = s
		if s.Kind == attest.KindImage {
			ix.images[s.SHA256] = append(ix.images[s.SHA256], s)
			continue
		}
		abs := absPath(s.Name)
		ix.byPath[abs] = s
		ix.ordered = append(ix.ordered, abs)
	}
	sort.Strings(ix.ordered)
	return ix
}

// absPath makes a subject or argument path absolute against the working
// directory, so "./infra/a.tf", "infra/a.tf" and its absolute form match.
func absPath(p string) string {
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return filepath.Clean(p)
	}
	return abs
}

// under lists the subjects strictly inside dir.
func (ix subjectIndex) under(dir string) []attest.Subject {
	prefix := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	i := sort.SearchStrings(ix.ordered, prefix)
	var out []attest.Subject
	for ; i < len(ix.ordered) && strings.HasPrefix(ix.ordered[i], prefix); i++ {
		out = append(out, ix.byPath[ix.ordered[i]])
	}
	return out
}

// path checks one path argument.
func (ix subjectIndex) path(ctx context.Context, p string, o Options) []Artifact {
	name := checksum.CleanPath(p)
	abs := absPath(name)
	if s, ok := ix.byPath[abs]; ok {
		a := verifySubject(ctx, s, o)
		a.Name = name
		return []Artifact{a}
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if len(ix.under(abs)) > 0 {
			return []Artifact{{Name: name, Kind: attest.KindDirectory, Status: StatusMissing, Detail: "the directory holding scanned files is gone"}}
		}
		return []Artifact{{Name: name, Kind: attest.KindFile, Status: StatusMissing, Detail: "does not exist, and is not in the attestation"}}
	case err != nil:
		return []Artifact{{Name: name, Kind: attest.KindFile, Status: StatusUnreadable, Detail: err.Error()}}
	case !st.IsDir():
		return []Artifact{{Name: name, Kind: attest.KindFile, Status: StatusNotCovered, Detail: "not in the attestation: the scan did not read it"}}
	}
	return ix.directory(ctx, name, abs, o)
}

// directory checks a directory file by file.
func (ix subjectIndex) directory(ctx context.Context, name, abs string, o Options) []Artifact {
	_, entries, err := checksum.Dir(ctx, abs)
	if err != nil {
		return []Artifact{{Name: name, Kind: attest.KindDirectory, Status: StatusUnreadable, Detail: err.Error()}}
	}
	var out []Artifact
	var dirs []string // directory subjects inside, checked whole
	seen := map[string]bool{}
	for _, s := range ix.under(abs) {
		if s.Kind == attest.KindDirectory {
			a := verifySubject(ctx, s, o)
			out = append(out, a)
			dirs = append(dirs, absPath(s.Name)+string(filepath.Separator))
			seen[absPath(s.Name)] = true
		}
	}
	for _, e := range entries {
		full := filepath.Join(abs, filepath.FromSlash(e.Path))
		display := path.Join(name, e.Path)
		if inAny(full, dirs) {
			continue
		}
		s, ok := ix.byPath[full]
		seen[full] = true
		switch {
		case !ok:
			out = append(out, Artifact{Name: display, Kind: attest.KindFile, Status: StatusNotCovered, Detail: "not in the attestation: the scan did not read it"})
		case s.Kind != attest.KindFile:
			out = append(out, Artifact{Name: display, Kind: s.Kind, Status: StatusChanged, Detail: "a file now, a " + s.Kind + " when scanned"})
		case e.Mode == checksum.ModeSymlink:
			// The scan read what the link points at.
			a := verifySubject(ctx, s, o)
			a.Name = display
			out = append(out, a)
		default:
			a := Artifact{Name: display, Kind: attest.KindFile, Status: StatusOK}
			if e.SHA256 != s.SHA256 {
				a.Status, a.Expected, a.Actual = StatusChanged, s.SHA256, e.SHA256
			}
			out = append(out, a)
		}
	}
	for _, s := range ix.under(abs) {
		if full := absPath(s.Name); !seen[full] && !inAny(full, dirs) {
			out = append(out, Artifact{Name: s.Name, Kind: s.Kind, Status: StatusMissing, Detail: "scanned, not there now"})
		}
	}
	if len(out) == 0 {
		out = append(out, Artifact{Name: name, Kind: attest.KindDirectory, Status: StatusNotCovered, Detail: "an empty directory the attestation says nothing about"})
	}
	return out
}

func inAny(p string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(p, d) {
			return true
		}
	}
	return false
}

// image checks that a reference resolves to an image subject's digest.
func (ix subjectIndex) image(ctx context.Context, ref string, o Options) Artifact {
	out := Artifact{Name: ref, Kind: attest.KindImage}
	sum, err := checksum.Image(ctx, ref, o.Image)
	if err != nil {
		out.Status, out.Detail = registryStatus(err), err.Error()
		return out
	}
	if subs := ix.images[sum]; len(subs) > 0 {
		out.Status, out.Expected = StatusOK, sum
		if subs[0].Name != ref {
			out.Detail = "scanned as " + subs[0].Name
		}
		return out
	}
	out.Actual = sum
	if s, ok := ix.byName[ref]; ok && s.Kind == attest.KindImage {
		out.Status, out.Expected = StatusChanged, s.SHA256
		out.Detail = fmt.Sprintf("%s resolves to sha256:%s now; the scan covered sha256:%s (re-pushed since?)", ref, sum, s.SHA256)
		return out
	}
	out.Status, out.Detail = StatusNotCovered, fmt.Sprintf("%s resolves to sha256:%s, which no image subject of the attestation has", ref, sum)
	return out
}

// verifySubject re-hashes one subject as package checksum does.
func verifySubject(ctx context.Context, s attest.Subject, o Options) Artifact {
	kind := checksum.KindFile
	switch s.Kind {
	case attest.KindDirectory:
		kind = checksum.KindDirectory
	case attest.KindImage:
		kind = checksum.KindImage
	}
	m := &checksum.Manifest{Artifacts: []checksum.Artifact{{Kind: kind, Name: s.Name, SHA256: s.SHA256}}}
	res := checksum.Verify(ctx, m, checksum.Options{Image: o.Image}).Results[0]
	out := Artifact{Name: s.Name, Kind: s.Kind}
	switch res.Status {
	case checksum.StatusOK:
		out.Status = StatusOK
	case checksum.StatusChanged:
		out.Status, out.Expected, out.Actual = StatusChanged, s.SHA256, res.Actual
		if res.Kind != "" {
			out.Detail = fmt.Sprintf("a %s now, a %s when scanned", res.Kind, s.Kind)
		}
		for _, c := range res.Changes {
			out.Detail = strings.TrimPrefix(out.Detail+"; ", "; ") + string(c.Kind) + " " + c.Path
		}
	case checksum.StatusMissing:
		out.Status, out.Detail = StatusMissing, "scanned, not there now"
	default:
		out.Status = StatusUnreadable
		if res.Err != nil {
			out.Detail = res.Err.Error()
		}
	}
	return out
}

// registryStatus tells a reference the registry does not know (missing)
// from a registry that cannot be read.
func registryStatus(err error) Status {
	if image.NotFound(err) {
		return StatusMissing
	}
	return StatusUnreadable
}
