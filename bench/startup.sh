#!/usr/bin/env bash
# Start-up benchmark (issue #18): whole `tollgate scan --no-cache` runs of
# one file, the pre-commit case: bench/speed.sh's one-file cases (one
# CloudFormation template, one Terraform module, one Dockerfile) or the
# TARGETs given, RUNS runs each (default 7), with speed.sh's table. With a
# second binary, runs of the two alternate, so a busy machine slows both
# alike.
# Usage: bench/startup.sh [-n RUNS] [-b OLD_BINARY] [TARGET...]
set -euo pipefail
args=(-1 -n 7)
while getopts n:b: o; do
  case $o in n) args+=(-n "$OPTARG") ;; b) args+=(-b "$OPTARG") ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
for t in "$@"; do args+=(-t "$t"); done
exec "$(dirname "$0")/speed.sh" "${args[@]}"
