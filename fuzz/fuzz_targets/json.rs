//! The strict JSON tree never panics; every span is in bounds and inside its
//! parent's; a document without errors is complete and has a root unless
//! blank.
#![no_main]

mod common;

use common::in_bounds;

use dockward_analyzer::json::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let json = parse(&src);
    for n in json.nodes() {
        assert!(in_bounds(&src, n.span()));
        if let Some(p) = n.parent() {
            assert!(json.node(p).span().contains_range(n.span()));
            for m in json.members(p) {
                assert!(in_bounds(&src, m.key_span));
                let _ = json.key(m);
            }
        }
    }
    for e in json.errors() {
        assert!(in_bounds(&src, e.range));
    }
    if json.errors().is_empty() {
        assert!(json.is_complete());
        let blank = src
            .trim_start_matches('\u{feff}')
            .trim_matches([' ', '\t', '\n', '\r'])
            .is_empty();
        assert_eq!(json.root().is_none(), blank);
    }
});
