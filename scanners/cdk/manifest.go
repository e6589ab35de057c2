package cdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/srcpos"
	"github.com/tollgate-dev/tollgate/srctree"
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
// The manifest decoded above is valid JSON; should a level on the way
// repeat a key (which encoding/json accepts), the environments below it
// fall back to the template: a position is a nicety here, the environment
// itself was read.
func environmentRanges(file string, b []byte) map[string]document.Range {
	out := map[string]document.Range{}
	root, err := srctree.DecodeJSON(file, b, srctree.Options{KeepDuplicates: true})
	if err != nil || root.Kind != srctree.Map {
		return out
	}
	arts := root.Get("artifacts")
	if _, dup := root.Duplicate(); dup || arts == nil || arts.Kind != srctree.Map {
		return out
	}
	if _, dup := arts.Duplicate(); dup {
		return out
	}
	for i, id := range arts.Keys {
		a := arts.Vals[i]
		if _, dup := a.Duplicate(); dup || a.Kind != srctree.Map {
			continue
		}
		if env := a.Get("environment"); env != nil {
			out[id] = env.Range
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
		// Syntax errors are placed at the offending byte.
		var se *json.SyntaxError
		if verr := json.Unmarshal(b, new(json.RawMessage)); errors.As(verr, &se) {
			return &document.SourceError{Range: srcpos.New(file, b).At(int(se.Offset) - 1), Err: fmt.Errorf("%w: %v", ErrManifest, se)}
		}
		return fmt.Errorf("%w: %v", ErrManifest, err)
	}
	// encoding/json's own nesting limit, which the manifest's assets are
	// decoded with below.
	root, end, err := srctree.DecodeJSONPrefix(file, b, srctree.Options{KeepDuplicates: true, MaxDepth: 10000})
	switch {
	case err != nil:
		return nil, bad(err)
	case root.Kind != srctree.Map:
		return nil, bad(want(`want "{", got %v`, root, b))
	}
	am := &assetManifest{}
	seen := map[string]bool{}
	for i, section := range root.Keys {
		if section != "files" && section != "dockerImages" {
			continue
		}
		if seen[section] {
			return nil, fmt.Errorf("%w: %q appears twice", ErrManifest, section)
		}
		seen[section] = true
		assets := root.Vals[i]
		switch {
		case assets.Kind == srctree.Null:
			continue
		case assets.Kind != srctree.Map:
			return nil, bad(want("want an object, got %v", assets, b))
		}
		if k, dup := assets.Duplicate(); dup {
			return nil, bad(fmt.Errorf("%q appears twice", k))
		}
		for j, id := range assets.Keys {
			at, raw := assets.KeyRanges[j], b[assets.Vals[j].Start:assets.Vals[j].End]
			var err error
			if section == "files" {
				a := fileAsset{ID: id, At: at}
				if err = decodeAsset(raw, &a, &a.raw); err == nil {
					am.Files = append(am.Files, a)
				}
			} else {
				a := dockerAsset{ID: id, At: at}
				if err = decodeAsset(raw, &a, &a.raw); err == nil {
					am.DockerImages = append(am.DockerImages, a)
				}
			}
			if err != nil {
				return nil, &document.SourceError{Range: at, Err: fmt.Errorf("%w: asset %s: %v", ErrManifest, id, err)}
			}
		}
	}
	if end < len(b) {
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

// token is a value as json.Decoder.Token returns it, for messages: the
// opening delimiter of a collection, a number as a float64.
// want is the error of a value that is not the object expected, worded as
// it was when json.Decoder.Token read it.
func want(format string, n *srctree.Node, b []byte) error {
	var tok any
	switch n.Kind {
	case srctree.Map:
		tok = json.Delim('{')
	case srctree.Seq:
		tok = json.Delim('[')
	case srctree.Bool:
		tok = n.Bool
	case srctree.Int, srctree.Float, srctree.String:
		if b[n.Start] == '"' {
			tok = n.Str
			break
		}
		// A number too large for a float64 was an error to Token.
		var err error
		if tok, err = strconv.ParseFloat(string(b[n.Start:n.End]), 64); err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b[n.Start:n.End]), Type: reflect.TypeFor[float64](), Offset: int64(n.End)}
		}
	}
	return fmt.Errorf(format, tok)
}
