#!/usr/bin/env bash
# Shard benchmark: a monorepo made of the shared corpus copied N times
# (default 8), scanned whole and as 4 shards one after another (each shard
# as its own CI job would run it: the same discovery, its part of the
# targets), without the results cache. Prints each run's wall and CPU time
# and the slowest shard's share of the whole scan's wall time, and checks
# that merging the parts gives the bytes of the whole scan.
# Each run is repeated REPEAT times (default 1) and its best wall time kept,
# so a run that another process slowed down does not decide the figure.
# Usage: [REPEAT=N] bench/shards.sh [COPIES] [SHARDS] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-8}
shards=${2:-4}
corpus=${3:-/work/shared/corpus}
. bench/monorepo.sh "$copies" "$corpus"
# Warm the page cache once so the figures are tollgate's, not the disk's.
"$work/tollgate" scan --no-cache "$tree" >/dev/null 2>&1 || true
repeat=${REPEAT:-1}
run() { # NAME ARGS...
  local name=$1; shift
  local best="" bestuser="" wall user
  for _ in $(seq 1 "$repeat"); do
    /usr/bin/time -o "$work/$name.time" -f "%e %U" "$work/tollgate" scan --no-cache "$@" "$tree" >/dev/null 2>&1 || true
    read -r wall user < <(tail -n 1 "$work/$name.time") # after "Command exited with ..."
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall bestuser=$user
    fi
  done
  echo "$name: ${best} s wall, ${bestuser} s user (best of $repeat)"
  echo "$best" >"$work/$name.wall"
}
run whole --format json="$work/whole.json"
slowest=0
for k in $(seq 1 "$shards"); do
  run "shard-$k" --shard "$k/$shards" --format json="$work/part-$k.json"
  slowest=$(awk -v a="$slowest" -v b="$(cat "$work/shard-$k.wall")" 'BEGIN { print (b > a) ? b : a }')
done
awk -v s="$slowest" -v w="$(cat "$work/whole.wall")" 'BEGIN { printf "slowest shard: %.1f s, %.0f %% of the whole scan\n", s, 100 * s / w }'
"$work/tollgate" merge --format json="$work/merged.json" "$work"/part-*.json >/dev/null 2>&1 || true
cmp -s "$work/whole.json" "$work/merged.json" && echo "merged report: byte-identical to the whole scan" \
  || echo "merged report DIFFERS from the whole scan"
