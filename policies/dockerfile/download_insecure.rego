# METADATA
# title: Downloads and package managers keep TLS and signature checks on
# description: >-
#   curl -k, wget --no-check-certificate, apt-get --allow-unauthenticated or
#   a [trusted=yes] source, apk add --allow-untrusted, pip --trusted-host or
#   an http:// index, npm/yarn strict-ssl false, git http.sslVerify false or
#   GIT_SSL_NO_VERIFY, yum/dnf --nogpgcheck, rpm --nosignature/--nodigest and
#   gpgcheck=0 in a repository file turn off the checks that stop a
#   man-in-the-middle or a tampered mirror from putting its own code into
#   the image. Heredocs, continuation lines and scripts an earlier
#   instruction wrote and the RUN executes are read like the RUN; each
#   finding names the line that turns the check off.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-download-insecure
#   severity: high
#   theme: integrity
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Remove the flag or setting. When a server uses a private CA, install
#     the CA certificate in the image (COPY ca.crt /usr/local/share/ca-certificates/
#     && update-ca-certificates, or --cacert / PIP_CERT / npm cafile) instead
#     of turning verification off; import the repository's signing key
#     instead of skipping signature checks.
package tollgate.dockerfile.download_insecure

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some c in containers.run_commands
	text := containers.strip_comments(c.text)
	low := lower(text)
	some check in _checks
	contains(low, check.needle) # cheap filter before the regular expression
	regex.match(check.re, text)
	some path in _where(c, check)
	f := {
		"resource": c.resource,
		"path": path,
		"message": _message(c, check.how),
	}
}

# GIT_SSL_NO_VERIFY turns verification off whatever its value (git only
# checks that it is set); NODE_TLS_REJECT_UNAUTHORIZED=0 does for Node.
deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd in {"env", "arg"}
	some p in object.get(ins, "pairs", [])
	is_string(p.value)
	how := _insecure_env(p.key, p.value)
	f := {
		"resource": st.resource,
		"path": ["stages", i, "instructions", j],
		"message": sprintf("%s %s=%s %s", [upper(ins.cmd), p.key, p.value, how]),
	}
}

_insecure_env("GIT_SSL_NO_VERIFY", _) := "turns off TLS certificate checks for every git command of the build"

_insecure_env("NODE_TLS_REJECT_UNAUTHORIZED", "0") := "turns off TLS certificate checks for every Node.js download of the build"

_message(c, how) := sprintf("RUN %s", [how]) if c.script == ""

else := sprintf("RUN executes %s, which %s", [c.script, how])

# _where is every line that shows the setting on its own, else the first
# line holding the flag (the command may be on an earlier continuation
# line), else the whole text.
_where(c, check) := ps if {
	ps := {l.path | some l in c.lines; regex.match(check.re, containers.strip_comments(l.text))}
	count(ps) > 0
} else := {ps[0]} if {
	ps := [l.path | some l in c.lines; regex.match(check.flag, containers.strip_comments(l.text))]
	count(ps) > 0
} else := {c.path}

# Arguments of one command: up to a command separator or the end of line.
_args := `[^;&|\n]*`

# A command name where a command starts (not inside a quoted word such as
# echo 'curl -k'); a path prefix (/usr/bin/curl) is allowed.
_cmd(name) := sprintf(`(^|[\s;&|(/])%s\b`, [name])

