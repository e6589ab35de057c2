package tollgate.lib.undecided_test

import rego.v1

import data.tollgate.lib.undecided
import data.tollgate.lib.view

test_asked_only_with_block if {
	not undecided.asked
	undecided.asked with data.tollgate.config.unknown as "block"
	not undecided.asked with data.tollgate.config.unknown as "pass"
}

test_reasons if {
	cfn := {"tollgate": {"format": "cloudformation"}, "Parameters": {"P": {"Type": "String"}}, "Resources": {"K": {"Type": "AWS::KMS::Key"}}}
	undecided.reason({"__unknown__": true, "expr": "Ref P", "ref": "P"}) == "a parameter without default" with input as cfn
	undecided.reason({"__unknown__": true, "expr": "Fn::GetAtt K.Arn", "ref": "K"}) == "an attribute of resource K, known only once it is deployed" with input as cfn
	undecided.reason({"__unknown__": true, "expr": "Fn::ImportValue Shared"}) == "an export of another stack" with input as cfn
	undecided.reason({"__unknown__": true, "expr": "Fn::Select [0, x]"}) == "an intrinsic function tollgate cannot resolve" with input as cfn
	undecided.reason({"__unknown__": true, "expr": "Fn::Transform AWS::Include", "reason": "the macro adds content at deploy time"}) == "the macro adds content at deploy time" with input as cfn
	tf := {"tollgate": {"format": "terraform"}}
	undecided.reason({"__unknown__": true, "expr": "var.x"}) == "a variable without default or value" with input as tf
	undecided.reason({"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k"}) == "an attribute of aws_kms_key.k, known only after apply" with input as tf
	undecided.reason({"__unknown__": true, "expr": "encrypted"}) == "a value the plan leaves to apply time" with input as {"tollgate": {"format": "terraform-plan"}}
	undecided.reason({"__unknown__": true, "expr": "ARG BASE"}) == "a build argument without value" with input as {"tollgate": {"format": "dockerfile"}}
}

test_from_input if {
	undecided.from_input({"__unknown__": true, "expr": "Ref P", "ref": "P"}) with input as {"tollgate": {"format": "cloudformation"}, "Parameters": {"P": {}}}
	not undecided.from_input({"__unknown__": true, "expr": "Ref K", "ref": "K"}) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"K": {}}}
	undecided.from_input({"__unknown__": true, "expr": "var.k"}) with input as {"tollgate": {"format": "terraform"}}
	not undecided.from_input({"__unknown__": true, "expr": "aws_kms_key.k.arn"}) with input as {"tollgate": {"format": "terraform"}}
}

test_record_points_at_the_unknown_block if {
	v := {"resource": "W", "base": ["Resources", "W", "Properties"], "values": {"A": {"__unknown__": true, "expr": "Ref P", "ref": "P"}}}
	r := undecided.at(v, ["A", "B"], v.values.A) with input as {"tollgate": {"format": "cloudformation"}, "Parameters": {"P": {}}}
	r == {"resource": "W", "path": ["Resources", "W", "Properties", "A"], "undecided": {"field": "A", "value": "Ref P", "reason": "a parameter without default"}}
}

efs_doc(props) := {"tollgate": {"format": "cloudformation"}, "Parameters": {"P": {"Type": "String"}}, "Resources": {"Fs": {"Type": "AWS::EFS::FileSystem", "Properties": props}}}

efs_views := view.resources({"cloudformation": {"type": "AWS::EFS::FileSystem", "fields": {"encrypted": ["Encrypted"], "key": ["Kms", "Key"]}}})

test_fields_of_views if {
	p := {"__unknown__": true, "expr": "Ref P", "ref": "P"}
	count(undecided.fields(efs_views, ["encrypted"])) == 0 with input as efs_doc({"Encrypted": p})
	undecided.fields(efs_views, ["encrypted"]) == {{
		"resource": "Fs",
		"path": ["Resources", "Fs", "Properties", "Encrypted"],
		"undecided": {"field": "Encrypted", "value": "Ref P", "reason": "a parameter without default"},
	}} with input as efs_doc({"Encrypted": p}) with data.tollgate.config.unknown as "block"
	count(undecided.fields(efs_views, ["encrypted"])) == 0 with input as efs_doc({"Encrypted": true}) with data.tollgate.config.unknown as "block"
	# A field under an unknown block is reported at the block.
	some u in undecided.fields(efs_views, ["key"]) with input as efs_doc({"Kms": p}) with data.tollgate.config.unknown as "block"
	u.path == ["Resources", "Fs", "Properties", "Kms"]
}
