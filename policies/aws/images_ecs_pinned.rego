# METADATA
# title: ECS container images are pinned
# description: >-
#   A container image referenced by the tag latest, or by no tag (which means
#   latest), is resolved again on every task launch: tasks of one service can
#   run different code, a rollback does not roll back, and a compromised or
#   overwritten tag reaches production unreviewed. A version tag or a digest
#   (@sha256:...) is pinned; a digest is also tamper-proof.
# custom:
#   id: aws-ecs-task-image-pinned
#   severity: medium
#   theme: base-image
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECS::TaskDefinition", "aws_ecs_task_definition"]
#   remediation: >-
#     Set ContainerDefinitions[].Image to an immutable reference, e.g.
#     123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:<digest> or at
#     least a version tag such as app:1.4.2 in an IMMUTABLE ECR repository.
package tollgate.aws.images_ecs_pinned

import rego.v1

import data.tollgate.lib.aws.ecs
import data.tollgate.lib.images
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set ContainerDefinitions[].Image to an immutable reference, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:<digest> or at least a version tag such as app:1.4.2 in an IMMUTABLE ECR repository.",
	"terraform": "Set each container definition's image to an immutable reference, e.g. \"${aws_ecr_repository.app.repository_url}@sha256:<digest>\" or at least a version tag such as app:1.4.2 in an IMMUTABLE ECR repository.",
}

deny contains f if {
	some t in ecs.task_definitions
	some c in ecs.containers(t)
	images.unpinned(c.image.value)
	f := view.field_finding(t, c.image, sprintf("Container %s uses image %s, which is not pinned to a version or digest", [c.name, c.image.value]), fix)
}
