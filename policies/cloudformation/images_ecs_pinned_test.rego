package tollgate.cloudformation.images_ecs_pinned_test

import rego.v1

import data.tollgate.cloudformation.images_ecs_pinned as rule

task(containers) := {"Resources": {"WebTask": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}}}

test_latest_and_untagged if {
	rule.deny == {
		{
			"resource": "WebTask",
			"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 0, "Image"],
			"message": "Container web uses image nginx:latest, which is not pinned to a version or digest",
		},
		{
			"resource": "WebTask",
			"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 2, "Image"],
			"message": "Container sidecar uses image public.ecr.aws/aws-observability/aws-otel-collector, which is not pinned to a version or digest",
		},
	} with input as task([
		{"Name": "web", "Image": "nginx:latest"},
		{"Name": "app", "Image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2"},
		{"Name": "sidecar", "Image": "public.ecr.aws/aws-observability/aws-otel-collector"},
	])
}

test_registry_port_is_not_a_tag if {
	count(rule.deny) == 1 with input as task([{"Name": "app", "Image": "localhost:5000/app"}])
}

test_digest_and_version if {
	count(rule.deny) == 0 with input as task([
		{"Name": "a", "Image": "nginx@sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"},
		{"Name": "b", "Image": "nginx:1.27-alpine"},
	])
}

test_unknown_image if {
	count(rule.deny) == 0 with input as task([{"Name": "app", "Image": {"__unknown__": true, "expr": "Fn::Sub ${Repo.RepositoryUri}:latest", "ref": "Repo"}}])
	count(rule.deny) == 0 with input as task({"__unknown__": true, "expr": "Fn::If [...]"})
}

test_unnamed_container if {
	rule.deny == {{
		"resource": "WebTask",
		"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 0, "Image"],
		"message": "Container 0 uses image busybox, which is not pinned to a version or digest",
	}} with input as task([{"Image": "busybox"}])
}
