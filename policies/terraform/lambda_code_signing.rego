# METADATA
# title: Lambda functions verify code signatures
# description: >-
#   Without a code signing configuration Lambda deploys any zip package it is
#   given, so a tampered artifact in the deployment bucket or pipeline runs
#   unnoticed. Container image functions (package_type = "Image") are not
#   reported: they are verified by image digest and signing instead.
# custom:
#   id: aws-lambda-code-signing
#   severity: low
#   theme: integrity
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_lambda_function"]
#   remediation: >-
#     Create an aws_lambda_code_signing_config with allowed_publishers
#     (signing_profile_version_arns of an aws_signer_signing_profile) and
#     policies { untrusted_artifact_on_deployment = "Enforce" }, and set
#     code_signing_config_arn on the function to its arn.
package tollgate.terraform.lambda_code_signing

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_lambda_function")
	not image_package(r)
	not signing_configured(tf.value(r, ["code_signing_config_arn"], ""))
	f := tf.finding(i, ["code_signing_config_arn"], "Lambda function does not enforce code signing (code_signing_config_arn is not set)")
}

signing_configured(v) if core.is_unknown(v)

signing_configured(v) if {
	is_string(v)
	v != ""
}

image_package(r) if {
	t := tf.value(r, ["package_type"], "Zip")
	is_string(t) # an unknown type is handled below
	upper(t) == "IMAGE"
}

# A package type decided at apply time may be Image.
image_package(r) if core.is_unknown(tf.value(r, ["package_type"], "Zip"))

image_package(r) if tf.has_value(r, ["image_uri"])
