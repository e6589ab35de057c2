# Sourced by the benchmarks on a monorepo (cache.sh, shards.sh, speed.sh):
# builds tollgate into a temporary work folder, removed on exit, and with
# COPIES > 0 a monorepo there made of CORPUS copied COPIES times (team-1 …
# team-N). Sets work and, through monorepo, tree and files. speed.sh passes
# 0 and calls monorepo itself only when it times the monorepo.
# Usage: . bench/monorepo.sh COPIES CORPUS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# An interrupted benchmark exits through the EXIT trap too.
trap 'exit 130' INT
trap 'exit 143' TERM
go build -o "$work/tollgate" ./cmd/tollgate
monorepo() { # COPIES CORPUS
  tree="$work/monorepo"
  for i in $(seq 1 "$1"); do
    mkdir -p "$tree/team-$i"
    cp -r "$2"/. "$tree/team-$i/"
  done
  files=$(find "$tree" -type f | wc -l)
  echo "monorepo: $files files ($1 copies of $2)"
}
[ "$1" -eq 0 ] || monorepo "$1" "$2"
