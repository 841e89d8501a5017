#!/usr/bin/env bash
# papers.exe under Wine, checked against the Linux build. Called by .ci/run;
# needs wine (Debian's wine64) and gcc-mingw-w64-x86-64, nothing from
# ../shared.
#
#   tests/windows/run.sh LINUX_PAPERS WINDOWS_PAPERS_EXE
#
# 1. the README's first command (the bundled meeting's pack), `render` of
#    every example, `new`: outputs byte-identical to the Linux build's at
#    the same SOURCE_DATE_EPOCH;
# 2. `check` with a planted error: exit 1 and the same diagnostics as
#    Linux, path separators aside;
# 3. kills in the middle of a render: every output whole (old or new), no
#    leftovers but our own temporary files;
# 4. an output held open without sharing (hold.exe, as Word or Acrobat
#    would): exit 2, a clear message, the old file intact.
#
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng, which Rust's standard
# library needs): bcryptprimitives.c, built here with mingw, stands in for
# it beside papers.exe.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LINUX="$(realpath "$1")"
EXE="$(realpath "$2")"

export WINEPREFIX="${WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/committee-papers/wine}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export SOURCE_DATE_EPOCH=1667779200
unset DISPLAY

WORK="$(mktemp -d)"
# On exit: our work folder, and the prefix's wineserver and helpers.
trap 'rm -rf "$WORK"; wineserver -k 2>/dev/null || true' EXIT
step() { printf '\n== wine: %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "shim and test program (mingw)"
BIN="$WORK/bin"
mkdir -p "$BIN"
cp "$EXE" "$BIN/papers.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$BIN/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -o "$BIN/hold.exe" tests/windows/hold.c
# Start the prefix's wineserver and its helper services first, with their
# output to /dev/null: started by a later command they would inherit its
# stderr and mix Wine's own messages into the diagnostics compared below.
# (Never `wineserver -w` here: wineboot leaves a helper behind, and it
# would wait for it forever; the trap stops them all on exit.)
mkdir -p "$WINEPREFIX"
wineboot -i >/dev/null 2>&1 </dev/null || true
win() { wine "$BIN/papers.exe" "$@"; }
win --version

# Both builds work on a copy of the repository's inputs, from the same
# folder with the same relative paths, so their messages may be compared.
cp -r reports examples "$WORK/"
cd "$WORK"

step "the README's first command: the bundled meeting's pack"
MEETING=reports/meetings/2022-11-07-childrens-services.yaml
"$LINUX" pack "$MEETING" --out linux/pack --quiet
win pack "$MEETING" --out win/pack --quiet
diff -r linux/pack win/pack || fail "the packs differ"
echo "pack: $(find win/pack -type f | wc -l) files, byte-identical"

step "render every example"
REPORTS=()
for f in reports/*.yaml examples/*/*.yaml; do
  [ "$(basename "$f")" = council.yaml ] || REPORTS+=("$f")
done
"$LINUX" render "${REPORTS[@]}" --out linux/render --quiet
win render "${REPORTS[@]}" --out win/render --quiet
diff -r linux/render win/render || fail "the renders differ"
echo "render: $(find win/render -type f | wc -l) files, byte-identical"

step "new: report, meeting, progress"
for kind in report meeting progress; do
  "$LINUX" new "$kind" "reports/linux-new-$kind.yaml" >/dev/null
  win new "$kind" "reports/win-new-$kind.yaml" >/dev/null
  cmp "reports/linux-new-$kind.yaml" "reports/win-new-$kind.yaml" || fail "new $kind differs"
  rm "reports/linux-new-$kind.yaml" "reports/win-new-$kind.yaml"
done
echo "new: identical"

step "check with a planted error: exit 1, the same diagnostics"
PLANTED=reports/2022-11-07-ofsted-monitoring-visit.yaml
cp "$PLANTED" planted-orig.yaml
sed -i '0,/^subject:/s/^subject:.*/subject: ""\nnot_a_field: 1/' "$PLANTED"
code=0; "$LINUX" check "$PLANTED" --color never >linux/check.txt 2>&1 || code=$?
[ "$code" = 1 ] || fail "Linux check exited $code"
code=0; win check "$PLANTED" --color never >win/check.txt 2>&1 || code=$?
[ "$code" = 1 ] || { cat win/check.txt; fail "Windows check exited $code, not 1"; }
# Wine's own lines ("wine: ...", "0024:err:...") are shown, not compared:
# a crash of papers.exe itself would not exit 1.
grep -E '^(wine: |[0-9a-f]{4}:(err|fixme|warn):)' win/check.txt || true
grep -vE '^(wine: |[0-9a-f]{4}:(err|fixme|warn):)' win/check.txt \
  | tr '\\' / | tr -d '\r' >win/check-slashes.txt
diff linux/check.txt win/check-slashes.txt || fail "the diagnostics differ"
grep -q 'not_a_field' win/check.txt || fail "the planted error is not reported"
head -5 win/check.txt
cp planted-orig.yaml "$PLANTED"

step "kills in the middle of a render: every output whole, old or new"
REPORT=reports/2022-11-07-childrens-services-commissioner.yaml
cp "$REPORT" version-a.yaml
sed '0,/^subject:/s/^subject: *\(.*\)$/subject: \1 (revised)/' version-a.yaml >version-b.yaml
cmp -s version-a.yaml version-b.yaml && fail "no subject to revise"
render1() { win render "$REPORT" --out kill --quiet 2>/dev/null; }
mkdir -p known/a known/b
for v in b a; do
  cp "version-$v.yaml" "$REPORT"
  start=$(date +%s%N); render1; ms=$(( ($(date +%s%N) - start) / 1000000 ))
  cp kill/* "known/$v/"
done
for f in known/a/*; do
  cmp -s "$f" "known/b/$(basename "$f")" && fail "$(basename "$f") is the same in both versions"
done
echo "a render under Wine takes $ms ms"
# `wine` execs the loader, so $! is papers.exe itself (a shell function
# run with & would be a subshell, and the kill would miss it). Kills are
# spread over the whole run, from start-up to the last rename; each leaves
# every output as version a or b (never a mixture within a file), and
# nothing but our own temporary files.
KILLS=20
killed=0; mixed=0; changed=0
for i in $(seq 1 "$KILLS"); do
  if [ $((i % 2)) = 1 ]; then v=b o=a; else v=a o=b; fi
  cp "version-$v.yaml" "$REPORT"
  wine "$BIN/papers.exe" render "$REPORT" --out kill --quiet 2>/dev/null &
  pid=$!
  sleep "$(awk -v ms="$ms" -v i="$i" -v n="$KILLS" 'BEGIN { printf "%.3f", ms * (0.4 + 0.8 * i / n) / 1000 }')"
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null && killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
  news=0; olds=0
  for f in known/a/*; do
    name="$(basename "$f")"
    if cmp -s "kill/$name" "known/$v/$name"; then news=$((news + 1))
    elif cmp -s "kill/$name" "known/$o/$name"; then olds=$((olds + 1))
    else fail "kill $i: $name is neither version"; fi
  done
  [ "$news" -gt 0 ] && changed=$((changed + 1))
  [ "$news" -gt 0 ] && [ "$olds" -gt 0 ] && mixed=$((mixed + 1))
  for f in kill/* kill/.[!.]*; do
    [ -e "$f" ] || continue
    name="$(basename "$f")"
    [ -e "known/a/$name" ] || [[ "$name" == .papers-*.tmp ]] || fail "kill $i left $name"
  done
done
leftovers=$(find kill -name '.papers-*.tmp' | wc -l)
echo "$killed of $KILLS runs killed while running ($((KILLS - killed)) finished first);"
echo "$changed left some output at the new version, $mixed between one output and the next;"
echo "$leftovers temporary files of ours left; every output whole"

step "an output held open without sharing: exit 2, clear message, old file intact"
cp version-a.yaml "$REPORT"
render1
HELD="kill/$(basename "$(ls known/a/*.pdf)")"
cp "$HELD" held-before.pdf
mkfifo holding
wine "$BIN/hold.exe" "$HELD" 60 >holding &
hold_pid=$!
read -r line <holding
line="${line%$'\r'}"
[ "$line" = holding ] || fail "hold.exe did not start: $line"
cp version-b.yaml "$REPORT"
code=0; start=$(date +%s%N)
win render "$REPORT" --out kill >held.txt 2>&1 || code=$?
echo "papers gave up after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill "$hold_pid" 2>/dev/null || true
wait "$hold_pid" 2>/dev/null || true
cat held.txt
[ "$code" = 2 ] || fail "exit $code, not 2"
grep -q 'another program has it open' held.txt || fail "no clear message"
cmp "$HELD" held-before.pdf || fail "the held file changed"
echo "held open: exit 2, the old file intact"

step "all Wine checks passed"
