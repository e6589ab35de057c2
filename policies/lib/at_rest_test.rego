package tollgate.lib.at_rest_test

import rego.v1

import data.tollgate.lib.at_rest
import data.tollgate.lib.view

cfn_doc(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

tf_doc(format, resources) := {"tollgate": {"format": format}, "resources": resources}

tf_res(type, values) := {"mode": "managed", "type": type, "address": concat(".", [type, "x"]), "values": values}

unknown := {"__unknown__": true, "expr": "Ref Key", "ref": "Key"}

control := {
	"noun": "Widget",
	"cloudformation": {
		"type": "AWS::W::Widget",
		"enabled": [{"path": ["Sse", "Type"], "equals": "KMS", "default": false}],
		"key": ["Sse", "Key"],
		"fix": "cfn fix",
		"key_fix": "cfn key fix",
	},
	"terraform": {
		"type": "aws_widget",
		"only_if": [{"path": ["kind"], "in": ["direct"], "missing": true}],
		"unless_set": [["source"]],
		"enabled": [{"path": ["sse", 0, "enabled"], "equals": true, "default": false}],
		"key": ["sse", 0, "key"],
		"fix": "tf fix",
		"key_fix": "tf key fix",
	},
}

cfn_findings(props) := fs if {
	fs := at_rest.findings(control) with input as cfn_doc({"W": {"Type": "AWS::W::Widget", "Properties": props}})
}

test_cfn_missing_block_points_at_wanted_path if {
	fs := cfn_findings({})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "W", "Properties", "Sse", "Type"]
	f.remediation == "cfn fix"
	f.message == "Widget is not encrypted at rest (Sse.Type is not KMS)"
}

test_cfn_wrong_value_reported if count(cfn_findings({"Sse": {"Type": "NONE"}})) == 1

test_cfn_value_compared_case_insensitively if count(cfn_findings({"Sse": {"Type": "kms"}})) == 0

test_cfn_unknown_is_set if {
	count(cfn_findings({"Sse": {"Type": unknown}})) == 0
	count(cfn_findings({"Sse": unknown})) == 0
}

test_cmk_only_under_switch if {
	count(cfn_findings({"Sse": {"Type": "KMS"}})) == 0
	fs := cfn_findings({"Sse": {"Type": "KMS", "Key": "alias/aws/widget"}}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "W", "Properties", "Sse", "Key"]
	f.remediation == "cfn key fix"
	contains(f.message, "not a customer-managed KMS key")
}

test_cmk_missing_key_reported_under_switch if {
	count(cfn_findings({"Sse": {"Type": "KMS"}})) == 1 with data.tollgate.config.require_customer_managed_keys as true
}

test_cmk_customer_key_passes if {
	count(cfn_findings({"Sse": {"Type": "KMS", "Key": unknown}})) == 0 with data.tollgate.config.require_customer_managed_keys as true
	count(cfn_findings({"Sse": {"Type": "KMS", "Key": "arn:aws:kms:eu-west-1:111122223333:key/abc"}})) == 0 with data.tollgate.config.require_customer_managed_keys as true
}

test_unencrypted_is_one_finding_under_switch if {
	fs := cfn_findings({}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.remediation == "cfn fix"
}

tf_findings(format, values) := fs if {
	fs := at_rest.findings(control) with input as tf_doc(format, [tf_res("aws_widget", values)])
}

test_tf_and_plan_share_the_spec if {
	some format in ["terraform", "terraform-plan"]
	fs := tf_findings(format, {"sse": [{"enabled": false}]})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "sse", 0, "enabled"]
	f.resource == "aws_widget.x"
	f.remediation == "tf fix"
	f.message == "Widget is not encrypted at rest (sse.enabled is not true)"
}

test_tf_null_and_empty_block_are_missing if {
	count(tf_findings("terraform-plan", {"sse": []})) == 1
	count(tf_findings("terraform-plan", {"sse": [{"enabled": null}]})) == 1
	count(tf_findings("terraform", {"sse": [{"enabled": true}]})) == 0
}

