#!/usr/bin/env bash
# Installs dockward for the GitHub Actions runner (action.yml): downloads the
# cargo-dist release archive for the runner (static musl on Linux), checks it
# against its .sha256, keeps the binary in the runner's tool cache and puts
# it on PATH (GITHUB_PATH). Writes `version=` to GITHUB_OUTPUT.
#
# Environment: INPUT_VERSION (`0.1.0`, `v0.1.0`, `latest`; empty: the
# action's tag in ACTION_REF, else `latest`), RUNNER_OS, RUNNER_ARCH,
# RUNNER_TOOL_CACHE, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT, and
# DOCKWARD_RELEASES_URL, the releases base (default the project's GitHub
# releases; tests point it at a file:// fake release).
set -euo pipefail

fail() {
  echo "::error title=dockward install::$*"
  exit 1
}

# Git Bash on Windows runners: Unix paths inside the script.
if command -v cygpath > /dev/null 2>&1; then
  [ -z "${RUNNER_TEMP:-}" ] || RUNNER_TEMP="$(cygpath -u "$RUNNER_TEMP")"
  [ -z "${RUNNER_TOOL_CACHE:-}" ] || RUNNER_TOOL_CACHE="$(cygpath -u "$RUNNER_TOOL_CACHE")"
fi

base="${DOCKWARD_RELEASES_URL:-https://github.com/dockward/dockward/releases}"
base="${base%/}"
version="${INPUT_VERSION:-}"
if [ -z "$version" ]; then
  case "${ACTION_REF:-}" in
    v[0-9]*.*.*) version="$ACTION_REF" ;;
    *) version=latest ;;
  esac
fi
version="${version#v}"

os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  Windows/ARM64) target=aarch64-pc-windows-msvc ;;
  *) fail "no dockward release archive for $os/$arch" ;;
esac
case "$target" in
  *-windows-*) archive="dockward-$target.zip" exe=dockward.exe ;;
  *) archive="dockward-$target.tar.xz" exe=dockward ;;
esac

cache_root="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/dockward"
dest=""
if [ "$version" != latest ] && [ -x "$cache_root/$version/$target/$exe" ]; then
  dest="$cache_root/$version/$target"
  echo "dockward $version: from the tool cache ($dest)"
else
  if [ "$version" = latest ]; then
    url="$base/latest/download/$archive"
  else
    url="$base/download/v$version/$archive"
  fi
  work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/dockward.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "Downloading $url"
  curl --fail --silent --show-error --location --retry 3 --output "$work/$archive" "$url" ||
    fail "cannot download $url"
  curl --fail --silent --show-error --location --retry 3 --output "$work/$archive.sha256" "$url.sha256" ||
    fail "cannot download $url.sha256"
  expected="$(cut -d ' ' -f 1 < "$work/$archive.sha256" | tr -d '\r' | tr 'A-F' 'a-f')"
  if command -v sha256sum > /dev/null 2>&1; then
    actual="$(sha256sum "$work/$archive" | cut -d ' ' -f 1)"
  else
    actual="$(shasum -a 256 "$work/$archive" | cut -d ' ' -f 1)"
  fi
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    fail "checksum mismatch for $archive: expected ${expected:-nothing}, got $actual"
  fi
  echo "sha256 $actual OK"

  mkdir -p "$work/unpacked"
  case "$archive" in
    *.zip)
      if command -v unzip > /dev/null 2>&1; then
        unzip -q "$work/$archive" -d "$work/unpacked"
      else
        powershell -NoProfile -Command "Expand-Archive -LiteralPath '$(cygpath -w "$work/$archive")' -DestinationPath '$(cygpath -w "$work/unpacked")'"
      fi
      ;;
    *) tar -xJf "$work/$archive" -C "$work/unpacked" ;;
  esac
  found=""
  for candidate in "$work/unpacked/dockward-$target/$exe" "$work/unpacked/$exe"; do
    if [ -f "$candidate" ]; then
      found="$candidate"
      break
    fi
  done
  [ -n "$found" ] || fail "$archive holds no $exe"
  chmod +x "$found"
  reported="$("$found" --version)" || fail "the downloaded dockward does not run on this runner"
  reported="${reported#dockward }"
  if [ "$version" != latest ] && [ "$reported" != "$version" ]; then
    fail "$archive is dockward $reported, not $version"
  fi
  version="$reported"
  dest="$cache_root/$version/$target"
  mkdir -p "$dest"
  cp "$found" "$dest/$exe"
fi

path_entry="$dest"
if command -v cygpath > /dev/null 2>&1; then
  path_entry="$(cygpath -w "$dest")"
fi
echo "$path_entry" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
echo "version=$version" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "dockward $version installed in $dest"
