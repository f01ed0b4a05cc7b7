//! Variable substitution: behaviour of BuildKit's `shell.Lex` (test tables
//! written for dockward after the cases of BuildKit's lex tests), spans,
//! depth and size limits.

use std::collections::{BTreeSet, HashMap};

use dockward_analyzer::TextRange;
use dockward_analyzer::values::substitution::{
    EmptyEnv, FnEnv, Lex, LiteralKind, Op, SubstErrorKind, UnsetMode, WordPart, references,
};

const ENV: [(&str, &str); 4] = [
    ("PWD", "/home"),
    ("SHELL", "bash"),
    ("KOREAN", "한국어"),
    ("NULL", ""),
];

/// `(input, expected)`; `None` expects an error.
const WORD_CASES: &[(&str, Option<&str>)] = &[
    ("hello", Some("hello")),
    ("he'll'o", Some("hello")),
    ("he'llo", None),
    ("he\\'llo", Some("he'llo")),
    ("he\\\\'llo", None),
    ("abc\\tdef", Some("abctdef")),
    ("\"abc\\tdef\"", Some("abc\\tdef")),
    ("\"abc\\\\tdef\"", Some("abc\\tdef")),
    ("'abc\\tdef'", Some("abc\\tdef")),
    ("hello\\", Some("hello")),
    ("hello\\\\", Some("hello\\")),
    ("\"hello", None),
    ("\"hello\\\"", None),
    ("\"hel'lo\"", Some("hel'lo")),
    ("'hello", None),
    ("'hello\\'", Some("hello\\")),
    ("'hello\\there'", Some("hello\\there")),
    ("'hello\\\\there'", Some("hello\\\\there")),
    ("\"''\"", Some("''")),
    ("$.", Some("$.")),
    ("he$1x", Some("hex")),
    ("he$.x", Some("he$.x")),
    ("he$pwd.", Some("he.")),
    ("he$PWD", Some("he/home")),
    ("he\\$PWD", Some("he$PWD")),
    ("he\\\\$PWD", Some("he\\/home")),
    ("\"he\\$PWD\"", Some("he$PWD")),
    ("\"he\\\\$PWD\"", Some("he\\/home")),
    ("\\${}", Some("${}")),
    ("\\${}aaa", Some("${}aaa")),
    ("he\\${}", Some("he${}")),
    ("he\\${}xx", Some("he${}xx")),
    ("${}", None),
    ("${}xx", None),
    ("he${}", None),
    ("he${}xx", None),
    ("he${hi}", Some("he")),
    ("he${hi}xx", Some("hexx")),
    ("he${PWD}", Some("he/home")),
    ("he${.}", None),
    ("he${XXX:-000}xx", Some("he000xx")),
    ("he${PWD:-000}xx", Some("he/homexx")),
    ("he${XXX:-$PWD}xx", Some("he/homexx")),
    ("he${XXX:-${PWD:-yyy}}xx", Some("he/homexx")),
    ("he${XXX:-${YYY:-yyy}}xx", Some("heyyyxx")),
    ("he${XXX:YYY}", None),
    ("he${XXX?}", None),
    ("he${XXX:?}", None),
    ("he${PWD?}", Some("he/home")),
    ("he${PWD:?}", Some("he/home")),
    ("he${NULL?}", Some("he")),
    ("he${NULL:?}", None),
    ("he${XXX:+${PWD}}xx", Some("hexx")),
    ("he${PWD:+${XXX}}xx", Some("hexx")),
    ("he${PWD:+${SHELL}}xx", Some("hebashxx")),
    ("he${XXX:+000}xx", Some("hexx")),
    ("he${PWD:+000}xx", Some("he000xx")),
    ("'he${XX}'", Some("he${XX}")),
    ("\"he${PWD}\"", Some("he/home")),
    ("\"he'$PWD'\"", Some("he'/home'")),
    ("\"$PWD\"", Some("/home")),
    ("'$PWD'", Some("$PWD")),
    ("'\\$PWD'", Some("\\$PWD")),
    ("'\"hello\"'", Some("\"hello\"")),
    ("he\\$PWD", Some("he$PWD")),
    ("\"he\\$PWD\"", Some("he$PWD")),
    ("'he\\$PWD'", Some("he\\$PWD")),
    ("he${PWD", None),
    ("he${PWD:=000}xx", None),
    ("he${PWD:+${PWD}:}xx", Some("he/home:xx")),
    ("he${XXX:-\\$PWD:}xx", Some("he$PWD:xx")),
    ("he${XXX:-\\${PWD}z}xx", Some("he${PWDz}xx")),
    ("안녕하세요", Some("안녕하세요")),
    ("안'녕'하세요", Some("안녕하세요")),
    ("안'녕하세요", None),
    ("안녕\\'하세요", Some("안녕'하세요")),
    ("안\\\\'녕하세요", None),
    ("안녕\\t하세요", Some("안녕t하세요")),
    ("\"안녕\\t하세요\"", Some("안녕\\t하세요")),
    ("'안녕\\t하세요", None),
    ("안녕하세요\\", Some("안녕하세요")),
    ("안녕하세요\\\\", Some("안녕하세요\\")),
    ("\"안녕하세요", None),
    ("\"안녕하세요\\\"", None),
    ("\"안녕'하세요\"", Some("안녕'하세요")),
    ("'안녕하세요'", Some("안녕하세요")),
    ("'안녕하세요\\'", Some("안녕하세요\\")),
    ("$KOREAN", Some("한국어")),
    ("안녕$KOREAN", Some("안녕한국어")),
    // Names are Unicode letters, so the name here is `KOREAN안녕`.
    ("$KOREAN안녕", Some("")),
    ("${KOREAN}안녕", Some("한국어안녕")),
    // Special parameters and digits.
    ("$@x", Some("x")),
    ("${#}", Some("")),
    ("$0123x", Some("x")),
    ("${-:-d}", Some("d")),
    ("$", Some("$")),
    ("a$ b", Some("a$ b")),
    ("${X", None),
    ("${X:", None),
    ("${", None),
    ("${X:-'a}", None),
    ("${X:-\"a}", None),
    ("${{X}", None),
    ("${:-a}", None),
    ("${X/a}", None),
    ("${X y}", None),
    ("${SHELL#b}", Some("ash")),
    ("${SHELL:#b}", Some("ash")),
    ("${SHELL%h}", Some("bas")),
    ("${SHELL/a/A}", Some("bAsh")),
    ("${/a/b}", Some("")),
    ("${PWD:-\"a}b\"}", Some("/home")),
    ("${XXX:-\"a}b\"}", Some("a}b")),
    ("${XXX-'x y'}", Some("x y")),
];

