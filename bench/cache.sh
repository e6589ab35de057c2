#!/usr/bin/env bash
# Results cache benchmark: a monorepo made of the shared corpus copied N
# times (default 8: over 10,000 files), scanned cold (empty cache), warm
# (nothing changed) and after changing 1 % of the files (a newline appended,
# so every format still parses); prints wall time, CPU time and how many
# targets the cache reused, and checks that the warm reports are the bytes
# of a scan without the cache.
# Usage: bench/cache.sh [COPIES] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-8}
corpus=${2:-/work/shared/corpus}
. bench/monorepo.sh "$copies" "$corpus"
cache="$work/cache"
scan() { # NAME ARGS...
  local name=$1; shift
  /usr/bin/time -f "$name: %e s wall, %U s user, %M KB peak RSS" \
    env TOLLGATE_DEBUG=1 "$work/tollgate" scan "$@" --format json="$work/$name.json" --format sarif="$work/$name.sarif" "$tree" \
    >/dev/null 2>"$work/$name.err" || true
  grep -h "wall" "$work/$name.err"
  grep -ho "results cache .*" "$work/$name.err" | sed 's|/.*/results|DIR/results|' || true
}
# Warm the page cache once so the figures are tollgate's, not the disk's.
"$work/tollgate" scan --no-cache "$tree" >/dev/null 2>&1 || true
scan nocache --no-cache
scan cold --cache-dir "$cache"
scan warm --cache-dir "$cache"
cmp -s "$work/nocache.json" "$work/warm.json" && cmp -s "$work/nocache.sarif" "$work/warm.sarif" \
  && echo "warm reports: byte-identical to the uncached scan" || echo "warm reports DIFFER from the uncached scan"
# Change 1 % of the files: every 100th, in a stable order.
find "$tree" -type f | LC_ALL=C sort | awk 'NR % 100 == 0' | while IFS= read -r f; do printf '\n' >>"$f"; done
echo "changed: $(find "$tree" -type f | LC_ALL=C sort | awk 'NR % 100 == 0' | wc -l) files"
scan nocache-changed --no-cache
scan changed --cache-dir "$cache"
cmp -s "$work/nocache-changed.json" "$work/changed.json" && cmp -s "$work/nocache-changed.sarif" "$work/changed.sarif" \
  && echo "1%-changed reports: byte-identical to the uncached scan" || echo "1%-changed reports DIFFER from the uncached scan"
echo "cache size: $(du -sh "$cache/results" | cut -f1)"