test_tf_only_if_and_unless_set if {
	count(tf_findings("terraform", {"kind": "direct"})) == 1
	count(tf_findings("terraform", {"kind": "other"})) == 0
	count(tf_findings("terraform", {"kind": {"__unknown__": true}})) == 0
	count(tf_findings("terraform", {"source": [{"arn": "x"}]})) == 0
	count(tf_findings("terraform-plan", {"source": []})) == 1
}

test_other_formats_have_no_findings if {
	count(at_rest.findings(control)) == 0 with input as {"tollgate": {"format": "dockerfile"}}
}

always_encrypted := {"noun": "Log", "cloudformation": {"type": "AWS::L::Log", "key": ["KmsKeyId"], "key_fix": "k"}}

test_always_encrypted_reports_only_under_switch if {
	doc := cfn_doc({"L": {"Type": "AWS::L::Log", "Properties": {}}})
	count(at_rest.findings(always_encrypted)) == 0 with input as doc
	count(at_rest.findings(always_encrypted)) == 1 with input as doc
		with data.tollgate.config.require_customer_managed_keys as true
}

# Every control names Terraform (CloudFormation too, unless it has no such
# resource) with a type, and a message for each kind of finding it can
# produce.
test_controls_are_complete if {
	every id, c in at_rest.controls {
		is_string(c.noun)
		c.terraform
		every fam in [f | some f in ["cloudformation", "terraform"]; c[f]] {
			count(view.types(c[fam])) > 0
			every _ in object.get(c[fam], "enabled", []) {
				is_string(c[fam].fix)
			}
			every _ in [k | k := c[fam].key] {
				is_string(c[fam].key_fix)
			}
			regex.match(`^aws-[a-z0-9-]+$`, id)
		}
	}
}

multi := {"noun": "Disk", "terraform": {"type": ["aws_a_disk", "aws_b_disk"], "key": ["kms_key_id"], "key_fix": "k"}}

test_a_list_of_types_shares_one_spec if {
	fs := at_rest.findings(multi) with input as tf_doc("terraform", [tf_res("aws_a_disk", {}), tf_res("aws_c_disk", {}), tf_res("aws_b_disk", {})])
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "kms_key_id"], ["resources", 2, "values", "kms_key_id"]}
}

