package files

import (
	_ "embed"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Kind is every text file no other kind claims, checked for credentials.
// Files over MaxSize are skipped, not refused: they are logs and data.
var Kind = scanners.Kind{
	Name:        "files",
	Label:       "file",
	Formats:     []string{document.FormatFiles},
	Schemas:     map[string][]byte{document.FormatFiles: schema},
	Match:       scanners.Match{Fallback: true},
	MaxFileSize: MaxSize,
	New:         func(scanners.Settings) scanners.Scanner { return Scanner{} },
	// A file sniffed as binary is read only in part, which the record
	// marks, so only files read whole are cached.
	Cacheable: scanners.Always,
}

// schema is the JSON Schema of the input documents of the kind.
//
//go:embed schema.json
var schema []byte
