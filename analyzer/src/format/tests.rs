use super::*;

/// Formats with `opts`, checking the result builds the same and is stable.
fn fmt_with(src: &str, opts: &FormatOptions) -> String {
    let out = format_checked(src, opts).unwrap_or_else(|e| panic!("{e}\n{}", e.output));
    let again = format_checked(&out, opts).expect("second pass builds the same");
    assert_eq!(out, again, "not idempotent");
    out
}

fn fmt(src: &str) -> String {
    fmt_with(src, &FormatOptions::default())
}

fn opts(f: impl FnOnce(&mut FormatOptions)) -> FormatOptions {
    let mut o = FormatOptions::default();
    f(&mut o);
    o
}

// --- keywords

#[test]
fn keyword_case() {
    let src = "from alpine as build\nRun echo hi\nhealthcheck cmd true\nonbuild run make\n";
    assert_eq!(
        fmt(src),
        "FROM alpine AS build\nRUN echo hi\nHEALTHCHECK CMD true\nONBUILD RUN make\n"
    );
    let lower = opts(|o| o.keyword_case = KeywordCase::Lower);
    assert_eq!(
        fmt_with("FROM a AS b\nHEALTHCHECK NONE\n", &lower),
        "from a as b\nhealthcheck none\n"
    );
    let keep = opts(|o| o.keyword_case = KeywordCase::Preserve);
    assert_eq!(fmt_with("From a\nrUn  x\n", &keep), "From a\nrUn x\n");
}

#[test]
fn as_is_a_keyword_only_in_its_place() {
    // Two words: `as` is the image; four: not the stage form.
    assert_eq!(fmt("FROM as\n"), "FROM as\n");
    assert_eq!(fmt("FROM a as\n"), "FROM a as\n");
}

// --- spacing

#[test]
fn keyword_flags_and_arguments_are_single_spaced() {
    assert_eq!(
        fmt("  FROM   --platform=$BUILDPLATFORM\talpine:3   AS   b\n"),
        "FROM --platform=$BUILDPLATFORM alpine:3 AS b\n"
    );
    assert_eq!(
        fmt("FROM a\nCOPY   --from=b    --chown=1:1   src    dst/\n"),
        "FROM a\nCOPY --from=b --chown=1:1 src dst/\n"
    );
    assert_eq!(
        fmt("FROM a\nEXPOSE 80   443/udp\n"),
        "FROM a\nEXPOSE 80 443/udp\n"
    );
    assert_eq!(
        fmt("ARG  A=1    B=\"x  y\"\nFROM a\n"),
        "ARG A=1 B=\"x  y\"\nFROM a\n"
    );
}

#[test]
fn env_and_label_pairs() {
    assert_eq!(
        fmt("FROM a\nENV A=1    B=\"two  words\"\nLABEL  x=y\n"),
        "FROM a\nENV A=1 B=\"two  words\"\nLABEL x=y\n"
    );
    // Legacy form: the value is everything after the key, blanks included.
    assert_eq!(
        fmt("FROM a\nENV   A    hello   world\n"),
        "FROM a\nENV A hello   world\n"
    );
}

#[test]
fn shell_text_inside_a_line_is_kept() {
    assert_eq!(
        fmt("FROM a\nRUN   echo  a   |  tr a b\n"),
        "FROM a\nRUN echo  a   |  tr a b\n"
    );
    assert_eq!(fmt("FROM a\nUSER  app   \n"), "FROM a\nUSER app\n");
    assert_eq!(fmt("FROM a\nWORKDIR  /a  b\n"), "FROM a\nWORKDIR /a  b\n");
}

// --- exec form

#[test]
fn exec_form_spacing() {
    assert_eq!(
        fmt("FROM a\nCMD [ \"a\" ,\"b\",\t\"c\" ]\nENTRYPOINT   [ ]\n"),
        "FROM a\nCMD [\"a\", \"b\", \"c\"]\nENTRYPOINT []\n"
    );
    // Strings are copied as written, escapes included.
    assert_eq!(
        fmt("FROM a\nCMD [\"\\u0041\",\"\\\"\"]\n"),
        "FROM a\nCMD [\"\\u0041\", \"\\\"\"]\n"
    );
    // Text after the array (ignored by BuildKit) stays.
    assert_eq!(
        fmt("FROM a\nCMD [\"a\"]  # run a\n"),
        "FROM a\nCMD [\"a\"]  # run a\n"
    );
    assert_eq!(
        fmt("FROM a\nHEALTHCHECK --interval=5s  CMD [ \"true\" ]\n"),
        "FROM a\nHEALTHCHECK --interval=5s CMD [\"true\"]\n"
    );
}

#[test]
fn exec_form_across_lines() {
    assert_eq!(
        fmt("FROM a\nCMD [\"a\",\\\n  \"b\" \\\n  , \"c\"]\n"),
        "FROM a\nCMD [\"a\", \\\n    \"b\", \\\n    \"c\"]\n"
    );
    assert_eq!(
        fmt("FROM a\nCMD [  \\\n\"a\"   \\\n]\n"),
        "FROM a\nCMD [ \\\n    \"a\" \\\n    ]\n"
    );
}

