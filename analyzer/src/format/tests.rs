use super::*;

fn fmt(src: &str) -> String {
    let out = format_checked(src, &FormatOptions::default()).expect("equivalent");
    let again = format_checked(&out, &FormatOptions::default()).expect("equivalent");
    assert_eq!(out, again, "not idempotent");
    out
}

#[test]
fn smoke() {
    assert_eq!(
        fmt("from   alpine\nrun  echo hi   \n"),
        "FROM alpine\nRUN echo hi\n"
    );
}
