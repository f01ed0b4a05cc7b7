use super::*;

/// The variables of most tests: `FOO=first`, `BAR=` (set, empty).
const VARS: [(&str, &str); 2] = [("FOO", "first"), ("BAR", "")];

/// The value, unknown parts shown as `?`.
fn run(src: &str) -> String {
    let r = interpolate(src, 0, &VARS);
    r.value.replace(UNKNOWN, "?")
}

fn errors(src: &str) -> Vec<(ErrorKind, &str)> {
    interpolate(src, 0, &VARS)
        .errors
        .into_iter()
        .map(|e| (e.kind, &src[e.range.as_range()]))
        .collect()
}

#[test]
fn plain_text_is_borrowed() {
    let r = interpolate("nginx:1.25", 0, &VARS);
    assert!(matches!(r.value, Cow::Borrowed("nginx:1.25")));
    assert!(r.fully_known() && r.refs.is_empty() && r.errors.is_empty());
    assert_eq!(r.known(), Some("nginx:1.25"));
}

#[test]
fn escapes_and_literal_dollars() {
    assert_eq!(run("$$"), "$");
    assert_eq!(run("$${FOO}"), "${FOO}");
    assert_eq!(run("$$$FOO"), "$first");
    assert_eq!(run("a $ b"), "a $ b");
    assert_eq!(run("$1 $- $"), "$1 $- $");
    assert_eq!(run("price: 5$"), "price: 5$");
    assert!(interpolate("$$FOO", 0, &VARS).refs.is_empty());
}

#[test]
fn names() {
    assert_eq!(run("$FOO"), "first");
    assert_eq!(run("${FOO}"), "first");
    assert_eq!(run("x$FOO-y"), "xfirst-y");
    assert_eq!(run("$FOO_BAR"), "?");
    assert_eq!(run("$FOO.x"), "first.x");
    assert_eq!(run("${FOO}x"), "firstx");
    assert_eq!(run("$_x1"), "?");
    assert_eq!(run("$BAR|"), "|");
    // Names are case-sensitive; the pattern takes both cases.
    assert_eq!(run("$foo"), "?");
    let r = interpolate("$FOO_BAR", 0, &VARS);
    assert_eq!(r.refs[0].name, "FOO_BAR");
}

#[test]
fn unset_without_default_is_unknown() {
    let r = interpolate("image: app:${TAG}", 0, &VARS);
    assert_eq!(r.value, format!("image: app:{UNKNOWN}"));
    assert!(!r.fully_known());
    assert_eq!(r.known(), None);
    assert_eq!(r.unknown.len(), 1);
    assert_eq!(
        &r.value[r.unknown[0].value_range.clone()],
        UNKNOWN.to_string()
    );
    assert_eq!(r.unknown[0].source, TextRange::new(11, 17));
    assert!(r.errors.is_empty());
    let tag = r.refs[0];
    assert!(tag.without_default() && !tag.set && tag.evaluated);
}

#[test]
fn defaults() {
    assert_eq!(run("${UNSET:-def}"), "def");
    assert_eq!(run("${UNSET-def}"), "def");
    assert_eq!(run("${BAR:-def}"), "def");
    assert_eq!(run("${BAR-def}"), "");
    assert_eq!(run("${FOO:-def}"), "first");
    assert_eq!(run("${FOO-def}"), "first");
    assert_eq!(run("${UNSET:-}"), "");
    assert_eq!(run("ok ${UNSET:-a b-c:d}"), "ok a b-c:d");
    assert_eq!(run("${UNSET:-/some/path:ro}"), "/some/path:ro");
    assert_eq!(run("-ok ${BAR:-defaultValue}"), "-ok defaultValue");
    assert_eq!(run(":-ok ${UNSET-defaultValue}"), ":-ok defaultValue");
    assert_eq!(run(":?ok ${BAR-defaultValue}"), ":?ok ");
    assert_eq!(run("${UNSET-my?msg}"), "my?msg");
}

#[test]
fn alternatives() {
    assert_eq!(run("${FOO:+alt}"), "alt");
    assert_eq!(run("${FOO+alt}"), "alt");
    assert_eq!(run("${BAR:+alt}"), "");
    assert_eq!(run("${BAR+alt}"), "alt");
    assert_eq!(run("${UNSET:+alt}"), "");
    assert_eq!(run("${UNSET+alt}"), "");
    assert_eq!(run("nginx${FOO:+:$FOO}"), "nginx:first");
}

