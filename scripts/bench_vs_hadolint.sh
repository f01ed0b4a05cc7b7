#!/usr/bin/env bash
# dockward and hadolint side by side over the same corpus files, timed by the
# reference folder's bench.py (wall, user+sys CPU, peak RSS; medians).
#
#   scripts/bench_vs_hadolint.sh [--runs N] [--hadolint-runs N] [--small-runs N]
#                                [--files LIST] [--out DIR] [--no-hadolint]
#
# Defaults: all of ../shared/corpus/real (MANIFEST.tsv), 5 dockward runs,
# 1 hadolint run (about 2 minutes each on 2 cores), out dir target/bench.
# hadolint 2.15.1 comes from ../shared/tools/peers/setup.sh ($HADOLINT, or
# $PEERS_DIR/env.sh, default ~/.cache/dockward-peers); without it only
# dockward is measured. Writes OUT/summary.md and prints it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${DOCKWARD_SHARED:-$ROOT/../shared}
CORPUS=$SHARED/corpus
BENCH=$SHARED/tools/peers/bench.py
OUT=$ROOT/target/bench
RUNS=5
HRUNS=1
SMALL_RUNS=50
FILES=
WITH_HADOLINT=1
SMALL=real/jessfraz__dockerfiles/htop__Dockerfile

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --hadolint-runs) HRUNS=$2; shift 2 ;;
        --small-runs) SMALL_RUNS=$2; shift 2 ;;
        --files) FILES=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        --out) mkdir -p "$2"; OUT=$(cd "$2" && pwd); shift 2 ;;
        --no-hadolint) WITH_HADOLINT=0; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

[ -d "$CORPUS/real" ] || { echo "corpus not found at $CORPUS" >&2; exit 2; }
mkdir -p "$OUT"

if [ -z "${HADOLINT:-}" ]; then
    env_sh=${PEERS_DIR:-$HOME/.cache/dockward-peers}/env.sh
    # shellcheck disable=SC1090
    [ -f "$env_sh" ] && . "$env_sh"
fi
if [ "$WITH_HADOLINT" = 1 ] && ! [ -x "${HADOLINT:-}" ]; then
    echo "hadolint not installed (run $SHARED/tools/peers/setup.sh); measuring dockward only" >&2
    WITH_HADOLINT=0
fi

echo "building dockward (release)..." >&2
(cd "$ROOT" && cargo build --quiet --release -p dockward)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/dockward

if [ -z "$FILES" ]; then
    FILES=$OUT/files.txt
    tail -n +2 "$CORPUS/real/MANIFEST.tsv" | cut -f1 > "$FILES"
fi
NFILES=$(wc -l < "$FILES")
BYTES=$(cd "$CORPUS" && xargs cat < "$FILES" | wc -c)
echo "$NFILES files, $BYTES bytes" >&2

cd "$CORPUS"
mapfile -t LIST < "$FILES"

echo "dockward, whole corpus, $RUNS runs..." >&2
python3 "$BENCH" repeat --name dockward-corpus --runs "$RUNS" --out-dir "$OUT" \
    --stdout "$OUT/dockward-corpus.out" -- "$BIN" lint --no-fail --format json "${LIST[@]}"
echo "dockward, one small file, $SMALL_RUNS runs..." >&2
python3 "$BENCH" repeat --name dockward-small --runs "$SMALL_RUNS" --out-dir "$OUT" \
    -- "$BIN" lint --no-fail "$SMALL"

# bench.py forks Python for each run, which dominates a ~1 ms process; perf
# stat measures the small file end to end with less overhead (if installed).
perf_time() {  # NAME CMD... -> OUT/NAME.json with the mean wall time
    local name=$1; shift
    if command -v perf >/dev/null 2>&1; then
        perf stat -r "$SMALL_RUNS" -e task-clock -o "$OUT/$name.perf" -- "$@" >/dev/null 2>&1 || return 0
        python3 - "$OUT/$name.perf" "$OUT/$name.json" "$SMALL_RUNS" <<'PERF'
import json, re, sys
text = open(sys.argv[1]).read()
cpu = re.search(r"([0-9.,]+) msec task-clock", text)
wall = re.search(r"([0-9.]+) \+- [0-9.]+ seconds time elapsed", text)
json.dump({"name": sys.argv[2], "runs": [None] * int(sys.argv[3]),
           "median_wall_s": float(wall.group(1)) if wall else None,
           "median_cpu_s": float(cpu.group(1).replace(",", "")) / 1000 if cpu else None},
          open(sys.argv[2], "w"))
PERF
    fi
}
perf_time dockward-small-perf "$BIN" lint --no-fail "$SMALL"
perf_time true-perf true

if [ "$WITH_HADOLINT" = 1 ]; then
    echo "hadolint, whole corpus, $HRUNS runs (minutes)..." >&2
    python3 "$BENCH" repeat --name hadolint-corpus --runs "$HRUNS" --out-dir "$OUT" \
        --stdout "$OUT/hadolint-corpus.out" -- "$HADOLINT" --no-fail -f json "${LIST[@]}"
    echo "hadolint, one small file, 10 runs..." >&2
    python3 "$BENCH" repeat --name hadolint-small --runs 10 --out-dir "$OUT" \
        -- "$HADOLINT" --no-fail "$SMALL"
fi

python3 - "$OUT" "$NFILES" "$BYTES" "$("$BIN" --version)" <<'PY'
import json, os, sys
out, nfiles, nbytes, version = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def load(name):
    p = os.path.join(out, name + ".json")
    return json.load(open(p)) if os.path.exists(p) else None

rows = []
res = {}
for name in ["dockward-corpus", "hadolint-corpus", "dockward-small", "hadolint-small",
             "dockward-small-perf", "true-perf"]:
    d = load(name)
    if d is None:
        continue
    wall, cpu = d["median_wall_s"], d.get("median_cpu_s")
    rss = d.get("max_maxrss_kib")
    res[name] = (wall, cpu, rss)
    fmt = lambda v, f: "-" if v is None else format(v, f)
    rows.append(f"| {name} | {len(d.get('runs', []))} | {fmt(wall, '.4f')} | "
                f"{fmt(cpu, '.4f')} | {fmt(None if rss is None else rss / 1024, '.1f')} |")

lines = [f"{version}; {nfiles} files, {nbytes/1e6:.2f} MB", "",
         "| run | runs | wall s (median; perf: mean) | CPU s | peak RSS MiB |",
         "|---|---:|---:|---:|---:|"] + rows + [""]
if "dockward-corpus" in res:
    w, c, _ = res["dockward-corpus"]
    lines.append(f"dockward: {nfiles / w:,.0f} files/s, {nbytes / w / 1e6:.1f} MB/s (wall)")
if "dockward-corpus" in res and "hadolint-corpus" in res:
    dw, dc = res["dockward-corpus"][:2]
    hw, hc = res["hadolint-corpus"][:2]
    lines.append(f"whole corpus: dockward is {hw / dw:,.0f}x faster than hadolint (wall), {hc / dc:,.0f}x (CPU)")
if "dockward-small-perf" in res:
    lines.append(f"small file, end to end (perf stat, process start included): "
                 f"{res['dockward-small-perf'][0]*1000:.2f} ms; `true` takes {res['true-perf'][0]*1000:.2f} ms")
if "dockward-small" in res and "hadolint-small" in res:
    lines.append(f"small file through bench.py (includes Python's fork): dockward "
                 f"{res['dockward-small'][0]*1000:.1f} ms, hadolint {res['hadolint-small'][0]*1000:.1f} ms")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "summary.md"), "w").write(text)
print(text)
PY
