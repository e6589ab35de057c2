# METADATA
# description: KMS keys as one view (see lib/view.rego).
package tollgate.lib.aws.kms

import rego.v1

import data.tollgate.lib.at_rest
import data.tollgate.lib.encryption
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# keys: key_spec, key_usage and origin say what kind of key it is (origin
# only in CloudFormation: Terraform imports key material with another
# resource type); rotation is the yearly rotation switch.
keys := view.resources({
	"cloudformation": {"type": "AWS::KMS::Key", "fields": {
		"key_spec": ["KeySpec"],
		"key_usage": ["KeyUsage"],
		"origin": ["Origin"],
		"rotation": ["EnableKeyRotation"],
	}},
	"terraform": {"type": "aws_kms_key", "fields": {
		"key_spec": ["customer_master_key_spec"],
		"key_usage": ["key_usage"],
		"rotation": ["enable_key_rotation"],
	}},
})

# customer_key holds when key x of view v is a customer-managed key: set
# and not an AWS-managed alias. Terraform also follows references to
# aws_kms_alias and aws_kms_key data sources that look one up.
customer_key(v, x) if {
	v.family == "cloudformation"
	encryption.customer_key(x)
}

customer_key(v, x) if {
	v.family == "terraform"
	tf_encryption.customer_key(x)
}

# aws_key_finding is, under require_customer_managed_keys, the finding for
# a resource v that is encrypted but whose key field fld (a view field:
# value, path, name) names no key or an AWS-managed alias; used names the
# key the service then uses, for the message. For the older rules written
# outside the at_rest controls table; an unknown key is taken as
# customer-managed and never reported.
aws_key_finding(v, fld, noun, used, fix) := f if {
	at_rest.require_cmk
	not customer_key(v, fld.value)
	f := view.field_finding(v, fld, sprintf(
		"%s is encrypted with %s, not a customer-managed key (%s)",
		[noun, used, _key_problem(fld)],
	), fix)
}

_key_problem(fld) := sprintf("%s is not set", [fld.name]) if {
	object.get(fld, "value", null) in {null, ""}
} else := sprintf("%s names an AWS-managed key", [fld.name])
