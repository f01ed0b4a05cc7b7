//! The parser never panics, and its tokens reproduce the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let df = dockward_analyzer::syntax::parse(&src);
    let mut rebuilt = String::with_capacity(src.len());
    for t in &df.tokens {
        rebuilt.push_str(&src[t.range.as_range()]);
    }
    assert_eq!(rebuilt, src);
    let _ = df.buildkit_instructions();
    let _ = df.buildkit_dump();
});
