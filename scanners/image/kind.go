package image

import (
	_ "embed"

	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Kind is container images. They are named by flags (a registry
// reference, an archive, a layout), never discovered, so the kind has no
// matcher and no constructor: the run sets up one scanner per source.
var Kind = scanners.Kind{
	Name:    "image",
	Label:   "container image",
	Formats: []string{document.FormatImage},
	Schemas: map[string][]byte{document.FormatImage: schema},
}

// schema is the JSON Schema of the input documents of the kind.
//
//go:embed schema.json
var schema []byte
