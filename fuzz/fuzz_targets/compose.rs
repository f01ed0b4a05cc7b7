//! The Compose analysis (model, schema walk, every rule) and fixing until
//! convergence never panic; findings and fix edits stay in
//! bounds on character boundaries; fixes never produce text with more
//! syntax errors (YAML errors, a root that is not a mapping), and a fixed
//! text analyses cleanly again. The input is also tried with a `.env` made
//! of its own first lines, so interpolation against set variables is
//! exercised.
#![no_main]

mod common;

use common::{all_rules, check_ranges};

use dockward_analyzer::compose::{self, ComposeContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let config = all_rules();
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
        check_ranges(&src, &compose::analyze(&src, &config, context).diagnostics);
        for unsafe_fixes in [false, true] {
            let outcome = compose::fix_all(&src, &config, context, unsafe_fixes);
            assert!(
                compose::syntax_errors(&outcome.text) <= errors,
                "fixes introduced syntax errors:\n{src:?}\n=>\n{:?}",
                outcome.text
            );
            check_ranges(
                &outcome.text,
                &compose::analyze(&outcome.text, &config, context).diagnostics,
            );
        }
    }
});
