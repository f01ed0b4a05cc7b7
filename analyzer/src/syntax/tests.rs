use super::*;

fn bk(src: &str) -> Vec<BuildkitInstruction> {
    parse(src).buildkit_instructions()
}

#[test]
fn simple_file() {
    let df = parse("FROM alpine:3.19\nRUN echo hi\n");
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(df.instructions[0].keyword, Keyword::From);
    assert_eq!(df.text(df.instructions[1].range), "RUN echo hi");
    assert!(df.errors.is_empty(), "{:?}", df.errors);
}

#[test]
fn continuation_and_comments() {
    let src = "RUN echo hello \\\n# comment\n  world\n";
    let out = bk(src);
    assert_eq!(out[0].value, vec!["echo hello   world"]);
    assert_eq!((out[0].start_line, out[0].end_line), (1, 3));
}

#[test]
fn json_escape_escapes_what_json_needs() {
    assert_eq!(json_escape("a -y"), "a -y");
    assert_eq!(
        json_escape("\"x\"\\\n\t\u{1}"),
        "\\\"x\\\"\\\\\\n\\t\\u0001"
    );
}