#[test]
fn invalid_json_is_shell_form() {
    assert_eq!(
        fmt("FROM a\nCMD [ 'a' ,  \"b\" ]\n"),
        "FROM a\nCMD [ 'a' ,  \"b\" ]\n"
    );
}

// --- continuation lines

#[test]
fn continuation_space_and_indent() {
    assert_eq!(
        fmt("FROM a\nRUN apt-get update   \\  \n&& apt-get install -y \\\n\t\tcurl\n"),
        "FROM a\nRUN apt-get update \\\n    && apt-get install -y \\\n        curl\n",
        "one level deeper than the shallowest line"
    );
    assert_eq!(
        fmt("FROM a\nRUN a\\\n  b\n"),
        "FROM a\nRUN a \\\n    b\n",
        "blanks after the break are enough"
    );
    assert_eq!(fmt("FROM a\nRUN\\\n  a\n"), "FROM a\nRUN \\\n    a\n");
}

#[test]
fn deeper_lines_keep_their_extra_depth() {
    let src = "FROM a\nRUN set -eux; \\\n  if true; then \\\n      echo; \\\n  fi\n";
    assert_eq!(
        fmt(src),
        "FROM a\nRUN set -eux; \\\n    if true; then \\\n        echo; \\\n    fi\n"
    );
    let tabs = opts(|o| o.indent = Indent::Tab);
    assert_eq!(
        fmt_with(src, &tabs),
        "FROM a\nRUN set -eux; \\\n\tif true; then \\\n\t\techo; \\\n\tfi\n"
    );
    let two = opts(|o| o.indent = Indent::Spaces(2));
    assert_eq!(
        fmt_with(src, &two),
        "FROM a\nRUN set -eux; \\\n  if true; then \\\n    echo; \\\n  fi\n"
    );
    // A one-column difference is noise, not nesting.
    assert_eq!(
        fmt("FROM a\nRUN a && \\\n  b \\\n && c\n"),
        "FROM a\nRUN a && \\\n    b \\\n    && c\n"
    );
}

#[test]
fn joins_the_shell_cares_about_are_kept() {
    // Inside quotes the blanks are part of the string.
    let quoted = "FROM a\nRUN echo \"a   \\\n   b\" && \\\n  true\n";
    assert_eq!(
        fmt(quoted),
        "FROM a\nRUN echo \"a   \\\n   b\" && \\\n  true\n",
        "one pinned line keeps the instruction's indentation"
    );
    // No blank at the break: the words join.
    assert_eq!(
        fmt("FROM a\nRUN echo a\\\nb\n"),
        "FROM a\nRUN echo a\\\nb\n"
    );
    // An escaped blank before the break.
    assert_eq!(
        fmt("FROM a\nRUN echo a\\  \\\n  b\n"),
        "FROM a\nRUN echo a\\  \\\n  b\n"
    );
    // Command substitution and parameter expansion.
    assert_eq!(
        fmt("FROM a\nRUN x=$(echo   \\\n  a)\n"),
        "FROM a\nRUN x=$(echo   \\\n  a)\n"
    );
}

#[test]
fn legacy_env_value_lines_are_pinned() {
    let src = "FROM a\nENV DEPS \\\n\t\tautoconf \\\n\t\tfile\n";
    assert_eq!(fmt(src), src);
}

#[test]
fn comments_and_blank_lines_inside_an_instruction() {
    let src =
        "FROM a\nRUN apk add \\\n# tools\n        curl \\\n    \\\n  \n     # more\n        git\n";
    assert_eq!(
        fmt(src),
        "FROM a\nRUN apk add \\\n    # tools\n    curl \\\n    \\\n\n    # more\n    git\n"
    );
}

#[test]
fn continuation_at_end_of_file() {
    assert_eq!(fmt("FROM a\nRUN a   \\"), "FROM a\nRUN a \\\n");
    assert_eq!(fmt("FROM a\nRUN a\\\n# c\n"), "FROM a\nRUN a \\\n    # c\n");
}

// --- file-level

#[test]
fn trailing_whitespace_blank_lines_and_final_newline() {
    assert_eq!(
        fmt("\n\n  # top   \nFROM a   \n\n\n\nRUN b\t\n\n\n"),
        "# top\nFROM a\n\nRUN b\n"
    );
    let two = opts(|o| o.max_blank_lines = 2);
    assert_eq!(
        fmt_with("FROM a\n\n\n\n\nRUN b", &two),
        "FROM a\n\n\nRUN b\n"
    );
    let none = opts(|o| {
        o.max_blank_lines = 0;
        o.insert_final_newline = false;
    });
    assert_eq!(fmt_with("FROM a\n\n\nRUN b", &none), "FROM a\nRUN b");
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n \n"), "");
}

#[test]
fn a_leading_blank_line_that_protects_a_comment_stays() {
    // Without the blank line the comment would become a parser directive.
    assert_eq!(fmt("\n\n# escape=`\nFROM a\n"), "\n# escape=`\nFROM a\n");
    let none = opts(|o| o.max_blank_lines = 0);
    assert_eq!(
        fmt_with("# syntax=x\n\n# check=skip=all\nFROM a\n", &none),
        "# syntax=x\n\n# check=skip=all\nFROM a\n"
    );
}

