//! The analyzer's side of the Semgrep comparison in
//! `docs/compose-and-daemon.md`, standing in for `dockward lint` until the
//! CLI reads Compose files: reads every file of a Compose directory tree
//! (default: the shared corpus, read in place) with the `.env` beside it,
//! as the CLI does, analyses each with the default rules (or `--all`), and
//! prints the wall time of the whole run (reading included) and the number
//! of findings and files per rule, overall and over the files that still
//! have a top-level `version:` (the only ones Semgrep's rules look at).
//!
//! ```sh
//! cargo build --release -p dockward-analyzer --example compose_lint_corpus
//! /usr/bin/time -v target/release/examples/compose_lint_corpus [--all] [DIR]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dockward_analyzer::Config;
use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::registry::COMPOSE_RULES;

#[path = "../tests/support/mod.rs"]
mod support;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            out.push(path);
        }
    }
}

#[derive(Default)]
struct Count {
    findings: usize,
    files: usize,
    findings_versioned: usize,
    files_versioned: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.iter().any(|a| a == "--all");
    let config = if all {
        Config {
            select: Some(vec!["ALL".to_owned()]),
            ..Config::default()
        }
    } else {
        Config::default()
    };
    let mut files = Vec::new();
    match args.iter().find(|a| !a.starts_with("--")) {
        Some(dir) => walk(Path::new(dir), &mut files),
        None => files = support::compose_files(),
    }
    files.sort();
    let start = Instant::now();
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    let (mut bytes, mut versioned) = (0, 0);
    for path in &files {
        let Ok(raw) = std::fs::read(path) else {
            continue;
        };
        let src = String::from_utf8_lossy(&raw);
        bytes += src.len();
        let dotenv = path
            .parent()
            .map(|d| d.join(".env"))
            .and_then(|p| std::fs::read_to_string(p).ok());
        let context = ComposeContext {
            dotenv: dotenv.as_deref(),
            ..ComposeContext::default()
        };
        let analysis = compose::analyze(&src, &config, context);
        let has_version = analysis.model.yaml().documents().iter().any(|d| {
            d.root
                .is_some_and(|r| analysis.model.yaml().value(r).get("version").is_some())
        });
        versioned += usize::from(has_version);
        let mut seen = std::collections::HashSet::new();
        for d in &analysis.diagnostics {
            let c = counts.entry(d.code).or_default();
            let first = seen.insert(d.code);
            c.findings += 1;
            c.files += usize::from(first);
            if has_version {
                c.findings_versioned += 1;
                c.files_versioned += usize::from(first);
            }
        }
    }
    let elapsed = start.elapsed();
    println!(
        "{} files ({versioned} with `version:`), {bytes} bytes, {} rules: {elapsed:?}",
        files.len(),
        if all { "every" } else { "default" }
    );
    println!(
        "| code | name | findings | files | findings (`version:` files) | files (`version:`) |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    for rule in COMPOSE_RULES {
        let m = rule.meta();
        if let Some(c) = counts.get(m.code) {
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                m.code, m.name, c.findings, c.files, c.findings_versioned, c.files_versioned
            );
        }
    }
}
