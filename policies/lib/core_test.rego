package tollgate.lib.core_test

import rego.v1

import data.tollgate.lib.core

test_unknown_marker if {
	core.is_unknown({"__unknown__": true, "expr": "Ref X"})
	not core.is_unknown({"expr": "Ref X"})
	not core.is_unknown("x")
}

test_sensitive_unknown if {
	core.is_sensitive_unknown({"__unknown__": true, "expr": "Ref P", "sensitive": true})
	not core.is_sensitive_unknown({"__unknown__": true, "expr": "Ref P"})
}

test_dynamic_reference if {
	core.is_dynamic_reference("{{resolve:secretsmanager:MySecret:SecretString:password}}")
	core.is_dynamic_reference("{{resolve:ssm-secure:/db/pw:1}}")
	not core.is_dynamic_reference("{{resolve:ssm:/plain/param}}")
	not core.is_dynamic_reference("hunter2")
}

test_booleans if {
	core.is_true(true)
	core.is_true("True")
	core.is_false("false")
	not core.is_true("yes")
	core.not_true(false)
	core.not_true("false")
	not core.not_true({"__unknown__": true, "expr": "Ref P"})
}
