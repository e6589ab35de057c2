# METADATA
# title: Glue Data Catalog and connection passwords are encrypted
# description: >-
#   The Glue Data Catalog's metadata (databases, tables, partitions) is not
#   encrypted unless CatalogEncryptionMode is SSE-KMS (or
#   SSE-KMS-WITH-SERVICE-ROLE), and connection passwords are returned in
#   clear text by GetConnection unless ReturnConnectionPasswordEncrypted is
#   true. With require_customer_managed_keys: true the catalog key
#   (SseAwsKmsKeyId, sse_aws_kms_key_id) must be a customer-managed key.
# custom:
#   id: aws-glue-data-catalog-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Glue::DataCatalogEncryptionSettings", "aws_glue_data_catalog_encryption_settings"]
#   remediation: >-
#     Set EncryptionAtRest.CatalogEncryptionMode to SSE-KMS with SseAwsKmsKeyId and
#     ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted to true
#     (encryption_at_rest and connection_password_encryption blocks in Terraform).
package tollgate.aws.glue_data_catalog_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-glue-data-catalog-encryption"])
}
