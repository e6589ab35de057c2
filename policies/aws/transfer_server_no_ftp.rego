# METADATA
# title: Transfer Family servers do not offer plain FTP
# description: >-
#   FTP sends user names, passwords and files in clear text. A Transfer
#   Family server offers only SFTP unless Protocols (protocols) lists others;
#   FTPS and SFTP encrypt the session, FTP does not.
# custom:
#   id: aws-transfer-server-no-ftp
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Transfer::Server", "aws_transfer_server"]
#   remediation: Remove FTP from Protocols (protocols); use SFTP or FTPS.
package tollgate.aws.transfer_server_no_ftp

import rego.v1

import data.tollgate.lib.view

fix := {
	"cloudformation": "Remove FTP from Protocols; offer SFTP or FTPS (with a Certificate) instead.",
	"terraform": "Remove \"FTP\" from protocols; offer \"SFTP\" or \"FTPS\" (with certificate) instead.",
}

_paths := {
	"cloudformation": {"type": "AWS::Transfer::Server", "protocols": ["Protocols"]},
	"terraform": {"type": "aws_transfer_server", "protocols": ["protocols"]},
}

deny contains f if {
	spec := _paths[view.family]
	some v in view.by_type[spec.type]
	protocols := view.get(v.values, spec.protocols)
	is_array(protocols)
	some i, p in protocols
	is_string(p)
	upper(p) == "FTP"
	f := view.finding_at(v, array.concat(spec.protocols, [i]), "Transfer Family server offers plain FTP: credentials and files travel unencrypted", fix)
}