any_of := {"noun": "Catalog", "cloudformation": {"type": "AWS::C::Catalog", "enabled": [{"path": ["Mode"], "equals": ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"], "default": false}], "fix": "f"}}

catalog_doc(mode) := cfn_doc({"C": {"Type": "AWS::C::Catalog", "Properties": {"Mode": mode}}})

test_equals_any_of_a_list if {
	count(at_rest.findings(any_of)) == 0 with input as catalog_doc("sse-kms-with-service-role")
	fs := at_rest.findings(any_of) with input as catalog_doc("DISABLED")
	count(fs) == 1
	some f in fs
	f.message == "Catalog is not encrypted at rest (Mode is not SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE)"
}

replicated := {"noun": "Replica", "cloudformation": {"type": "AWS::R::Db", "if_set": [["Region"]], "key": ["Key"], "key_fix": "k"}}

db_doc(props) := cfn_doc({"D": {"Type": "AWS::R::Db", "Properties": props}})

test_if_set_needs_a_known_value if {
	count(at_rest.findings(replicated)) == 1 with input as db_doc({"Region": "eu-west-2"})
		with data.tollgate.config.require_customer_managed_keys as true
	count(at_rest.findings(replicated)) == 0 with input as db_doc({})
		with data.tollgate.config.require_customer_managed_keys as true
	count(at_rest.findings(replicated)) == 0 with input as db_doc({"Region": unknown})
		with data.tollgate.config.require_customer_managed_keys as true
	count(at_rest.findings(replicated)) == 0 with input as db_doc({"Region": "eu-west-2", "Key": "arn:aws:kms:eu-west-2:111122223333:key/k"})
		with data.tollgate.config.require_customer_managed_keys as true
}

tf_only := {"noun": "Copy", "terraform": {"type": "aws_copy", "enabled": [{"path": ["encrypted"], "equals": true, "default": false}], "fix": "f"}}

test_a_terraform_only_control_is_silent_on_cloudformation if {
	count(at_rest.findings(tf_only)) == 0 with input as cfn_doc({"X": {"Type": "AWS::EC2::Volume", "Properties": {}}})
	count(at_rest.findings(tf_only)) == 1 with input as tf_doc("terraform-plan", [tf_res("aws_copy", {"encrypted": false})])
}

# Undecided controls (unknown: block): the table reports them itself.

block_cfn(props, params) := fs if {
	fs := at_rest.findings(control) with input as {"tollgate": {"format": "cloudformation"}, "Parameters": params, "Resources": {"W": {"Type": "AWS::W::Widget", "Properties": props}}}
		with data.tollgate.config.unknown as "block"
}

block_tf(format, values) := fs if {
	fs := at_rest.findings(control) with input as tf_doc(format, [tf_res("aws_widget", values)])
		with data.tollgate.config.unknown as "block"
}

param := {"__unknown__": true, "expr": "Ref EncType", "ref": "EncType"}

test_unknown_switch_is_undecided_only_when_asked if {
	count(cfn_findings({"Sse": {"Type": param}})) == 0
	fs := block_cfn({"Sse": {"Type": param}}, {"EncType": {"Type": "String"}})
	fs == {{
		"resource": "W",
		"path": ["Resources", "W", "Properties", "Sse", "Type"],
		"undecided": {"field": "Sse.Type", "value": "Ref EncType", "reason": "a parameter without default"},
	}}
}

test_unknown_block_points_at_the_block if {
	fs := block_cfn({"Sse": param}, {"EncType": {"Type": "String"}})
	some u in fs
	u.path == ["Resources", "W", "Properties", "Sse"]
	u.undecided.field == "Sse"
}

test_known_off_switch_is_a_finding_not_undecided if {
	fs := block_tf("terraform", {"sse": [{"enabled": false, "key": {"__unknown__": true, "expr": "var.key"}}]})
	count(fs) == 1
	some f in fs
	f.message
}

test_tf_variable_and_plan_reasons if {
	some u in block_tf("terraform", {"sse": [{"enabled": {"__unknown__": true, "expr": "var.encrypt"}}]})
	u.undecided.reason == "a variable without default or value"
	u.path == ["resources", 0, "values", "sse", 0, "enabled"]
	some p in block_tf("terraform-plan", {"sse": [{"enabled": {"__unknown__": true, "expr": "sse[0].enabled"}}]})
	p.undecided.reason == "a value the plan leaves to apply time"
}

test_unknown_scope_is_undecided_when_the_control_would_fail if {
	u := {"__unknown__": true, "expr": "var.kind"}
	fs := block_tf("terraform", {"kind": u})
	some r in fs
	r.path == ["resources", 0, "values", "kind"]
	count(block_tf("terraform", {"kind": u, "sse": [{"enabled": true}]})) == 0
}

test_cmk_key_from_a_parameter_is_undecided if {
	props := {"Sse": {"Type": "KMS", "Key": param}}
	count(block_cfn(props, {"EncType": {"Type": "String"}})) == 0
	fs := at_rest.findings(control) with input as {"tollgate": {"format": "cloudformation"}, "Parameters": {"EncType": {"Type": "String"}}, "Resources": {"W": {"Type": "AWS::W::Widget", "Properties": props}}}
		with data.tollgate.config.unknown as "block"
		with data.tollgate.config.require_customer_managed_keys as true
	some u in fs
	u.path == ["Resources", "W", "Properties", "Sse", "Key"]
	# A key resource of the same template is customer-managed: decided.
	ref := {"__unknown__": true, "expr": "Fn::GetAtt K.Arn", "ref": "K"}
	count(at_rest.findings(control)) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"K": {"Type": "AWS::KMS::Key"}, "W": {"Type": "AWS::W::Widget", "Properties": {"Sse": {"Type": "KMS", "Key": ref}}}}}
		with data.tollgate.config.unknown as "block"
		with data.tollgate.config.require_customer_managed_keys as true
}
