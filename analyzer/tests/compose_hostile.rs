//! Issue 11's bad input, end to end through the public entry points: the
//! hostile Compose files of `support::hostile_compose` (YAML bombs, 100k-deep
//! nesting, 10 MB scalars, cyclic and long `extends` chains…) and hostile
//! `daemon.json` / seccomp texts (not an object, deep nesting, 10 MB
//! strings) are analysed with every rule and fixed until convergence, on a
//! 2 MB stack, without a panic or unbounded recursion, each within a
//! second of thread CPU time in release builds (`cargo test --release -p
//! dockward-analyzer --test compose_hostile -- --nocapture` prints the
//! times quoted in `docs/compose-and-daemon.md`). Debug builds only catch
//! super-linear blow-ups.

use std::time::Duration;

use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::{Config, daemon, seccomp};

mod support;
use support::{hostile_compose, hostile_json, measure};

fn every_rule() -> Config {
    Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    }
}

/// The bound: one second of CPU in release builds, a minute in debug ones.
fn bound() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 1 })
}

/// Runs `f` on a thread with a 2 MB stack (the size of a language server
/// worker's), so unbounded recursion shows up as a failure.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn hostile_compose_files_are_fast_and_shallow() {
    on_small_stack(|| {
        let config = every_rule();
        for (name, src) in hostile_compose() {
            let (analysis, analysed) =
                measure(|| compose::analyze(&src, &config, ComposeContext::default()));
            for d in &analysis.diagnostics {
                assert!(d.range.end() <= src.len(), "{name}: {:?}", d.range);
                assert!(d.message.len() < 1000, "{name}: {} bytes", d.message.len());
            }
            let findings = analysis.diagnostics.len();
            let errors_before = compose::syntax_errors(&src);
            let (outcome, fixed) =
                measure(|| compose::fix_all(&src, &config, ComposeContext::default(), true));
            assert!(
                compose::syntax_errors(&outcome.text) <= errors_before,
                "{name}: fixing added syntax errors"
            );
            eprintln!(
                "compose hostile input {name} ({} bytes): analysis {analysed:?} ({findings} findings), fix_all {fixed:?}",
                src.len()
            );
            assert!(analysed < bound(), "{name}: analysis took {analysed:?}");
            assert!(fixed < bound() * 4, "{name}: fix_all took {fixed:?}");
        }
    });
}

/// A bomb is refused at the alias that goes over the budget, with a
/// finding that says so, and nothing is expanded.
#[test]
fn billion_laughs_is_one_clear_finding() {
    let (_, src) = hostile_compose()
        .into_iter()
        .find(|(n, _)| *n == "billion laughs")
        .expect("the bomb is in the hostile set");
    let analysis = compose::analyze(&src, &Config::default(), ComposeContext::default());
    let bombs: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "DW5900")
        .collect();
    assert_eq!(bombs.len(), 1, "{:#?}", analysis.diagnostics);
    let message = &bombs[0].message;
    assert!(
        message.contains("alias") && message.contains("expan"),
        "not a clear message: {message}"
    );
    let at = &src[bombs[0].range.start()..bombs[0].range.end()];
    assert!(at.starts_with('*'), "reported at {at:?}, not at an alias");
}

/// A cycle of `extends` is reported, not followed forever.
#[test]
fn cyclic_extends_is_reported() {
    let src = "services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n";
    let analysis = compose::analyze(src, &every_rule(), ComposeContext::default());
    assert!(
        analysis
            .diagnostics
            .iter()
            .any(|d| d.message.contains("extends") && d.message.contains("cycle")),
        "{:#?}",
        analysis.diagnostics
    );
}

#[test]
fn hostile_daemon_and_seccomp_files_are_fast_and_shallow() {
    on_small_stack(|| {
        let config = every_rule();
        for (name, src) in hostile_json() {
            let (d, daemon_took) = measure(|| daemon::analyze(&src, &config));
            let (s, seccomp_took) = measure(|| seccomp::analyze(&src, &config));
            for diag in d.diagnostics.iter().chain(&s.diagnostics) {
                assert!(diag.range.end() <= src.len(), "{name}: {:?}", diag.range);
            }
            let (_, daemon_fix) = measure(|| daemon::fix_all(&src, &config, true));
            let (_, seccomp_fix) = measure(|| seccomp::fix_all(&src, &config, true));
            eprintln!(
                "json hostile input {name} ({} bytes): daemon.json {daemon_took:?} ({} findings), fix_all {daemon_fix:?}; seccomp {seccomp_took:?} ({} findings), fix_all {seccomp_fix:?}",
                src.len(),
                d.diagnostics.len(),
                s.diagnostics.len()
            );
            for (what, took) in [("daemon.json", daemon_took), ("seccomp", seccomp_took)] {
                assert!(took < bound(), "{name}: {what} analysis took {took:?}");
            }
            for (what, took) in [("daemon.json", daemon_fix), ("seccomp", seccomp_fix)] {
                assert!(took < bound() * 4, "{name}: {what} fix_all took {took:?}");
            }
        }
    });
}

/// A `daemon.json` that is not an object is one syntax finding, and no
/// missing-setting rule reports on it.
#[test]
fn daemon_json_not_an_object_is_one_finding() {
    for src in ["[1, 2]", "42", "\"daemon\"", "true"] {
        let analysis = daemon::analyze(src, &every_rule());
        let codes: Vec<_> = analysis.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["DW6000"], "{src}: {:#?}", analysis.diagnostics);
    }
}
