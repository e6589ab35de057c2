// Package policies embeds tollgate's built-in Rego rules and their unit
// tests. The engine loads the rules; `go test` runs the tests.
package policies

import "embed"

// FS holds every .rego file under policies/, tests included (the engine
// skips *_test.rego when it loads rules).
//
//go:embed */*.rego */*/*.rego
var FS embed.FS
