package tollgate.lib.credential_values_test

import rego.v1

import data.tollgate.lib.credential_values as values

# base64 of a PEM certificate, as EKS returns certificate_authority[0].data.
ca_base64 := base64.encode("-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n-----END CERTIFICATE-----\n")

key_bundle := "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"

test_public_values if {
	startswith(ca_base64, "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS")
	every v in [
		ca_base64,
		"-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
		"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----",
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example",
		"sts.amazonaws.com", "oidc.eks.eu-west-1.amazonaws.com",
		"token.actions.githubusercontent.com:aud", "aws:SourceArn",
		"https://token.actions.githubusercontent.com", "https://auth.example.com/oauth2/token",
	] {
		values.public_value(v)
	}
}

test_secret_shapes_are_not_public if {
	every v in [
		"hunter2", "Sup3r$ecret!", key_bundle, base64.encode(key_bundle),
		"postgres://app:s3cret@db:5432/app", "https://user:pw@example.com/",
		"https://example.com/api?key=abcdef", "admin:Passw0rd",
		concat("", ["https://hooks.slack.com/services/T0123ABCD/B0123ABCD/", "AbCdEfGhIjKlMnOpQrStUvWx"]),
		"LS0tLS1CRUdJTi", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==",
	] {
		not values.public_value(v)
	}
}
