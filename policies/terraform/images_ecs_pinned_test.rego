package tollgate.terraform.images_ecs_pinned_test

import rego.v1

import data.tollgate.terraform.images_ecs_pinned as rule

sha := "sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"

task(defs) := {"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "values": {"family": "app", "container_definitions": defs}}

test_latest_and_untagged if {
	got := rule.deny with input as {"resources": [task(json.marshal([
		{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest"},
		{"name": "proxy", "image": "nginx"},
		{"name": "agent", "image": "public.ecr.aws/datadog/agent:7.52.0"},
		{"name": "otel", "image": sprintf("otel/opentelemetry-collector@%s", [sha])},
		{"name": "sidecar", "image": "localhost:5000/sidecar"},
	]))]}
	{[f.path, f.message] | some f in got} == {
		[["resources", 0, "values", "container_definitions", 0, "image"], "Container app uses image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest, which is not pinned to a version or digest"],
		[["resources", 0, "values", "container_definitions", 1, "image"], "Container proxy uses image nginx, which is not pinned to a version or digest"],
		[["resources", 0, "values", "container_definitions", 4, "image"], "Container sidecar uses image localhost:5000/sidecar, which is not pinned to a version or digest"],
	}
}

test_unknown_or_partial_images if {
	got := rule.deny with input as {"resources": [
		task({"__unknown__": true, "expr": "jsonencode(local.containers)"}),
		task(json.marshal([{"name": "app", "image": "${repository_url}:latest"}, {"name": "x"}])),
	]}
	got == set()
}
