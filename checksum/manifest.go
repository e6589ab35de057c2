package checksum

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/fsread"
)

// Manifest is a list of artifacts and their checksums.
type Manifest struct {
	// Format is the form the manifest was read in, FormatText or
	// FormatJSON; empty for one that was built.
	Format string
	// Artifacts are sorted (Sort) when built; a manifest read keeps its
	// order.
	Artifacts []Artifact
}

// The two forms of a manifest.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// Version is the version of both manifest forms this package writes and
// the only one it reads.
const Version = 1

// MaxManifestSize bounds the manifest read: a JSON manifest lists every
// file of its directories, so large trees make large manifests.
const MaxManifestSize = 256 << 20

// Build hashes paths (files or directories, recorded cleaned, read
// relative to o.Dir) and registry images into a sorted manifest. A path
// or image given twice is recorded once. The first artifact that cannot
// be hashed fails the build.
func Build(ctx context.Context, paths, images []string, o Options) (*Manifest, error) {
	m := &Manifest{}
	seen := map[string]bool{}
	for _, p := range paths {
		if seen["p"+CleanPath(p)] {
			continue
		}
		seen["p"+CleanPath(p)] = true
		a, err := HashPath(ctx, p, o)
		if err != nil {
			return nil, err
		}
		m.Artifacts = append(m.Artifacts, a)
	}
	for _, ref := range images {
		if seen["i"+ref] {
			continue
		}
		seen["i"+ref] = true
		a, err := HashImage(ctx, ref, o)
		if err != nil {
			return nil, err
		}
		m.Artifacts = append(m.Artifacts, a)
	}
	m.Sort()
	return m, nil
}

