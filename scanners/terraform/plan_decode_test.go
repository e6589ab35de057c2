package terraform

import (
	"errors"
	"testing"

	"github.com/tollgate-dev/tollgate/document"
)

// A syntax error is placed at the character the message names: the
// token-walking decoder placed it one column before (on the "[" here).
func TestPlanSyntaxErrorAtOffendingCharacter(t *testing.T) {
	_, err := ParsePlan("p.json", []byte("{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\n  \"resources\": [,]\n}}}"))
	var se *document.SourceError
	if !errors.As(err, &se) || se.Range.Line != 2 || se.Range.Column != 17 || se.Err.Error() != "invalid character ',' looking for beginning of value" {
		t.Fatalf("error = %v", err)
	}
	if _, err := ParsePlan("p.json", []byte(`{"planned_values": {}} {}`)); err == nil || err.Error() != "p.json: data after the top-level value" {
		t.Fatalf("trailing data: %v", err)
	}
}
