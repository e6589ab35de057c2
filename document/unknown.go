package document

// UnknownKey marks a value that exists but cannot be computed statically: a
// Ref to a parameter with no default, a GetAtt, a Terraform value known only
// after apply. Rules must treat it as "set to something", never as absent;
// the lib helper lib.is_unknown(x) tests for it.
const UnknownKey = "__unknown__"

// Unknown builds the marker value. expr is the source expression as the user
// wrote it (for messages), sensitive says the value is a secret supplied at
// deploy time (NoEcho parameter, sensitive variable), which credential rules
// treat as the fix rather than a finding.
func Unknown(expr string, sensitive bool) map[string]any {
	m := map[string]any{UnknownKey: true, "expr": expr}
	if sensitive {
		m["sensitive"] = true
	}
	return m
}

// IsUnknown reports whether v is an unknown marker.
func IsUnknown(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	b, _ := m[UnknownKey].(bool)
	return b
}
