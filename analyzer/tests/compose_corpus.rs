//! The Compose analysis on the shared Compose corpus
//! (`../shared/corpus/compose`, read in place; skipped when absent): every
//! file is analysed with every rule on, without a panic; no file the YAML
//! reader accepts gets a `compose-syntax-error`; every finding's range is in
//! bounds; and the number of files each rule fires on is printed
//! (`cargo test -p dockward-analyzer --test compose_corpus -- --nocapture`),
//! the counts of `docs/compose-and-daemon.md`. `DOCKWARD_SHOW=DW5060,DW5901`
//! prints those rules' findings with their lines, for reading by hand.

use std::collections::BTreeMap;
use std::time::Instant;

use dockward_analyzer::Config;
use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::registry::COMPOSE_RULES;

mod support;
use support::{compose_files, read_lossy};

#[test]
fn every_corpus_file_analyses_cleanly() {
    let files = compose_files();
    if files.is_empty() {
        eprintln!("compose corpus not found; skipping");
        return;
    }
    let all = Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    };
    let mut files_per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut findings_per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let show: Vec<String> = std::env::var("DOCKWARD_SHOW")
        .map(|s| s.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let mut bytes = 0;
    let start = Instant::now();
    for path in &files {
        let src = read_lossy(path);
        bytes += src.len();
        // `.env` beside the file, as the CLI passes it.
        let dotenv = path
            .parent()
            .map(|d| d.join(".env"))
            .and_then(|p| std::fs::read_to_string(p).ok());
        let context = ComposeContext {
            dotenv: dotenv.as_deref(),
            ..ComposeContext::default()
        };
        let analysis = compose::analyze(&src, &all, context);
        let yaml_ok = analysis.model.yaml().errors().is_empty();
        let mut seen = std::collections::HashSet::new();
        for d in &analysis.diagnostics {
            assert!(
                d.range.end() <= src.len()
                    && src.is_char_boundary(d.range.start())
                    && src.is_char_boundary(d.range.end()),
                "{}: range {:?} out of bounds",
                path.display(),
                d.range
            );
            if yaml_ok && d.code == "DW5900" {
                problems.push(format!("{}: {}", path.display(), d.message));
            }
            if show.iter().any(|c| c == d.code) {
                let line = src[..d.range.start()].matches('\n').count();
                let text = src.lines().nth(line).unwrap_or("").trim();
                println!(
                    "{} {}:{}: {} | {text}",
                    d.code,
                    path.strip_prefix(path.ancestors().nth(2).unwrap_or(path))
                        .unwrap_or(path)
                        .display(),
                    line + 1,
                    d.message
                );
            }
            *findings_per_rule.entry(d.code).or_default() += 1;
            if seen.insert(d.code) {
                *files_per_rule.entry(d.code).or_default() += 1;
            }
        }
    }
    let elapsed = start.elapsed();
    assert!(
        problems.is_empty(),
        "syntax findings on files the YAML reader accepts:\n{}",
        problems.join("\n")
    );
    println!(
        "{} files, {bytes} bytes, analysed with every rule in {elapsed:?}",
        files.len()
    );
    println!("| code | name | files | findings |");
    println!("|---|---|---:|---:|");
    for rule in COMPOSE_RULES {
        let m = rule.meta();
        println!(
            "| {} | {} | {} | {} |",
            m.code,
            m.name,
            files_per_rule.get(m.code).copied().unwrap_or(0),
            findings_per_rule.get(m.code).copied().unwrap_or(0)
        );
    }
}

/// Every corpus file fixed with every rule on, unsafe fixes included: the
/// result has no more syntax errors than the file, fixing converges, no
/// fixable finding is left, and every comment on a line of its own is still
/// there (a trailing comment goes with the line a fix removes, such as
/// `privileged: true  # why`, and only then).
#[test]
fn every_corpus_file_fixes_cleanly() {
    let files = compose_files();
    if files.is_empty() {
        eprintln!("compose corpus not found; skipping");
        return;
    }
    let all = Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    };
    let (mut changed, mut applied) = (0, 0);
    for path in &files {
        let src = read_lossy(path);
        let context = ComposeContext::default();
        let outcome = compose::fix_all(&src, &all, context, true);
        assert!(
            outcome.converged,
            "{}: fixing did not converge",
            path.display()
        );
        assert!(
            compose::syntax_errors(&outcome.text) <= compose::syntax_errors(&src),
            "{}: fixing added syntax errors",
            path.display()
        );
        let after = compose::analyze(&outcome.text, &all, context);
        let left: Vec<_> = after
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(
            left.is_empty(),
            "{}: fixable findings left: {left:#?}",
            path.display()
        );
        let before = compose::analyze(&src, &Config::default(), context);
        let comments = |m: &compose::ComposeModel| -> Vec<String> {
            let y = m.yaml();
            y.comments()
                .iter()
                .filter(|c| c.own_line)
                .map(|c| y.comment_text(c).to_owned())
                .collect()
        };
        assert_eq!(
            comments(&before.model),
            comments(&after.model),
            "{}: a comment of its own line was lost",
            path.display()
        );
        if outcome.text != src {
            changed += 1;
            applied += outcome.applied;
        }
    }
    println!(
        "{changed} of {} files fixed, {applied} fixes applied",
        files.len()
    );
}
