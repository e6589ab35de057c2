package image

import (
	"archive/tar"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxContentSize is the largest file whose content is recorded: every
// file the policies' triage names, and other text files to check for
// credentials.
const MaxContentSize = 64 << 10

// textBudget bounds the content of ordinary small files held per image
// while its layers are read; past it, later files are not checked. Only
// the files the detector flags stay in the policy input.
const textBudget = 16 << 20

// File is one entry of an image's final filesystem.
type File struct {
	Path    string // absolute, lexically clean ("/etc/passwd")
	Type    string // file, dir, symlink, hardlink, char, block, fifo
	Mode    int64  // permission and setuid/setgid/sticky bits
	Size    int64
	UID     int
	GID     int
	Link    string // symlink target as written, or the clean hardlink target
	Layer   int    // index of the layer that last wrote it
	Content []byte // small files the triage names, and small text files until checked
	// named: the triage names the path (see Triage).
	named bool
}

// Anomaly is a tar entry that would escape or confuse a naive extractor.
type Anomaly struct {
	Layer  int
	Name   string
	Reason string
}

// fsIndex is the union filesystem being built layer by layer. It only
// reads tar streams: nothing is ever written to or resolved against the
// host filesystem.
type fsIndex struct {
	files     map[string]*File
	anomalies []Anomaly
	maxAnoms  int
	textLeft  int64 // textBudget not yet used
	triage    *Triage
}

func newFSIndex(triage *Triage) *fsIndex {
	return &fsIndex{files: map[string]*File{}, maxAnoms: 100, textLeft: textBudget, triage: triage}
}

func (x *fsIndex) anomaly(layer int, name, reason string) {
	if len(x.anomalies) < x.maxAnoms {
		x.anomalies = append(x.anomalies, Anomaly{Layer: layer, Name: name, Reason: reason})
	}
}

// cleanName makes a tar entry name absolute and lexically clean, so "../x",
// "/x" and "./a/../x" all land on "/x" inside the image root.
func cleanName(name string) string { return path.Clean("/" + name) }

// applyLayer streams one layer's uncompressed tar into the index, applying
// the OCI whiteout rules: ".wh.<name>" deletes <name> from lower layers,
// ".wh..wh..opq" empties its directory of lower-layer entries.
func (x *fsIndex) applyLayer(layer int, r io.Reader) error {
	tr := tar.NewReader(r)
	whiteouts := map[string]bool{} // paths deleted with their subtrees
	opaque := map[string]bool{}    // directories whose lower contents vanish
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading tar: %w", err)
		}
		p := cleanName(hdr.Name)
		if strings.HasPrefix(hdr.Name, "/") {
			x.anomaly(layer, hdr.Name, "absolute path")
		} else if hasDotDot(hdr.Name) {
			x.anomaly(layer, hdr.Name, "path with ..")
		}
		dir, base := path.Split(p)
		dir = path.Clean(dir)
		if base == ".wh..wh..opq" {
			opaque[dir] = true
			continue
		}
		if strings.HasPrefix(base, ".wh.") {
			whiteouts[path.Join(dir, strings.TrimPrefix(base, ".wh."))] = true
			continue
		}
		if p == "/" {
			continue
		}
		f := &File{Path: p, Mode: hdr.Mode & 0o7777, Size: hdr.Size, UID: hdr.Uid, GID: hdr.Gid, Layer: layer}
		f.named = hdr.Typeflag != tar.TypeDir && x.triage.Names(p)
		switch hdr.Typeflag {
		case tar.TypeDir:
			f.Type, f.Size = "dir", 0
		case tar.TypeSymlink:
			f.Type, f.Link, f.Size = "symlink", hdr.Linkname, 0
		case tar.TypeLink:
			f.Type, f.Link, f.Size = "hardlink", cleanName(hdr.Linkname), 0
			if hasDotDot(hdr.Linkname) {
				x.anomaly(layer, hdr.Name, "hardlink target with ..")
			}
			if t, ok := x.files[f.Link]; ok && t.Type == "file" {
				f.Size = t.Size
			}
		case tar.TypeChar:
			f.Type = "char"
		case tar.TypeBlock:
			f.Type = "block"
		case tar.TypeFifo:
			f.Type = "fifo"
		case tar.TypeReg:
			f.Type = "file"
			if accountFile(p) && hdr.Size <= maxAccountFile {
				// Read whole, outside the text budget: the accounts list
				// is built from it (accounts), and shadow's content is
				// dropped before the input is made.
				b, err := io.ReadAll(tr)
				if err != nil {
					return fmt.Errorf("reading %s: %w", p, err)
				}
				f.Content = b
			} else if hdr.Size <= MaxContentSize && (f.named || (hdr.Size > 0 && hdr.Size <= x.textLeft && !systemPath(p))) {
				b, err := io.ReadAll(io.LimitReader(tr, MaxContentSize+1))
				if err != nil {
					return fmt.Errorf("reading %s: %w", p, err)
				}
				if f.named || !bytes.Contains(b[:min(len(b), 8<<10)], []byte{0}) {
					f.Content = b
					if !f.named {
						x.textLeft -= int64(len(b))
					}
				}
			}
		default:
			// PAX/GNU metadata records are consumed by archive/tar; other
			// types (sparse, contiguous) are kept as files of their size.
			f.Type = "file"
		}
		if old, ok := x.files[p]; ok && old.Type == "dir" && f.Type != "dir" && old.Layer < layer {
			// A non-directory over a lower directory hides its contents.
			opaque[p] = true
		}
		x.files[p] = f
	}
	if len(whiteouts) == 0 && len(opaque) == 0 {
		return nil
	}
	for p, f := range x.files {
		if f.Layer >= layer {
			continue
		}
		if whiteouts[p] || ancestorIn(p, whiteouts) || ancestorIn(p, opaque) {
			delete(x.files, p)
		}
	}
	return nil
}

