# METADATA
# description: Helpers for encryption rules (KMS keys, TLS policies, IAM statements).
package tollgate.lib.encryption

import rego.v1

import data.tollgate.lib.core

# unset_or_false holds for a value that is known and not true: a missing
# property passed in as `false` (services default encryption off) or an
# explicit false. An unknown value is set to something and never holds.
unset_or_false(x) := core.not_true(x)

# lookup returns the value at path under x or, when a value on the way is an
# unknown marker (an Fn::If on a whole block, a Ref to a parameter), that
# unknown: a property under an unknown block is unknown, not missing. def is
# returned when the path does not exist.
lookup(x, path, def) := v if {
	unknown_at := [i |
		some i in numbers.range(0, count(path) - 1)
		core.is_unknown(object.get(x, array.slice(path, 0, i), null))
	]
	count(unknown_at) > 0
	v := object.get(x, array.slice(path, 0, min(unknown_at)), null)
} else := object.get(x, path, def)

# prop is cfn.prop that stops at unknown blocks (see lookup).
prop(r, path, def) := lookup(object.get(r, "Properties", {}), path, def)

# aws_managed_key holds for a literal reference to an AWS-managed KMS key
# (alias/aws/<service>, bare or inside an alias ARN). Such keys cannot be
# governed by a key policy the customer controls.
aws_managed_key(x) if {
	is_string(x)
	regex.match(`(^|:)alias/aws/`, x)
}

# An ARN built with Fn::Sub over the region and account is unknown, but its
# expression still shows the AWS-managed alias.
aws_managed_key(x) if {
	core.is_unknown(x)
	not "options" in object.keys(x) # an undecided Fn::If may pick the other branch
	is_string(x.expr)
	regex.match(`(^|[:\s"])alias/aws/`, x.expr)
}

# customer_key holds for a key reference that is set and not an AWS-managed
# alias. Other unknowns (a Ref to an AWS::KMS::Key, a parameter) are taken as
# customer-managed.
customer_key(x) if {
	core.is_unknown(x)
	not aws_managed_key(x)
}

customer_key(x) if {
	is_string(x)
	x != ""
	not aws_managed_key(x)
}

# as_list turns a single value into a one-element list (IAM and many
# CloudFormation properties accept both forms).
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# elbv2_modern_policy holds for ELBv2 security policies whose minimum protocol
# is TLS 1.2: the TLS13-1-2/TLS13-1-3 families (incl. Res, Ext, PQ and FIPS
# variants), TLS-1-2-* and FS-1-2-*. The default ELBSecurityPolicy-2016-08,
# FS-2018-06, TLS-1-1-2017-01, TLS13-1-0/1-1-2021-06 accept TLS 1.0/1.1.
elbv2_modern_policy(p) if {
	is_string(p)
	regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)`, p)
}

# Statement helpers for resource policies (bucket policies).

statements(doc) := as_list(object.get(doc, "Statement", []))

# all_principals holds for "*", {"AWS": "*"} and {"AWS": ["*"]}.
all_principals(p) if p == "*"

all_principals(p) if {
	is_object(p)
	"*" in as_list(object.get(p, "AWS", []))
}

# condition_value returns the value of a condition key under an operator,
# matching the key case-insensitively as IAM does.
condition_value(stmt, operator, key) := v if {
	some k, v in object.get(object.get(stmt, "Condition", {}), operator, {})
	lower(k) == lower(key)
}
