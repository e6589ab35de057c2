package srcfs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Dep is one thing a scan learnt from the file system: a file read in
// full, a stat, a directory listing, a resolved link or a file's head.
// Sum fingerprints what was seen, so that Holds can tell, later, whether
// looking again would see the same: a results cache reuses a unit's
// findings only while every one of its Deps holds.
type Dep struct {
	// Op is "file", "stat", "dir", "real" or "head".
	Op   string `json:"op"`
	Name string `json:"name"`
	// N is the length of a "head" read.
	N   int64  `json:"n,omitempty"`
	Sum string `json:"sum"`
}

// errUnsure marks a look whose outcome does not depend on the file's
// content alone (a permission error, a cancelled read): what was scanned
// cannot be vouched for later.
var errUnsure = errors.New("outcome not reproducible")

// probe records a look other than a full read. An unsure look makes the
// whole record incomplete.
func (r *Reads) probe(d Dep, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.incomplete = true
		return
	}
	d.Name = path.Clean(filepath.ToSlash(d.Name))
	if r.probes == nil {
		r.probes = map[Dep]bool{}
	}
	r.probes[d] = true
}

// partial notes a file opened and not read to its end in order: what the
// scanner made of it depends on bytes no record covers.
func (r *Reads) partial() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.incomplete = true
}

// opened and closed count streams that have not reached their end.
func (r *Reads) opened() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open++
}

func (r *Reads) finished() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open--
}

// Deps lists everything recorded, sorted, for a check with FS.Holds later.
// ok is false when something was looked at in a way Deps cannot describe
// (a file read in part or out of order, an unexpected error, a file that
// changed while it was scanned): nothing learnt from it can be vouched for.
// Each file read in full is listed with where its links lead, since
// scanners judge whether a file is inside the scan roots by its real path.
func (r *Reads) Deps(f *FS) ([]Dep, bool) {
	r.mu.Lock()
	incomplete := r.incomplete || r.open != 0
	files := make([]Read, 0, len(r.files))
	for _, rd := range r.files {
		files = append(files, *rd)
		incomplete = incomplete || rd.Changed
	}
	out := make([]Dep, 0, len(r.probes)+2*len(r.files))
	for d := range r.probes {
		out = append(out, d)
	}
	r.mu.Unlock()
	if incomplete {
		return nil, false
	}
	for _, rd := range files {
		out = append(out, Dep{Op: "file", Name: rd.Name, Sum: rd.SHA256})
		sum, err := realSum(f.realPath(rd.Name))
		if err != nil {
			return nil, false
		}
		out = append(out, Dep{Op: "real", Name: rd.Name, Sum: sum})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Op != b.Op {
			return a.Op < b.Op
		}
		if a.N != b.N {
			return a.N < b.N
		}
		return a.Sum < b.Sum
	})
	return slices.Compact(out), true
}

// Holds says whether looking at d's file again sees what was recorded.
// known holds bytes the caller has already read this run, by scan name
// (discovery's), so they are hashed instead of read again.
func (f *FS) Holds(ctx context.Context, d Dep, known map[string][]byte) bool {
	var sum string
	var err error
	switch d.Op {
	case "file":
		if b, ok := known[d.Name]; ok {
			sum = sha256Hex(b)
		} else {
			sum, err = f.fileSum(ctx, d.Name)
		}
	case "stat":
		sum, err = statSum(os.Stat(f.OSPath(d.Name)))
	case "dir":
		sum, err = dirSum(os.ReadDir(f.OSPath(d.Name)))
	case "real":
		sum, err = realSum(f.realPath(d.Name))
	case "head":
		sum, err = headSum(fsread.ReadHead(ctx, f.OSPath(d.Name), d.N))
	default:
		return false
	}
	return err == nil && sum == d.Sum
}

func (f *FS) realPath(name string) (string, error) {
	return filepath.EvalSymlinks(f.OSPath(name))
}

// fileSum hashes a file as a full read would see it, streaming.
func (f *FS) fileSum(ctx context.Context, name string) (string, error) {
	file, err := fsread.Open(ctx, f.OSPath(name))
	if err != nil {
		return "", err
	}
	defer file.Close()
	h := sha256.New()
	if _, err := io.Copy(h, file); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// failed records a read that failed: the failure is reproducible from the
// file's kind, mode and size (missing, not regular, over a limit), which a
// stat fingerprints; any other failure makes the record incomplete.
func (f *FS) failed(name string, err error) {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fsread.ErrTooLarge) || errors.Is(err, fsread.ErrNotRegular) {
		sum, serr := statSum(os.Stat(f.OSPath(name)))
		f.reads.probe(Dep{Op: "stat", Name: name, Sum: sum}, serr)
		return
	}
	f.reads.probe(Dep{}, fmt.Errorf("%s: %w (%v)", name, errUnsure, err))
}

func statSum(st fs.FileInfo, err error) (string, error) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing", nil
	case err != nil:
		return "", errUnsure
	case st.IsDir():
		return "dir " + st.Mode().String(), nil
	}
	return fmt.Sprintf("%s %d", st.Mode().String(), st.Size()), nil
}

func dirSum(es []fs.DirEntry, err error) (string, error) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing", nil
	case err != nil:
		return "", errUnsure
	}
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s\t%s\n", e.Name(), e.Type().String())
	}
	return sha256Hex([]byte(b.String())), nil
}

func realSum(p string, err error) (string, error) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing", nil
	case err != nil:
		return "", errUnsure
	}
	return p, nil
}

func headSum(b []byte, err error) (string, error) {
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "missing", nil
		}
		return "", errUnsure
	}
	return sha256Hex(b), nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
