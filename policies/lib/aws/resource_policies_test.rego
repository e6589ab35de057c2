package tollgate.lib.aws.resource_policies_test

import rego.v1

import data.tollgate.lib.aws.resource_policies as rp

allow_all := {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}

public(s) if rp.public(rp.normal(s), [{"statement": rp.normal(s)}])

test_principal_forms if {
	public(allow_all)
	public(object.union(allow_all, {"Principal": {"AWS": "*"}}))
	public(object.union(allow_all, {"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}}))
	public(object.union(object.remove(allow_all, ["Principal"]), {"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}}))
	not public(object.union(allow_all, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}}))
	not public(object.union(allow_all, {"Principal": {"Service": "sns.amazonaws.com"}}))
	not public(object.union(allow_all, {"Principal": {"Federated": "cognito-identity.amazonaws.com"}}))
	not public(object.union(allow_all, {"Principal": {"__unknown__": true, "expr": "Ref Reader"}}))
	not public(object.union(allow_all, {"Effect": "Deny"}))
	not public(object.union(allow_all, {"Effect": {"__unknown__": true, "expr": "Fn::If"}}))
	not public(object.remove(allow_all, ["Effect"]))
}

test_narrowing_conditions if {
	not public(object.union(allow_all, {"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"}}}))
	not public(object.union(allow_all, {"Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}}))
	not public(object.union(allow_all, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}))
	not public(object.union(allow_all, {"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}))
	not public(object.union(allow_all, {"Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a/r-b/*"}}}))
	not public(object.union(allow_all, {"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}))
	not public(object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": {"__unknown__": true, "expr": "Ref Vpce"}}}}))
	not public(object.union(allow_all, {"Condition": {"__unknown__": true, "expr": "Fn::If"}}))
}

test_conditions_that_do_not_narrow if {
	public(object.union(allow_all, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}}))
	public(object.union(allow_all, {"Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}))
	public(object.union(allow_all, {"Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}))
	public(object.union(allow_all, {"Condition": {"ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-1"}}}))
	public(object.union(allow_all, {"Condition": {"StringLike": {"aws:SourceArn": "*"}}}))
	public(object.union(allow_all, {"Condition": {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "::/0"]}}}))
	public(object.union(allow_all, {"Condition": {"StringEquals": {"sts:ExternalId": "shared"}}}))
}

deny_outside_vpce := {
	"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*",
	"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
}

test_deny_fences_the_grant if {
	entries := [{"statement": rp.normal(allow_all)}, {"statement": rp.normal(deny_outside_vpce)}]
	not rp.public(rp.normal(allow_all), entries)
}

test_deny_fence_other if {

	# A Deny over other actions does not.
	other := [{"statement": rp.normal(allow_all)}, {"statement": rp.normal(object.union(deny_outside_vpce, {"Action": "sqs:DeleteQueue"}))}]
	rp.public(rp.normal(allow_all), other)
}

test_deny_fence_tls if {

	# Nor a Deny on a condition that does not narrow the callers.
	tls := [{"statement": rp.normal(allow_all)}, {"statement": rp.normal(object.union(object.remove(deny_outside_vpce, ["Condition"]), {"Condition": {"Bool": {"aws:SecureTransport": "false"}}}))}]
	rp.public(rp.normal(allow_all), tls)
}

test_deny_fence_unknown if {

	# An unknown statement may be that Deny.
	not rp.public(rp.normal(allow_all), [{"statement": rp.normal(allow_all)}, {"statement": {"__unknown__": true, "expr": "Fn::If"}}])
}

test_s3_families if {
	s := rp.normal({"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"]})
	rp.s3_grants(s, "read")
	not rp.s3_grants(s, "list")
	not rp.s3_grants(s, "write")
	w := rp.normal({"Effect": "Allow", "Principal": "*", "Action": "s3:Put*"})
	rp.s3_grants(w, "write")
	rp.s3_grants(w, "admin")
	not rp.s3_grants(w, "read")
	all := rp.normal({"Effect": "Allow", "Principal": "*", "Action": "S3:*"})
	every f in ["read", "list", "write", "admin"] {
		rp.s3_grants(all, f)
	}
	na := rp.normal({"Effect": "Allow", "Principal": "*", "NotAction": ["s3:List*", "s3:GetBucket*"]})
	rp.s3_grants(na, "read")
	rp.s3_grants(na, "write")
	not rp.s3_grants(na, "list")
}

# Terraform: JSON strings, partial jsonencode and policy document data sources.
tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

queue_policy(p) := {"address": "aws_sqs_queue_policy.q", "mode": "managed", "type": "aws_sqs_queue_policy", "values": {"policy": p}}

test_terraform_forms if {
	public_of(json.marshal({"Statement": [allow_all]})) == {{"path": ["resources", 0, "values", "policy"], "statement": rp.normal(allow_all), "related": []}}

	partial := {"__unknown__": true, "expr": "jsonencode({...})", "ref": "aws_sqs_queue.q", "json": {"Statement": [object.union(allow_all, {"Resource": {"__unknown__": true, "expr": "aws_sqs_queue.q.arn"}})]}}
	count(public_of(partial)) == 1
	count(public_of({"__unknown__": true, "expr": "var.policy"})) == 0

	doc := {"address": "data.aws_iam_policy_document.q", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [{
		"actions": ["sqs:SendMessage"],
		"principals": [{"type": "AWS", "identifiers": ["*"]}],
	}]}}
	ref := {"__unknown__": true, "expr": "data.aws_iam_policy_document.q.json", "ref": "data.aws_iam_policy_document.q", "attribute": "json"}
	public_of_with(ref, [doc]) == {{
		"path": ["resources", 0, "values", "policy"],
		"statement": {
			"sid": "", "effect": "Allow", "not_principal": false, "not_actions": [], "conditions": [],
			"actions": ["sqs:SendMessage"], "principals": [{"type": "AWS", "identifiers": ["*"]}],
		},
		"related": [{"path": ["resources", 1, "values", "statement", 0], "message": "statement granting to everyone"}],
	}}
	narrowed := json.patch(doc, [{"op": "add", "path": "/values/statement/0/condition", "value": [{"test": "ArnEquals", "variable": "aws:SourceArn", "values": ["arn:aws:sns:eu-west-1:111122223333:t"]}]}])
	count(public_of_with(ref, [narrowed])) == 0
}

public_of(p) := public_of_with(p, [])

public_of_with(p, extra) := x if {
	x := statements with input as tf(array.concat([queue_policy(p)], extra))
}

statements := {s |
	some d in rp.documents
	some s in rp.public_statements(d)
}

test_deny_not_principal_fences_the_grant if {
	only_role := {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "*", "Resource": "*"}
	not rp.public(rp.normal(allow_all), [{"statement": rp.normal(allow_all)}, {"statement": rp.normal(only_role)}])

	# With a condition it refuses only some requests.
	conditional := object.union(only_role, {"Condition": {"Bool": {"aws:SecureTransport": "false"}}})
	rp.public(rp.normal(allow_all), [{"statement": rp.normal(allow_all)}, {"statement": rp.normal(conditional)}])
}
