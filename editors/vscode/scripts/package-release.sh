#!/usr/bin/env bash
# Builds a release's .vsix files from cargo-dist's archives (what
# .github/workflows/build-vsix.yml runs):
#
#   scripts/package-release.sh DISTRIB OUT
#
# DISTRIB holds the release archives (dockward-<target>.tar.xz or .zip, each
# with its .sha256). For every `vsce --target` whose archive is there, the
# archive is checked, its binary unpacked and scripts/package.sh makes
# OUT/dockward-<vsce-target>-<version>.vsix; then the universal .vsix. Linux
# and Alpine targets take the static musl binaries. Needs `npm ci` first;
# downloads nothing.
set -euo pipefail

if [ $# -ne 2 ]; then
  sed -n '2,12p' "$0"
  exit 2
fi
distrib="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
made=0
while read -r vsce target; do
  case "$target" in
    *-windows-*) archive="dockward-$target.zip" exe=dockward.exe ;;
    *) archive="dockward-$target.tar.xz" exe=dockward ;;
  esac
  if [ ! -f "$distrib/$archive" ]; then
    echo "package-release.sh: no $archive, no $vsce .vsix"
    continue
  fi
  (cd "$distrib" && sha256sum --check --quiet "$archive.sha256")
  mkdir -p "$work/$vsce"
  case "$archive" in
    *.zip) unzip -q -j -o "$distrib/$archive" -d "$work/$vsce" ;;
    *) tar -xJf "$distrib/$archive" -C "$work/$vsce" --strip-components=1 "dockward-$target/$exe" ;;
  esac
  scripts/package.sh --target "$vsce" --binary "$work/$vsce/$exe" --out "$out"
  made=$((made + 1))
done << 'TARGETS'
linux-x64 x86_64-unknown-linux-musl
linux-arm64 aarch64-unknown-linux-musl
alpine-x64 x86_64-unknown-linux-musl
alpine-arm64 aarch64-unknown-linux-musl
darwin-x64 x86_64-apple-darwin
darwin-arm64 aarch64-apple-darwin
win32-x64 x86_64-pc-windows-msvc
win32-arm64 aarch64-pc-windows-msvc
TARGETS
if [ "$made" -eq 0 ]; then
  echo "package-release.sh: no release archive in $distrib" >&2
  exit 1
fi
scripts/package.sh --out "$out"
