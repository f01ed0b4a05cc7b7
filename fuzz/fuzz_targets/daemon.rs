//! The daemon.json and seccomp analyses (every rule), and fixing until
//! convergence, never panic; findings and edits stay in bounds; fixes never
//! produce text with more JSON errors.
#![no_main]

mod common;

use common::{all_rules, check_ranges};

use dockward_analyzer::{daemon, json, seccomp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let config = all_rules();
    let errors = json::parse(&src).errors().len();
    check_ranges(&src, &daemon::analyze(&src, &config).diagnostics);
    check_ranges(&src, &seccomp::analyze(&src, &config).diagnostics);
    for outcome in [
        daemon::fix_all(&src, &config, true),
        seccomp::fix_all(&src, &config, true),
    ] {
        assert!(
            json::parse(&outcome.text).errors().len() <= errors,
            "fixes introduced JSON errors"
        );
    }
});
