# METADATA
# title: Load balancers write access logs
# description: >-
#   Access logs are the only record of who sent which request to a load
#   balancer: without them an incident cannot be traced to a client.
#   Application and network load balancers log only when the
#   access_logs.s3.enabled attribute is true; a Classic Load Balancer needs
#   an enabled access logging policy. Gateway load balancers have no
#   access logs, and a network load balancer logs only TLS connections: one
#   whose listeners in the template are all TCP or UDP is not reported.
# custom:
#   id: aws-elb-access-logs
#   severity: medium
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "aws_lb", "aws_alb", "aws_elb"]
#   remediation: Add the attribute access_logs.s3.enabled = true with access_logs.s3.bucket naming a log bucket.
package tollgate.aws.elb_access_logs

import rego.v1

import data.tollgate.lib.aws.elb
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Add LoadBalancerAttributes access_logs.s3.enabled = \"true\" and access_logs.s3.bucket (Classic: AccessLoggingPolicy with Enabled: true and S3BucketName).",
	"terraform": "Add an access_logs block with bucket and enabled = true.",
}

deny contains f if {
	some a in elb.access_logs
	core.not_true(view.or_else(a.field.value, a.default))
	f := view.field_finding(a.view, a.field, sprintf("load balancer writes no access logs (%s is not true)", [a.field.name]), fix)
}
