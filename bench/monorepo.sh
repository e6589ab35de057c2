# Sourced by the monorepo benchmarks (cache.sh, shards.sh): builds tollgate
# into a temporary work folder and a monorepo there made of CORPUS copied
# COPIES times (team-1 … team-N), removed on exit. Sets work, tree, files.
# Usage: . bench/monorepo.sh COPIES CORPUS
copies=$1
corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tollgate" ./cmd/tollgate
tree="$work/monorepo"
for i in $(seq 1 "$copies"); do
  mkdir -p "$tree/team-$i"
  cp -r "$corpus"/. "$tree/team-$i/"
done
files=$(find "$tree" -type f | wc -l)
echo "monorepo: $files files ($copies copies of $corpus)"
