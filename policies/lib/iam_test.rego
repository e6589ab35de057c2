package tollgate.lib.iam_test

import rego.v1

import data.tollgate.lib.iam

test_admin_policy_arn if {
	iam.admin_policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
	iam.admin_policy_arn("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")
	iam.admin_policy_arn("arn:aws-iso-b:iam::aws:policy/AdministratorAccess")
	not iam.admin_policy_arn("arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk")
	not iam.admin_policy_arn("arn:aws:iam::123456789012:policy/AdministratorAccess")
	not iam.admin_policy_arn({"__unknown__": true, "expr": "Ref Arn"})
}

test_grants_admin if {
	iam.grants_admin({"Effect": "Allow", "Action": "*", "Resource": "*"})
	iam.grants_admin({"Effect": "Allow", "Action": ["s3:*", "*:*"], "Resource": ["arn:aws:s3:::b", "*"], "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	not iam.grants_admin({"Effect": "Deny", "Action": "*", "Resource": "*"})
	not iam.grants_admin({"Action": "*", "Resource": "*"})
	not iam.grants_admin({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
	not iam.grants_admin({"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::b"})
	not iam.grants_admin({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
	not iam.grants_admin({"__unknown__": true, "expr": "Fn::If"})
}

test_document if {
	iam.document(`{"Statement":[]}`) == {"Statement": []}
	iam.document({"Statement": []}) == {"Statement": []}
	iam.document("not json") == "not json"
}

test_admin_statement_paths if {
	iam.admin_statement_paths({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*"}]}) == {["Statement", 1, "Action"]}
	iam.admin_statement_paths({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}) == {["Statement", "Action"]}
	iam.admin_statement_paths({"__unknown__": true, "expr": "Ref Doc"}) == set()
	iam.admin_statement_paths("not json") == set()
}
