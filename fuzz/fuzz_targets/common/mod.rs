//! What the fuzz targets check alike: ranges in bounds on character
//! boundaries, for findings and their fix edits, and the configuration
//! that turns every rule on.
#![allow(dead_code)] // each target uses part of it

use dockward_analyzer::{Config, Diagnostic, TextRange};

/// `r` lies inside `src`, on character boundaries.
pub fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

/// Every finding's range and every fix edit's range is [`in_bounds`].
pub fn check_ranges(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(in_bounds(src, d.range), "{d:?}");
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(in_bounds(src, e.range), "{d:?}");
        }
    }
}

/// Every rule on, the default ones and the opt-in ones.
pub fn all_rules() -> Config {
    Config {
        select: Some(vec!["ALL".into()]),
        ..Config::default()
    }
}
