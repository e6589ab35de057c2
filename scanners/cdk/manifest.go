package cdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
)

// MaxSchemaMajor is the newest cloud assembly schema major version this
// scanner has been tested against (aws-cdk-lib 2.276). The CDK bumps the
// major for additions too, so a newer assembly is refused rather than
// guessed at: a field we do not know could hold a template we never scan.
const MaxSchemaMajor = 55

// Sentinel errors callers (and tests) branch on.
var (
	// ErrIncomplete means the manifest names a file or folder that is not
	// on disk: the assembly was copied or cached partially.
	ErrIncomplete = errors.New("cloud assembly is incomplete")
	// ErrUnsupportedSchema means the assembly is newer than this scanner.
	ErrUnsupportedSchema = errors.New("unsupported cloud assembly schema version")
	// ErrManifest means manifest.json is not a cloud assembly manifest.
	ErrManifest = errors.New("invalid cloud assembly manifest")
)

// Artifact types of the cloud assembly schema.
const (
	typeStack         = "aws:cloudformation:stack"
	typeAssetManifest = "cdk:asset-manifest"
	typeAssembly      = "cdk:cloud-assembly"
	typeTree          = "cdk:tree"
	typeFlagReport    = "cdk:feature-flag-report"
)

// manifest is the part of manifest.json the scanner reads.
type manifest struct {
	Version   string              `json:"version"`
	Artifacts map[string]artifact `json:"artifacts"`
	// environments holds, per artifact id, where its environment string
	// is written: a rule about a stack's account or region points there.
	environments map[string]document.Range
}

type artifact struct {
	Type                   string                     `json:"type"`
	Environment            string                     `json:"environment"`
	DisplayName            string                     `json:"displayName"`
	Properties             artifactProps              `json:"properties"`
	Metadata               map[string][]metadataEntry `json:"metadata"`
	AdditionalMetadataFile string                     `json:"additionalMetadataFile"`
	Dependencies           []string                   `json:"dependencies"`
}

type artifactProps struct {
	TemplateFile  string `json:"templateFile"`
	StackName     string `json:"stackName"`
	File          string `json:"file"`          // asset manifest
	DirectoryName string `json:"directoryName"` // nested assembly
	DisplayName   string `json:"displayName"`   // nested assembly

	AdditionalDependencies []string `json:"additionalDependencies"`
}

// metadataEntry is one construct metadata entry. Data is kept raw because
// its shape depends on Type (a logical id string, a stack trace list, a
// property assignment object).
type metadataEntry struct {
	Type  string          `json:"type"`
	Data  json.RawMessage `json:"data"`
	Trace []string        `json:"trace"` // CDK_DEBUG traces of older releases
	// origin is the file the entry was read from.
	origin string
}

// withOrigin records where metadata entries were read.
func withOrigin(file string, es []metadataEntry) []metadataEntry {
	out := make([]metadataEntry, len(es))
	for i, e := range es {
		e.origin = file
		out[i] = e
	}
	return out
}

// parseManifest decodes and validates manifest.json. file names it in errors.
func parseManifest(file string, b []byte) (*manifest, error) {
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", file, ErrManifest, jsonError(b, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: %w: data after the top-level object", file, ErrManifest)
	}
	if m.Version == "" {
		return nil, fmt.Errorf("%s: %w: no schema version", file, ErrManifest)
	}
	major, err := schemaMajor(m.Version)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: version %q: %v", file, ErrManifest, m.Version, err)
	}
	if major > MaxSchemaMajor {
		return nil, fmt.Errorf("%s: %w: version %s is newer than %d.x; upgrade tollgate", file, ErrUnsupportedSchema, m.Version, MaxSchemaMajor)
	}
	for id, a := range m.Artifacts {
		if a.Type == "" {
			return nil, fmt.Errorf("%s: %w: artifact %q has no type", file, ErrManifest, id)
		}
	}
	m.environments = environmentRanges(file, b)
	return &m, nil
}

// environmentRanges finds where each artifact's environment string starts.
// The manifest decoded above is valid JSON; should the walk still fail (a
// duplicate key, which encoding/json accepts), the ranges found so far are
// kept and the rest fall back to the template: a position is a nicety here,
// the environment itself was read.
func environmentRanges(file string, b []byte) map[string]document.Range {
	out := map[string]document.Range{}
	lines := srcpos.New(file, b)
	dec := json.NewDecoder(bytes.NewReader(b))
	top, err := objectMembers(dec, b)
	if err != nil {
		return out
	}
	for _, t := range top {
		if t.key != "artifacts" {
			continue
		}
		arts, err := objectMembers(json.NewDecoder(bytes.NewReader(t.value)), t.value)
		if err != nil {
			return out
		}
		for _, a := range arts {
			fields, err := objectMembers(json.NewDecoder(bytes.NewReader(a.value)), a.value)
			if err != nil {
				continue
			}
			for _, f := range fields {
				if f.key == "environment" {
					out[a.key] = lines.At(t.valueOffset + a.valueOffset + f.valueOffset)
				}
			}
		}
	}
	return out
}

func schemaMajor(v string) (int, error) {
	head, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(head)
	if err != nil || n < 0 {
		return 0, errors.New("not a semantic version")
	}
	return n, nil
}

