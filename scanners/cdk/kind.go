package cdk

import (
	"bytes"
	"context"
	_ "embed"
	"path"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
	"github.com/tollgate-dev/tollgate/scanners/dockerfile"
	"github.com/tollgate-dev/tollgate/srcfs"
)

// Kind is CDK cloud assemblies: a directory whose manifest.json is one.
// Its documents are the stacks' templates, the Docker image assets'
// Dockerfiles and the assembly's checked assets.
var Kind = scanners.Kind{
	Name:    "cdk",
	Label:   "CDK cloud assembly",
	Formats: []string{document.FormatCloudFormation, document.FormatDockerfile, document.FormatArtifacts},
	Schemas: map[string][]byte{document.FormatArtifacts: artifactsSchema},
	Match:   scanners.Match{Dir: IsAssembly, Select: dropDuplicateAssemblies},
	Limit:   func(l scanners.Limits) int64 { return l.CDK },
	New: func(s scanners.Settings) scanners.Scanner {
		return Scanner{Dockerfile: dockerfile.Kind.New(s), Limits: s.Limits, NoteAgnostic: s.RegionsRestricted}
	},
}

// sniffSize is how much of manifest.json is read to recognise it.
const sniffSize = 64 << 10

// IsAssembly recognises a cloud assembly by its manifest.json.
func IsAssembly(ctx context.Context, fsys *srcfs.FS, dir string) bool {
	b, err := scanners.ReadHead(ctx, fsys, path.Join(dir, "manifest.json"), sniffSize)
	if err != nil {
		return false
	}
	return bytes.Contains(b, []byte(`"artifacts"`)) && bytes.Contains(b, []byte(`"version"`)) &&
		(bytes.Contains(b, []byte(`aws:cloudformation:stack`)) || bytes.Contains(b, []byte(`cdk:cloud-assembly`)))
}

// artifactsSchema is the JSON Schema of the assembly's artifacts document.
//
//go:embed artifacts_schema.json
var artifactsSchema []byte