#[test]
fn directives() {
    assert_eq!(
        fmt("#  syntax = docker/dockerfile:1   \n#escape=\\\nFROM a\n"),
        "# syntax=docker/dockerfile:1\n# escape=\\\nFROM a\n"
    );
    // An invalid directive is left alone.
    let bad = "# escape=x\nFROM a\n";
    assert_eq!(format(bad, &FormatOptions::default()), bad);
    // A file of directives only (an error at its end) is still formatted.
    assert_eq!(fmt("#check = skip=all"), "# check=skip=all\n");
}

#[test]
fn crlf_and_bom_are_kept() {
    assert_eq!(
        fmt("\u{feff}from a  \r\nrun b \\\r\n  c\r\n\r\n\r\n"),
        "\u{feff}FROM a\r\nRUN b \\\r\n    c\r\n"
    );
    assert_eq!(fmt("FROM a\r\nRUN b"), "FROM a\r\nRUN b\r\n");
}

#[test]
fn backtick_escape() {
    let src = "# escape=`\nFROM a\nRUN dir c:\\win   `\n  && echo `\"x`\"\nCOPY  a  b\\\n";
    assert_eq!(
        fmt(src),
        "# escape=`\nFROM a\nRUN dir c:\\win `\n    && echo `\"x`\"\nCOPY a b\\\n"
    );
    // A backslash before the blanks may be an escape for the shell: kept.
    let src = "# escape=`\nFROM a\nRUN dir c:\\   `\n  && echo ok\n";
    assert_eq!(fmt(src), src);
}

#[test]
fn heredocs_are_untouched() {
    let src = "FROM a\nrun  <<EOF   \n  echo   hi  \n\n\nEOF\ncopy  <<-X    /dst\n\tbody \t\n\tX\n";
    assert_eq!(
        fmt(src),
        "FROM a\nRUN <<EOF\n  echo   hi  \n\n\nEOF\nCOPY <<-X /dst\n\tbody \t\n\tX\n"
    );
    // Unterminated: the body runs to the end of the file; nothing is added.
    let open = "FROM a\nRUN <<EOF\nbody";
    assert_eq!(format(open, &FormatOptions::default()), open);
}

#[test]
fn instructions_with_errors_are_untouched() {
    let src = "FROM a\nRUN  --bogus=1   x  \nFOO   bar  \ncopy  a  b\n";
    assert_eq!(
        fmt(src),
        "FROM a\nRUN  --bogus=1   x  \nFOO   bar  \nCOPY a b\n"
    );
    let src = "ENV  A=1\nFROM   a\n";
    assert_eq!(
        fmt(src),
        "ENV  A=1\nFROM a\n",
        "ENV before FROM is an error"
    );
}

#[test]
fn onbuild_triggers_are_formatted() {
    assert_eq!(
        fmt("FROM a\nonbuild   copy   --from=b  [ \"x\",\"y\" ]\n"),
        "FROM a\nONBUILD COPY --from=b [\"x\", \"y\"]\n"
    );
}

// --- edits

fn apply(src: &str, edits: &[Edit]) -> String {
    let mut out = src.to_owned();
    for e in edits.iter().rev() {
        out.replace_range(e.range.as_range(), &e.content);
    }
    out
}

#[test]
fn edits_are_minimal_and_reproduce_format() {
    let src = "from a\n\n\n\nrun  x\n";
    let edits = format_edits(src, &FormatOptions::default(), None);
    assert_eq!(
        edits,
        vec![
            Edit::replace(TextRange::new(0, 4), "FROM"),
            Edit::replace(TextRange::new(8, 14), "RUN"),
        ]
    );
    assert_eq!(apply(src, &edits), format(src, &FormatOptions::default()));
    assert!(format_edits("FROM a\n", &FormatOptions::default(), None).is_empty());
}

#[test]
fn range_formatting_touches_only_intersecting_instructions() {
    let src = "from a\n\n\n\nrun  x\nrun  y\n";
    let edits = format_edits(src, &FormatOptions::default(), Some(TextRange::new(12, 13)));
    assert_eq!(apply(src, &edits), "from a\n\n\n\nRUN x\nrun  y\n");
    // An empty range (a cursor) selects the instruction around it.
    let edits = format_edits(src, &FormatOptions::default(), Some(TextRange::empty(20)));
    assert_eq!(apply(src, &edits), "from a\n\n\n\nrun  x\nRUN y\n");
}

#[test]
fn edits_respect_char_boundaries() {
    let src = "FROM a\nLABEL  é=\"ü\"\n";
    let edits = format_edits(src, &FormatOptions::default(), None);
    assert_eq!(apply(src, &edits), "FROM a\nLABEL é=\"ü\"\n");
}

#[test]
fn minimal_edit_on_multibyte_text() {
    let e = Edit::minimal(10, "aéb", "aèb");
    assert_eq!(e, Edit::replace(TextRange::new(11, 13), "è"));
}
