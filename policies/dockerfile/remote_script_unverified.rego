# METADATA
# title: Downloaded scripts are verified before they run
# description: >-
#   RUN curl ... | sh (and wget -O- | bash, bash <(curl ...), sh -c "$(curl ...)",
#   or a downloaded file executed afterwards) runs whatever the server
#   returns with the build's privileges. Without a checksum or signature
#   check in the same RUN, a compromised or changed download is executed
#   and built into the image. Heredoc scripts count as part of the RUN, and
#   so does a script an earlier instruction wrote (COPY <<EOF /x.sh,
#   RUN cat > /x.sh <<EOF) that the RUN executes: the finding then points at
#   the script's line.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-run-remote-script-unverified
#   severity: high
#   theme: integrity
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Download to a file, verify it, then run it, in one RUN:
#     curl -fsSLo /tmp/install.sh https://example.com/install.sh &&
#     echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
#     (or verify a signature with gpg --verify); better, install a pinned package.
package tollgate.dockerfile.remote_script_unverified

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some c in containers.run_commands
	some how in _executions(c.text)
	not _verified(c.text)
	f := {
		"resource": c.resource,
		"path": _where(c, how),
		"message": _message(c, how),
	}
}

_message(c, how) := sprintf("RUN %s without a checksum or signature check", [how]) if c.script == ""

else := sprintf("RUN executes %s, which %s without a checksum or signature check", [c.script, how])

# _where is the first line of the text that shows the problem on its own,
# else the whole text (a pipe split over continuation lines).
_where(c, how) := ps[0] if {
	ps := [l.path | some l in c.lines; how in _executions(l.text)]
	count(ps) > 0
} else := ps[0] if {
	how == "executes a downloaded file"
	ps := [l.path |
		some l in c.lines
		some file in _downloaded_files(c.text)
		_executed(l.text, file)
	]
	count(ps) > 0
} else := c.path

_shells := `(sh|bash|zsh|dash|ksh|ash|python[0-9.]*|perl|ruby|node|php)`

_fetch := `(curl|wget)`

_patterns := {
	"pipes a download into a shell": sprintf(`\b%s\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+(\S+=\S*\s+)*)?(/[a-z/]*/)?%s\b`, [_fetch, _shells]),
	"runs a download through process substitution": sprintf(`(^|[\s;&|(])(%s|source|\.)\s+(-\S+\s+)*<\(\s*%s\b`, [_shells, _fetch]),
	"runs a download through command substitution": sprintf("(^|[\\s;&|(])(%s|eval)\\b[^;&|\\n]*(\\$\\(|`)\\s*%s\\b", [_shells, _fetch]),
}

# Every pattern, and every downloaded file, needs curl or wget in the text:
# most RUN texts have neither and skip the regular expressions.
_executions(text) := {how |
	some how, re in _patterns
	regex.match(re, text)
} | {"executes a downloaded file" |
	some file in _downloaded_files(text)
	_executed(text, file)
} if _fetches(text)

else := set()

_fetches(text) if contains(text, "curl")

_fetches(text) if contains(text, "wget")

# Files written by curl -o / wget -O (not "-", which is stdout).
_downloaded_files(text) := {m[3] |
	some m in regex.find_all_string_submatch_n(`\b(curl|wget)\b[^;&|\n]*\s(-[a-zA-Z]*[oO]|--output|--output-document)[\s=]+([A-Za-z0-9_./-]+)`, text, -1)
	m[3] != "-"
}

_executed(text, file) if {
	quoted := replace(file, ".", `\.`)
	regex.match(sprintf(`((^|[;&|]|&&|\|\|)\s*|\b%s\s+(-\S+\s+)*|(^|\s)(source|\.)\s+|\./)%s(\s|$|;|&|\|)`, [_shells, quoted]), text)
}

_verified(text) if regex.match(`\b(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum)\b[^;&|\n]*\s(-c|--check)\b`, text)

_verified(text) if regex.match(`\b[a-fA-F0-9]{64}\b[^|\n]*\|\s*(sha256sum|shasum)`, text)

_verified(text) if regex.match(`\bgpgv?\b[^;&|\n]*\s--verify\b|\bgpgv\s|\bcosign\s+verify|\bminisign\s[^;&|\n]*-V\b|\bsignify\s[^;&|\n]*-V\b`, text)