// Sort orders the artifacts as they are written: files and directories by
// path, then images by reference, byte-wise.
func (m *Manifest) Sort() {
	slices.SortStableFunc(m.Artifacts, func(a, b Artifact) int {
		if (a.Kind == KindImage) != (b.Kind == KindImage) {
			if a.Kind == KindImage {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Text-form directives: comment lines, so sha256sum skips them (also with
// --strict), that tollgate reads.
const (
	directivePrefix = "# tollgate:"
	headerWord      = "manifest"
	endWord         = "end"
)

// WriteText writes the sha256sum text form: a header line, one
// "<sha256>  <path>" line per file (what `sha256sum -c` verifies), one
// "# tollgate:directory <sha256>  <path>" or "# tollgate:image <sha256>
// <reference>" comment line per directory or image, and a closing
// "# tollgate:end <count>" line so that a truncated manifest is refused.
// Names holding a backslash or a newline are escaped as sha256sum
// escapes them; a name holding a carriage return cannot be written in
// this form (use JSON).
func (m *Manifest) WriteText(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s%s %d\n", directivePrefix, headerWord, Version)
	b.WriteString("# `sha256sum -c` verifies the file lines; `tollgate checksum verify` verifies every line.\n")
	for _, a := range m.Artifacts {
		if strings.Contains(a.Name, "\r") {
			return fmt.Errorf("%s: a name with a carriage return cannot be written in the text form: use --format json", a.Name)
		}
		if err := checkArtifact(a, false); err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		name, escaped := escapeName(a.Name)
		flag := ""
		if escaped {
			flag = `\`
		}
		switch a.Kind {
		case KindFile:
			fmt.Fprintf(&b, "%s%s  %s\n", flag, a.SHA256, name)
		default:
			fmt.Fprintf(&b, "%s%s %s%s  %s\n", directivePrefix, a.Kind, flag, a.SHA256, name)
		}
	}
	fmt.Fprintf(&b, "%s%s %d\n", directivePrefix, endWord, len(m.Artifacts))
	_, err := w.Write(b.Bytes())
	return err
}

// escapeName escapes a name the way GNU sha256sum does: when it holds a
// backslash or a newline, both are escaped and the line is flagged with a
// leading backslash.
func escapeName(s string) (string, bool) {
	if !strings.ContainsAny(s, "\\\n") {
		return s, false
	}
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s), true
}

// jsonManifest is the JSON form (docs/checksum.md).
type jsonManifest struct {
	Manifest  string         `json:"manifest"`
	Version   int            `json:"version"`
	Artifacts []jsonArtifact `json:"artifacts"`
}

type jsonArtifact struct {
	Kind      Kind         `json:"kind"`
	Path      string       `json:"path,omitempty"`
	Reference string       `json:"reference,omitempty"`
	SHA256    string       `json:"sha256"`
	Entries   *[]jsonEntry `json:"entries,omitempty"`
}

type jsonEntry struct {
	Path   string `json:"path"`
	Mode   Mode   `json:"mode"`
	SHA256 string `json:"sha256"`
}

// jsonMagic names the JSON form, so another JSON document is not taken
// for a manifest.
const jsonMagic = "tollgate-checksum"

// WriteJSON writes the JSON form: deterministic (artifacts in their
// order, entries sorted, two-space indent, a final newline), with each
// directory's entries listed.
func (m *Manifest) WriteJSON(w io.Writer) error {
	out := jsonManifest{Manifest: jsonMagic, Version: Version, Artifacts: []jsonArtifact{}}
	for _, a := range m.Artifacts {
		if err := checkArtifact(a, a.Kind == KindDirectory); err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		ja := jsonArtifact{Kind: a.Kind, SHA256: a.SHA256}
		switch a.Kind {
		case KindImage:
			ja.Reference = a.Name
		case KindDirectory:
			ja.Path = a.Name
			es := make([]jsonEntry, 0, len(a.Entries))
			for _, e := range a.Entries {
				es = append(es, jsonEntry(e))
			}
			ja.Entries = &es
		default:
			ja.Path = a.Name
		}
		out.Artifacts = append(out.Artifacts, ja)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ErrMalformed is inside every *ParseError.
var ErrMalformed = errors.New("malformed checksum manifest")

// ParseError is a manifest that cannot be read: the file and the line.
type ParseError struct {
	File string
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *ParseError) Unwrap() []error { return []error{ErrMalformed, e.Err} }

// ReadFile reads and parses a manifest (fsread: a regular file, at most
// MaxManifestSize bytes).
func ReadFile(ctx context.Context, name string) (*Manifest, error) {
	b, err := fsread.ReadFile(ctx, name, MaxManifestSize)
	if err != nil {
		return nil, err
	}
	return Parse(name, b)
}

// Parse reads a manifest in either form: JSON when its first non-blank
// byte is "{", else the sha256sum text form (GNU lines, with or without
// the binary marker "*" and sha256sum's escaping, and BSD "SHA256 (path)
// = sum" lines), so an ordinary SHA256SUMS file is a manifest. Anything
// it does not recognise is a *ParseError naming the line: a manifest is
// never verified in part. name is used in errors only.
func Parse(name string, data []byte) (*Manifest, error) {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return parseJSON(name, data)
	}
	return parseText(name, data)
}

// isHex64 reports whether s is a SHA-256 in hex, either case.
func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isLowerHex64 is isHex64 in the one spelling tollgate writes.
func isLowerHex64(s string) bool { return isHex64(s) && strings.ToLower(s) == s }

// checkArtifact validates what both forms require of an artifact; with
// listed, a directory's entries must be there and add up to its sum.
func checkArtifact(a Artifact, listed bool) error {
	if a.Name == "" {
		return errors.New("empty name")
	}
	if !isLowerHex64(a.SHA256) {
		return fmt.Errorf("sha256 %q is not 64 lowercase hex digits", a.SHA256)
	}
	switch a.Kind {
	case KindFile, KindDirectory:
	case KindImage:
		if err := checkReference(a.Name); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown kind %q (want file, directory or image)", a.Kind)
	}
	if a.Kind != KindDirectory && a.Entries != nil {
		return fmt.Errorf("a %s has no entries", a.Kind)
	}
	if !listed {
		return nil
	}
	for i, e := range a.Entries {
		if err := checkEntryPath(e.Path); err != nil {
			return fmt.Errorf("entry %q: %w", e.Path, err)
		}
		if e.Mode != ModeFile && e.Mode != ModeExec && e.Mode != ModeSymlink {
			return fmt.Errorf("entry %q: unknown mode %q (want file, exec or symlink)", e.Path, e.Mode)
		}
		if !isLowerHex64(e.SHA256) {
			return fmt.Errorf("entry %q: sha256 %q is not 64 lowercase hex digits", e.Path, e.SHA256)
		}
		if i > 0 && a.Entries[i-1].Path >= e.Path {
			return fmt.Errorf("entry %q: entries must be sorted by path, each once", e.Path)
		}
	}
	if TreeSum(a.Entries) != a.SHA256 {
		return errors.New("the entries listed do not add up to the directory's sha256")
	}
	return nil
}

// checkEntryPath accepts the relative, slash-separated, clean paths Dir
// records.
func checkEntryPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\n") {
		return errors.New("not a relative path")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return errors.New("not a clean relative path")
		}
	}
	return nil
}
