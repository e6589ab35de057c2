# METADATA
# description: ECS task definitions and their containers as one view (see lib/view.rego).
package tollgate.lib.aws.ecs

import rego.v1

import data.tollgate.lib.tf_integrity
import data.tollgate.lib.view

task_definitions := view.resources({
	"cloudformation": {"type": "AWS::ECS::TaskDefinition", "fields": {"containers": ["ContainerDefinitions"]}},
	"terraform": {"type": "aws_ecs_task_definition"},
})

# containers returns each container of task definition t as its image (a
# field) and its name (the index when it has none). Terraform holds the
# definitions as one JSON string: the path runs into it, and Go reports it
# at container_definitions with one fingerprint per container.
containers(t) := {{"image": view.field(t, ["ContainerDefinitions", i, "Image"]), "name": object.get(c, "Name", sprintf("%d", [i]))} |
	t.family == "cloudformation"
	some i, c in view.value_or(t, "containers", [])
	is_object(c)
	"Image" in object.keys(c)
} | {{"image": {"value": object.get(c, "image", null), "path": array.concat(t.base, ["container_definitions", i, "image"]), "name": "image"}, "name": object.get(c, "name", sprintf("%d", [i]))} |
	t.family == "terraform"
	some i, c in tf_integrity.container_definitions(view.raw(t))
}
