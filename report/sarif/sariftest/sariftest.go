// Package sariftest validates SARIF output against the official SARIF 2.1.0
// JSON schema, for the sarif writer's tests and for CLI end-to-end tests.
package sariftest

import (
	"testing"

	"github.com/tollgate-dev/tollgate/internal/schematest"
)

// SchemaPath is the schema's location relative to the module root.
const SchemaPath = "testdata/sarif-schema-2.1.0.json"

var schema = schematest.Schema{
	Path: SchemaPath,
	ID:   "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
	Name: "SARIF 2.1.0",
}

// Validate fails t unless data is a SARIF 2.1.0 log that satisfies the
// schema, formats included.
func Validate(t testing.TB, data []byte) {
	t.Helper()
	if err := Check(data); err != nil {
		t.Fatalf("sariftest: %v", err)
	}
}

// Check is Validate for callers that want the error.
func Check(data []byte) error { return schema.Check(data) }
