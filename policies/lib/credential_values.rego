# METADATA
# description: |
#   Values that are public by their shape, whatever name holds them: X.509
#   certificates and public keys (PEM or base64 of PEM, as EKS hands out a
#   cluster's CA), SSH public keys, domain names, IAM condition keys and
#   URLs without credentials in them. A value that also holds a private key
#   or a userinfo password is not public.
package tollgate.lib.credential_values

import rego.v1

# public_value holds for a string that is public by its shape.
public_value(v) if _public_pem(v)

public_value(v) if {
	# "LS0tLS1CRUdJTi" is base64 of "-----BEGIN": only those strings are
	# decoded, and the decoded text must be public PEM as a whole.
	compact := regex.replace(v, `\s`, "")
	startswith(compact, "LS0tLS1CRUdJTi")
	base64.is_valid(compact)
	_public_pem(base64.decode(compact))
}

public_value(v) if regex.match(`^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp[0-9]+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) AAAA[0-9A-Za-z+/]+=*( [^\s]*)?\s*$`, v)

public_value(v) if domain(v)

# IAM condition keys (aws:SourceArn, token.actions.githubusercontent.com:aud)
# name an attribute of a request.
public_value(v) if {
	parts := split(v, ":")
	count(parts) == 2
	_condition_prefix(parts[0])
	regex.match(`^[A-Za-z][A-Za-z0-9_/-]*$`, parts[1])
}

# A URL with neither userinfo, query nor fragment, whose path has no segment
# long enough to be a token (Slack webhooks keep theirs in the path).
public_value(v) if {
	regex.match(`^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$`, v)
	not regex.match(`/[^/]{20,}`, trim_prefix(trim_prefix(v, "https://"), "http://"))
}

# domain holds for a lower-case DNS name under a common public or private
# suffix (sts.amazonaws.com, oidc.eks.eu-west-1.amazonaws.com).
domain(v) if regex.match(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+(com|net|org|io|dev|app|cloud|aws|co|uk|de|eu|gov|edu|internal|local)$`, v)

_condition_prefix(p) if p == "aws"

_condition_prefix(p) if domain(p)

# _public_pem holds for PEM text with certificates, CRLs or public keys and
# no private key.
_public_pem(s) if {
	regex.match(`-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|PUBLIC KEY|RSA PUBLIC KEY)-----`, s)
	not contains(s, "PRIVATE KEY")
}
