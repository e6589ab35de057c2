# METADATA
# title: Redshift, Amazon MQ, MSK and DMS are not publicly accessible
# description: >-
#   These managed services put their endpoint on the internet when a
#   setting of their own says so; then only security groups and the
#   service's authentication protect the data. Reported when
#   PubliclyAccessible (publicly_accessible) is true on a Redshift cluster
#   (AWS::Redshift::Cluster, aws_redshift_cluster), a Redshift Serverless
#   workgroup, an Amazon MQ broker (AWS::AmazonMQ::Broker, aws_mq_broker)
#   or a DMS replication instance, and when an MSK cluster's public access
#   type is SERVICE_PROVIDED_EIPS. A CloudFormation DMS replication
#   instance without PubliclyAccessible is reported too: the service
#   defaults to true there. A Terraform aws_redshift_cluster without the
#   argument is not: its default changed between provider versions (true
#   before 6.0). RDS databases are aws-rds-publicly-accessible. Values
#   unknown until deployment are not reported.
# custom:
#   id: aws-service-publicly-accessible
#   severity: high
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::AmazonMQ::Broker", "AWS::DMS::ReplicationInstance", "AWS::MSK::Cluster", "AWS::Redshift::Cluster", "AWS::RedshiftServerless::Workgroup", "aws_dms_replication_instance", "aws_mq_broker", "aws_msk_cluster", "aws_redshift_cluster", "aws_redshiftserverless_workgroup"]
#   remediation: >-
#     Set PubliclyAccessible to false (MSK: PublicAccess Type DISABLED) and
#     reach the service from inside the VPC, through a VPN, Direct Connect
#     or PrivateLink.
package tollgate.aws.service_publicly_accessible

import rego.v1

import data.tollgate.lib.aws.exposure
import data.tollgate.lib.view

deny contains f if {
	some s in exposure.public_services
	exposure.publicly_accessible(s)
	f := view.finding(s, "public", message(s), {})
}

message(s) := sprintf("%s is reachable from the internet (%s is %s)", [s.type, view.spelled(s, "public"), view.value(s, "public")]) if {
	view.has(s, "public")
	s.type in {"AWS::MSK::Cluster", "aws_msk_cluster"}
} else := sprintf("%s is reachable from the internet (%s is true)", [s.type, view.spelled(s, "public")]) if {
	view.has(s, "public")
} else := sprintf("%s is reachable from the internet (%s defaults to true)", [s.type, view.spelled(s, "public")])
