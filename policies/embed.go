// Package policies embeds tollgate's built-in Rego rules (FS, in
// embed_gen.go) and their index (Index); their unit tests stay in the
// source tree, where `go test` runs them. After adding, removing or
// editing a .rego file, run `go generate ./policies`.
package policies

import _ "embed"

//go:generate go run ./internal/genindex

// Index describes the rules of FS so the engine parses only the modules a
// format needs (see engine.BuildIndex); the engine ignores it unless it
// describes FS byte for byte.
//
//go:embed index.json
var Index []byte
