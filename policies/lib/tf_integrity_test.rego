package tollgate.lib.tf_integrity_test

import rego.v1

import data.tollgate.lib.tf_integrity as integrity

calls := {"module_calls": [
	{"address": "module.net", "source": "./modules/net"},
	{"address": "module.net.module.subnets", "source": "terraform-aws-modules/vpc/aws"},
	{"address": "module.db[\"a\"]", "source": "../shared/db"},
	{"address": "module.vendor", "source": "git::https://example.com/m.git?ref=abc"},
]}

test_own_module_follows_local_calls_only if {
	integrity.own_module("") with input as calls
	integrity.own_module("module.net") with input as calls
	integrity.own_module("module.db[\"a\"]") with input as calls
	not integrity.own_module("module.vendor") with input as calls
	not integrity.own_module("module.net.module.subnets") with input as calls
}

test_local_source if {
	integrity.local_source("./modules/x")
	integrity.local_source("../x")
	not integrity.local_source("terraform-aws-modules/vpc/aws")
	not integrity.local_source("git::https://example.com/x.git")
}

test_container_definitions if {
	defs := integrity.container_definitions({"values": {"container_definitions": `[{"name": "app", "image": "nginx"}]`}})
	defs[0].image == "nginx"
	integrity.container_definitions({"values": {"container_definitions": {"__unknown__": true, "expr": "jsonencode(local.c)"}}}) == []
	integrity.container_definitions({"values": {"container_definitions": "not json"}}) == []
	integrity.container_definitions({"values": {}}) == []
}

test_provider_address if {
	integrity.provider_address("hashicorp/aws", "aws") == "registry.terraform.io/hashicorp/aws"
	integrity.provider_address("registry.example.com/Acme/Thing", "thing") == "registry.example.com/acme/thing"
	integrity.provider_address("aws", "aws") == "registry.terraform.io/hashicorp/aws"
	integrity.provider_address("", "random") == "registry.terraform.io/hashicorp/random"
}

test_lock_key_ignores_default_registries if {
	integrity.lock_key("registry.terraform.io/hashicorp/aws") == "hashicorp/aws"
	integrity.lock_key("registry.opentofu.org/hashicorp/aws") == "hashicorp/aws"
	integrity.lock_key("registry.example.com/acme/thing") == "registry.example.com/acme/thing"
}

test_region_allowed if {
	cfg := {"allowed_regions": ["ap-southeast-2", "eu-*"]}
	integrity.region_allowed("AP-SOUTHEAST-2") with data.tollgate.config as cfg
	integrity.region_allowed("eu-central-1") with data.tollgate.config as cfg
	not integrity.region_allowed("us-east-1") with data.tollgate.config as cfg
	count(integrity.allowed_regions) == 0 with data.tollgate.config as {}
}
