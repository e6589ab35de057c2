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
	Name:        "cdk",
	Label:       "CDK cloud assembly",
	Formats:     []string{document.FormatCloudFormation, document.FormatDockerfile, document.FormatArtifacts},
	Schemas:     map[string][]byte{document.FormatArtifacts: artifactsSchema},
	Match:       scanners.Match{Dir: IsAssembly, Select: dropDuplicateAssemblies},
	MaxFileSize: MaxFileSize,
	OtherLimits: []scanners.Limit{AssetLimit},
	New: func(s scanners.Settings) scanners.Scanner {
		return Scanner{Dockerfile: dockerfile.Kind.New(s), Limits: s.Limits, NoteAgnostic: s.RegionsRestricted}
	},
}

// MaxFileSize is the default largest manifest, asset manifest or
// CDK_DEBUG metadata file read: the metadata of a large app reaches tens
// of MB.
const MaxFileSize = 256 << 20

// AssetLimit bounds the bytes hashed of one file or folder asset (all its
// files together) to check it against its recorded hash. Asset files are
// hashed as they stream, never held in memory.
var AssetLimit = scanners.Limit{Name: "cdk-asset", Default: 1 << 30}

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
