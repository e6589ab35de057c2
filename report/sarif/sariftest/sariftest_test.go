package sariftest

import (
	"strings"
	"testing"
)

const minimal = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t", "rules": []}}, "results": [RESULT]}]}`

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, result string
		valid        bool
	}{
		{"no results", ``, true},
		{"result", `{"ruleId": "r", "level": "error", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x.tf", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 1}}}]}`, true},
		{"encoded uri", `{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a%20b/x.tf"}, "region": {"startLine": 1}}}]}`, true},
		{"bad level", `{"ruleId": "r", "level": "critical", "message": {"text": "m"}}`, false},
		{"zero line", `{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x"}, "region": {"startLine": 0}}}]}`, false},
		{"null suppression status", `{"ruleId": "r", "message": {"text": "m"}, "suppressions": [{"kind": "external", "status": null}]}`, false},
		{"no message", `{"ruleId": "r"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check([]byte(strings.Replace(minimal, "RESULT", tc.result, 1)))
			if (err == nil) != tc.valid {
				t.Errorf("Check = %v, want valid=%v", err, tc.valid)
			}
		})
	}
	if Check([]byte(`{"version": "2.1.0"}`)) == nil {
		t.Error("a log without runs passed")
	}
	if Check([]byte(`not json`)) == nil {
		t.Error("non-JSON passed")
	}
}
