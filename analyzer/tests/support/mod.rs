//! Inputs the analyzer's corpus tests, benches and examples share
//! (dev-only): the read-only corpus beside the checkout
//! (`../shared/corpus`), read in place, and the pathological inputs of
//! issue 2. Integration tests use it as `mod support;`; benches, examples
//! and unit tests include it with `#[path = "…/tests/support/mod.rs"]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus folder, when it is there: `shared/corpus` in the nearest
/// ancestor of the checkout that has one (beside the main checkout, or
/// above a git worktree).
pub fn corpus() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(2)
        .map(|dir| dir.join("shared/corpus"))
        .find(|dir| dir.is_dir())
}

/// Every Dockerfile of `corpus/real` (the manifest left out), sorted; empty
/// when the corpus is absent.
pub fn real_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n != "MANIFEST.tsv") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(corpus) = corpus() {
        walk(&corpus.join("real"), &mut out);
    }
    out.sort();
    out
}

/// A file's text, invalid UTF-8 replaced.
pub fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).expect("read corpus file")).into_owned()
}

/// The text of every file of [`real_files`].
pub fn real_texts() -> Vec<String> {
    real_files().iter().map(|p| read_lossy(p)).collect()
}

/// The pathological inputs of issue 2's acceptance list.
pub fn pathological() -> Vec<(&'static str, String)> {
    vec![
        (
            "5 MB single line",
            format!("FROM alpine\nRUN echo {}\n", "a".repeat(5_000_000)),
        ),
        (
            "200k continuation lines",
            format!(
                "FROM alpine\nRUN echo \\\n{}done\n",
                "  x \\\n".repeat(200_000)
            ),
        ),
        (
            "20k nested ${A:-",
            format!(
                "FROM alpine\nENV X={}{}\nRUN echo $X\n",
                "${A:-".repeat(20_000),
                "}".repeat(20_000)
            ),
        ),
        (
            "unterminated heredoc",
            format!("FROM alpine\nRUN <<EOF\n{}", "line\n".repeat(100_000)),
        ),
        (
            "100k [",
            format!("FROM alpine\nCMD {}\n", "[".repeat(100_000)),
        ),
        (
            "20k stages",
            (0..20_000)
                .map(|i| format!("FROM alpine AS s{i}\nCOPY --from=s{} /a /b\n", i.max(1) - 1))
                .collect(),
        ),
        (
            "20k nested $( in RUN",
            format!(
                "FROM alpine\nRUN {}{}\n",
                "$(".repeat(20_000),
                ")".repeat(20_000)
            ),
        ),
        (
            "100k nested ONBUILD",
            format!("FROM alpine\n{}RUN x\n", "ONBUILD ".repeat(100_000)),
        ),
    ]
}