#[test]
fn required() {
    assert_eq!(run("${FOO:?err}"), "first");
    assert_eq!(run("${FOO?err}"), "first");
    assert_eq!(run("${BAR?err}"), "");
    // Unset: Compose would stop, but the shell may set it: unknown.
    assert_eq!(run("${UNSET:?err}"), "?");
    assert_eq!(run("${UNSET?}"), "?");
    assert!(errors("${UNSET:?err}").is_empty());
    // Set to the empty string in `.env`: an error, with the message
    // interpolated.
    assert_eq!(run("x${BAR:?need ${FOO}}"), "x?");
    assert_eq!(
        errors("x${BAR:?need ${FOO}}"),
        [(
            ErrorKind::RequiredEmpty {
                name: "BAR".into(),
                message: "need first".into()
            },
            "${BAR:?need ${FOO}}"
        )]
    );
    assert_eq!(
        errors("${BAR:?}"),
        [(
            ErrorKind::RequiredEmpty {
                name: "BAR".into(),
                message: String::new()
            },
            "${BAR:?}"
        )]
    );
}

#[test]
fn operator_choice() {
    // The first operator after the name wins; the rest is operand text.
    let r = interpolate("${V:?val?ue}", 0, &VARS);
    assert_eq!(r.refs[0].operator, Some(Operator::RequiredNotEmpty));
    let r = interpolate("${V?val:?ue}", 0, &VARS);
    assert_eq!(r.refs[0].operator, Some(Operator::Required));
    let r = interpolate("${V-x:-y}", 0, &VARS);
    assert_eq!(r.refs[0].operator, Some(Operator::DefaultIfUnset));
    assert_eq!(r.value, "x:-y");
    for (src, op) in [
        ("${V:-a}", ":-"),
        ("${V-a}", "-"),
        ("${V:+a}", ":+"),
        ("${V+a}", "+"),
        ("${V:?a}", ":?"),
        ("${V?a}", "?"),
    ] {
        let r = interpolate(src, 0, &VARS);
        assert_eq!(r.refs[0].operator.map(Operator::as_str), Some(op));
        assert_eq!(&src[r.refs[0].operand.expect("operand").as_range()], "a");
    }
}

