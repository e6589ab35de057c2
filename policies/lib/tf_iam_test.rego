package tollgate.lib.tf_iam_test

import rego.v1

import data.tollgate.lib.tf_iam

admin_doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

read_doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}

test_admin_grants_json_string if {
	count(tf_iam.admin_grants(json.marshal(admin_doc))) == 1
	count(tf_iam.admin_grants(json.marshal(read_doc))) == 0
}

test_admin_grants_partial_jsonencode if {
	partial := {"__unknown__": true, "expr": "jsonencode({...})", "json": admin_doc}
	count(tf_iam.admin_grants(partial)) == 1
	opaque := {"__unknown__": true, "expr": "var.policy"}
	count(tf_iam.admin_grants(opaque)) == 0
}

policy_doc_input(statement) := {"resources": [{
	"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document",
	"values": {"statement": [statement]},
}]}

test_admin_grants_from_data_source_point_at_the_statement if {
	ref := {"__unknown__": true, "expr": "data.aws_iam_policy_document.p.json", "ref": "data.aws_iam_policy_document.p", "attribute": "json"}
	grants := tf_iam.admin_grants(ref) with input as policy_doc_input({"effect": "Allow", "actions": ["*"], "resources": ["*"]})
	count(grants) == 1
	some g in grants
	g.related[0].path == ["resources", 0, "values", "statement", 0]
	count(tf_iam.admin_grants(ref)) == 0 with input as policy_doc_input({"effect": "Deny", "actions": ["*"], "resources": ["*"]})
	count(tf_iam.admin_grants(ref)) == 0 with input as policy_doc_input({"actions": ["s3:*"], "resources": ["*"]})
}

test_admin_arn if {
	tf_iam.admin_arn("arn:aws:iam::aws:policy/AdministratorAccess")
	tf_iam.admin_arn({"__unknown__": true, "expr": "\"arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess\""})
	not tf_iam.admin_arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
	not tf_iam.admin_arn({"__unknown__": true, "expr": "var.policy_arn"})
}
