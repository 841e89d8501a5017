#!/usr/bin/env bash
# Shows that the static Linux binary from scripts/dist.sh needs nothing on
# the machine: the README's first command (the bundled meeting's pack) and
# a `check`, run in a chroot that holds only the binary and the input files
# (no libc, no /proc, /dev or /tmp, no Rust), with no network and an empty
# environment. The pack must be byte-identical to REFERENCE's (an ordinary
# build) at the same SOURCE_DATE_EPOCH, and no output may carry the commit
# that `--version` names. Needs root (chroot, unshare). Not run in CI.
#
#   sudo scripts/bare-chroot.sh dist/papers-VERSION-x86_64-linux [REFERENCE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="$(realpath "$1")"
REF="${2:+$(realpath "$2")}"
MEETING=reports/meetings/2022-11-07-childrens-services.yaml
EPOCH=1667779200

ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
cp "$BIN" "$ROOT/papers"
cp -r reports "$ROOT/"
echo "the chroot: $(find "$ROOT" -type f | wc -l) files: /papers and $(find "$ROOT/reports" -type f | wc -l) under /reports; nothing else:"
find "$ROOT" -maxdepth 1 -mindepth 1 | sed "s|^$ROOT||" | sort | tr '\n' ' '
echo

CHROOT="$(command -v chroot)"  # env -i leaves no PATH to find it by
bare() {
  env -i SOURCE_DATE_EPOCH="$EPOCH" unshare --mount --pid --net --fork \
    "$CHROOT" "$ROOT" /papers "$@"
}
version="$(bare --version)"
echo "$version"
bare pack "$MEETING" --out /pack --quiet
echo "pack in the chroot: $(find "$ROOT/pack" -type f | wc -l) files"
code=0; bare check reports --format concise >/dev/null 2>&1 || code=$?
[ "$code" -le 1 ] || { echo "check exited $code in the chroot" >&2; exit 1; }
echo "check in the chroot: exit $code"

commit="$(sed -n 's/.*commit \([0-9a-f]\{7,\}\).*/\1/p' <<<"$version")"
if [ -n "$commit" ] && grep -rl "$commit" "$ROOT/pack"; then
  echo "an output carries the commit $commit" >&2
  exit 1
fi
echo "no output carries the commit ${commit:-(none named)}"

if [ -n "$REF" ]; then
  mkdir "$ROOT/ref"
  cp -r reports "$ROOT/ref/"
  (cd "$ROOT/ref" && SOURCE_DATE_EPOCH="$EPOCH" "$REF" pack "$MEETING" --out pack --quiet 2>/dev/null)
  diff -r "$ROOT/pack" "$ROOT/ref/pack"
  echo "byte-identical to $REF's pack"
fi
