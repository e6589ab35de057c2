# METADATA
# description: Format-independent helpers for tollgate rules.
package tollgate.lib.core

import rego.v1

# is_unknown holds when x is a value tollgate could not compute statically.
# Such a value is set to something: never report it as missing.
is_unknown(x) if {
	is_object(x)
	x.__unknown__ == true
}

# is_sensitive_unknown holds for a secret supplied at deploy time (NoEcho
# parameter, sensitive variable): that is the fix for a plaintext credential.
is_sensitive_unknown(x) if {
	is_unknown(x)
	x.sensitive == true
}

# is_dynamic_reference holds for CloudFormation dynamic references that fetch
# a secret at deploy time.
is_dynamic_reference(x) if {
	is_string(x)
	regex.match(`^\{\{resolve:(secretsmanager|ssm-secure):`, x)
}

# is_known_string holds for a literal string (not an unknown marker).
is_known_string(x) if is_string(x)

# is_true and is_false accept the boolean and the string forms that real
# templates use interchangeably.
is_true(x) if x == true

is_true(x) if {
	is_string(x)
	lower(x) == "true"
}

is_false(x) if x == false

is_false(x) if {
	is_string(x)
	lower(x) == "false"
}

# not_true holds when x is known and is not true (missing counts as false
# when the service default is off; unknown never holds).
not_true(x) if {
	not is_unknown(x)
	not is_true(x)
}
