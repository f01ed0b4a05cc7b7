#!/usr/bin/env bash
# Runs dockward for action.yml: `lint --format github` (annotations) or
# `fmt --check`, plus an optional SARIF report (`lint --format sarif
# --no-fail`). Always exits 0 after writing `exit-code=` and `sarif-file=`
# to GITHUB_OUTPUT, so that the SARIF upload can run; the action's last step
# fails the job on a non-zero exit code.
#
# Environment: INPUT_COMMAND (lint, fmt), INPUT_PATHS (whitespace-separated),
# INPUT_ARGS (more arguments, whitespace-separated), INPUT_SARIF_FILE,
# GITHUB_OUTPUT. `dockward` must be on PATH (install.sh).
set -uo pipefail

output="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi
extra=()
read -r -a extra <<< "${INPUT_ARGS:-}"
sarif="${INPUT_SARIF_FILE:-}"

case "${INPUT_COMMAND:-lint}" in
  lint)
    dockward lint --format github ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
    code=$?
    if [ -n "$sarif" ]; then
      if ! dockward lint --format sarif --output "$sarif" --no-fail ${extra[@]+"${extra[@]}"} -- "${paths[@]}"; then
        echo "::warning title=dockward::could not write the SARIF report $sarif"
        sarif=""
        [ "$code" -ne 0 ] || code=2
      fi
    fi
    ;;
  fmt)
    if [ -n "$sarif" ]; then
      echo "::warning title=dockward::sarif-file is for the lint command; ignored"
      sarif=""
    fi
    dockward fmt --check ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
    code=$?
    ;;
  *)
    echo "::error title=dockward::unknown command '${INPUT_COMMAND}' (lint or fmt)"
    sarif=""
    code=2
    ;;
esac

echo "exit-code=$code" >> "$output"
echo "sarif-file=$sarif" >> "$output"
exit 0
