#!/usr/bin/env bash
# Benchmarks a whole `tollgate scan` on generated trees and prints wall time
# and peak RSS. Usage: bench/scan.sh [cfn N | cfn-wide N | terraform N] ...
#   bench/scan.sh cfn 1000 terraform 500
#   bench/scan.sh cfn-wide 5000 cfn-wide 20000 cfn-wide 132000  # one template of N buckets
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tollgate" ./cmd/tollgate
[ $# -gt 0 ] || set -- cfn 1000 terraform 500
while [ $# -ge 2 ]; do
  kind=$1 n=$2; shift 2
  go run ./bench/gen -kind "$kind" -n "$n" -out "$work/$kind-$n"
  files=$(find "$work/$kind-$n" -type f | wc -l)
  # Warm the page cache once so the figure is tollgate's, not the disk's.
  "$work/tollgate" scan "$work/$kind-$n" --format json="$work/out.json" >/dev/null || true
  for run in 1 2 3; do
    /usr/bin/time -f "$kind $n: $files files, run $run: %e s wall, %U s user, %M KB peak RSS, exit %x" \
      "$work/tollgate" scan "$work/$kind-$n" --format json="$work/out.json" >/dev/null || true
  done
  echo "$kind findings: $(grep -c '"ruleId"' "$work/out.json")"
done
