package srcfs

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"path"
	"path/filepath"
	"sort"
	"sync"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Reads records the files read in full through a recording FS (see
// FS.Recording), by scan name, with the SHA-256 of the bytes read: the
// hash of exactly what was scanned, not of the file as it is later. It is
// safe for concurrent use by a scan's workers.
type Reads struct {
	mu    sync.Mutex
	files map[string]*Read
	// probes are the other looks a scan took (Deps); incomplete means one
	// of them, or a partial read, cannot be described; open counts
	// streams not yet read to their end.
	probes     map[Dep]bool
	incomplete bool
	open       int
}

// Read is one file read in full.
type Read struct {
	// Name is the scan name, slash-separated and clean.
	Name string
	// SHA256 is the lowercase hex SHA-256 of the bytes read (the first
	// read's, when Changed).
	SHA256 string
	// Changed means the file was read more than once, and not always with
	// the same bytes: it changed while it was scanned.
	Changed bool
}

// NewReads returns an empty record.
func NewReads() *Reads { return &Reads{files: map[string]*Read{}} }

func (r *Reads) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	r.addSum(name, hex.EncodeToString(sum[:]))
}

func (r *Reads) addSum(name, sum string) {
	name = path.Clean(filepath.ToSlash(name))
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.files[name]; ok {
		prev.Changed = prev.Changed || prev.SHA256 != sum
		return
	}
	r.files[name] = &Read{Name: name, SHA256: sum}
}

// Files lists the files read, sorted by name.
func (r *Reads) Files() []Read {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Read, 0, len(r.files))
	for _, f := range r.files {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// stream hashes a file read through Open.
func (r *Reads) stream(name string) *streamRecord {
	r.opened()
	return &streamRecord{reads: r, name: name, h: sha256.New()}
}

type streamRecord struct {
	reads *Reads
	name  string
	h     hash.Hash
}

// File is a regular file opened through an FS (see fsread.File). On a
// recording FS, reading it sequentially to its end records it; a file
// read only in part (a binary sniffed and skipped) is not recorded.
type File struct {
	*fsread.File
	rec *streamRecord
}

// Read implements io.Reader.
func (f *File) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if f.rec != nil {
		f.rec.h.Write(p[:n])
		if err == io.EOF {
			f.rec.reads.addSum(f.rec.name, hex.EncodeToString(f.rec.h.Sum(nil)))
			f.rec.reads.finished()
			f.rec = nil
		}
	}
	return n, err
}

// ReadAt implements io.ReaderAt. Reads out of order are not what the
// stream hash covers: the file is then not recorded.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	f.stopRecording()
	return f.File.ReadAt(p, off)
}

// Seek implements io.Seeker; like ReadAt, it stops the recording.
func (f *File) Seek(offset int64, whence int) (int64, error) {
	f.stopRecording()
	return f.File.Seek(offset, whence)
}

// stopRecording gives up the stream hash: the file is not recorded, and
// the record can no longer vouch for what the scan made of it.
func (f *File) stopRecording() {
	if f.rec != nil {
		f.rec.reads.finished()
		f.rec.reads.partial()
		f.rec = nil
	}
}
