# METADATA
# title: Lambda functions verify code signatures
# description: >-
#   Without a code signing configuration Lambda deploys any zip package it is
#   given, so a tampered artifact in the deployment bucket or pipeline runs
#   unnoticed. Container image functions (PackageType Image) are not
#   reported: they are verified by image digest and signing instead.
#   Functions that the CDK framework generates for itself (custom resource
#   providers, log retention, bucket deployment and notification handlers)
#   are not reported either: their code is not the user's. SAM functions
#   inherit Globals.Function.CodeSigningConfigArn.
# custom:
#   id: aws-lambda-code-signing
#   severity: low
#   theme: integrity
#   formats: [cloudformation]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function"]
#   remediation: >-
#     Create an AWS::Lambda::CodeSigningConfig with AllowedPublishers from an
#     AWS Signer signing profile and UntrustedArtifactOnDeployment: Enforce,
#     and set CodeSigningConfigArn on the function to its ARN.
package tollgate.cloudformation.lambda_code_signing

import rego.v1

import data.tollgate.lib.cfn

deny contains f if {
	some name, r in cfn.resources_in({"AWS::Lambda::Function", "AWS::Serverless::Function"})
	not image_package(r)
	not cdk_framework_function(name, r)
	not signing_configured(signing_config(r))
	f := cfn.finding(name, ["CodeSigningConfigArn"], "Lambda function does not enforce code signing (CodeSigningConfigArn is not set)")
}

# SAM copies Globals.Function.CodeSigningConfigArn into every
# AWS::Serverless::Function that does not set its own.
signing_config(r) := cfn.prop(r, "CodeSigningConfigArn", sam_global_signing_config) if r.Type == "AWS::Serverless::Function"

signing_config(r) := cfn.prop(r, "CodeSigningConfigArn", null) if r.Type != "AWS::Serverless::Function"

sam_global_signing_config := object.get(input, ["Globals", "Function", "CodeSigningConfigArn"], null)

signing_configured(v) if {
	v != null
	v != ""
}

image_package(r) if {
	t := cfn.prop(r, "PackageType", "Zip")
	is_string(t) # an unknown type is handled below
	upper(t) == "IMAGE"
}

image_package(r) if {
	r.Type == "AWS::Serverless::Function"
	cfn.has_prop(r, "ImageUri")
}

image_package(r) if cfn.has_prop(r, ["Code", "ImageUri"])

# A package type decided at deploy time may be Image: not reported.
image_package(r) if cfn.is_unknown(cfn.prop(r, "PackageType", null))

# CDK singleton functions have fixed logical id prefixes (the suffix is a
# fixed hash), or live under a Custom:: construct path.
cdk_framework_prefixes := {
	"CustomS3AutoDeleteObjectsCustomResourceProviderHandler",
	"CustomCDKBucketDeployment",
	"CustomVpcRestrictDefaultSGCustomResourceProviderHandler",
	"CustomCrossRegionExportWriterCustomResourceProviderHandler",
	"CustomCrossRegionExportReaderCustomResourceProviderHandler",
	"LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a",
	"AWS679f53fac002430cb0da5b7982bd2287",
	"BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
}

cdk_framework_function(name, _) if {
	some p in cdk_framework_prefixes
	startswith(name, p)
}

cdk_framework_function(_, r) if {
	path := r.Metadata["aws:cdk:path"]
	is_string(path)
	some segment in split(path, "/")
	startswith(segment, "Custom::")
}
