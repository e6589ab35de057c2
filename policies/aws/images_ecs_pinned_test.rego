package tollgate.aws.images_ecs_pinned_test

import rego.v1

import data.tollgate.aws.images_ecs_pinned as rule

# CloudFormation (and CDK)

cfn_task(containers) := {"tollgate": {"format": "cloudformation"}, "Resources": {"WebTask": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}}}

test_cloudformation_latest_and_untagged if {
	rule.deny == {
		{
			"resource": "WebTask",
			"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 0, "Image"],
			"message": "Container web uses image nginx:latest, which is not pinned to a version or digest",
			"remediation": rule.fix.cloudformation,
		},
		{
			"resource": "WebTask",
			"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 2, "Image"],
			"message": "Container sidecar uses image public.ecr.aws/aws-observability/aws-otel-collector, which is not pinned to a version or digest",
			"remediation": rule.fix.cloudformation,
		},
	} with input as cfn_task([
		{"Name": "web", "Image": "nginx:latest"},
		{"Name": "app", "Image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2"},
		{"Name": "sidecar", "Image": "public.ecr.aws/aws-observability/aws-otel-collector"},
	])
}

test_cloudformation_registry_port_is_not_a_tag if {
	count(rule.deny) == 1 with input as cfn_task([{"Name": "app", "Image": "localhost:5000/app"}])
}

test_cloudformation_digest_and_version if {
	count(rule.deny) == 0 with input as cfn_task([
		{"Name": "a", "Image": "nginx@sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"},
		{"Name": "b", "Image": "nginx:1.27-alpine"},
	])
}

test_cloudformation_unknown_image if {
	count(rule.deny) == 0 with input as cfn_task([{"Name": "app", "Image": {"__unknown__": true, "expr": "Fn::Sub ${Repo.RepositoryUri}:latest", "ref": "Repo"}}])
	count(rule.deny) == 0 with input as cfn_task({"__unknown__": true, "expr": "Fn::If [...]"})
}

test_cloudformation_unnamed_container if {
	rule.deny == {{
		"resource": "WebTask",
		"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 0, "Image"],
		"message": "Container 0 uses image busybox, which is not pinned to a version or digest",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_task([{"Image": "busybox"}])
}

# Terraform

sha := "sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"

tf_task(defs) := {"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "values": {"family": "app", "container_definitions": defs}}

test_terraform_latest_and_untagged if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_task(json.marshal([
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

test_terraform_unknown_or_partial_images if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_task({"__unknown__": true, "expr": "jsonencode(local.containers)"}),
		tf_task(json.marshal([{"name": "app", "image": "${repository_url}:latest"}, {"name": "x"}])),
	]}
	got == set()
}