#[test]
fn nesting() {
    assert_eq!(run("ok ${UNSET-$FOO}"), "ok first");
    assert_eq!(run("ok ${UNSET-${FOO}}"), "ok first");
    assert_eq!(run("ok ${UNSET-${FOO} ${FOO}}"), "ok first first");
    assert_eq!(run("ok ${BAR:-${FOO} ${FOO}}"), "ok first first");
    assert_eq!(run("ok ${BAR+$FOO ${FOO:+second}}"), "ok first second");
    assert_eq!(run("+ok ${UNSET:-${BAR-defaultValue}}"), "+ok ");
    assert_eq!(run("${A:-${B:-${C:-deep}}}"), "deep");
    assert_eq!(run("${A:-${B}}"), "?");
    assert_eq!(run("${UNSET:-${FOO}}:${UNSET:-x}"), "first:x");
    // Balanced braces stay in the operand.
    assert_eq!(run(r#"${UNSET:-{"a":1}}"#), r#"{"a":1}"#);
}

#[test]
fn lazy_operands() {
    // A reference in an operand Compose does not use is listed, but not
    // evaluated.
    let r = interpolate("${FOO:-${OTHER}}", 0, &VARS);
    assert_eq!(r.value, "first");
    assert!(r.fully_known());
    let names: Vec<(&str, bool, u32)> = r
        .refs
        .iter()
        .map(|r| (r.name, r.evaluated, r.depth))
        .collect();
    assert_eq!(names, [("FOO", true, 0), ("OTHER", false, 1)]);
    let r = interpolate("${UNSET:-${FOO}}", 0, &VARS);
    assert!(r.refs.iter().all(|r| r.evaluated));
    assert!(r.refs[1].set && !r.refs[0].set);
}

#[test]
fn invalid_templates() {
    for src in [
        "${", "${}", "${ FOO}", "${1A}", "${FOO:x}", "${FOO x}", "${FOO", "${FOO:-x", "${FOO:}",
        "${-x}",
    ] {
        let errs = errors(src);
        assert_eq!(errs.len(), 1, "{src}: {errs:?}");
        assert_eq!(errs[0], (ErrorKind::InvalidTemplate, "${"), "{src}");
        let r = interpolate(src, 0, &VARS);
        assert!(!r.fully_known(), "{src}");
    }
    // The operand cannot span lines.
    assert_eq!(errors("${FOO:-a\n}").len(), 1);
    // A syntax error in an unused default is still reported.
    assert_eq!(errors("${FOO:-${}}"), [(ErrorKind::InvalidTemplate, "${")]);
    // The scan goes on after an invalid `${` (the `}` is then text).
    let r = interpolate("${} $FOO", 0, &VARS);
    assert_eq!(r.value, format!("{UNKNOWN}}} first"));
    assert_eq!(r.refs.len(), 1);
}

#[test]
fn operand_extent_follows_compose() {
    // The operand runs to the `}` closing the reference…
    let r = interpolate("${A:-x}-${B:-y}", 0, &VARS);
    assert_eq!(r.value, "x-y");
    assert_eq!(r.refs.len(), 2);
    assert_eq!(r.refs[0].range, TextRange::new(0, 7));
    assert_eq!(r.refs[1].range, TextRange::new(8, 15));
    // …and when the braces never balance, to the last `}` of the line.
    let r = interpolate("${A:-{x} tail}", 0, &VARS);
    assert_eq!(r.value, "{x} tail");
    // The character after a `{` is skipped while counting, as in
    // compose-go: here the `}` right after `{` does not close anything.
    let r = interpolate("${A:-{}x} rest}", 0, &VARS);
    assert_eq!(r.value, "{}x} rest");
    let r = interpolate("${A:-{x}\n}", 0, &VARS);
    assert_eq!(r.value, "{x\n}");
}

#[test]
fn ranges_are_offset_by_base() {
    let src = "a ${FOO:-d} $BAR";
    let r = interpolate(src, 100, &VARS);
    assert_eq!(r.refs[0].range, TextRange::new(102, 111));
    assert_eq!(r.refs[0].name_range, TextRange::new(104, 107));
    assert_eq!(r.refs[0].operand, Some(TextRange::new(109, 110)));
    assert_eq!(r.refs[1].range, TextRange::new(112, 116));
    assert_eq!(r.refs[1].name_range, TextRange::new(113, 116));
    let (refs, errs) = references(src, 100);
    assert_eq!(refs.len(), 2);
    assert!(errs.is_empty());
    assert!(refs.iter().all(|r| !r.evaluated && !r.set));
}

#[test]
fn values_are_not_interpolated_again() {
    let vars = [("A", "$B"), ("B", "x")];
    let r = interpolate("${A}", 0, &vars);
    assert_eq!(r.value, "$B");
}

#[test]
fn unicode_text() {
    assert_eq!(run("é${FOO}ü ${UNSET:-ñ}"), "éfirstü ñ");
    let r = interpolate("日本${X}", 0, &VARS);
    assert_eq!(r.refs[0].range, TextRange::new(6, 10));
}

#[test]
fn without_default() {
    let r = interpolate(
        "$A ${B} ${C:-x} ${D-x} ${E:?m} ${F?m} ${G:+x} ${H+x}",
        0,
        &VARS,
    );
    let flagged: Vec<&str> = r
        .refs
        .iter()
        .filter(|r| r.without_default())
        .map(|r| r.name)
        .collect();
    assert_eq!(flagged, ["A", "B", "E", "F"]);
}

#[test]
fn hostile_input_is_bounded() {
    use std::time::Instant;
    let start = Instant::now();
    // Deep nesting: capped, reported, unknown.
    let deep = "${A:-".repeat(10_000) + &"}".repeat(10_000);
    let r = interpolate(&deep, 0, &VARS);
    assert!(r.errors.iter().any(|e| e.kind == ErrorKind::NestingTooDeep));
    assert!(!r.fully_known());
    // Unbalanced braces on one long line.
    let unbalanced = "${A:-{x} ".repeat(20_000) + "}";
    let _ = interpolate(&unbalanced, 0, &VARS);
    // Many references on one line.
    let many = "${A:-x}".repeat(50_000);
    let r = interpolate(&many, 0, &VARS);
    assert_eq!(r.refs.len(), 50_000);
    // A large scalar without `$`.
    let big = "x".repeat(10 << 20);
    assert!(interpolate(&big, 0, &VARS).fully_known());
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn unknown_inside_a_value_stays_unknown() {
    // A `.env` value that itself depends on an undefined variable.
    let partly = format!("v{UNKNOWN}");
    let vars = [("A", partly.as_str())];
    let r = interpolate("x-${A}-${A:-d}", 0, &vars);
    assert_eq!(r.value, format!("x-v{UNKNOWN}-v{UNKNOWN}"));
    assert_eq!(r.unknown.len(), 2);
    assert_eq!(r.unknown[0].source, TextRange::new(2, 6));
    assert!(!r.fully_known());
}
