# METADATA
# title: S3 buckets declare default encryption
# description: A self-contained rule, so the integration tests exercise the pipelines and not the built-in rule set.
# custom:
#   id: test-s3-bucket-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::S3::Bucket"]
#   remediation: Set Properties.BucketEncryption.
package tollgate.test.s3_bucket_encryption

import rego.v1

deny contains f if {
	some name, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
	f := {"resource": name, "path": ["Resources", name, "Properties", "BucketEncryption"], "message": "bucket has no default encryption"}
}
