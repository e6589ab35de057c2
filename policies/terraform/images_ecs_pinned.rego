# METADATA
# title: ECS container images are pinned
# description: >-
#   A container image referenced by the tag latest, or by no tag (which means
#   latest), is resolved again on every task launch: tasks of one service can
#   run different code, a rollback does not roll back, and a compromised or
#   overwritten tag reaches production unreviewed. A version tag or a digest
#   (@sha256:...) is pinned; a digest is also tamper-proof. Images built
#   from references that are not known statically are not judged.
# custom:
#   id: aws-ecs-task-image-pinned
#   severity: medium
#   theme: base-image
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_ecs_task_definition"]
#   remediation: >-
#     Set each container definition's image to an immutable reference, e.g.
#     "${aws_ecr_repository.app.repository_url}@sha256:<digest>" or at least a
#     version tag such as app:1.4.2 in an IMMUTABLE ECR repository.
package tollgate.terraform.images_ecs_pinned

import rego.v1

import data.tollgate.lib.images
import data.tollgate.lib.tf
import data.tollgate.lib.tf_integrity

# The path runs into the JSON string: it is reported at container_definitions
# with one fingerprint per container.
deny contains f if {
	some i, r in tf.resources("aws_ecs_task_definition")
	some c, def in tf_integrity.container_definitions(r)
	image := object.get(def, "image", null)
	images.unpinned(image)
	f := tf.finding(
		i, ["container_definitions", c, "image"],
		sprintf("Container %s uses image %s, which is not pinned to a version or digest", [object.get(def, "name", sprintf("%d", [c])), image]),
	)
}
