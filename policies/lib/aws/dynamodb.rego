# METADATA
# description: DynamoDB tables as one view (see lib/view.rego).
package tollgate.lib.aws.dynamodb

import rego.v1

import data.tollgate.lib.view

# tables: sse_enabled turns KMS encryption on (off means an AWS-owned key);
# sse_type exists only in CloudFormation (Terraform's block is KMS).
tables := view.resources({
	"cloudformation": {"type": ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"], "fields": {
		"sse_enabled": ["SSESpecification", "SSEEnabled"],
		"sse_type": ["SSESpecification", "SSEType"],
		"kms_key": ["SSESpecification", "KMSMasterKeyId"],
	}},
	"terraform": {"type": "aws_dynamodb_table", "fields": {
		"sse_enabled": ["server_side_encryption", 0, "enabled"],
		"kms_key": ["server_side_encryption", 0, "kms_key_arn"],
	}},
})
