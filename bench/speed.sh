#!/usr/bin/env bash
# Speed benchmark (issue #18): whole `tollgate scan --no-cache` processes on
# the shared corpus, each case run RUNS times (default 5) after one untimed
# run that warms the page cache, printing min/median/max of wall time, CPU
# time (user + sys) and peak RSS next to issue #18's targets (met or MISSED
# by the medians). The cases: one CloudFormation template, one Terraform
# module (4 files), one Dockerfile, the whole corpus and (unless -q) the
# corpus copied 6 times, whose CPU median over the corpus's says how close
# to linear a scan grows (6.00 is linear).
#   -n RUNS         timed runs per case and binary
#   -b OLD_BINARY   also time OLD_BINARY, alternating runs with the new one
#                   (a busy machine slows both alike), and warn when the two
#                   write different JSON reports
#   -o SAVE.tsv     write the medians, one line per case and binary
#   -c PREVIOUS.tsv print each median next to the one PREVIOUS.tsv saved
#                   for the same case and binary, and the ratio new/old
#   -q              quick: skip the 6-copy monorepo (~15 s a run)
#   -1              only the one-file cases (what bench/startup.sh runs)
#   -t TARGET       time TARGET (file or folder) instead; repeatable
# tollgate's exit codes 0, 1 and 2 are results (corpus folders block or
# cannot decide by design); a crash, a signal or a run that writes no
# report fails the benchmark. RSS is in MB of 1024 KB.
# Usage: bench/speed.sh [-n RUNS] [-b OLD_BINARY] [-o SAVE.tsv] [-c PREVIOUS.tsv] [-q] [-1] [-t TARGET]... [CORPUS_DIR]
set -euo pipefail
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
runs=5 old= save= prev= quick= one= targets=()
while getopts n:b:o:c:q1t: o; do
  case $o in
    n) runs=$OPTARG ;;
    b) old=$(abs "$OPTARG") ;;
    o) save=$(abs "$OPTARG") ;;
    c) prev=$(abs "$OPTARG") ;;
    q) quick=1 ;;
    1) one=1 ;;
    t) targets+=("$(abs "$OPTARG")") ;;
    *) sed -n 's/^# Usage: //p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
corpus=$(abs "${1:-/work/shared/corpus}")
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "speed.sh: -n $runs: want a positive number of runs" >&2; exit 2; }
[ -z "$old" ] || [ -x "$old" ] || { echo "speed.sh: -b $old: not an executable" >&2; exit 2; }
[ -z "$prev" ] || [ -r "$prev" ] || { echo "speed.sh: -c $prev: cannot read it" >&2; exit 2; }
[ -d "$corpus" ] || { echo "speed.sh: $corpus: no such folder" >&2; exit 2; }
cd "$(dirname "$0")/.."

