//! The formatter over the read-only corpus beside the checkout
//! (`../shared/corpus/real/**` and `../shared/corpus/buildkit-parser/*/Dockerfile`),
//! read in place. Skipped when the corpus is absent.
//!
//! For every file: the result builds the same (BuildKit parse equal, modulo
//! blanks the shell ignores), formatting is idempotent, heredoc bodies and
//! terminators are byte-for-byte the same, every comment is still there in
//! order, and there are no new syntax errors.

use std::path::{Path, PathBuf};

use dockward_analyzer::format::{FormatOptions, Indent, KeywordCase, format_checked};
use dockward_analyzer::syntax::{Dockerfile, parse};

mod support;
use support::corpus;

fn files(corpus: &Path) -> Vec<PathBuf> {
    let mut out = support::real_files();
    if let Ok(entries) = std::fs::read_dir(corpus.join("buildkit-parser")) {
        out.extend(entries.flatten().map(|e| e.path().join("Dockerfile")));
    }
    out.sort();
    out
}

fn heredoc_texts(df: &Dockerfile) -> Vec<String> {
    df.instructions
        .iter()
        .flat_map(|i| &i.heredocs)
        .flat_map(|h| {
            let term = h.terminator.map(|t| df.text(t).to_owned());
            [Some(df.text(h.body).to_owned()), term]
        })
        .flatten()
        .collect()
}

fn comment_texts(df: &Dockerfile) -> Vec<(String, bool)> {
    df.comments
        .iter()
        .map(|c| {
            let text = df.text(c.range).trim_end_matches([' ', '\t']).to_owned();
            (text, c.in_continuation)
        })
        .collect()
}

/// Checks one file under `opts`; returns whether the formatter changed it.
fn check(path: &Path, src: &str, opts: &FormatOptions, failures: &mut Vec<String>) -> bool {
    let out = match format_checked(src, opts) {
        Ok(out) => out,
        Err(e) => {
            failures.push(format!("{}: {e}", path.display()));
            return false;
        }
    };
    let again = format_checked(&out, opts).unwrap_or_default();
    if again != out {
        failures.push(format!(
            "{}: not idempotent\n--- once\n{out}\n--- twice\n{again}",
            path.display()
        ));
    }
    let (before, after) = (parse(src), parse(&out));
    if heredoc_texts(&before) != heredoc_texts(&after) {
        failures.push(format!("{}: heredoc text changed", path.display()));
    }
    if comment_texts(&before) != comment_texts(&after) {
        failures.push(format!("{}: comments changed", path.display()));
    }
    if after.errors.len() > before.errors.len() {
        failures.push(format!("{}: new syntax errors", path.display()));
    }
    out != src
}

#[test]
fn corpus_formats_safely_and_idempotently() {
    let Some(corpus) = corpus() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let files = files(&corpus);
    let variants = [
        FormatOptions::default(),
        FormatOptions {
            indent: Indent::Tab,
            keyword_case: KeywordCase::Lower,
            max_blank_lines: 0,
            insert_final_newline: false,
        },
    ];
    let mut failures = Vec::new();
    let mut changed = 0;
    for path in &files {
        let src = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
        if check(path, &src, &variants[0], &mut failures) {
            changed += 1;
        }
        check(path, &src, &variants[1], &mut failures);
    }
    eprintln!("formatted {} corpus files; {changed} changed", files.len());
    assert!(files.len() > 2900, "only {} corpus files", files.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
