# METADATA
# description: >-
#   EMR security configurations as one view (see lib/view.rego). The
#   configuration is a JSON document: an object (or a JSON string) under
#   SecurityConfiguration in CloudFormation, a JSON string in Terraform's
#   configuration. Each entry decodes it once.
package tollgate.lib.aws.emr

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# where the document is, per family (relative to the resource's settings).
_spec := {
	"cloudformation": {"type": "AWS::EMR::SecurityConfiguration", "path": ["SecurityConfiguration"]},
	"terraform": {"type": "aws_emr_security_configuration", "path": ["configuration"]},
}

# security_configurations are {"view", "config", "path", "embedded"}: config
# is the decoded document (an unknown marker when it cannot be known), path
# the document path of the property that holds it, embedded true when the
# document is an object in the template (so a setting inside it has a path
# of its own) and false when it is a string.
security_configurations := [c |
	spec := _spec[view.family]
	some v in view.by_type[spec.type]
	raw := view.get(v.values, spec.path)
	raw != null
	some c in [_entry(v, spec.path, raw)]
]

_entry(v, p, raw) := {"view": v, "config": raw, "path": p, "embedded": true} if is_object(raw)

_entry(v, p, raw) := {"view": v, "config": json.unmarshal(raw), "path": p, "embedded": false} if {
	is_string(raw)
	json.is_valid(raw)
}

# A string that is not JSON is rejected by EMR at deploy time: nothing to
# judge, so it reads as unknown rather than as "no encryption".
_entry(v, p, raw) := {"view": v, "config": {"__unknown__": true}, "path": p, "embedded": false} if {
	is_string(raw)
	not json.is_valid(raw)
}

# setting returns the value at path q inside the decoded document (null when
# missing; the unknown marker when the document or a block on the way is
# unknown).
setting(c, q) := view.get(c.config, q) if is_object(c.config)

else := c.config

# setting_path returns the document path of setting q: inside the object
# when the template embeds it, else the property holding the JSON string.
setting_path(c, q) := array.concat(c.path, q) if c.embedded

else := c.path

# switch_off holds when the boolean at q is known to be off: missing (EMR
# encrypts nothing unless asked) or false.
switch_off(c, q) if {
	x := setting(c, q)
	not core.is_unknown(x)
	not core.is_true(x)
}

# finding reports setting q of security configuration c.
finding(c, q, msg, fix) := view.finding_at(c.view, setting_path(c, q), msg, fix)
