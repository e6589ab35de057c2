package dockerfile

import (
	_ "embed"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Kind is Dockerfiles and Containerfiles, recognised by name.
var Kind = scanners.Kind{
	Name:    "dockerfile",
	Label:   "Dockerfile",
	Formats: []string{document.FormatDockerfile},
	Schemas: map[string][]byte{document.FormatDockerfile: schema},
	Match:   scanners.Match{Name: Detect},
	Limit:   func(l scanners.Limits) int64 { return l.Dockerfile },
	New: func(s scanners.Settings) scanners.Scanner {
		return &Scanner{BuildArgs: s.BuildArgs, MaxFileSize: s.Limits.Dockerfile}
	},
	Cacheable: scanners.Always,
}

// schema is the JSON Schema of the input documents of the kind.
//
//go:embed schema.json
var schema []byte
