//! The YAML tree never panics; every span is in bounds and inside its
//! parent's; a full walk of the resolved view stays within the expansion
//! budget; comment targets are in bounds.
#![no_main]

mod common;

use common::in_bounds;

use dockward_analyzer::yaml::{Value, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let y = parse(&src);
    for n in y.nodes() {
        assert!(in_bounds(&src, n.full_span()));
        if let Some(p) = n.parent() {
            assert!(y.node(p).span().contains_range(n.full_span()) || n.span().is_empty());
        }
    }
    for e in y.errors() {
        assert!(in_bounds(&src, e.range));
    }
    for c in y.comments() {
        assert!(in_bounds(&src, c.span));
        if let Some(t) = y.comment_target(c) {
            assert!(in_bounds(&src, t.span(&y)));
        }
    }
    let (used, budget) = y.expansion();
    assert!(used <= budget);
    let mut walked = 0u64;
    for d in y.documents() {
        let mut stack: Vec<Value<'_>> = d.root.map(|r| y.value(r)).into_iter().collect();
        while let Some(v) = stack.pop() {
            walked += 1;
            assert!(walked <= budget + 1, "walk exceeds the budget");
            let _ = (v.as_str(), v.is_null(), v.tag(), v.via());
            stack.extend(v.items());
            for e in v.entries() {
                stack.push(e.key);
                stack.push(e.value);
            }
        }
    }
    for offset in [0, src.len() / 3, src.len() / 2, src.len()] {
        if let Some(t) = y.target_at(offset) {
            assert!(in_bounds(&src, t.span(&y)));
        }
    }
});
