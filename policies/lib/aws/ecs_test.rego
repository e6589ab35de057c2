package tollgate.lib.aws.ecs_test

import rego.v1

import data.tollgate.lib.aws.ecs

test_cloudformation_containers if {
	cs := ecs.containers(ecs.task_definitions.T) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
		{"Name": "web", "Image": "nginx"},
		{"Image": "app:1.2"},
		{"Name": "no-image"},
	]}}}}
	cs == {
		{"image": {"value": "nginx", "path": ["Resources", "T", "Properties", "ContainerDefinitions", 0, "Image"], "name": "ContainerDefinitions.Image"}, "name": "web"},
		{"image": {"value": "app:1.2", "path": ["Resources", "T", "Properties", "ContainerDefinitions", 1, "Image"], "name": "ContainerDefinitions.Image"}, "name": "1"},
	}
}

test_terraform_containers_from_json if {
	cs := ecs.containers(ecs.task_definitions[0]) with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition", "values": {
		"container_definitions": `[{"name": "web", "image": "nginx"}]`,
	}}]}
	cs == {{"image": {"value": "nginx", "path": ["resources", 0, "values", "container_definitions", 0, "image"], "name": "image"}, "name": "web"}}
}
