#!/usr/bin/env bash
# Runs the peer, Semgrep, with its six Compose rules (recreated in
# tests/peers/semgrep-compose.yml) over the shared Compose corpus, offline,
# and writes per-rule counts and wall times to target/semgrep-compose.json.
#
#   scripts/semgrep_compose.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus/compose/real beside the checkout
# (read in place, never copied). Semgrep is installed from PyPI into
# target/semgrep-venv (or $SEMGREP_VENV) on first use (SEMGREP_VERSION, default below). The
# scan runs RUNS times (default 3); the JSON has every wall time and CPU
# time (user + system, Semgrep's processes) and their medians. No registry
# rules, no metrics, no version check.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version="${SEMGREP_VERSION:-1.187.0}"
runs="${RUNS:-3}"
rules="$root/tests/peers/semgrep-compose.yml"
out="$root/target/semgrep-compose.json"

corpus="${1:-}"
if [ -z "$corpus" ]; then
    for base in "$root/.." "$root/../.." "$root/../../.."; do
        if [ -d "$base/shared/corpus/compose/real" ]; then
            corpus="$(cd "$base/shared/corpus/compose/real" && pwd)"
            break
        fi
    done
fi
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "semgrep_compose.sh: no Compose corpus found; pass its directory" >&2
    exit 2
fi

venv="${SEMGREP_VENV:-$root/target/semgrep-venv}"
if [ ! -x "$venv/bin/semgrep" ]; then
    mkdir -p "$root/target"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "semgrep==$version"
fi

export SEMGREP_SEND_METRICS=off SEMGREP_ENABLE_VERSION_CHECK=0
python3 - "$venv/bin/semgrep" "$rules" "$corpus" "$out" "$runs" <<'PY'
import json, os, resource, statistics, subprocess, sys, tempfile, time
semgrep, rules, corpus, out, runs = sys.argv[1:]
version = subprocess.run([semgrep, "--version"], capture_output=True, text=True).stdout.strip()
walls, cpus, data = [], [], None
with tempfile.TemporaryDirectory() as tmp:
    for i in range(int(runs)):
        result = os.path.join(tmp, f"run{i}.json")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        subprocess.run(
            [semgrep, "scan", "--metrics=off", "--disable-version-check", "--no-git-ignore",
             "--config", rules, "--json", "--quiet", "--output", result, corpus],
            check=False,
        )
        walls.append(time.monotonic() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        with open(result) as f:
            data = json.load(f)
rules_ids = ["privileged-service", "exposing-docker-socket-volume", "no-new-privileges",
             "seccomp-confinement-disabled", "selinux-separation-disabled",
             "writable-filesystem-service"]
findings = {r: 0 for r in rules_ids}
files = {r: set() for r in rules_ids}
for res in data["results"]:
    rule = res["check_id"].rsplit(".", 1)[-1]
    findings[rule] = findings.get(rule, 0) + 1
    files.setdefault(rule, set()).add(res["path"])
report = {
    "tool": "semgrep",
    "version": version,
    "rules": "tests/peers/semgrep-compose.yml",
    "corpus": corpus,
    "files_scanned": len(data.get("paths", {}).get("scanned", [])),
    "errors": len(data.get("errors", [])),
    "findings": findings,
    "files_hit": {r: len(s) for r, s in files.items()},
    "wall_seconds": [round(t, 3) for t in walls],
    "median_wall_seconds": round(statistics.median(walls), 3),
    "cpu_seconds": [round(t, 3) for t in cpus],
    "median_cpu_seconds": round(statistics.median(cpus), 3),
    "load_average_at_end": os.getloadavg()[0],
}
with open(out, "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
print(json.dumps(report, indent=2))
PY
