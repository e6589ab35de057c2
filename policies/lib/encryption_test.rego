package tollgate.lib.encryption_test

import rego.v1

import data.tollgate.lib.encryption

u := {"__unknown__": true, "expr": "Fn::If UseKms"}

test_lookup_stops_at_unknown if {
	encryption.lookup({"A": u}, ["A", "B", "C"], false) == u
	encryption.lookup(u, ["A"], false) == u
	encryption.lookup({"A": {"B": 1}}, ["A", "B"], false) == 1
	encryption.lookup({"A": {}}, ["A", "B"], false) == false
	encryption.lookup({"A": [{"B": 2}]}, ["A", 0, "B"], false) == 2
}

test_prop if {
	encryption.prop({"Properties": {"X": {"Y": u}}}, ["X", "Y", "Z"], "def") == u
	encryption.prop({"Type": "AWS::S3::Bucket"}, ["X"], "def") == "def"
}

test_keys if {
	encryption.aws_managed_key("alias/aws/s3")
	encryption.aws_managed_key("arn:aws:kms:eu-west-1:111122223333:alias/aws/rds")
	not encryption.aws_managed_key("alias/aws-orders")
	encryption.customer_key("alias/orders")
	encryption.customer_key(u)
	not encryption.customer_key("")
	not encryption.customer_key("alias/aws/sns")
	sub := {"__unknown__": true, "expr": "Fn::Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/lambda"}
	encryption.aws_managed_key(sub)
	not encryption.customer_key(sub)
	encryption.customer_key({"__unknown__": true, "expr": "Fn::Sub arn:aws:kms:${AWS::Region}:111122223333:alias/orders"})
}

test_elbv2_policies if {
	every p in [
		"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
		"ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-2019-08",
		"ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2020-10",
		"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	] {
		encryption.elbv2_modern_policy(p)
	}
	every p in [
		"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-FS-2018-06",
		"ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-TLS13-1-0-2021-06",
		"ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
	] {
		not encryption.elbv2_modern_policy(p)
	}
}

test_principals if {
	encryption.all_principals("*")
	encryption.all_principals({"AWS": "*"})
	encryption.all_principals({"AWS": ["*"]})
	not encryption.all_principals({"AWS": "arn:aws:iam::111122223333:root"})
	not encryption.all_principals({"Service": "cloudtrail.amazonaws.com"})
}
