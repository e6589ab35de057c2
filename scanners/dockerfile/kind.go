package dockerfile

import (
	_ "embed"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Kind is Dockerfiles and Containerfiles, recognised by name.
var Kind = scanners.Kind{
	Name:        "dockerfile",
	Label:       "Dockerfile",
	Formats:     []string{document.FormatDockerfile},
	Schemas:     map[string][]byte{document.FormatDockerfile: schema},
	Match:       scanners.Match{Name: Detect},
	MaxFileSize: MaxFileSize,
	New: func(s scanners.Settings) scanners.Scanner {
		return &Scanner{BuildArgs: s.BuildArgs, MaxFileSize: s.Limits.Get("dockerfile", MaxFileSize)}
	},
	Cacheable: scanners.Always,
}

// MaxFileSize is the default largest Dockerfile read: far above real
// ones, far below what would exhaust memory.
const MaxFileSize = 16 << 20

// schema is the JSON Schema of the input documents of the kind.
//
//go:embed schema.json
var schema []byte
