//! The Compose analysis (model, schema walk, every rule) and fixing until
//! convergence never panic; findings and fix edits stay in
//! bounds on character boundaries; fixes never produce text with more
//! syntax errors (YAML errors, a root that is not a mapping), and a fixed
//! text analyses cleanly again. The input is also tried with a `.env` made
//! of its own first lines, so interpolation against set variables is
//! exercised.
#![no_main]

use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::{Config, Diagnostic, TextRange};
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
    let dotenv: String = src.lines().take(3).map(|l| format!("{l}\n")).collect();
    let errors = compose::syntax_errors(&src);
    for context in [
        ComposeContext::default(),
        ComposeContext {
            dotenv: Some(&dotenv),
            ..ComposeContext::default()
        },
        ComposeContext {
            partial: true,
            ..ComposeContext::default()
        },
    ] {
        check(&src, &compose::analyze(&src, &config, context).diagnostics);
        for unsafe_fixes in [false, true] {
            let outcome = compose::fix_all(&src, &config, context, unsafe_fixes);
            assert!(
                compose::syntax_errors(&outcome.text) <= errors,
                "fixes introduced syntax errors:\n{src:?}\n=>\n{:?}",
                outcome.text
            );
            check(
                &outcome.text,
                &compose::analyze(&outcome.text, &config, context).diagnostics,
            );
        }
    }
});
