package tollgate.lib.view_test

import rego.v1

import data.tollgate.lib.view

spec := {
	"cloudformation": {"type": ["AWS::W::Widget", "AWS::W::Gadget"], "fields": {
		"enabled": ["Sse", "Enabled"],
		"key": ["Sse", "Key"],
		"only_cfn": ["Origin"],
	}},
	"terraform": {"type": "aws_widget", "fields": {
		"enabled": ["sse", 0, "enabled"],
		"key": ["sse", 0, "key"],
	}},
}

unknown := {"__unknown__": true, "expr": "Ref P", "ref": "P"}

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"W": {"Type": "AWS::W::Widget", "Properties": props},
	"Other": {"Type": "AWS::W::Other", "Properties": props},
}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [
	{"address": "data.aws_widget.d", "mode": "data", "type": "aws_widget", "values": values},
	{"address": "aws_widget.w", "mode": "managed", "type": "aws_widget", "values": values},
]}

test_cloudformation_fields_keep_value_path_and_spelling if {
	vs := view.resources(spec) with input as cfn({"Sse": {"Enabled": true}})
	object.keys(vs) == {"W"}
	v := vs.W
	v.resource == "W"
	v.type == "AWS::W::Widget"
	view.path(v) == ["Resources", "W"]
	view.field_of(v, "enabled") == {"value": true, "path": ["Resources", "W", "Properties", "Sse", "Enabled"], "name": "Sse.Enabled"}
	view.field_of(v, "key") == {"value": null, "path": ["Resources", "W", "Properties", "Sse", "Key"], "name": "Sse.Key"}
}

test_terraform_and_plan_share_the_view if {
	every format in ["terraform", "terraform-plan"] {
		vs := view.resources(spec) with input as tf(format, {"sse": [{"enabled": false, "key": null}]})
		object.keys(vs) == {1} # the data source is not a resource to check
		v := vs[1]
		v.resource == "aws_widget.w"
		v.family == "terraform"
		view.path(v) == ["resources", 1]
		view.field_of(v, "enabled") == {"value": false, "path": ["resources", 1, "values", "sse", 0, "enabled"], "name": "sse.enabled"}
		view.value(v, "key") == null # Terraform's null is unset
	}
}

test_unknown_block_makes_its_fields_unknown if {
	v := view.resources(spec).W with input as cfn({"Sse": unknown})
	view.value(v, "enabled") == unknown
	view.value(v, "key") == unknown
	w := view.resources(spec).W with input as cfn(unknown)
	view.value(w, "only_cfn") == unknown
	x := view.resources(spec)[1] with input as tf("terraform", {"sse": [unknown]})
	view.value(x, "enabled") == unknown
}

test_field_another_format_lacks_is_missing if {
	v := view.resources(spec)[1] with input as tf("terraform", {"origin": "EXTERNAL"})
	view.value(v, "only_cfn") == null
	view.value_or(v, "only_cfn", "AWS_KMS") == "AWS_KMS"
	not view.has(v, "only_cfn")
}

test_value_or_keeps_set_values if {
	v := view.resources(spec).W with input as cfn({"Sse": {"Enabled": false, "Key": unknown}})
	view.value_or(v, "enabled", true) == false
	view.value_or(v, "key", "") == unknown
	view.has(v, "key")
}

test_with_value_states_a_default if {
	v := view.resources(spec).W with input as cfn({})
	w := view.with_value(v, "enabled", true)
	view.value(w, "enabled") == true
	view.field_of(w, "enabled") == {"value": true, "path": ["Resources", "W", "Properties", "Sse", "Enabled"], "name": "Sse.Enabled"}
	view.value(v, "enabled") == null # v itself is unchanged
}

test_findings_name_the_field_and_the_format_fix if {
	fix := {"cloudformation": "cfn fix", "terraform": "tf fix"}
	f := view.finding(view.resources(spec).W, "key", "no key", fix) with input as cfn({})
	f == {"resource": "W", "path": ["Resources", "W", "Properties", "Sse", "Key"], "message": "no key", "remediation": "cfn fix"}
	g := view.finding_at(view.resources(spec)[1], ["sse", 3], "m", fix) with input as tf("terraform-plan", {})
	g == {"resource": "aws_widget.w", "path": ["resources", 1, "values", "sse", 3], "message": "m", "remediation": "tf fix"}
}

test_finding_without_fix_uses_the_rule_remediation if {
	f := view.resource_finding(view.resources(spec).W, "m", {"terraform": "tf fix"}) with input as cfn({})
	f == {"resource": "W", "path": ["Resources", "W"], "message": "m"}
}

test_other_formats_have_no_views if {
	count(view.resources(spec)) == 0 with input as {"tollgate": {"format": "dockerfile"}, "stages": []}
}

test_dotted_drops_block_indexes if {
	view.dotted(["rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"]) == "rule.apply_server_side_encryption_by_default.sse_algorithm"
}

# Types a document does not have give no views, whether the spec names one
# type or several (and a spec without the document's family none either).
test_absent_types_have_no_views if {
	view.resources(spec) == {"W": view.resources(spec).W} with input as cfn({})
	view.resources({"cloudformation": {"type": "AWS::W::Missing"}}) == {} with input as cfn({})
	view.resources({"cloudformation": {"type": ["AWS::W::Missing", "AWS::W::Gone"]}}) == {} with input as cfn({})
	view.resources({"terraform": {"type": "aws_widget"}}) == {} with input as cfn({})
	count(view.resources(spec)) == 1 with input as tf("terraform", {})
	view.resources({"terraform": {"type": "aws_gadget"}}) == {} with input as tf("terraform", {})
}

test_types if {
	view.types({"type": "AWS::W::Widget"}) == ["AWS::W::Widget"]
	view.types({"type": ["AWS::W::Widget", "AWS::W::Gadget"]}) == ["AWS::W::Widget", "AWS::W::Gadget"]
	not view.types({"type": 1})
}
