// Package sasttest validates GitLab SAST reports against GitLab's own
// schema (security-report-schemas, sast-report-format 15.0.7, committed
// under testdata/), for the writer's tests and CLI end-to-end tests. The
// schema is compiled from the committed file only: no network.
package sasttest

import (
	"testing"

	"github.com/tollgate-dev/tollgate/internal/schematest"
)

// SchemaPath is the schema's location relative to the module root.
const SchemaPath = "testdata/gitlab-sast-report-format-15.0.7.json"

var schema = schematest.Schema{
	Path: SchemaPath,
	// The $id the file declares (GitLab publishes every version under it).
	ID:   "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/master/dist/sast-report-format.json",
	Name: "GitLab SAST report",
}

// Validate fails t unless data satisfies the schema.
func Validate(t testing.TB, data []byte) {
	t.Helper()
	if err := Check(data); err != nil {
		t.Fatalf("sasttest: %v", err)
	}
}

// Check is Validate for callers that want the error.
func Check(data []byte) error { return schema.Check(data) }
