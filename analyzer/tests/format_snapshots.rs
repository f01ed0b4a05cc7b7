//! Snapshots of the formatter on hand-written fixtures
//! (`tests/fixtures/format/*.Dockerfile`).

use dockward_analyzer::format::{FormatOptions, format_checked};

#[test]
fn fixtures() {
    insta::glob!("fixtures/format/*.Dockerfile", |path| {
        let src = std::fs::read_to_string(path).expect("read fixture");
        let opts = FormatOptions::default();
        let out = format_checked(&src, &opts).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format_checked(&out, &opts).as_deref(), Ok(out.as_str()));
        insta::assert_snapshot!(out);
    });
}
