package rulescaffold

// A template is a working example rule of one format, its test and its
// fixtures: a small, real control (queues need a dead-letter queue, no
// MAINTAINER instruction) that shows the finding contract, the library
// and the markers, for the author to replace.
type template struct {
	rule, test string
	fixtures   []fixture
}

type fixture struct{ name, content string }

// note opens every scaffolded rule's description.
const note = `#   Scaffolded by tollgate policy new: replace the control with yours and
#   keep the test and fixtures in step.`

var templates = map[string]template{
	"cloudformation": {rule: cfnRule, test: cfnTest, fixtures: []fixture{{"fail.yaml", cfnFail}, {"pass.yaml", cfnPass}}},
	"terraform":      {rule: tfRule, test: tfTest, fixtures: []fixture{{"fail/main.tf", tfFail}, {"pass/main.tf", tfPass}}},
	// A Dockerfile comment must start its line, so the markers of the
	// failing fixture are in a sidecar `<line> <rule-id>` file.
	"dockerfile": {rule: dockerRule, test: dockerTest, fixtures: []fixture{{"fail.Dockerfile", dockerFail}, {"fail.Dockerfile.expect", dockerFailExpect}, {"pass.Dockerfile", dockerPass}}},
}

const cfnRule = `# METADATA
# title: SQS queues have a dead-letter queue
# description: >-
{{NOTE}} Messages that keep failing are lost
#   without a dead-letter queue.
# custom:
#   id: {{ID}}
#   severity: low
#   theme: logging
#   formats: [cloudformation]
#   resource_types: ["AWS::SQS::Queue"]
#   remediation: Set RedrivePolicy with a deadLetterTargetArn.
package {{PKG}}

import rego.v1

import data.tollgate.lib.cfn

# A finding names the resource and the document path of the offending
# value, or where the missing one belongs; tollgate turns it into file,
# line and column. has_prop counts an unknown value (a Ref to a parameter)
# as set: unknown is not absent.
deny contains f if {
	some name, r in cfn.resources("AWS::SQS::Queue")
	not cfn.has_prop(r, "RedrivePolicy")
	f := cfn.finding(name, ["RedrivePolicy"], "queue has no dead-letter queue (RedrivePolicy is not set)")
}
`

const cfnTest = `package {{PKG}}_test

import rego.v1

import data.{{PKG}}

doc(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": props}}}

test_queue_without_dlq if {
	{{NAME}}.deny == {{
		"resource": "Q",
		"path": ["Resources", "Q", "Properties", "RedrivePolicy"],
		"message": "queue has no dead-letter queue (RedrivePolicy is not set)",
	}} with input as doc({})
}

test_queue_with_dlq if {
	count({{NAME}}.deny) == 0 with input as doc({"RedrivePolicy": {"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:111122223333:dlq", "maxReceiveCount": 5}})
}

test_unknown_redrive_policy_is_set if {
	count({{NAME}}.deny) == 0 with input as doc({"RedrivePolicy": {"__unknown__": true, "expr": "Ref Redrive", "ref": "Redrive"}})
}
`

const cfnFail = `AWSTemplateFormatVersion: "2010-09-09"
Description: A queue without a dead-letter queue ({{ID}} reports it).
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: # expect: {{ID}}
      QueueName: orders
`

const cfnPass = `AWSTemplateFormatVersion: "2010-09-09"
Description: A queue with a dead-letter queue.
Resources:
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-dlq
      RedrivePolicy: {deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:other-dlq", maxReceiveCount: 5}
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 5
`

const tfRule = `# METADATA
# title: SQS queues have a dead-letter queue
# description: >-
{{NOTE}} Messages that keep failing are lost
#   without a dead-letter queue.
# custom:
#   id: {{ID}}
#   severity: low
#   theme: logging
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_sqs_queue"]
#   remediation: Set redrive_policy with a deadLetterTargetArn.
package {{PKG}}

import rego.v1

import data.tollgate.lib.tf

# A finding names the resource (its address) and the document path of the
# offending value, or where the missing one belongs; tollgate turns it into
# file, line and column. An unknown value (a variable without default, a
# value known only after apply) is an object, so it is set: unknown is not
# absent.
deny contains f if {
	some i, r in tf.resources("aws_sqs_queue")
	object.get(r.values, "redrive_policy", null) == null
	f := {
		"resource": r.address,
		"path": ["resources", i, "values", "redrive_policy"],
		"message": "queue has no dead-letter queue (redrive_policy is not set)",
	}
}
`

const tfTest = `package {{PKG}}_test

import rego.v1

import data.{{PKG}}

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "values": values}]}

test_queue_without_dlq if {
	{{NAME}}.deny == {{
		"resource": "aws_sqs_queue.q",
		"path": ["resources", 0, "values", "redrive_policy"],
		"message": "queue has no dead-letter queue (redrive_policy is not set)",
	}} with input as doc({"name": "orders"})
}

test_queue_with_dlq if {
	count({{NAME}}.deny) == 0 with input as doc({"redrive_policy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:111122223333:dlq\",\"maxReceiveCount\":5}"})
}

test_unknown_redrive_policy_is_set if {
	count({{NAME}}.deny) == 0 with input as doc({"redrive_policy": {"__unknown__": true, "expr": "jsonencode(...)"}})
}
`

const tfFail = `# A queue without a dead-letter queue ({{ID}} reports it).
resource "aws_sqs_queue" "orders" { # expect: {{ID}}
  name = "orders"
}
`

const tfPass = `resource "aws_sqs_queue" "orders_dlq" {
  name = "orders-dlq"
  redrive_policy = jsonencode({
    deadLetterTargetArn = "arn:aws:sqs:eu-west-1:111122223333:other-dlq"
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}
`

const dockerRule = `# METADATA
# title: Dockerfiles do not use MAINTAINER
# description: >-
{{NOTE}} MAINTAINER is deprecated; the
#   org.opencontainers.image.authors label says the same and tools read it.
# custom:
#   id: {{ID}}
#   severity: low
#   theme: container-hardening
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: Replace MAINTAINER with LABEL org.opencontainers.image.authors="...".
package {{PKG}}

import rego.v1

# A finding names the stage and the document path of the instruction;
# tollgate turns it into file, line and column (tollgate inspect Dockerfile
# prints the document).
deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd == "maintainer"
	f := {
		"resource": st.resource,
		"path": ["stages", i, "instructions", j],
		"message": "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors",
	}
}
`

const dockerTest = `package {{PKG}}_test

import rego.v1

import data.{{PKG}}

doc(instructions) := {"tollgate": {"format": "dockerfile"}, "stages": [{"index": 0, "resource": "app", "instructions": instructions}]}

test_maintainer if {
	{{NAME}}.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors",
	}} with input as doc([{"cmd": "maintainer", "value": ["ops@example.com"]}])
}

test_label if {
	count({{NAME}}.deny) == 0 with input as doc([{"cmd": "label", "value": ["org.opencontainers.image.authors", "ops@example.com"]}])
}
`

const dockerFail = `FROM alpine:3.20
MAINTAINER ops@example.com
USER 10001
`

const dockerFailExpect = `2 {{ID}}
`

const dockerPass = `FROM alpine:3.20
LABEL org.opencontainers.image.authors="ops@example.com"
USER 10001
`
