# METADATA
# description: >-
#   Lambda functions (SAM functions included) as one view (see
#   lib/view.rego). A SAM function takes what it does not set from the
#   template's Globals.Function, as SAM does when it transforms it.
package tollgate.lib.aws.lambda

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# functions: kms_key encrypts the environment variables (variables);
# code_signing is the code signing configuration; package_type, image_uri
# (and, for SAM, code_image_uri) say whether the code is a container image.
functions := {k: _globals(f) | some k, f in object.union(view.resources(_function), view.resources(_sam_function))}

_cloudformation_fields := {
	"kms_key": ["KmsKeyArn"],
	"variables": ["Environment", "Variables"],
	"code_signing": ["CodeSigningConfigArn"],
	"package_type": ["PackageType"],
}

_function := {
	"cloudformation": {"type": "AWS::Lambda::Function", "fields": object.union(_cloudformation_fields, {"image_uri": ["Code", "ImageUri"]})},
	"terraform": {"type": "aws_lambda_function", "fields": {
		"kms_key": ["kms_key_arn"],
		"variables": ["environment", 0, "variables"],
		"code_signing": ["code_signing_config_arn"],
		"package_type": ["package_type"],
		"image_uri": ["image_uri"],
	}},
}

_sam_function := {"cloudformation": {"type": "AWS::Serverless::Function", "fields": object.union(
	_cloudformation_fields,
	{"image_uri": ["ImageUri"], "code_image_uri": ["Code", "ImageUri"]},
)}}

_globals(f) := g if {
	f.type == "AWS::Serverless::Function"
	g := _global_variables(_global(_global(f, "kms_key", ["KmsKeyArn"]), "code_signing", ["CodeSigningConfigArn"]))
} else := f

# _global fills a setting the function leaves out from Globals.Function; the
# finding still points at the function, where the fix belongs.
_global(f, name, p) := view.with_value(f, name, x) if {
	view.value(f, name) == null
	x := view.get(object.get(input, ["Globals", "Function"], {}), p)
	x != null
} else := f

# A SAM function without variables of its own gets the global ones.
_global_variables(f) := view.with_value(f, "variables", x) if {
	not has_variables(f)
	x := view.get(object.get(input, ["Globals", "Function"], {}), ["Environment", "Variables"])
	_variables(x)
} else := f

# has_variables holds when f has at least one known environment variable.
has_variables(f) if _variables(view.value(f, "variables"))

_variables(vars) if {
	is_object(vars)
	not core.is_unknown(vars)
	count(vars) > 0
}

# image_package holds when the code is (or, unknown, may be) a container
# image.
image_package(f) if {
	t := view.value_or(f, "package_type", "Zip")
	is_string(t)
	upper(t) == "IMAGE"
}

image_package(f) if core.is_unknown(view.value(f, "package_type"))

image_package(f) if view.has(f, "image_uri")

image_package(f) if view.has(f, "code_image_uri")

# cdk_framework holds for the singleton functions CDK adds for its own
# custom resources: fixed logical id prefixes (the suffix is a fixed hash),
# or a construct path under a Custom:: construct.
cdk_framework(f) if {
	f.family == "cloudformation"
	some p in _cdk_framework_prefixes
	startswith(f.resource, p)
}

cdk_framework(f) if {
	f.family == "cloudformation"
	path := view.raw(f).Metadata["aws:cdk:path"]
	is_string(path)
	some segment in split(path, "/")
	startswith(segment, "Custom::")
}

_cdk_framework_prefixes := {
	"CustomS3AutoDeleteObjectsCustomResourceProviderHandler",
	"CustomCDKBucketDeployment",
	"CustomVpcRestrictDefaultSGCustomResourceProviderHandler",
	"CustomCrossRegionExportWriterCustomResourceProviderHandler",
	"CustomCrossRegionExportReaderCustomResourceProviderHandler",
	"LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a",
	"AWS679f53fac002430cb0da5b7982bd2287",
	"BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
}
