# METADATA
# description: KMS keys as one view (see lib/view.rego).
package tollgate.lib.aws.kms

import rego.v1

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
