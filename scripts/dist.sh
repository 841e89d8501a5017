#!/usr/bin/env bash
# Binaries that need no Rust, for council laptops and servers:
#
#   dist/papers-VERSION-x86_64-linux        static (musl): runs on any x86-64 Linux
#   dist/papers-VERSION-x86_64-windows.exe  Windows 10 or newer
#   dist/SHA256SUMS
#
# `papers --version` names the commit they were built from; no output file
# carries it (outputs name the crate's version only, so that rebuilding at
# another commit changes no paper).
#
# Needs (Debian): musl-tools gcc-mingw-w64-x86-64, and
#   rustup target add x86_64-unknown-linux-musl x86_64-pc-windows-gnu
# Without the musl target it builds a static glibc binary (+crt-static).
# Not run in CI: each target is a cold build of the typst crates (the musl
# one took 40 CPU-minutes, about 20 minutes on 2 quiet cores) unless
# CARGO_TARGET_DIR keeps an earlier one. Then scripts/bare-chroot.sh shows
# the Linux binary needs nothing on the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
commit="$(git rev-parse --short=12 HEAD)"
git diff --quiet HEAD -- || commit="$commit-dirty"
export PAPERS_VERSION="$version (commit $commit)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/committee-papers/target}"

if rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl \
  && command -v musl-gcc >/dev/null; then
  linux=x86_64-unknown-linux-musl
  flags=""
else
  echo "dist: no musl target: a static glibc binary instead (+crt-static)" >&2
  linux=x86_64-unknown-linux-gnu
  flags="-C target-feature=+crt-static"
fi
RUSTFLAGS="$flags" cargo build --release --locked --target "$linux" --bin papers
cargo build --release --locked --target x86_64-pc-windows-gnu --bin papers

rm -rf dist
mkdir dist
lin="dist/papers-$version-x86_64-linux"
win="dist/papers-$version-x86_64-windows.exe"
cp "$CARGO_TARGET_DIR/$linux/release/papers" "$lin"
cp "$CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release/papers.exe" "$win"
strip "$lin"
x86_64-w64-mingw32-strip "$win"
if ldd "$lin" >/dev/null 2>&1 && ! ldd "$lin" 2>&1 | grep -q 'statically linked'; then
  echo "dist: $lin is not static" >&2
  exit 1
fi
(cd dist && sha256sum "$(basename "$lin")" "$(basename "$win")" >SHA256SUMS)
"$lin" --version
ls -l dist
