//! The whole analysis (model, shell, every rule) and the formatter never
//! panic; fixes never produce text with new parse errors.
#![no_main]

mod common;

use common::all_rules;

use dockward_analyzer::{Context, fixes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let config = all_rules();
    let analysis = dockward_analyzer::analyze(&src, &config);
    let errors = analysis.model.file.errors.len();
    let outcome = fixes::fix_all(&src, &config, Context::default(), true);
    let after = dockward_analyzer::syntax::parse(&outcome.text).errors.len();
    assert!(after <= errors, "fixes introduced parse errors");
    let _ = dockward_analyzer::format::format(
        &src,
        &dockward_analyzer::format::FormatOptions::default(),
    );
});
