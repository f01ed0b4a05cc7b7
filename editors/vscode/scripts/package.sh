#!/usr/bin/env bash
# Builds the extension's .vsix.
#
#   scripts/package.sh [--out DIR]                                  # universal: no binary inside
#   scripts/package.sh --target TARGET --binary PATH [--out DIR]    # platform: PATH bundled
#
# TARGET is a `vsce package --target` name (linux-x64, linux-arm64,
# linux-armhf, alpine-x64, alpine-arm64, darwin-x64, darwin-arm64, win32-x64,
# win32-arm64). The binary is copied to bin/<platform>-<arch>/dockward[.exe],
# where the extension looks for it at run time (src/binary.ts), and removed
# again afterwards. Needs `npm ci` first; downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

target="" binary="" out="."
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -n "$target" ] && [ -z "$binary" ]; then
  echo "package.sh: --target needs --binary" >&2; exit 2
fi
if [ -n "$binary" ] && [ ! -f "$binary" ]; then
  echo "package.sh: $binary: no such file" >&2; exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

npm run --silent compile
version="$(node -p 'require("./package.json").version')"
rm -rf bin
trap 'rm -rf bin' EXIT

if [ -z "$target" ]; then
  npx --no-install vsce package --out "$out/dockward-$version.vsix"
  exit 0
fi

dir="$(node -p 'require("./out/src/binary").VSCE_TARGETS[process.argv[1]] || ""' "$target")"
if [ -z "$dir" ]; then
  echo "package.sh: unknown target $target" >&2; exit 2
fi
name=dockward
case "$target" in win32-*) name=dockward.exe ;; esac
mkdir -p "bin/$dir"
cp "$binary" "bin/$dir/$name"
chmod 755 "bin/$dir/$name"
npx --no-install vsce package --target "$target" --out "$out/dockward-$target-$version.vsix"
