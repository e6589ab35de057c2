package engine

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestStringsBuiltin(t *testing.T) {
	b := NewBuiltins()
	input := map[string]any{
		"Resources": map[string]any{
			"Db": map[string]any{"Properties": map[string]any{
				"MasterUserPassword": "hunter2",
				"Engine":             "postgres",
				"Tags":               []any{map[string]any{"Key": "team", "Value": "AKIAIOSFODNN7EXAMPLE"}},
				"Passwords":          []any{"a", "b"},
				"Port":               5432,
			}},
		},
	}
	eval := func(query string) string {
		t.Helper()
		opts := []func(*rego.Rego){rego.Query(query), rego.Input(input)}
		rs, err := rego.New(append(opts, b.Funcs...)...).Eval(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(rs[0].Expressions[0].Value)
		return string(out)
	}
	cases := map[string]string{
		`tollgate.strings(input, "(?i)pass", "")`: `[[["Resources","Db","Properties","MasterUserPassword"],"hunter2"],[["Resources","Db","Properties","Passwords",0],"a"],[["Resources","Db","Properties","Passwords",1],"b"]]`,
		`tollgate.strings(input, "", "AKIA")`:     `[[["Resources","Db","Properties","Tags",0,"Value"],"AKIAIOSFODNN7EXAMPLE"]]`,
		`count(tollgate.strings(input, "", ""))`:  `6`,
		`tollgate.strings("x", "", "")`:           `[[[],"x"]]`,
	}
	for q, want := range cases {
		if got := eval(q); got != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
	if _, err := rego.New(append([]func(*rego.Rego){rego.Query(`tollgate.strings(input, "(", "")`), rego.Input(input), rego.StrictBuiltinErrors(true)}, b.Funcs...)...).Eval(context.Background()); err == nil {
		t.Error("an invalid pattern must be an error")
	}
}

func TestSecretsBuiltin(t *testing.T) {
	keyID := "AKIA" + "QWERTYUIOPASDFGH"
	b := NewBuiltins()
	input := map[string]any{
		"Resources": map[string]any{
			"Fn": map[string]any{"Properties": map[string]any{
				"Env":   []any{"plain", "id=" + keyID, "AKIAIOSFODNN7EXAMPLE"},
				"Url":   "postgres://app:Zq8-Wm2Xv4Tn@db/app",
				"Other": "${DB_PASSWORD}",
			}},
		},
		// A value split over two strings is not a credential.
		"Split": []any{"AKIA" + "QWERTYUI", "OPASDFGH"},
	}
	rs, err := rego.New(append([]func(*rego.Rego){rego.Query(`tollgate.secrets(input)`), rego.Input(input)}, b.Funcs...)...).Eval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(rs[0].Expressions[0].Value)
	want := `[[["Resources","Fn","Properties","Env",1],{"description":"Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.","rule":"aws-access-token","value":"` + keyID + `"}],` +
		`[["Resources","Fn","Properties","Url"],{"description":"Database or message-broker connection URL with an inline password","rule":"database-url-password","value":"Zq8-Wm2Xv4Tn"}]]`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// callsSecrets finds a tollgate.secrets call wherever it is in a rule,
// and only a call: it decides whether a compile warms the detector up.
func TestCallsSecrets(t *testing.T) {
	parse := func(src string) map[string]*ast.Module {
		m, err := ast.ParseModuleWithOpts("x.rego", src, parserOptions)
		if err != nil {
			t.Fatal(err)
		}
		return map[string]*ast.Module{"x.rego": m}
	}
	if !callsSecrets(parse("package x\n\nfound contains p if {\n\tsome [p, _] in tollgate.secrets(input)\n}\n")) {
		t.Error("a call in a some ... in was not found")
	}
	if callsSecrets(parse("package x\n\n# tollgate.secrets(input) is not called here\nsecrets := input.tollgate.secrets\n")) {
		t.Error("a comment and a reference are not calls")
	}
}
