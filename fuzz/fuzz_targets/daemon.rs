//! The daemon.json and seccomp analyses (every rule), and fixing until
//! convergence, never panic; findings and edits stay in bounds; fixes never
//! produce text with more JSON errors.
#![no_main]

use dockward_analyzer::{Config, Diagnostic, TextRange, daemon, json, seccomp};
use libfuzzer_sys::fuzz_target;

fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

fn check(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(in_bounds(src, d.range), "{d:?}");
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(in_bounds(src, e.range), "{d:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let config = Config {
        select: Some(vec!["ALL".into()]),
        ..Config::default()
    };
    let errors = json::parse(&src).errors().len();
    check(&src, &daemon::analyze(&src, &config).diagnostics);
    check(&src, &seccomp::analyze(&src, &config).diagnostics);
    for outcome in [
        daemon::fix_all(&src, &config, true),
        seccomp::fix_all(&src, &config, true),
    ] {
        assert!(json::parse(&outcome.text).errors().len() <= errors, "fixes introduced JSON errors");
    }
});
