#!/usr/bin/env bash
# The writer's and the path logic's unit tests for Windows, under Wine
# (see writer/Cargo.toml). Needs wine and gcc-mingw-w64-x86-64.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export WINEPREFIX="${WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/committee-papers/wine}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
target="${CARGO_TARGET_DIR:-$HOME/.cache/committee-papers/target}/writer-check"
exe="$(cargo test --manifest-path writer/Cargo.toml --target x86_64-pc-windows-gnu \
  --target-dir "$target" --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["executable"])')"
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
cp "$exe" "$bin/writer-tests.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$bin/bcryptprimitives.dll" bcryptprimitives.c -ladvapi32
mkdir -p "$WINEPREFIX"
wine "$bin/writer-tests.exe"