# Each case: name, target, then issue #18's limits on the medians of wall
# seconds, CPU seconds and peak RSS MB (empty: none).
cases=()
add() { cases+=("$1|$2|$3|$4|$5"); }
if [ ${#targets[@]} -gt 0 ]; then
  for t in "${targets[@]}"; do
    [ -e "$t" ] || { echo "speed.sh: -t $t: no such file or folder" >&2; exit 2; }
    add "${t#"$corpus"/}" "$t" "" "" ""
  done
else
  add "cfn private-vpc.yaml" "$corpus/aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml" 0.12 "" 40
  add "tf modules/notification" "$corpus/terraform-aws-s3-bucket/modules/notification" 0.12 "" ""
  add "docker redis/7.0/debian" "$corpus/redis/7.0/debian/Dockerfile" 0.12 "" ""
  if [ -z "$one" ]; then
    add "corpus" "$corpus" 1.5 2.5 150
    [ -n "$quick" ] || add "corpus x6" "monorepo" "" "" 300
  fi
fi

# Sets work (removed on exit) and builds tollgate there once.
. bench/monorepo.sh 0 "$corpus"
bins=(new)
ln -s tollgate "$work/new"
if [ -n "$old" ]; then cp "$old" "$work/old"; bins=(old new); fi

run() { # BIN TARGET: one scan; prints "wall cpu rss_kb", exits on a crash
  local rc=0
  rm -f "$work/$1.json"
  /usr/bin/time -o "$work/time" -f "%e %U %S %M" \
    "$work/$1" scan --no-cache --format json="$work/$1.json" "$2" >/dev/null 2>"$work/err" || rc=$?
  # A Go panic also exits 2, so look for one whatever the exit code.
  if [ "$rc" -gt 2 ] || grep -qE '^(panic: |fatal error: )' "$work/err" || [ ! -s "$work/$1.json" ]; then
    local why="exit $rc"
    [ "$rc" -le 128 ] || why="signal $((rc - 128))"
    [ -s "$work/$1.json" ] || why+=", no report written"
    # The panic's first line only: the rest of stderr may quote scanned text.
    echo "speed.sh: $1 failed on $2 ($why) $(grep -m 1 -E '^(panic: |fatal error: )' "$work/err" || true)" >&2
    exit 1
  fi
  # Every run of a case must end as its first did: a scan that decides
  # differently from run to run is not a figure.
  if [ ! -e "$work/$1.rc" ]; then
    echo "$rc" >"$work/$1.rc"
  elif [ "$(cat "$work/$1.rc")" != "$rc" ]; then
    echo "speed.sh: $1 exited $rc on $2, after $(cat "$work/$1.rc") before" >&2
    exit 1
  fi
  tail -n 1 "$work/time" | awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }'
}

stats() { # FILE COLUMN [DIVISOR FORMAT] -> min med max, a median of an even count being the middle two's mean
  cut -d' ' -f"$2" "$1" | sort -g | awk -v d="${3:-1}" -v f="${4:-%.2f}" '{ v[NR] = $1 / d }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf(f " " f " " f "\n", v[1], m, v[NR]) }'
}

# within MEDIAN LIMIT: true when there is no limit or the median meets it.
within() { [ -z "$2" ] || awk -v m="$1" -v l="$2" 'BEGIN { exit !(m <= l) }'; }

width=24
for c in "${cases[@]}"; do name=${c%%|*}; [ ${#name} -le $width ] || width=${#name}; done
row() { printf '%-*s %-4s %-18s %-18s %-18s %-7s %s\n' "$width" "$@"; }
row case bin "wall s min/med/max" "CPU s min/med/max" "RSS MB min/med/max" "CPU/x1" "issue #18 target (medians)"
declare -A med_wall med_cpu med_rss
differ=
for c in "${cases[@]}"; do
  IFS='|' read -r name target lwall lcpu lrss <<<"$c"
  if [ "$target" = monorepo ]; then
    monorepo 6 "$corpus" >&2
    target=$tree
  fi
  for b in "${bins[@]}"; do
    rm -f "$work/$b.rc"
    run "$b" "$target" >/dev/null # warms the page cache
    : >"$work/$b.times"
  done
  for _ in $(seq "$runs"); do
    for b in "${bins[@]}"; do run "$b" "$target" >>"$work/$b.times"; done
  done
  for b in "${bins[@]}"; do
    read -r wmin wmed wmax < <(stats "$work/$b.times" 1)
    read -r cmin cmed cmax < <(stats "$work/$b.times" 2)
    read -r rmin rmed rmax < <(stats "$work/$b.times" 3 1024 %.0f)
    med_wall[$name|$b]=$wmed med_cpu[$name|$b]=$cmed
    med_rss[$name|$b]=$(stats "$work/$b.times" 3 1 %.0f | cut -d' ' -f2)
    linear=
    if [ "$name" = "corpus x6" ]; then
      linear=$(awk -v a="$cmed" -v b="${med_cpu[corpus|$b]}" 'BEGIN { printf "%.2f", a / b }')
    fi
    goal= verdict=met
    [ -z "$lwall" ] || goal+="wall<=${lwall}s "
    [ -z "$lcpu" ] || goal+="CPU<=${lcpu}s "
    [ -z "$lrss" ] || goal+="RSS<=${lrss}MB "
    if [ -n "$linear" ]; then goal+="CPU/x1<=6.00 (linear) "; fi
    within "$wmed" "$lwall" && within "$cmed" "$lcpu" && within "${med_rss[$name|$b]}" "${lrss:+$((lrss * 1024))}" && within "$linear" "${linear:+6}" || verdict=MISSED
    # A single file that could not be scanned (exit 2) was not measured
    # doing the work; the corpus folders exit 2 by design.
    if [ "$(cat "$work/$b.rc")" = 2 ] && [ "${name#corpus}" = "$name" ]; then verdict="NOT SCANNED (exit 2)"; fi
    if [ -n "$goal" ] || [ "$verdict" != met ]; then goal+=$verdict; fi
    row "$name" "$b" "$wmin/$wmed/$wmax" "$cmin/$cmed/$cmax" "$rmin/$rmed/$rmax" "$linear" "$goal"
  done
  if [ -n "$old" ] && ! cmp -s "$work/old.json" "$work/new.json"; then
    echo "  JSON reports differ for $name" >&2
    differ=1
  fi
done

if [ -n "$save" ]; then
  {
    printf 'case\tbin\truns\twall_s\tcpu_s\trss_kb\n'
    for c in "${cases[@]}"; do
      name=${c%%|*}
      for b in "${bins[@]}"; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$b" "$runs" "${med_wall[$name|$b]}" "${med_cpu[$name|$b]}" "${med_rss[$name|$b]}"
      done
    done
  } >"$save"
  echo "medians saved to $save"
fi

# ratio NOW SAVED DIVISOR FORMAT -> "now / saved = now/saved"
ratio() {
  awk -v a="$1" -v b="$2" -v d="$3" -v f="$4" 'BEGIN { r = b > 0 ? sprintf("%.2f", a / b) : "-"; printf(f " / " f " = %s\n", a / d, b / d, r) }'
}
cmp_row() { printf '%-*s %-4s %-24s %-24s %s\n' "$width" "$@"; }
if [ -n "$prev" ]; then
  echo
  echo "medians now / in $prev = ratio"
  cmp_row case bin "wall s" "CPU s" "RSS MB"
  for c in "${cases[@]}"; do
    name=${c%%|*}
    for b in "${bins[@]}"; do
      # The saved line of the same case and binary, if any.
      saved=$(awk -F'\t' -v n="$name" -v b="$b" 'NR > 1 && $1 == n && $2 == b { print $4, $5, $6; exit }' "$prev")
      if [ -z "$saved" ]; then
        cmp_row "$name" "$b" "(not saved)" "" ""
        continue
      fi
      read -r pwall pcpu prss <<<"$saved"
      cmp_row "$name" "$b" "$(ratio "${med_wall[$name|$b]}" "$pwall" 1 %.2f)" \
        "$(ratio "${med_cpu[$name|$b]}" "$pcpu" 1 %.2f)" "$(ratio "${med_rss[$name|$b]}" "$prss" 1024 %.0f)"
    done
  done
fi
if [ -n "${differ:-}" ]; then
  echo "speed.sh: the two binaries' JSON reports differ (above): the figures compare different work" >&2
  exit 1
fi
