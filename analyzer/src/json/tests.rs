use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::*;

fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

/// The invariants every tree keeps.
pub(super) fn check(src: &str) -> Json {
    let json = parse(src);
    assert_eq!(json.source(), src);
    for (i, n) in json.nodes().iter().enumerate() {
        assert!(
            in_bounds(src, n.span()),
            "node {i} {:?} in {src:?}",
            n.span()
        );
        if let Some(p) = n.parent() {
            assert!(p.index() < i);
            assert!(json.node(p).span().contains_range(n.span()), "{src:?}");
        }
        let id = JsonId(u32::try_from(i).unwrap());
        for m in json.members(id) {
            assert!(in_bounds(src, m.key_span));
            assert!(in_bounds(src, m.span(&json)));
            let _ = json.key(m);
        }
        let _ = (
            json.as_str(id),
            json.as_f64(id),
            json.as_i64(id),
            json.as_bool(id),
        );
    }
    for e in json.errors() {
        assert!(in_bounds(src, e.range), "{e:?} in {src:?}");
    }
    for d in json.duplicates() {
        let m = json.members(d.object);
        assert!(d.first < d.later && d.later < m.len());
        assert_eq!(json.key(&m[d.first]), json.key(&m[d.later]));
    }
    json
}

/// A one-line rendering of the tree: strings decoded, keys as `key=`.
fn show(json: &Json) -> String {
    let mut out = String::new();
    let Some(root) = json.root() else {
        return "<empty>".to_owned();
    };
    // (node, key, closing text after it)
    let mut stack: Vec<(JsonId, Option<String>)> = vec![(root, None)];
    let mut closers: Vec<(usize, char)> = Vec::new();
    while let Some((id, key)) = stack.pop() {
        if let Some(k) = key {
            write!(out, "{k}=").unwrap();
        }
        match json.kind(id) {
            JsonKind::Object => {
                out.push('{');
                closers.push((stack.len(), '}'));
                for m in json.members(id).iter().rev() {
                    stack.push((m.value, Some(json.key(m).to_owned())));
                }
            }
            JsonKind::Array => {
                out.push('[');
                closers.push((stack.len(), ']'));
                for &it in json.items(id).iter().rev() {
                    stack.push((it, None));
                }
            }
            JsonKind::String => write!(out, "{:?}", json.as_str(id).unwrap()).unwrap(),
            _ => out.push_str(json.node(id).span().slice(json.source())),
        }
        out.push(' ');
        while closers
            .last()
            .is_some_and(|&(depth, _)| depth == stack.len())
        {
            let (_, c) = closers.pop().unwrap();
            out.push(c);
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

fn errors(json: &Json) -> Vec<(JsonErrorKind, &str)> {
    json.errors()
        .iter()
        .map(|e| (e.kind, e.range.slice(json.source())))
        .collect()
}

#[test]
fn a_daemon_json() {
    let src = r#"{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tlsverify": true,
  "log-opts": {"max-size": "10m", "max-file": "3"},
  "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": -1.5e3}},
  "userns-remap": null,
  "label\u00e9\n": "a\"b\\c\/\ud83d\udc33\ud800"
}"#;
    let json = check(src);
    assert!(json.errors().is_empty());
    assert!(json.is_complete());
    let root = json.root().unwrap();
    assert_eq!(json.kind(root), JsonKind::Object);
    assert_eq!(json.node(root).span().slice(src), src);
    let keys: Vec<_> = json.members(root).iter().map(|m| json.key(m)).collect();
    assert_eq!(
        keys,
        [
            "hosts",
            "tlsverify",
            "log-opts",
            "default-ulimits",
            "userns-remap",
            "labelé\n"
        ]
    );
    let m = json.get_member(root, "tlsverify").unwrap();
    assert_eq!(m.key_span.slice(src), "\"tlsverify\"");
    assert_eq!(m.span(&json).slice(src), "\"tlsverify\": true");
    assert_eq!(json.as_bool(m.value), Some(true));
    let hosts = json.get(root, "hosts").unwrap();
    let hosts: Vec<_> = json
        .items(hosts)
        .iter()
        .map(|&h| (json.as_str(h).unwrap(), json.node(h).span().slice(src)))
        .collect();
    assert_eq!(
        hosts,
        [
            (
                "unix:///var/run/docker.sock",
                "\"unix:///var/run/docker.sock\""
            ),
            ("tcp://0.0.0.0:2376", "\"tcp://0.0.0.0:2376\"")
        ]
    );
    let nofile = json
        .get(json.get(root, "default-ulimits").unwrap(), "nofile")
        .unwrap();
    assert_eq!(json.as_i64(json.get(nofile, "Hard").unwrap()), Some(64000));
    let soft = json.get(nofile, "Soft").unwrap();
    assert_eq!(json.as_i64(soft), None);
    assert_eq!(json.as_f64(soft), Some(-1500.0));
    assert_eq!(json.number_text(soft), Some("-1.5e3"));
    assert!(json.is_null(json.get(root, "userns-remap").unwrap()));
    let label = json.members(root)[5];
    assert_eq!(json.as_str(label.value), Some("a\"b\\c/🐳\u{fffd}"));
    assert_eq!(json.node(label.value).parent(), Some(root));
}

