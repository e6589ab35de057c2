# METADATA
# title: EMR security configuration encrypts data in transit
# description: >-
#   EMR clusters send shuffle, HDFS block transfer and application traffic
#   in clear text unless their security configuration sets
#   EncryptionConfiguration.EnableInTransitEncryption to true (with TLS
#   certificates in InTransitEncryptionConfiguration). In Terraform the
#   configuration is a JSON string, decoded when it is known; findings then
#   point at the configuration argument.
# custom:
#   id: aws-emr-encryption-in-transit
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EMR::SecurityConfiguration", "aws_emr_security_configuration"]
#   remediation: >-
#     Set EncryptionConfiguration.EnableInTransitEncryption to true with an
#     InTransitEncryptionConfiguration.TLSCertificateConfiguration.
package tollgate.aws.emr_encryption_in_transit

import rego.v1

import data.tollgate.lib.aws.emr

fix := {
	"cloudformation": "Set SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption to true with InTransitEncryptionConfiguration.TLSCertificateConfiguration.",
	"terraform": "In the configuration JSON set EncryptionConfiguration.EnableInTransitEncryption to true with InTransitEncryptionConfiguration.TLSCertificateConfiguration.",
}

deny contains f if {
	some c in emr.security_configurations
	q := ["EncryptionConfiguration", "EnableInTransitEncryption"]
	emr.switch_off(c, q)
	f := emr.finding(c, q, "EMR security configuration does not encrypt data in transit (EncryptionConfiguration.EnableInTransitEncryption is not true)", fix)
}