func hasDotDot(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// ancestorIn reports whether a strict ancestor directory of p is in set.
func ancestorIn(p string, set map[string]bool) bool {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if set[d] {
			return true
		}
		if d == "/" {
			return false
		}
	}
}

// sorted returns the final filesystem in path order.
func (x *fsIndex) sorted() []*File {
	out := make([]*File, 0, len(x.files))
	for _, f := range x.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// systemPaths hold what the distribution's packages installed: thousands
// of small files (documentation, locales, certificates, language
// libraries) that are not where an application's credentials end up.
var systemPaths = []string{
	"/usr/share/", "/usr/lib/", "/usr/lib64/", "/usr/libexec/", "/usr/include/", "/usr/src/",
	"/lib/", "/lib64/", "/var/lib/dpkg/", "/var/lib/apt/", "/var/lib/rpm/", "/var/cache/",
	"/etc/ssl/", "/etc/pki/", "/etc/ca-certificates/", "/proc/", "/sys/",
	"/usr/local/lib/", "/usr/local/go/", "/usr/local/share/",
}

func systemPath(p string) bool {
	for _, s := range systemPaths {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	return strings.Contains(p, "/node_modules/") || strings.Contains(p, "/site-packages/")
}

// interesting reports whether a file is listed individually in the policy
// input: what the triage names, privilege bits, writable-by-all files and
// the accounts database.
func interesting(f *File) bool {
	switch {
	case f.named:
		return true
	case f.Type != "dir" && f.Type != "symlink" && f.Mode&0o6000 != 0:
		return true
	case f.Type == "file" && f.Mode&0o002 != 0:
		return true
	case f.Type == "dir" && f.Mode&0o002 != 0 && f.Mode&0o1000 == 0:
		return true
	}
	switch f.Path {
	case "/etc/passwd", "/etc/group", "/etc/sudoers":
		return true
	}
	return strings.HasPrefix(f.Path, "/etc/sudoers.d/")
}

// fileValue renders a file for the Rego input.
func fileValue(f *File, full bool) map[string]any {
	m := map[string]any{
		"path":  f.Path,
		"type":  f.Type,
		"mode":  f.Mode,
		"size":  f.Size,
		"layer": int64(f.Layer),
	}
	if !full {
		return m
	}
	m["uid"] = int64(f.UID)
	m["gid"] = int64(f.GID)
	m["setuid"] = f.Type != "dir" && f.Mode&0o4000 != 0
	m["setgid"] = f.Type != "dir" && f.Mode&0o2000 != 0
	m["world_writable"] = f.Mode&0o002 != 0
	if f.Link != "" {
		m["link"] = f.Link
	}
	if f.Content != nil {
		if utf8.Valid(f.Content) {
			m["content"] = string(f.Content)
		} else {
			m["content"] = base64.StdEncoding.EncodeToString(f.Content)
			m["content_encoding"] = "base64"
		}
	}
	return m
}