#[test]
fn empty_and_blank_documents_have_no_root_and_no_error() {
    for src in ["", "  \n\t", "\u{feff}", "\u{feff}\n"] {
        let json = check(src);
        assert_eq!(json.root(), None);
        assert!(json.errors().is_empty());
        assert!(json.is_complete());
    }
    let json = check("\u{feff}{\"a\": 1}");
    assert!(json.errors().is_empty());
    assert_eq!(show(&json), "{ a=1 }");
}

#[test]
fn any_value_at_the_top() {
    for (src, shown) in [
        ("[]", "[ ]"),
        ("{}", "{ }"),
        ("\"x\"", "\"x\""),
        ("-0.5E+2", "-0.5E+2"),
        ("null", "null"),
        (" true ", "true"),
        ("[[1],[],{}]", "[ [ 1 ] [ ] { } ]"),
    ] {
        let json = check(src);
        assert!(json.errors().is_empty(), "{src}");
        assert_eq!(show(&json), shown);
    }
}

#[test]
fn duplicate_keys_are_kept_and_the_last_wins() {
    let src = r#"{"a": 1, "b": {"x": 1, "x": 2}, "a": 3}"#;
    let json = check(src);
    assert!(json.errors().is_empty());
    let root = json.root().unwrap();
    assert_eq!(json.members(root).len(), 3);
    assert_eq!(json.number_text(json.get(root, "a").unwrap()), Some("3"));
    assert!(json.members(root)[0].shadowed);
    assert!(!json.members(root)[2].shadowed);
    let d: Vec<_> = json
        .duplicates()
        .iter()
        .map(|d| {
            (
                json.members(d.object)[d.first].key_span.slice(src),
                d.first,
                d.later,
            )
        })
        .collect();
    assert_eq!(d, [("\"x\"", 0, 1), ("\"a\"", 0, 2)]);
    // Many members: found by sorting.
    let mut big: String = (0..40).map(|i| format!("\"k{i}\": {i}, ")).collect();
    big = format!("{{{big}\"k3\": \"again\"}}");
    let json = check(&big);
    assert_eq!(json.duplicates().len(), 1);
    assert_eq!(
        json.as_str(json.get(json.root().unwrap(), "k3").unwrap()),
        Some("again")
    );
}

#[test]
fn comments_and_trailing_commas_are_errors_that_parsing_steps_over() {
    let src = "{\n  // a comment\n  \"a\": 1, # another\n  \"b\": [1, 2,],\n  /* block */ \"c\": true,\n}\n";
    let json = check(src);
    assert_eq!(
        errors(&json),
        [
            (JsonErrorKind::Comment, "// a comment"),
            (JsonErrorKind::Comment, "# another"),
            (JsonErrorKind::TrailingComma, ","),
            (JsonErrorKind::Comment, "/* block */"),
            (JsonErrorKind::TrailingComma, ","),
        ]
    );
    assert!(json.is_complete());
    assert_eq!(show(&json), "{ a=1 b=[ 1 2 ] c=true }");
    assert!(json.errors()[0].message.contains("dockerd"));
}