// jsonError adds the line and column to a decoding error.
func jsonError(b []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(b)) {
		return err
	}
	// The offset counts the offending byte itself.
	line, col := srcpos.New("", b).Position(int(max(off-1, 0)))
	return fmt.Errorf("line %d, column %d: %w", line, col, err)
}

// inside resolves a manifest-relative path and refuses anything that leaves
// the assembly folder: a manifest is data, and data must not make tollgate
// read arbitrary files.
func inside(dir, rel string) (string, error) {
	if rel == "" || path.IsAbs(rel) || strings.Contains(rel, "\\") || strings.HasPrefix(rel, "/") {
		return "", fmt.Errorf("path %q is not relative to the assembly", rel)
	}
	clean := path.Clean(rel)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("path %q leaves the assembly", rel)
	}
	return path.Join(dir, clean), nil
}

// assetManifest is the part of <Stack>.assets.json the scanner reads, each
// asset with where its id is written.
type assetManifest struct {
	Files        []fileAsset
	DockerImages []dockerAsset
}

type fileAsset struct {
	ID          string         `json:"-"`
	At          document.Range `json:"-"`
	DisplayName string         `json:"displayName"`
	Source      struct {
		Path       string   `json:"path"`
		Packaging  string   `json:"packaging"`
		Executable []string `json:"executable"`
	} `json:"source"`
	// raw is the source object as written: its keys tell options this
	// scanner does not know from ones it does.
	raw map[string]json.RawMessage
}

type dockerAsset struct {
	ID          string         `json:"-"`
	At          document.Range `json:"-"`
	DisplayName string         `json:"displayName"`
	Source      struct {
		Directory       string            `json:"directory"`
		DockerFile      string            `json:"dockerFile"`
		DockerBuildArgs map[string]string `json:"dockerBuildArgs"`
		Executable      []string          `json:"executable"`
	} `json:"source"`
	// raw keeps the build options as written, in their order: the image's
	// source hash covers their JSON.
	raw map[string]json.RawMessage
}

// parseAssetManifest decodes an asset manifest, recording where each asset
// id is written so findings can point at it.
func parseAssetManifest(file string, b []byte) (*assetManifest, error) {
	bad := func(err error) error {
		// Decoder offsets are relative to its buffer: Unmarshal places
		// syntax errors exactly.
		var se *json.SyntaxError
		if verr := json.Unmarshal(b, new(json.RawMessage)); errors.As(verr, &se) {
			return &document.SourceError{Range: srcpos.New(file, b).At(int(se.Offset) - 1), Err: fmt.Errorf("%w: %v", ErrManifest, se)}
		}
		return fmt.Errorf("%w: %v", ErrManifest, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := expectDelim(dec, '{'); err != nil {
		return nil, bad(err)
	}
	am := &assetManifest{}
	lines := srcpos.New(file, b)
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		section, _ := tok.(string)
		if section != "files" && section != "dockerImages" {
			if err := dec.Decode(new(json.RawMessage)); err != nil {
				return nil, bad(err)
			}
			continue
		}
		if seen[section] {
			return nil, fmt.Errorf("%w: %q appears twice", ErrManifest, section)
		}
		seen[section] = true
		assets, err := objectMembers(dec, b)
		if err != nil {
			return nil, bad(err)
		}
		for _, m := range assets {
			at := lines.At(m.offset)
			var err error
			if section == "files" {
				a := fileAsset{ID: m.key, At: at}
				if err = decodeAsset(m.value, &a, &a.raw); err == nil {
					am.Files = append(am.Files, a)
				}
			} else {
				a := dockerAsset{ID: m.key, At: at}
				if err = decodeAsset(m.value, &a, &a.raw); err == nil {
					am.DockerImages = append(am.DockerImages, a)
				}
			}
			if err != nil {
				return nil, &document.SourceError{Range: at, Err: fmt.Errorf("%w: asset %s: %v", ErrManifest, m.key, err)}
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the top-level object", ErrManifest)
	}
	sort.Slice(am.Files, func(i, j int) bool { return am.Files[i].ID < am.Files[j].ID })
	sort.Slice(am.DockerImages, func(i, j int) bool { return am.DockerImages[i].ID < am.DockerImages[j].ID })
	return am, nil
}

func decodeAsset(b []byte, v any, raw *map[string]json.RawMessage) error {
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	var src struct {
		Source map[string]json.RawMessage `json:"source"`
	}
	if err := json.Unmarshal(b, &src); err != nil {
		return err
	}
	*raw = src.Source
	return nil
}

type member struct {
	key         string
	offset      int // where the key starts
	valueOffset int // where the value starts
	value       json.RawMessage
}

// objectMembers reads one object (or null) of dec, each member with the
// offset of its key in b. Duplicate keys are refused: which one CDK's
// tools would use is not defined.
func objectMembers(dec *json.Decoder, b []byte) ([]member, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want an object, got %v", tok)
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		off := nextToken(b, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fmt.Errorf("%q appears twice", key)
		}
		seen[key] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		// The decoder stops right after the value, which v holds verbatim.
		out = append(out, member{key: key, offset: off, valueOffset: int(dec.InputOffset()) - len(v), value: v})
	}
	return out, expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, got %v", want, tok)
	}
	return nil
}

// nextToken skips what json.Decoder consumes between tokens.
func nextToken(b []byte, off int) int {
	for off < len(b) {
		switch b[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}
