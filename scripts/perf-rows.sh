#!/usr/bin/env bash
# The wall-clock rows of the README's "Performance" table (issue 18), on a
# perf workspace made by scripts/perf-workspace.py:
#
#   scripts/perf-workspace.py /tmp/pw && scripts/perf-rows.sh /tmp/pw
#
# Needs perf and GNU time. Run it with nothing else on the machine: these
# are times, and the 40-report ratio is two of them. Outputs go to /tmp.
set -euo pipefail
B=${B:-${CARGO_TARGET_DIR:-target}/release/papers}
W=$(realpath "${1:-/tmp/pw}")
[ -x "$B" ] || { echo "no papers binary at $B (set B=...)"; exit 2; }
B=$(realpath "$B")
export SOURCE_DATE_EPOCH=1667779200
cd /tmp
el() { perf stat -r "$1" "${@:2}" 2>&1 >/dev/null | awk '/elapsed/ {printf "%.2f ms", $1*1000}'; }
echo "true:    $(el 100 /bin/true)"
echo "version: $(el 100 $B --version)"
echo "md+html: $(el 40 $B render --quiet --to md,html --out /tmp/o1 $W/seed.yaml)"
echo "seedpdf: $(el 20 $B render --quiet --to pdf --out /tmp/o2 $W/seed.yaml)"
echo "long:    $(el 5 $B render --quiet --to pdf --out /tmp/o3 $W/long.yaml)"
R40=$(ls $W/reports/*.yaml | head -40)
for r in 1 2 3 4 5; do
  a=$( { /usr/bin/time -f "%e" $B render --jobs 1 --quiet --out /tmp/r40 $R40 2>&1 >/dev/null; } | tail -1)
  b=$( { /usr/bin/time -f "%e" $B render --jobs 2 --quiet --out /tmp/r40 $R40 2>&1 >/dev/null; } | tail -1)
  # The yardstick for --jobs 2: two processes, each half the reports.
  s=$(date +%s.%N)
  $B render --jobs 1 --quiet --out /tmp/ra $(echo "$R40" | head -20) 2>/dev/null &
  $B render --jobs 1 --quiet --out /tmp/rb $(echo "$R40" | tail -20) 2>/dev/null
  wait
  e=$(date +%s.%N)
  echo "render40 j1 $a j2 $b ratio $(python3 -c "print(round($a/$b,2))"); two processes of 20: $(python3 -c "print(round($e-$s,2))")"
done
for r in 1 2 3 4 5; do { /usr/bin/time -f "pack20 %e s %M KB" $B pack --quiet --out /tmp/p20 $W/meetings/pack-20.yaml 2>&1 >/dev/null; } | tail -1; done
for r in 1 2 3; do { /usr/bin/time -f "pack100 %e s %M KB (user %U sys %S)" $B pack --quiet --out /tmp/p100 $W/meetings/pack-100.yaml 2>&1 >/dev/null; } | tail -1; done