#[test]
fn a_missing_comma_is_an_error_that_parsing_steps_over() {
    let src = "{\"a\": 1\n \"b\": [1 2 \"x\"] \"c\": {}}";
    let json = check(src);
    let kinds: Vec<_> = json.errors().iter().map(|e| (e.kind, e.range)).collect();
    assert_eq!(
        kinds,
        [
            (JsonErrorKind::MissingComma, TextRange::empty(7)),
            (JsonErrorKind::MissingComma, TextRange::empty(16)),
            (JsonErrorKind::MissingComma, TextRange::empty(18)),
            (JsonErrorKind::MissingComma, TextRange::empty(23)),
        ]
    );
    assert_eq!(show(&json), "{ a=1 b=[ 1 2 \"x\" ] c={ } }");
}

#[test]
fn other_errors_stop_and_keep_what_came_before() {
    for (src, at, shown) in [
        ("{\"a\": 1, \"b\": tru, \"c\": 3}", "tru", "{ a=1 }"),
        ("{\"a\": [1, 2", "", "{ a=[ 1 2 ] }"),
        ("{\"a\": \"unterminated", "\"", "{ }"),
        ("{\"a\": \"bad \\q escape\"}", "\\q", "{ }"),
        ("{\"a\": \"tab\tinside\"}", "\t", "{ }"),
        ("{\"a\" 1}", "1", "{ }"),
        ("{a: 1}", "a", "{ }"),
        ("{\"a\": 'x'}", "'", "{ }"),
        ("{\"a\": 01}", "01", "{ }"),
        ("{\"a\": 1.}", "1.", "{ }"),
        ("{\"a\": .5}", ".", "{ }"),
        ("{\"a\": TRUE}", "TRUE", "{ }"),
        ("{\"a\": 1} x", "x", "{ a=1 }"),
        ("{\"a\": 1}}", "}", "{ a=1 }"),
        ("{} {}", "{}", "{ }"),
        ("[1, 2] 3", "3", "[ 1 2 ]"),
        ("{\"a\": [1, {\"b\": ", "", "{ a=[ 1 { } ] }"),
        ("[,]", ",", "[ ]"),
        ("{,}", ",", "{ }"),
        ("[1,,2]", ",", "[ 1 ]"),
        ("x", "x", "<empty>"),
    ] {
        let json = check(src);
        let errs = json.errors();
        assert!(!errs.is_empty(), "{src}");
        let last = errs.last().unwrap();
        assert!(
            matches!(
                last.kind,
                JsonErrorKind::Syntax | JsonErrorKind::TrailingContent
            ),
            "{src}: {errs:?}"
        );
        assert_eq!(last.range.slice(src), at, "{src}: {errs:?}");
        assert_eq!(show(&json), shown, "{src}");
        assert!(!json.is_complete(), "{src}");
    }
    let json = check("{\"a\": 1} x");
    assert_eq!(json.errors()[0].kind, JsonErrorKind::TrailingContent);
}

#[test]
fn containers_cut_short_end_at_the_error() {
    let src = "{\"a\": [1, {\"b\": 2, \"c\": @";
    let json = check(src);
    let root = json.root().unwrap();
    assert_eq!(json.node(root).span(), TextRange::new(0, src.len() - 1));
    let a = json.get(root, "a").unwrap();
    assert_eq!(json.items(a).len(), 2);
    // The key waiting for its value is dropped.
    assert_eq!(json.members(json.items(a)[1]).len(), 1);
}

