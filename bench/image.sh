#!/usr/bin/env bash
# Scans a generated image tarball (default 10 layers x 50 MB of random data)
# and prints wall time and peak RSS: layers must stream, never sit in memory.
# Usage: bench/image.sh [LAYERS] [LAYER_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
layers=${1:-10} mb=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tollgate" ./cmd/tollgate
go run ./bench/gen -kind image -n "$layers" -layer-mb "$mb" -out "$work/image.tar"
echo "image tarball: $(du -m "$work/image.tar" | cut -f1) MB"
for run in 1 2 3; do
  /usr/bin/time -f "image: run $run: %e s wall, %M KB peak RSS, exit %x" \
    "$work/tollgate" scan --image-tar "$work/image.tar" --format json="$work/out.json" >/dev/null || true
done
