#!/usr/bin/env bash
# Start-up benchmark (issue #18): whole `tollgate scan --no-cache` runs of
# one file, the pre-commit case, printing min/median/max of wall time, user
# CPU and peak RSS over RUNS runs (default 7). With a second binary, runs
# of the two alternate, so a busy machine slows both alike.
# Usage: bench/startup.sh [-n RUNS] [-b OLD_BINARY] [TARGET...]
#   default targets: one CloudFormation template, one Dockerfile and one
#   small Terraform module of the shared corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7 old=
while getopts n:b: o; do
  case $o in n) runs=$OPTARG ;; b) old=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
corpus=/work/shared/corpus
[ $# -gt 0 ] || set -- \
  "$corpus/aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml" \
  "$corpus/redis/7.0/debian/Dockerfile" \
  "$corpus/terraform-aws-s3-bucket/modules/notification"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/new" ./cmd/tollgate
bins=(new)
if [ -n "$old" ]; then cp "$old" "$work/old"; bins=(old new); fi
stats() { # column of "wall user rss" lines -> min med max
  sort -n | awk '{v[NR]=$1} END {printf "%s / %s / %s", v[1], v[int((NR+1)/2)], v[NR]}'
}
printf "%-44s %-4s %-20s %-20s %s\n" target bin "wall s min/med/max" "user s min/med/max" "RSS KB min/med/max"
for t in "$@"; do
  for b in "${bins[@]}"; do : >"$work/$b.times"; done
  for _ in $(seq "$runs"); do
    for b in "${bins[@]}"; do
      /usr/bin/time -a -o "$work/$b.times" -f "%e %U %M" \
        "$work/$b" scan --no-cache --format json="$work/$b.json" "$t" >/dev/null 2>&1 || true
    done
  done
  for b in "${bins[@]}"; do
    grep -E '^[0-9.]+ [0-9.]+ [0-9]+$' "$work/$b.times" >"$work/$b.clean"
    printf "%-44s %-4s %-20s %-20s %s\n" "$(basename "$t")" "$b" \
      "$(cut -d' ' -f1 "$work/$b.clean" | stats)" "$(cut -d' ' -f2 "$work/$b.clean" | stats)" "$(cut -d' ' -f3 "$work/$b.clean" | stats)"
  done
  if [ -n "$old" ] && ! cmp -s "$work/old.json" "$work/new.json"; then
    echo "  JSON reports differ for $t" >&2
  fi
done
