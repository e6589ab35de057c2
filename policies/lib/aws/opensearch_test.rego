package tollgate.lib.aws.opensearch_test

import rego.v1

import data.tollgate.lib.aws.opensearch
import data.tollgate.lib.view

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"D": {"Type": "AWS::Elasticsearch::Domain", "Properties": props}}}

tf(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_opensearch_domain.d", "mode": "managed", "type": "aws_opensearch_domain", "values": values}]}

test_cloudformation if {
	d := opensearch.domains.D with input as cfn({
		"EncryptionAtRestOptions": {"Enabled": true},
		"NodeToNodeEncryptionOptions": {"Enabled": false},
		"DomainEndpointOptions": {"TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
	})
	[view.value(d, "encryption_at_rest"), view.value(d, "node_to_node_encryption"), view.value(d, "tls_policy")] == [true, false, "Policy-Min-TLS-1-2-2019-07"]
	view.value(d, "enforce_https") == null # EnforceHTTPS defaults to false
}

test_terraform if {
	d := opensearch.domains[0] with input as tf({
		"encrypt_at_rest": [{"enabled": true}],
		"node_to_node_encryption": [{"enabled": false}],
		"domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}],
	})
	[view.value(d, "encryption_at_rest"), view.value(d, "node_to_node_encryption"), view.value(d, "tls_policy")] == [true, false, "Policy-Min-TLS-1-2-2019-07"]
	_tls_policy := view.field_of(d, "tls_policy")
	_tls_policy.path == ["resources", 0, "values", "domain_endpoint_options", 0, "tls_security_policy"]
}

# The provider defaults enforce_https to true inside the block only.
test_terraform_enforce_https_default if {
	view.value(opensearch.domains[0], "enforce_https") == true with input as tf({"domain_endpoint_options": [{}]})
	view.value(opensearch.domains[0], "enforce_https") == null with input as tf({})
	view.value(opensearch.domains[0], "enforce_https") == false with input as tf({"domain_endpoint_options": [{"enforce_https": false}]})
}