_checks := [
	{
		"how": "downloads with curl -k/--insecure, which accepts any TLS certificate",
		"needle": "curl",
		"re": sprintf(`%s%s\s(-[a-zA-Z]*k[a-zA-Z]*|--insecure)(\s|$)`, [_cmd(`curl`), _args]),
		"flag": `(^|\s)(-[a-zA-Z]*k[a-zA-Z]*|--insecure)(\s|$)`,
	},
	{
		"how": "downloads with wget --no-check-certificate, which accepts any TLS certificate",
		"needle": "no-check-certificate",
		"re": sprintf(`%s%s\s--no-check-certificate\b`, [_cmd(`wget`), _args]),
		"flag": `(^|\s)--no-check-certificate\b`,
	},
	{
		"how": "installs packages without verifying their signatures (apt --allow-unauthenticated/--allow-insecure-repositories)",
		"needle": "apt",
		"re": sprintf(`%s%s\s(--allow-unauthenticated|--allow-insecure-repositories|-o\s*["']?(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=["']?(true|1|yes))\b`, [_cmd(`apt(-get)?`), _args]),
		"flag": `(^|\s)(--allow-unauthenticated|--allow-insecure-repositories|-o\s*["']?(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=)`,
	},
	{
		# A local file: or copy: repository of packages the build made
		# itself (postgres builds from signed sources this way) is not a
		# download.
		"how": "adds an apt source marked [trusted=yes], whose packages are installed without a signature check",
		"needle": "trusted",
		"re": `(\[[^\]\n]*\btrusted=yes\b[^\]\n]*\]\s*(https?|ftp|tor\+https?|mirror(\+[a-z]+)?|s3|gs)://)|((?m)(^|\\n)[ \t]*Trusted:\s*yes\b)`,
		"flag": `\btrusted=yes\b|Trusted:\s*yes\b`,
	},
	{
		"how": "installs packages with apk --allow-untrusted, without a signature check",
		"needle": "allow-untrusted",
		"re": sprintf(`%s%s\s--allow-untrusted\b`, [_cmd(`apk`), _args]),
		"flag": `(^|\s)--allow-untrusted\b`,
	},
	{
		"how": "installs Python packages with pip --trusted-host, which accepts any TLS certificate (or plain HTTP) from that host",
		"needle": "trusted-host",
		"re": sprintf(`%s%s\s--trusted-host\b`, [_cmd(`pip[0-9.]*`), _args]),
		"flag": `(^|\s)--trusted-host\b`,
	},
	{
		"how": "installs Python packages from an http:// index, which anyone on the path can replace",
		"needle": "http://",
		"re": sprintf(`%s%s\s(-i|--index-url|--extra-index-url)(\s+|=)["']?http://`, [_cmd(`pip[0-9.]*`), _args]),
		"flag": `(^|\s)(-i|--index-url|--extra-index-url)(\s+|=)["']?http://`,
	},
	{
		"how": "turns off npm/yarn TLS certificate checks (strict-ssl false)",
		"needle": "strict",
		"re": `(\bstrict-ssl(\s*=\s*|\s+)["']?false\b)|(\benableStrictSsl\b\s*:?\s+["']?false\b)`,
		"flag": `\b(strict-ssl|enableStrictSsl)\b`,
	},
	{
		"how": "turns off git TLS certificate checks (http.sslVerify false)",
		"needle": "sslverify",
		"re": `(?i)\bhttp\.sslverify(\s*=\s*|\s+)["']?(false|0|no|off)\b`,
		"flag": `(?i)\bhttp\.sslverify\b`,
	},
	{
		"how": "sets GIT_SSL_NO_VERIFY, which turns off git TLS certificate checks",
		"needle": "git_ssl_no_verify",
		"re": `(^|[\s;&|(])(export\s+)?GIT_SSL_NO_VERIFY=`,
		"flag": `\bGIT_SSL_NO_VERIFY=`,
	},
	{
		"how": "installs packages with --nogpgcheck, without a signature check",
		"needle": "nogpgcheck",
		"re": sprintf(`%s%s\s--nogpgcheck\b`, [_cmd(`(yum|dnf|microdnf|tdnf|yum-config-manager)`), _args]),
		"flag": `(^|\s)--nogpgcheck\b`,
	},
	{
		"how": "installs packages with zypper --no-gpg-checks, without a signature check",
		"needle": "no-gpg-checks",
		"re": sprintf(`%s%s\s--no-gpg-checks\b`, [_cmd(`zypper`), _args]),
		"flag": `(^|\s)--no-gpg-checks\b`,
	},
	{
		"how": "installs packages with rpm --nosignature/--nodigest, without a signature or digest check",
		"needle": "rpm",
		"re": sprintf(`%s%s\s(--nosignature|--nodigest|--nogpgcheck)\b`, [_cmd(`rpm`), _args]),
		"flag": `(^|\s)(--nosignature|--nodigest|--nogpgcheck)\b`,
	},
	{
		"how": "writes gpgcheck=0 into a package repository configuration, so its packages are not signature-checked",
		"needle": "gpgcheck",
		"re": `(?i)(^|[\s.'"=]|\\n)gpgcheck\s*=\s*(0|false|no)\b`,
		"flag": `(?i)(^|[\s.'"=]|\\n)gpgcheck\s*=`,
	},
]
