#!/usr/bin/env bash
# Credentials benchmark: tollgate against the gitleaks CLI (v8.30.1, built
# here from the Go module proxy into a temporary directory, never in CI) on
# the shared corpus plus a generated tree of mixed text files (Go source,
# YAML, JSON, logs; default 200 MB) with a few planted credentials.
# Prints wall time, CPU time and peak RSS of each.
# Usage: bench/secrets.sh [MB] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
corpus=${2:-/work/shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tollgate" ./cmd/tollgate
GOBIN="$work" go install github.com/zricethezav/gitleaks/v8@v8.30.1
tree="$work/tree"
mkdir -p "$tree"
[ -d "$corpus" ] && cp -r "$corpus" "$tree/corpus"
python3 - "$tree/gen" "$mb" <<'PY'
import os, random, sys
root, mb = sys.argv[1], int(sys.argv[2])
random.seed(1)
words = "alpha beta gamma delta request response handler config value user order item cache queue".split()
def line(kind, i):
    w = random.choice(words)
    if kind == "go":   return f'\tif err := {w}.Handle(ctx, "{w}-{i}"); err != nil {{ return fmt.Errorf("{w}: %w", err) }}\n'
    if kind == "yaml": return f'{w}_{i % 97}: "{w}-{random.randint(0, 10**6)}"\n'
    if kind == "json": return f'  "{w}{i % 89}": {{"id": {i}, "name": "{w}", "enabled": true}},\n'
    return f'2026-12-02T10:{i % 60:02d}:00Z INFO {w} served request id={random.randint(0, 10**9)} in {i % 500}ms\n'
total, n = 0, 0
target = mb << 20
kinds = ["go", "yaml", "json", "log"]
while total < target:
    kind = kinds[n % 4]
    d = os.path.join(root, f"d{n // 200}")
    os.makedirs(d, exist_ok=True)
    body = "".join(line(kind, i) for i in range(random.randint(200, 4000)))
    if n % 500 == 0:  # a planted credential now and then
        body += 'aws_access_key_id = "AKIA' + "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)) + '"\n'
    with open(os.path.join(d, f"f{n}.{kind}"), "w") as f:
        f.write(body)
    total += len(body); n += 1
print(f"generated {n} files, {total >> 20} MB")
PY
echo "tree: $(du -sm "$tree" | cut -f1) MB, $(find "$tree" -type f | wc -l) files"
# Warm the page cache once so the figures are the tools', not the disk's.
cat $(find "$tree" -type f) >/dev/null
for run in 1 2 3; do
  /usr/bin/time -f "tollgate: run $run: %e s wall, %U s user, %S s sys, %M KB peak RSS, exit %x" \
    "$work/tollgate" scan "$tree" --format json="$work/tollgate.json" >/dev/null 2>"$work/tg.err" || true
  tail -1 "$work/tg.err"
  /usr/bin/time -f "gitleaks: run $run: %e s wall, %U s user, %S s sys, %M KB peak RSS, exit %x" \
    "$work/gitleaks" dir --no-banner --redact --exit-code 0 --report-format json --report-path "$work/gitleaks.json" "$tree" >/dev/null 2>"$work/gl.err" || true
  tail -1 "$work/gl.err"
done
echo "tollgate secrets findings: $(grep -c '"ruleId": "secrets-file-credential"' "$work/tollgate.json" || true)"
echo "gitleaks findings: $(grep -c '"RuleID"' "$work/gitleaks.json" || true)"
