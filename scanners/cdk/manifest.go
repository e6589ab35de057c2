package cdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
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
	return &m, nil
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
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(b[:off], '\n')
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

// assetManifest is the part of <Stack>.assets.json the scanner reads.
type assetManifest struct {
	Version      string                 `json:"version"`
	Files        map[string]fileAsset   `json:"files"`
	DockerImages map[string]dockerAsset `json:"dockerImages"`
}

type fileAsset struct {
	DisplayName string `json:"displayName"`
	Source      struct {
		Path       string   `json:"path"`
		Executable []string `json:"executable"`
	} `json:"source"`
}

type dockerAsset struct {
	DisplayName string `json:"displayName"`
	Source      struct {
		Directory       string            `json:"directory"`
		DockerFile      string            `json:"dockerFile"`
		DockerBuildArgs map[string]string `json:"dockerBuildArgs"`
		Executable      []string          `json:"executable"`
	} `json:"source"`
}
