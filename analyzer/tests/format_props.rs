//! Property tests of the formatter on generated Dockerfiles: no panic, the
//! result builds the same (the engine never refuses its own output),
//! formatting is idempotent, and the edits reproduce the formatted text.

use dockward_analyzer::format::{
    FormatOptions, Indent, KeywordCase, format, format_checked, format_edits,
};
use proptest::prelude::*;

const KEYWORDS: &[&str] = &[
    "FROM",
    "from",
    "RUN",
    "run",
    "Run",
    "CMD",
    "ENTRYPOINT",
    "SHELL",
    "COPY",
    "ADD",
    "ENV",
    "LABEL",
    "ARG",
    "EXPOSE",
    "VOLUME",
    "USER",
    "WORKDIR",
    "HEALTHCHECK",
    "ONBUILD",
    "ONBUILD RUN",
    "STOPSIGNAL",
    "MAINTAINER",
    "FOO",
];

const FRAGMENTS: &[&str] = &[
    "a",
    "b=c",
    "x=\"y  z\"",
    "AS",
    "as",
    "CMD",
    "NONE",
    "--from=b",
    "--mount=type=cache,target=/c",
    "--platform=$P",
    "--",
    "[",
    "]",
    "[\"a\"",
    "\"b\"]",
    "[ \"sh\" , \"-c\" ]",
    "[]",
    ",",
    "\"",
    "'",
    "$(",
    ")",
    "${",
    "}",
    "`",
    "\\",
    "^",
    "#",
    "# c",
    "&&",
    ";",
    "<<EOF",
    "<<-'E'",
    "é",
    "\u{a0}",
    "80/tcp",
];

const BLANKS: &[&str] = &["", " ", "  ", "\t", " \t "];

const ENDINGS: &[&str] = &["", " ", "\\", " \\", "  \\  ", "`", " `"];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

fn instruction_line() -> impl Strategy<Value = String> {
    (
        pick(BLANKS),
        pick(KEYWORDS),
        prop::collection::vec((pick(BLANKS), pick(FRAGMENTS)), 0..6),
        pick(ENDINGS),
    )
        .prop_map(|(indent, kw, parts, end)| {
            let mut line = format!("{indent}{kw}");
            for (i, (blank, frag)) in parts.into_iter().enumerate() {
                line.push_str(if i == 0 && blank.is_empty() {
                    " "
                } else {
                    blank
                });
                line.push_str(frag);
            }
            line.push_str(end);
            line
        })
}

fn continuation_line() -> impl Strategy<Value = String> {
    (
        pick(BLANKS),
        prop::collection::vec((pick(FRAGMENTS), pick(BLANKS)), 0..4),
        pick(ENDINGS),
    )
        .prop_map(|(indent, parts, end)| {
            let mut line = indent.to_owned();
            for (frag, blank) in parts {
                line.push_str(frag);
                line.push_str(blank);
            }
            line.push_str(end);
            line
        })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => instruction_line(),
        3 => continuation_line(),
        1 => Just(String::new()),
        1 => pick(BLANKS).prop_map(str::to_owned),
        1 => pick(&["# comment", "  # indented  ", "#", "# escape=`", "# syntax=x", "#check = skip=all"])
            .prop_map(str::to_owned),
        1 => pick(&["EOF", "\tE", "E"]).prop_map(str::to_owned),
    ]
}

fn dockerfile() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..14),
        pick(&["\n", "\r\n"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, newline, final_newline, from_first)| {
            let mut src = if from_first {
                format!("FROM a{newline}")
            } else {
                String::new()
            };
            src.push_str(&lines.join(newline));
            if final_newline {
                src.push_str(newline);
            }
            src
        })
}

fn options() -> impl Strategy<Value = FormatOptions> {
    (
        prop_oneof![Just(Indent::Tab), (1u8..5).prop_map(Indent::Spaces)],
        prop_oneof![
            Just(KeywordCase::Upper),
            Just(KeywordCase::Lower),
            Just(KeywordCase::Preserve)
        ],
        0usize..3,
        any::<bool>(),
    )
        .prop_map(
            |(indent, keyword_case, max_blank_lines, insert_final_newline)| FormatOptions {
                indent,
                keyword_case,
                max_blank_lines,
                insert_final_newline,
            },
        )
}

fn apply(src: &str, edits: &[dockward_analyzer::Edit]) -> String {
    let mut out = src.to_owned();
    for e in edits.iter().rev() {
        out.replace_range(e.range.as_range(), &e.content);
    }
    out
}

proptest! {
    // PROPTEST_CASES=N runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1500),
        ..ProptestConfig::default()
    })]

    #[test]
    fn formats_safely(src in dockerfile(), opts in options()) {
        let out = match format_checked(&src, &opts) {
            Ok(out) => out,
            Err(e) => {
                prop_assert!(false, "{e}\n--- input\n{src:?}\n--- output\n{:?}", e.output);
                unreachable!()
            }
        };
        let again = format(&out, &opts);
        prop_assert_eq!(&again, &out, "not idempotent; input {:?}", src);
        let edits = format_edits(&src, &opts, None);
        prop_assert_eq!(apply(&src, &edits), out);
    }

    #[test]
    fn arbitrary_text_never_panics(src in "[a-zA-Z \\t\\\\`#\\[\\]\",'$(){}=<>\\-\\n\\r]{0,200}") {
        let opts = FormatOptions::default();
        let out = format(&src, &opts);
        prop_assert_eq!(format(&out, &opts), out.clone());
        let _ = format_edits(&src, &opts, Some(dockward_analyzer::TextRange::new(0, src.len() / 2)));
    }
}
