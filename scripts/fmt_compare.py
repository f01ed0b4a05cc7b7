#!/usr/bin/env python3
"""Compare dockward's formatter with dockerfmt and dockerfile-utils on the corpus.

For each tool, every corpus file (../shared/corpus/real/** and
../shared/corpus/buildkit-parser/*/Dockerfile, read in place) is formatted
into OUT/<tool>/<path>; then BuildKit's own parser (the `dockerfile` Python
package, via ../shared/tools/peers/buildkit_ref.py) parses every output, and
the parse is compared with the stored parse of the original
(corpus/reference/buildkit-ref.jsonl). Per tool it counts:

  changed   the output differs from the input (byte for byte)
  failed    the tool gave no output (crash or refusal; the file counts as unchanged)
  differs   BuildKit's parse differs: rejected vs accepted, instruction count,
            keyword (ASCII case ignored), ONBUILD trigger, exec-form flag,
            flags, heredoc names/contents, or a value. In shell-form text
            (RUN/CMD/ENTRYPOINT/SHELL, HEALTHCHECK CMD) runs of blanks the
            shell ignores compare equal; `AS` and HEALTHCHECK's CMD/NONE
            ignore case. This is the contract dockward's formatter keeps.
  broken    like `differs`, but shell-form text compares as shell tokens
            (python shlex, POSIX mode, operators split, comments dropped), so
            a shell reflow that keeps the command (`a;b` -> `a; b`) is not
            counted, and neither is ADD/COPY/VOLUME switching between shell
            and exec form with the same paths. A file BuildKit accepted and
            now rejects is broken.

usage: scripts/fmt_compare.py [--out DIR] [--corpus DIR] [--tools dockward,dockerfmt,dockerfile-utils]
                              [--debug] [--limit N] [--json FILE] [--reuse]

Needs the peers installed by ../shared/tools/peers/setup.sh (PEERS_DIR, default
~/.cache/dockward-peers) and cargo (dockward's engine runs through the
`fmt_files` example of dockward-analyzer, built with --release unless --debug).
Prints a Markdown table; --json writes the numbers and the lists of files.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO, "..", "shared", "corpus"))
PEERS_DIR = os.environ.get("PEERS_DIR") or os.path.expanduser("~/.cache/dockward-peers")

DU_SCRIPT = r"""
const fs = require("fs"), path = require("path");
const du = require("dockerfile-utils");
const { TextDocument } = require("vscode-languageserver-textdocument");
const [list, root, out] = process.argv.slice(1);
for (const rel of fs.readFileSync(list, "utf8").split("\n").filter(Boolean)) {
  const dest = path.join(out, rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    const content = fs.readFileSync(path.join(root, rel)).toString();
    const doc = TextDocument.create("file:///Dockerfile", "dockerfile", 1, content);
    const edits = du.format(content, { insertSpaces: true, tabSize: 4 });
    fs.writeFileSync(dest, TextDocument.applyEdits(doc, edits));
  } catch (e) {
    process.stderr.write(rel + ": " + String(e) + "\n");
  }
}
"""


def corpus_files(corpus):
    files = []
    for d, dirs, names in os.walk(os.path.join(corpus, "real")):
        dirs.sort()
        for n in sorted(names):
            if n != "MANIFEST.tsv":
                files.append(os.path.relpath(os.path.join(d, n), corpus))
    bk = os.path.join(corpus, "buildkit-parser")
    if os.path.isdir(bk):
        for case in sorted(os.listdir(bk)):
            if os.path.isfile(os.path.join(bk, case, "Dockerfile")):
                files.append(os.path.join("buildkit-parser", case, "Dockerfile"))
    return sorted(files)


def run(cmd, **kw):
    return subprocess.run(cmd, check=False, **kw)


def format_dockward(files, corpus, out, debug):
    profile = [] if debug else ["--release"]
    env = dict(os.environ)
    build = run(["cargo", "build", "-q", "-p", "dockward-analyzer", "--example", "fmt_files"] + profile,
                cwd=REPO, env=env)
    if build.returncode != 0:
        sys.exit("cargo build failed")
    target = env.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    exe = os.path.join(target, "debug" if debug else "release", "examples", "fmt_files")
    t0 = time.perf_counter()
    res = run([exe, corpus, out], input="\n".join(files) + "\n", capture_output=True, text=True)
    dt = time.perf_counter() - t0
    refused = [l.split("\t")[0] for l in res.stdout.splitlines() if "\trefused" in l]
    return dt, refused


def format_dockerfmt(files, corpus, out):
    # The npm package's `dockerfmt` is a node launcher (about 1 s per start)
    # for a Go binary shipped in a per-platform package; run the binary
    # directly, one file at a time (with several files it stops at the first
    # it cannot parse).
    pkgs = os.path.join(PEERS_DIR, "node", "node_modules", "@reteps")
    exe = os.path.join(PEERS_DIR, "node", "node_modules", ".bin", "dockerfmt")
    for name in sorted(os.listdir(pkgs)) if os.path.isdir(pkgs) else []:
        candidate = os.path.join(pkgs, name, "bin", "dockerfmt")
        if name.startswith("dockerfmt-") and os.path.isfile(candidate):
            exe = candidate
    failed = []
    t0 = time.perf_counter()
    for rel in files:
        dest = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        res = run([exe, os.path.join(corpus, rel)], capture_output=True)
        if res.returncode != 0:
            failed.append(rel)
            continue
        with open(dest, "wb") as f:
            f.write(res.stdout)
    return time.perf_counter() - t0, failed


def format_du(files, corpus, out):
    listing = os.path.join(out, "..", "du-files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    env = dict(os.environ, NODE_PATH=os.path.join(PEERS_DIR, "node", "node_modules"))
    t0 = time.perf_counter()
    res = run(["node", "-e", DU_SCRIPT, listing, corpus, out], env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    failed = [l.split(":")[0] for l in res.stderr.splitlines() if l.strip()]
    return dt, failed


def buildkit_parse(out, files):
    listing = os.path.join(out, "..", os.path.basename(out) + "-files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(os.path.join(out, r) for r in files) + "\n")
    dest = os.path.join(out, "..", os.path.basename(out) + "-buildkit.jsonl")
    py = os.path.join(PEERS_DIR, "venv", "bin", "python")
    script = os.path.join(REPO, "..", "shared", "tools", "peers", "buildkit_ref.py")
    res = run([py, script, "--root", out, "--files-from", listing, "--out", dest], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("buildkit_ref.py failed: " + res.stderr)
    with open(dest, encoding="utf-8") as f:
        return {r["path"]: r for r in map(json.loads, f)}


# --- shell text: blanks the shell ignores (a port of analyzer/src/format/shell.rs)

DIALECTS = [
    dict(escape="\\", single=True, dollar=True, backquote=True, hash=True),
    dict(escape="`", single=True, dollar=True, backquote=False, hash=True),
    dict(escape="^", single=False, dollar=False, backquote=False, hash=False),
]


def top_level(text, positions, d):
    result = {}
    stack, comment, i, n = [], False, 0, len(text)
    pos = sorted(positions)
    pi = 0

    def record(at, top):
        nonlocal pi
        while pi < len(pos) and pos[pi] <= at:
            result[pos[pi]] = top and pos[pi] == at
            pi += 1

    while i < n:
        record(i, not stack and not comment)
        if comment:
            i += 1
            continue
        b = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        top = stack[-1] if stack else None
        code = top in (None, "paren", "brace", "bq") or (isinstance(top, tuple))
        if top == "single":
            if b == "'":
                stack.pop()
            i += 1
            continue
        if top == "ansi":
            if b == "\\":
                i += 2
                continue
            if b == "'":
                stack.pop()
            i += 1
            continue
        if b == d["escape"] and (code or d["escape"] != "^"):
            i += 2
            continue
        if top == "double":
            if b == '"':
                stack.pop()
            elif b == "`" and d["backquote"]:
                stack.append("bq")
            elif b == "$" and d["dollar"] and nxt in "({" and nxt:
                stack.append(("paren", 0) if nxt == "(" else "brace")
                i += 1
            i += 1
            continue
        if b == "'" and d["single"]:
            stack.append("ansi" if d["dollar"] and i > 0 and text[i - 1] == "$" else "single")
        elif b == '"':
            stack.append("double")
        elif b == "`" and d["backquote"]:
            if top == "bq":
                stack.pop()
            else:
                stack.append("bq")
        elif b == "$" and d["dollar"] and nxt and nxt in "({":
            stack.append(("paren", 0) if nxt == "(" else "brace")
            i += 1
        elif b == "(" and isinstance(top, tuple):
            stack[-1] = ("paren", top[1] + 1)
        elif b == ")" and isinstance(top, tuple):
            if top[1] == 0:
                stack.pop()
            else:
                stack[-1] = ("paren", top[1] - 1)
        elif b == "}" and top == "brace":
            stack.pop()
        elif b == "#" and d["hash"] and (i == 0 or text[i - 1] in " \t;&|()<>"):
            comment = True
        i += 1
    record(n, not stack and not comment)
    return [result.get(p, False) for p in positions]


def shell_normalize(text):
    runs, i = [], 0
    while i < len(text):
        if text[i] in " \t":
            j = i
            while j < len(text) and text[j] in " \t":
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    starts = [r[0] for r in runs]
    ok = [True] * len(runs)
    for d in DIALECTS:
        ok = [a and b for a, b in zip(ok, top_level(text, starts, d))]
    out, last = [], 0
    for (s, e), top in zip(runs, ok):
        if top and not (s > 0 and text[s - 1] in "\\`^"):
            out.append(text[last:s] + " ")
            last = e
    out.append(text[last:])
    return "".join(out)


def shell_tokens(text):
    try:
        lex = shlex.shlex(text, posix=True, punctuation_chars=True)
        lex.whitespace_split = True
        return list(lex)
    except ValueError:
        return None


SHELL_CMDS = {"run", "cmd", "entrypoint", "shell"}


def value_equal(a, b, cmd, json_form, tokens):
    """Compares the value lists of one instruction."""
    if len(a["value"]) != len(b["value"]):
        return False
    cmd = cmd.lower()
    case_idx, shell_from = set(), None
    if cmd in SHELL_CMDS and not json_form:
        shell_from = 0
    elif cmd == "healthcheck":
        case_idx.add(0)
        if not json_form:
            shell_from = 1
    elif cmd == "from" and len(a["value"]) == 3 and a["value"][1].lower() == "as":
        case_idx.add(1)
    for i, (x, y) in enumerate(zip(a["value"], b["value"])):
        if i in case_idx:
            if x.lower() != y.lower():
                return False
        elif shell_from is not None and i >= shell_from:
            if shell_normalize(x) != shell_normalize(y):
                if not tokens:
                    return False
                tx, ty = shell_tokens(x), shell_tokens(y)
                if tx is None or tx != ty:
                    return False
        elif x != y:
            return False
    return True


def same_build(orig, new, tokens):
    if orig["ok"] != new["ok"]:
        return False
    if not orig["ok"]:
        return True
    a, b = orig["instructions"], new["instructions"]
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x["cmd"].lower() != y["cmd"].lower():
            return False
        if (x["sub_cmd"] or "").lower() != (y["sub_cmd"] or "").lower():
            return False
        if x["flags"] != y["flags"] or x["heredocs"] != y["heredocs"]:
            return False
        if x["json"] != y["json"]:
            # `COPY a b` and `COPY ["a", "b"]` copy the same files.
            path_list = (x["sub_cmd"] or x["cmd"]).lower() in ("add", "copy", "volume")
            if not (tokens and path_list and x["value"] == y["value"]):
                return False
        if not value_equal(x, y, x["sub_cmd"] or x["cmd"], x["json"], tokens):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--out", help="output directory (default: a fresh temporary one)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--tools", default="dockward,dockerfmt,dockerfile-utils")
    ap.add_argument("--debug", action="store_true", help="build dockward's engine without --release")
    ap.add_argument("--limit", type=int, help="only the first N files (for a quick run)")
    ap.add_argument("--json", help="write the numbers and file lists here")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the outputs of an earlier run in --out (only re-compare)")
    a = ap.parse_args()

    corpus = os.path.abspath(a.corpus)
    if not os.path.isdir(os.path.join(corpus, "real")):
        sys.exit("no corpus at %s" % corpus)
    files = corpus_files(corpus)[: a.limit]
    out_root = os.path.abspath(a.out or tempfile.mkdtemp(prefix="fmt-compare-"))
    os.makedirs(out_root, exist_ok=True)
    with open(os.path.join(corpus, "reference", "buildkit-ref.jsonl"), encoding="utf-8") as f:
        reference = {r["path"]: r for r in map(json.loads, f)}

    results = {}
    for tool in a.tools.split(","):
        out = os.path.join(out_root, tool)
        meta_path = os.path.join(out_root, tool + "-meta.json")
        if a.reuse and os.path.exists(meta_path):
            with open(meta_path) as f:
                meta = json.load(f)
            secs, failed, refused = meta["seconds"], meta["failed"], meta["refused"]
        else:
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            refused, failed = [], []
            if tool == "dockward":
                secs, refused = format_dockward(files, corpus, out, a.debug)
            elif tool == "dockerfmt":
                secs, failed = format_dockerfmt(files, corpus, out)
            elif tool == "dockerfile-utils":
                secs, failed = format_du(files, corpus, out)
            else:
                sys.exit("unknown tool " + tool)
            for rel in failed:
                # No output: the file stays as it was.
                dest = os.path.join(out, rel)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copyfile(os.path.join(corpus, rel), dest)
            with open(meta_path, "w") as f:
                json.dump(dict(seconds=secs, failed=failed, refused=refused), f)
        parsed = buildkit_parse(out, files)
        changed, differs, broken = [], [], []
        for rel in files:
            with open(os.path.join(corpus, rel), "rb") as f1, open(os.path.join(out, rel), "rb") as f2:
                if f1.read() != f2.read():
                    changed.append(rel)
            orig, new = reference[rel], parsed[rel]
            if not same_build(orig, new, tokens=False):
                differs.append(rel)
            if not same_build(orig, new, tokens=True):
                broken.append(rel)
        results[tool] = dict(files=len(files), changed=changed, failed=failed, refused=refused,
                             differs=differs, broken=broken, seconds=round(secs, 2))
        print("%s: %d files, %d changed, %d failed, %d differ, %d broken (%.1fs)"
              % (tool, len(files), len(changed), len(failed), len(differs), len(broken), secs),
              file=sys.stderr)

    print("| tool | files | changed | no output | BuildKit parse differs | broken (shell-token aware) | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for tool, r in results.items():
        print("| %s | %d | %d | %d | %d | %d | %.1f |" % (
            tool, r["files"], len(r["changed"]), len(r["failed"]) + len(r["refused"]),
            len(r["differs"]), len(r["broken"]), r["seconds"]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    print("outputs in %s" % out_root, file=sys.stderr)


if __name__ == "__main__":
    main()