#[test]
fn process_word_table() {
    let lex = Lex::new('\\');
    let mut failures = Vec::new();
    for &(input, want) in WORD_CASES {
        let got = lex.process_word(input, &ENV).map(|e| e.value);
        let ok = match (&got, want) {
            (Ok(v), Some(w)) => v == w,
            (Err(_), None) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
        }
        // The lenient parse never panics and has an error exactly when processing fails
        // (none of these cases has an evaluation error besides `?`).
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn backtick_escape() {
    let lex = Lex::new('`');
    let env = [("X", "1")];
    for (input, want) in [
        ("a`$X", "a$X"),
        ("a\\$X", "a\\1"),
        ("\"a`\"b\"", "a\"b"),
        ("\"a`b\"", "a`b"),
        ("c:\\path\\$X", "c:\\path\\1"),
        ("a``", "a`"),
        ("a`", "a"),
    ] {
        assert_eq!(
            lex.process_word(input, &env).unwrap().value,
            want,
            "{input}"
        );
    }
}

#[test]
fn mandatory_env_vars() {
    let lex = Lex::new('\\');
    let set = [("VAR", "plain"), ("ARG", "x")];
    let empty = [("VAR", ""), ("ARG", "x")];
    let unset = [("ARG", "x")];
    let no_empty = "${VAR:?message here$ARG}";
    let no_unset = "${VAR?message here$ARG}";

    assert_eq!(lex.process_word(no_empty, &set).unwrap().value, "plain");
    let e = lex.process_word(no_empty, &empty).unwrap_err();
    assert_eq!(e.to_string(), "VAR: message herex");
    let e = lex.process_word(no_empty, &unset).unwrap_err();
    assert_eq!(e.to_string(), "VAR: message herex");

    assert_eq!(lex.process_word(no_unset, &set).unwrap().value, "plain");
    assert_eq!(lex.process_word(no_unset, &empty).unwrap().value, "");
    let e = lex.process_word(no_unset, &unset).unwrap_err();
    assert_eq!(e.to_string(), "VAR: message herex");
    assert_eq!(e.span, TextRange::new(0, no_unset.len()));

    let e = lex.process_word("${X?}", &EmptyEnv).unwrap_err();
    assert_eq!(e.to_string(), "X: is not allowed to be unset");
    let e = lex.process_word("${X:?}", &[("X", "")]).unwrap_err();
    assert_eq!(e.to_string(), "X: is not allowed to be empty");
    // The operand is evaluated even when unused.
    assert!(
        lex.process_word("${SET:-${UNSET?}}", &[("SET", "1")])
            .is_err()
    );
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn matches_table() {
    // (input, env, expected or None for an error, matched, unmatched)
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, &'a str)],
        Option<&'a str>,
        &'a [&'a str],
        &'a [&'a str],
    );
    let cases: &[Case<'_>] = &[
        ("x", &[("DUMMY", "dummy")], Some("x"), &[], &[]),
        (
            "x ${UNUSED}",
            &[("DUMMY", "dummy")],
            Some("x "),
            &[],
            &["UNUSED"],
        ),
        ("x ${FOO}", &[("FOO", "y")], Some("x y"), &["FOO"], &[]),
        (
            "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("xxx  ccc"),
            &["FOO", "BAR"],
            &["BAZ"],
        ),
        (
            "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("xxx bbb ccc"),
            &["FOO", "BAR"],
            &["BAZ"],
        ),
        (
            "${FOO:-}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("xxx"),
            &["FOO"],
            &[],
        ),
        ("${FOO:-}", &[], Some(""), &[], &["FOO"]),
        (
            "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("aaa bbb "),
            &["FOO", "BAR"],
            &["BAZ"],
        ),
        (
            "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("aaa  "),
            &["FOO", "BAR"],
            &["BAZ"],
        ),
        (
            "${FOO?aaa}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("xxx"),
            &["FOO"],
            &[],
        ),
        (
            "${BAR?bbb}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some(""),
            &["BAR"],
            &[],
        ),
        ("${BAZ?ccc}", &[("FOO", "xxx"), ("BAR", "")], None, &[], &[]),
        (
            "${FOO:?aaa}",
            &[("FOO", "xxx"), ("BAR", "")],
            Some("xxx"),
            &["FOO"],
            &[],
        ),
        (
            "${BAR:?bbb}",
            &[("FOO", "xxx"), ("BAR", "")],
            None,
            &[],
            &[],
        ),
        (
            "${BAZ:?ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
            None,
            &[],
            &[],
        ),
        ("${BAZ:?}", &[("FOO", "xxx"), ("BAR", "")], None, &[], &[]),
        ("${FOO=aaa}", &[("FOO", "xxx"), ("BAR", "")], None, &[], &[]),
        (
            "${FOO=:aaa}",
            &[("FOO", "xxx"), ("BAR", "")],
            None,
            &[],
            &[],
        ),
        ("${FOO=}", &[], None, &[], &[]),
        (
            "${FOO#()[]{\\}^$.\\*\\?|\\\\}",
            &[("FOO", "()[]{}^$.*?|\\x")],
            Some("x"),
            &["FOO"],
            &[],
        ),
        (
            "${FOO%%\\**}",
            &[("FOO", "xx**")],
            Some("xx"),
            &["FOO"],
            &[],
        ),
        ("${FOO#*x*y}", &[("FOO", "xxyy")], Some("y"), &["FOO"], &[]),
        ("${FOO#*}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
        (
            "${FOO#$BAR}",
            &[("FOO", "xxyy"), ("BAR", "x")],
            Some("xyy"),
            &["FOO", "BAR"],
            &[],
        ),
        (
            "${FOO#$BAR}",
            &[("FOO", "xxyy"), ("BAR", "")],
            Some("xxyy"),
            &["FOO", "BAR"],
            &[],
        ),
        ("${FOO#}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
        ("${FOO##*x}", &[("FOO", "xxyy")], Some("yy"), &["FOO"], &[]),
        ("${FOO##}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
        ("${FOO#?\\?}", &[("FOO", "???y")], Some("?y"), &["FOO"], &[]),
        (
            "${ABC:-.}${FOO%x}${ABC:-.}",
            &[("FOO", "xxyy")],
            Some(".xxyy."),
            &["FOO"],
            &["ABC"],
        ),
        (
            "${FOO%%\\**\\*}",
            &[("FOO", "a***yy*")],
            Some("a"),
            &["FOO"],
            &[],
        ),
        ("${FOO%}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
        (
            "${FOO%%$BAR}",
            &[("FOO", "xxyy"), ("BAR", "")],
            Some("xxyy"),
            &["FOO", "BAR"],
            &[],
        ),
        (
            "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
            &[("FOO", "/foo*/*/*.txt"), ("NEEDLE", "\\*/")],
            Some("/foo.*/*.txt - /foo..*.txt"),
            &["FOO", "NEEDLE"],
            &[],
        ),
        (
            "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
            &[("FOO", "/tmp/tmp/bar.txt"), ("NEEDLE", "/tmp")],
            Some("/tmp/bar.txt - /bar.txt"),
            &["FOO", "NEEDLE"],
            &[],
        ),
        (
            "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
            &[
                ("FOO", "/a/foo/b/c.txt"),
                ("NEEDLE", "/?/"),
                ("REPLACEMENT", "/"),
            ],
            Some("/foo/b/c.txt - /foo/c.txt"),
            &["FOO", "NEEDLE", "REPLACEMENT"],
            &[],
        ),
        (
            "${FOO/$NEEDLE/$REPLACEMENT}",
            &[
                ("FOO", "http://google.de"),
                ("NEEDLE", "http://"),
                ("REPLACEMENT", "https://"),
            ],
            Some("https://google.de"),
            &["FOO", "NEEDLE", "REPLACEMENT"],
            &[],
        ),
        (
            "${FOO//\\//\\/}",
            &[("FOO", "/tmp/foo.txt")],
            Some("\\/tmp\\/foo.txt"),
            &["FOO"],
            &[],
        ),
        (
            "${FOO/$BAR/ww}",
            &[("FOO", "xxyy"), ("BAR", "")],
            Some("wwxxyy"),
            &["FOO", "BAR"],
            &[],
        ),
        ("${FOO//ww}", &[("FOO", "xxyy")], None, &[], &[]),
        ("${FOO//}", &[("FOO", "xxyy")], None, &[], &[]),
        ("${FOO///}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
        ("${FOO///}", &[], Some(""), &[], &["FOO"]),
        (
            "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
            &[
                ("VERSION", "v1.2.3"),
                ("TARGETOS", "linux"),
                ("TARGETARCH", "arm"),
                ("TARGETVARIANT", "v7"),
            ],
            Some("something-v1.2.3.linux-arm-v7.tar.gz"),
            &["VERSION", "TARGETOS", "TARGETARCH", "TARGETVARIANT"],
            &[],
        ),
        (
            "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
            &[
                ("VERSION", "v1.2.3"),
                ("TARGETOS", "linux"),
                ("TARGETARCH", "arm64"),
            ],
            Some("something-v1.2.3.linux-arm64.tar.gz"),
            &["VERSION", "TARGETOS", "TARGETARCH"],
            // The operand is evaluated although TARGETVARIANT is unset.
            &["TARGETVARIANT"],
        ),
    ];
    let lex = Lex::new('\\');
    for &(input, env, want, matched, unmatched) in cases {
        let got = lex.process_word(input, &env);
        match want {
            None => assert!(got.is_err(), "{input}: want an error, got {got:?}"),
            Some(w) => {
                let got = got.unwrap_or_else(|e| panic!("{input}: {e}"));
                assert_eq!(got.value, w, "{input}");
                assert_eq!(got.matched, set(matched), "{input} matched");
                assert_eq!(got.unmatched, set(unmatched), "{input} unmatched");
            }
        }
    }
}

#[test]
fn words_table() {
    let mut env: Vec<(&str, &str)> = Vec::new();
    let lines = [
        ("hello", vec!["hello"]),
        ("hello${hi}bye", vec!["hellobye"]),
        ("ENV hi=hi", vec![]),
        ("hello${hi}bye", vec!["hellohibye"]),
        ("ENV space=abc  def", vec![]),
        ("hello${space}bye", vec!["helloabc", "defbye"]),
        ("hello\"${space}\"bye", vec!["helloabc  defbye"]),
        ("hello \"${space}\"bye", vec!["hello", "abc  defbye"]),
        ("ENV leading=  ab c", vec![]),
        ("hello${leading}def", vec!["hello", "ab", "cdef"]),
        ("hello\"${leading}\" def", vec!["hello  ab c", "def"]),
        ("hello\"${leading}\"", vec!["hello  ab c"]),
        ("hello${leading}", vec!["hello", "ab", "c"]),
        ("ENV trailing=ab c   ", vec![]),
        ("hello${trailing}", vec!["helloab", "c"]),
        ("hello${trailing}d", vec!["helloab", "c", "d"]),
        ("hello\"${trailing}\"d", vec!["helloab c   d"]),
        ("hel\"lo${trailing}\"", vec!["helloab c   "]),
        ("hello\" there  \"", vec!["hello there  "]),
        ("hello there     ", vec!["hello", "there"]),
        ("hello\\ there", vec!["hello there"]),
        ("hello\" there", vec!["error"]),
        ("hello\\\" there", vec!["hello\"", "there"]),
        ("hello\"\\\\there\"", vec!["hello\\there"]),
        ("hello\"\\there\"", vec!["hello\\there"]),
        ("hello'\\\\there'", vec!["hello\\\\there"]),
        ("hello'\\there'", vec!["hello\\there"]),
        ("hello'$there'", vec!["hello$there"]),
        ("''", vec![]),
        ("a '' b", vec!["a", "b"]),
        ("\ta\u{a0}b", vec!["a", "b"]),
    ];
    let lex = Lex::new('\\');
    for (line, want) in lines {
        if let Some(kv) = line.strip_prefix("ENV ") {
            let (k, v) = kv.split_once('=').unwrap();
            env.push((k, v));
            continue;
        }
        let got = lex
            .process_words(line, &env)
            .unwrap_or_else(|_| vec!["error".to_owned()]);
        assert_eq!(got, want, "{line:?}");
    }
}

#[test]
fn raw_quotes_raw_escapes_skip_unset() {
    let mut lex = Lex::new('\\');
    lex.raw_quotes = true;
    let env = [("X", "1")];
    assert_eq!(
        lex.process_word("a'b'\"c$X\"", &env).unwrap().value,
        "a'b'\"c1\""
    );
    lex.raw_quotes = false;
    lex.raw_escapes = true;
    assert_eq!(lex.process_word("a\\$X\\", &env).unwrap().value, "a\\$X\\");
    assert_eq!(
        lex.process_word("\"\\$X\\a\"", &env).unwrap().value,
        "\\$X\\\\a"
    );
    // `-` operands drop escapes even with raw escapes on.
    assert_eq!(lex.process_word("${Y:-\\a}", &env).unwrap().value, "a");
    lex.raw_escapes = false;

    lex.unset = UnsetMode::KeepSymbolic;
    for (input, want) in [
        ("$Y-$X", "$Y-1"),
        ("${Y}", "${Y}"),
        ("${Y:-a b}", "${Y:-a b}"),
        ("${Y:-$X}", "${Y:-1}"),
        ("${Y?}", "${Y?}"),
        ("${Y:yy}", "${Y:yy}"),
        ("${Y#\\*a}", "${Y#\\*a}"),
        ("${Y//a/b}", "${Y/a/b}"),
        ("${X:-a}", "1"),
    ] {
        assert_eq!(
            lex.process_word(input, &env).unwrap().value,
            want,
            "{input}"
        );
    }
    // Still an error when set.
    assert!(lex.process_word("${X:yy}", &env).is_err());
    assert!(lex.process_word("${Y.}", &env).is_err());

    lex.unset = UnsetMode::Empty;
    lex.skip_process_quotes = true;
    assert_eq!(lex.process_word("'$X' \"a", &env).unwrap().value, "'1' \"a");
}

#[test]
fn fn_env_and_maps() {
    let lex = Lex::new('\\');
    let f = FnEnv(|n: &str| (n == "A").then(|| "x".to_owned()));
    assert_eq!(lex.process_word("$A$B", &f).unwrap().value, "x");
    let mut m = HashMap::new();
    m.insert("A".to_owned(), "y".to_owned());
    assert_eq!(lex.process_word("$A", &m).unwrap().value, "y");
    // Later pairs win, like BuildKit's BuildEnvs.
    assert_eq!(
        lex.process_word("$A", &[("A", "1"), ("A", "2")])
            .unwrap()
            .value,
        "2"
    );
}

#[test]
fn error_messages_and_spans() {
    let lex = Lex::new('\\');
    let cases: &[(&str, &str, (usize, usize))] = &[
        ("a${", "syntax error: missing '}'", (1, 3)),
        ("a${X", "syntax error: missing '}'", (1, 4)),
        ("a${X:-${Y}", "syntax error: missing '}'", (1, 10)),
        ("a${X:-'b}", "syntax error: missing '}'", (1, 9)),
        ("a${X/b", "syntax error: missing '/' in ${}", (1, 6)),
        ("a${X/b/c", "syntax error: missing '}'", (1, 8)),
        ("a${}b", "syntax error: bad substitution", (1, 4)),
        (
            "a${X.}b",
            "unsupported modifier (.) in substitution",
            (4, 5),
        ),
        (
            "a${X:.}b",
            "unsupported modifier (:.) in substitution",
            (4, 6),
        ),
        (
            "x'ab",
            "unexpected end of statement while looking for matching single-quote",
            (1, 4),
        ),
        (
            "x\"ab",
            "unexpected end of statement while looking for matching double-quote",
            (1, 4),
        ),
        ("${X:-${}}", "syntax error: bad substitution", (5, 8)),
        (
            "${X#\\x}",
            "invalid pattern (\\x) in substitution: invalid escape '\\x'",
            (4, 6),
        ),
    ];
    for &(input, msg, (s, e)) in cases {
        let err = lex.process_word(input, &[("X", "1")]).unwrap_err();
        assert_eq!(err.to_string(), msg, "{input}");
        assert_eq!(err.span, TextRange::new(s, e), "{input}");
    }
    let err = lex.process_word("${", &EmptyEnv).unwrap_err();
    assert_eq!(
        err.buildkit_message("${"),
        "failed to process \"${\": syntax error: missing '}'"
    );
    assert!(err.is_syntax());
}

#[test]
fn parse_tree_and_spans() {
    let src = "pre ${A:-\"$B\"}x$C '$D' \\$E ${F//a/$G}";
    let base = 100;
    let parsed = Lex::new('\\').parse(src, base);
    assert!(parsed.errors.is_empty());
    let w = &parsed.word;
    assert_eq!(w.span, TextRange::new(100, 100 + src.len()));
    let refs = w.var_refs();
    let names: Vec<&str> = refs.iter().map(|r| r.name).collect();
    assert_eq!(names, ["A", "B", "C", "F", "G"]);
    let full = format!("{}{src}", " ".repeat(base));
    for r in &refs {
        assert_eq!(r.name_span.slice(&full), r.name);
    }
    let a = refs[0];
    assert_eq!(a.span, TextRange::new(104, 114));
    assert_eq!(a.op, Some(Op::Default { colon: true }));
    assert_eq!(a.op_text, ":-");
    assert_eq!(a.op_span, Some(TextRange::new(107, 109)));
    assert_eq!(a.operand.as_ref().unwrap().span, TextRange::new(109, 113));
    let f = refs[3];
    assert_eq!(f.op, Some(Op::Replace { all: true }));
    assert_eq!(
        f.operand.as_ref().unwrap().literal_value().as_deref(),
        Some("a")
    );
    assert!(f.replacement.as_ref().unwrap().has_vars());
    // Literal kinds.
    let kinds: Vec<LiteralKind> = w
        .parts
        .iter()
        .filter_map(|p| match p {
            WordPart::Literal(l) => Some(l.kind),
            _ => None,
        })
        .collect();
    assert!(kinds.contains(&LiteralKind::SingleQuoted));
    assert!(kinds.contains(&LiteralKind::Escaped));

    let uses: Vec<_> = references(src, base, '\\').collect();
    assert_eq!(uses.len(), 5);
    assert_eq!(uses[1].depth, 1);
    assert_eq!(uses[1].span, TextRange::new(110, 112));
}

#[test]
fn references_are_lenient() {
    let uses: Vec<_> = references("${A:-${B} ${} $C '${D}' \"${E", 0, '\\').collect();
    let names: Vec<&str> = uses.iter().map(|u| u.name).collect();
    assert_eq!(names, ["A", "B", "C", "E"]);
    // After `${}` the `}` closes `${A:-`.
    let p = Lex::new('\\').parse("${A:-${B} ${} $C", 0);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].kind, SubstErrorKind::BadSubstitution);
    let p = Lex::new('\\').parse("${A:-${} ${B", 0);
    assert_eq!(p.errors.len(), 2);
    assert_eq!(p.errors[1].kind, SubstErrorKind::MissingBrace);
    assert_eq!(p.errors[1].span, TextRange::new(9, 12));
}

fn nested(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 7 + 8);
    for _ in 0..depth {
        s.push_str("${A:-");
    }
    s.push('x');
    for _ in 0..depth {
        s.push('}');
    }
    s
}

#[test]
fn deep_nesting_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let lex = Lex::new('\\');
            // Within the limit: evaluates.
            let ok = nested(100);
            assert_eq!(lex.process_word(&ok, &EmptyEnv).unwrap().value, "x");
            // Past it: an error, no overflow, linear.
            let deep = nested(20_000);
            let err = lex.process_word(&deep, &EmptyEnv).unwrap_err();
            assert_eq!(err.kind, SubstErrorKind::NestingTooDeep);
            let parsed = lex.parse(&deep, 0);
            assert!(!parsed.errors.is_empty());
            assert_eq!(references(&deep, 0, '\\').count(), 128);
            let dq = "\"${A:-".repeat(20_000);
            assert!(lex.process_word(&dq, &EmptyEnv).is_err());
            drop(parsed);
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn large_input_is_fast() {
    // ~5 MB of realistic argument text.
    let chunk =
        "https://example.org/${VERSION}/pkg-${TARGETARCH:-amd64}.tar.gz \"$HOME/x\" 'lit' a\\ b ";
    let mut src = String::new();
    while src.len() < 5_000_000 {
        src.push_str(chunk);
    }
    let start = std::time::Instant::now();
    let lex = Lex::new('\\');
    let out = lex
        .process_word(&src, &[("VERSION", "1"), ("HOME", "/h")])
        .unwrap();
    assert!(out.value.len() > 3_000_000);
    let n = references(&src, 0, '\\').count();
    assert!(n > 100_000);
    // Generous bound for a debug build on a slow machine; it is linear.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn pathological_patterns_are_polynomial() {
    let value = "a".repeat(20_000);
    let pattern = "*a".repeat(50) + "b";
    let src = format!("${{V//{pattern}/x}}${{V#{pattern}}}${{V%%{pattern}}}");
    let start = std::time::Instant::now();
    let out = Lex::new('\\')
        .process_word(&src, &[("V", value.as_str())])
        .unwrap();
    assert_eq!(out.value.len(), 60_000);
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn leading_bom_is_skipped_like_go_scanner() {
    assert_eq!(
        Lex::new('\\')
            .process_word("\u{FEFF}a$X", &[("X", "1")])
            .unwrap()
            .value,
        "a1"
    );
}
