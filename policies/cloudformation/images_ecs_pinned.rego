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
#   formats: [cloudformation]
#   resource_types: ["AWS::ECS::TaskDefinition"]
#   remediation: >-
#     Set ContainerDefinitions[].Image to an immutable reference, e.g.
#     123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:<digest> or at
#     least a version tag such as app:1.4.2 in an IMMUTABLE ECR repository.
package tollgate.cloudformation.images_ecs_pinned

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.images

deny contains f if {
	some name, r in cfn.resources("AWS::ECS::TaskDefinition")
	some i, c in cfn.prop(r, "ContainerDefinitions", [])
	images.unpinned(c.Image)
	f := cfn.finding(
		name, ["ContainerDefinitions", i, "Image"],
		sprintf("Container %s uses image %s, which is not pinned to a version or digest", [object.get(c, "Name", sprintf("%d", [i])), c.Image]),
	)
}