/// Runs `f` on a thread with rayon's default 2 MiB stack.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn hostile_inputs() {
    on_small_stack(|| {
        for (name, src) in [
            ("100k [", "[".repeat(100_000)),
            ("100k {\"a\":", "{\"a\":".repeat(100_000)),
            (
                "9,999 nested closed",
                format!("{}{}", "[".repeat(9_999), "]".repeat(9_999)),
            ),
            (
                "10 MB string",
                format!("{{\"a\": \"{}\"}}", "x".repeat(10_000_000)),
            ),
            (
                "1M escapes",
                format!("[\"{}\"]", "\\u00e9\\n".repeat(1_000_000)),
            ),
            ("100k comments", "// c\n".repeat(100_000)),
            (
                "100k members",
                format!(
                    "{{{}\"z\": 0}}",
                    (0..100_000)
                        .map(|i| format!("\"k{i}\": [{i}], "))
                        .collect::<String>()
                ),
            ),
            (
                "100k same key",
                format!("{{{}\"k\": 0}}", "\"k\": 1, ".repeat(100_000)),
            ),
            ("100k missing commas", format!("[{}]", "1 ".repeat(100_000))),
        ] {
            let t = Instant::now();
            let json = check(&src);
            let elapsed = t.elapsed();
            assert!(
                elapsed < Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 1 }),
                "{name}: {elapsed:?}"
            );
            if name.starts_with("100k [") || name.starts_with("100k {") {
                assert_eq!(
                    json.errors()
                        .iter()
                        .filter(|e| e.kind == JsonErrorKind::TooDeep)
                        .count(),
                    1,
                    "{name}"
                );
            }
            if name.starts_with("9,999") {
                assert!(json.errors().is_empty());
            }
        }
    });
}

mod props {
    use proptest::prelude::*;
    use serde_json::Value as Sj;

    use super::*;

    fn jsonish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("{".to_owned()),
                Just("}".to_owned()),
                Just("[".to_owned()),
                Just("]".to_owned()),
                Just(",".to_owned()),
                Just(":".to_owned()),
                Just("\"k\"".to_owned()),
                Just("\"\\u00e9\\ud83d\\udc33\\ud800\\n\"".to_owned()),
                Just("\"bad\\x\"".to_owned()),
                Just("\"".to_owned()),
                Just("-1.5e+3".to_owned()),
                Just("01".to_owned()),
                Just("true".to_owned()),
                Just("nul".to_owned()),
                Just("// c\n".to_owned()),
                Just("/* c".to_owned()),
                Just("*/".to_owned()),
                Just("# c".to_owned()),
                Just("\u{feff}".to_owned()),
                Just("é🐳".to_owned()),
                Just(" ".to_owned()),
                Just("\n".to_owned()),
                "[ -~]{0,6}",
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    fn value() -> impl Strategy<Value = Sj> {
        let leaf = prop_oneof![
            Just(Sj::Null),
            any::<bool>().prop_map(Sj::Bool),
            any::<i64>().prop_map(Sj::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Sj::from),
            any::<String>().prop_map(Sj::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Sj::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|kv| Sj::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Our tree equals serde_json's value (numbers compared as f64).
    fn same(json: &Json, id: JsonId, v: &Sj) -> bool {
        match v {
            Sj::Null => json.is_null(id),
            Sj::Bool(b) => json.as_bool(id) == Some(*b),
            Sj::Number(n) => json.as_f64(id) == n.as_f64(),
            Sj::String(s) => json.as_str(id) == Some(s.as_str()),
            Sj::Array(items) => {
                json.items(id).len() == items.len()
                    && json
                        .items(id)
                        .iter()
                        .zip(items)
                        .all(|(&i, v)| same(json, i, v))
            }
            Sj::Object(map) => {
                json.members(id).len() == map.len()
                    && map
                        .iter()
                        .all(|(k, v)| json.get(id, k).is_some_and(|i| same(json, i, v)))
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(400),
        ))]

        #[test]
        fn no_panic_on_arbitrary_strings(src in any::<String>()) {
            check(&src);
        }

        #[test]
        fn no_panic_on_json_tokens(src in jsonish()) {
            check(&src);
        }

        #[test]
        fn no_panic_on_lossy_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            check(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn serde_json_output_reads_back(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let json = check(&text);
            prop_assert!(json.errors().is_empty(), "{:?} in {}", json.errors(), text);
            prop_assert!(same(&json, json.root().unwrap(), &v), "{}", text);
        }
    }
}
