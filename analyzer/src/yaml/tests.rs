use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::*;
use crate::text::TextRange;

/// An indented dump of the raw tree: kind, source text of the span, decoded
/// value, anchor, tag. Iterative, like everything else here.
fn dump(y: &Yaml) -> String {
    let src = y.source();
    let mut out = String::new();
    for doc in y.documents() {
        writeln!(
            out,
            "doc {:?}{}{}",
            doc.span,
            if doc.explicit_start { " ---" } else { "" },
            if doc.complete { "" } else { " incomplete" }
        )
        .unwrap();
        let mut stack: Vec<(NodeId, usize, &str)> =
            doc.root.map(|r| (r, 1, "")).into_iter().collect();
        while let Some((id, depth, role)) = stack.pop() {
            let n = y.node(id);
            let mut line = format!(
                "{}{role}{:?} {:?}",
                "  ".repeat(depth),
                n.kind(),
                n.span().slice(src)
            );
            if let Some(v) = y.scalar(id) {
                if v != n.span().slice(src) {
                    write!(line, " = {v:?}").unwrap();
                }
                write!(line, " {:?}", n.style().unwrap()).unwrap();
            }
            if let Some(a) = y.anchor_name(id) {
                write!(line, " &{a}").unwrap();
            }
            if let Some(t) = n.tag() {
                write!(line, " tag={:?}/{:?}", t.span.slice(src), t.kind).unwrap();
            }
            if n.kind() == Kind::Alias {
                write!(line, " -> {:?}", y.alias_target(id)).unwrap();
            }
            out.push_str(&line);
            out.push('\n');
            for e in y.entries(id).iter().rev() {
                stack.push((e.value, depth + 1, "v: "));
                stack.push((e.key, depth + 1, "k: "));
            }
            for &it in y.items(id).iter().rev() {
                stack.push((it, depth + 1, "- "));
            }
        }
    }
    for e in y.errors() {
        writeln!(out, "error {:?} {:?} {}", e.range, e.kind, e.message).unwrap();
    }
    out
}

fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

/// The invariants every tree keeps.
pub(super) fn check(src: &str) -> Yaml {
    let y = parse(src);
    assert_eq!(y.source(), src);
    for (i, n) in y.nodes().iter().enumerate() {
        assert!(
            in_bounds(src, n.span()),
            "node {i} {:?} in {src:?}",
            n.span()
        );
        assert!(in_bounds(src, n.full_span()), "node {i}");
        if let Some(p) = n.parent() {
            assert!(p.index() < i, "parent after child");
            assert!(
                y.node(p).span().contains_range(n.full_span()) || n.span().is_empty(),
                "node {i} {:?} outside its parent {:?} in {src:?}",
                n.full_span(),
                y.node(p).span()
            );
        }
        let id = NodeId(u32::try_from(i).unwrap());
        let _ = y.scalar(id);
        let v = y.value(id);
        let _ = (v.is_null(), v.as_str(), v.len());
        assert!(v.entries().count() <= y.expansion().1 as usize);
    }
    for i in 0..y.nodes().len() {
        let id = NodeId(u32::try_from(i).unwrap());
        let path = y.path_to(id);
        if let Some(last) = path.last() {
            assert_eq!(last.node(&y), id);
        } else {
            assert!(y.documents().iter().any(|d| d.root == Some(id)), "{src:?}");
        }
    }
    for c in y.comments() {
        assert!(in_bounds(src, c.span));
        assert!(y.comment_text(c).len() < c.span.len().max(1));
        if let Some(t) = y.comment_target(c) {
            assert!(in_bounds(src, t.span(&y)));
        }
    }
    for e in y.errors() {
        assert!(in_bounds(src, e.range), "{e:?}");
    }
    for d in y.documents() {
        assert!(in_bounds(src, d.span));
    }
    let (used, budget) = y.expansion();
    assert!(used <= budget);
    y
}

#[test]
fn scalars_styles_and_spans() {
    let src = "a: plain\nb: 'single ''q'''\nc: \"dbl\\tq\"\nd:\ne: ~\nf: 22:22\n\"g h\": 1\n";
    let y = check(src);
    assert_eq!(
        dump(&y),
        r#"doc 0..64
  Mapping "a: plain\nb: 'single ''q'''\nc: \"dbl\\tq\"\nd:\ne: ~\nf: 22:22\n\"g h\": 1"
    k: Scalar "a" Plain
    v: Scalar "plain" Plain
    k: Scalar "b" Plain
    v: Scalar "'single ''q'''" = "single 'q'" SingleQuoted
    k: Scalar "c" Plain
    v: Scalar "\"dbl\\tq\"" = "dbl\tq" DoubleQuoted
    k: Scalar "d" Plain
    v: Scalar "" Plain
    k: Scalar "e" Plain
    v: Scalar "~" Plain
    k: Scalar "f" Plain
    v: Scalar "22:22" Plain
    k: Scalar "\"g h\"" = "g h" DoubleQuoted
    v: Scalar "1" Plain
"#
    );
    let root = y.root().unwrap();
    assert!(root.get("d").unwrap().is_null());
    assert!(root.get("e").unwrap().is_null());
    assert!(!root.get("a").unwrap().is_null());
    assert_eq!(root.get("f").unwrap().as_str(), Some("22:22"));
    assert_eq!(root.get("g h").unwrap().as_str(), Some("1"));
    assert!(y.errors().is_empty());
}

#[test]
fn block_scalars_span_from_indicator_to_last_character() {
    let src = "a: |\n  one\n  two\n\nb: >-\n\n  folded\n  text\n\n\nc: |\nd: &x !t |+2\n    keep\n\nseq:\n  - |\n    item\n  - >\n    last";
    let y = check(src);
    let root = y.root().unwrap();
    let span = |k: &str| root.get(k).unwrap().span().slice(src);
    assert_eq!(span("a"), "|\n  one\n  two");
    assert_eq!(root.get("a").unwrap().as_str(), Some("one\ntwo\n"));
    assert_eq!(span("b"), ">-\n\n  folded\n  text");
    assert_eq!(root.get("b").unwrap().as_str(), Some("\nfolded text"));
    assert_eq!(span("c"), "|");
    assert_eq!(root.get("c").unwrap().as_str(), Some(""));
    assert_eq!(span("d"), "|+2\n    keep");
    assert_eq!(root.get("d").unwrap().as_str(), Some("  keep\n\n"));
    assert_eq!(
        root.get("d").unwrap().full_span().slice(src),
        "&x !t |+2\n    keep"
    );
    let items: Vec<_> = root
        .get("seq")
        .unwrap()
        .items()
        .map(|v| v.span().slice(src))
        .collect();
    assert_eq!(items, ["|\n    item", ">\n    last"]);
    // No final newline: libyaml and go-yaml keep none.
    assert_eq!(
        root.get("seq").unwrap().items().nth(1).unwrap().as_str(),
        Some("last")
    );
}

#[test]
fn collection_spans() {
    let src = "top:\n  - a: 1\n    b: [x, {y: z}]\n  - - n\n    - m   # c\nafter: {}\n";
    let y = check(src);
    let root = y.root().unwrap();
    assert_eq!(root.span().slice(src), src.trim_end());
    let top = root.get("top").unwrap();
    assert_eq!(
        top.span().slice(src),
        "- a: 1\n    b: [x, {y: z}]\n  - - n\n    - m"
    );
    let first = top.items().next().unwrap();
    assert_eq!(first.span().slice(src), "a: 1\n    b: [x, {y: z}]");
    assert_eq!(first.get("b").unwrap().span().slice(src), "[x, {y: z}]");
    assert!(first.get("b").unwrap().node().is_flow());
    assert_eq!(root.get("after").unwrap().span().slice(src), "{}");
    assert_eq!(
        y.node(root.get("after").unwrap().id()).parent(),
        Some(root.id())
    );
}

#[test]
fn comments_are_kept_with_their_placement() {
    let src = "# head\nservices: # trailing\n  # dockward ignore=DW5001\n  web:\n    image: x\n";
    let y = check(src);
    let texts: Vec<_> = y
        .comments()
        .iter()
        .map(|c| (y.comment_text(c), c.own_line))
        .collect();
    assert_eq!(
        texts,
        [
            (" head", true),
            (" trailing", false),
            (" dockward ignore=DW5001", true)
        ]
    );
    let c = y.comments()[2];
    let t = y.comment_target(&c).unwrap();
    assert_eq!(t.span(&y).slice(src), "web:\n    image: x");
    let root = y.root().unwrap();
    let services = root.get("services").unwrap();
    assert_eq!(
        t,
        Target::Entry {
            mapping: services.id(),
            index: 0
        }
    );
    // The head comment sits above `services`.
    let t = y.comment_target(&y.comments()[0]).unwrap();
    assert_eq!(
        t,
        Target::Entry {
            mapping: root.id(),
            index: 0
        }
    );
    assert_eq!(y.comment_target(&y.comments()[1]), None);
}

#[test]
fn comment_targets() {
    let src = "\
services:
  web:
    # dockward ignore=DW5070
    # a second line of the block
    ports:
      # above an item
      - \"80:80\"
      # above an item that is a mapping
      - target: 80

    # blank line before: still above the next key
    privileged: true
    # blank line after

    user: root
x: 1
# at the end
";
    let y = check(src);
    let targets: Vec<_> = y
        .comments()
        .iter()
        .map(|c| y.comment_target(c).map(|t| t.span(&y).slice(src)))
        .collect();
    assert_eq!(
        targets,
        [
            Some(
                "ports:\n      # above an item\n      - \"80:80\"\n      # above an item that is a mapping\n      - target: 80"
            ),
            Some(
                "ports:\n      # above an item\n      - \"80:80\"\n      # above an item that is a mapping\n      - target: 80"
            ),
            Some("\"80:80\""),
            Some("target: 80"),
            Some("privileged: true"),
            None,
            None,
        ]
    );
    let item = y.comment_target(&y.comments()[3]).unwrap();
    assert!(matches!(item, Target::Item { index: 1, .. }));
}

#[test]
fn duplicate_keys_are_errors_and_the_later_wins() {
    let src = "a: 1\nb: 2\na: 3\n";
    let y = check(src);
    assert_eq!(y.errors().len(), 1);
    let e = &y.errors()[0];
    assert_eq!(e.range.slice(src), "a");
    assert_eq!(e.range.start, 10);
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateKey {
            first: TextRange::new(0, 1)
        }
    );
    let root = y.root().unwrap();
    assert_eq!(y.entries(root.id()).len(), 3);
    assert_eq!(root.len(), 2);
    assert_eq!(root.get("a").unwrap().as_str(), Some("3"));
    // Many keys: found by sorting.
    let mut big: String = (0..50).map(|i| format!("k{i}: {i}\n")).collect();
    big.push_str("k7: again\nk7: thrice\n");
    let y = check(&big);
    assert_eq!(y.errors().len(), 2);
    assert!(
        y.errors()
            .iter()
            .all(|e| matches!(e.kind, ErrorKind::DuplicateKey { .. }))
    );
    assert_eq!(
        y.root().unwrap().get("k7").unwrap().as_str(),
        Some("thrice")
    );
    assert_eq!(y.root().unwrap().len(), 50);
    // Quoted and plain spellings of one key are one key; `1` and `"1"` too.
    let y = check("\"a\": 1\na: 2\n");
    assert_eq!(y.errors().len(), 1);
}

#[test]
fn aliases_point_at_the_anchor() {
    let src = "x: &img nginx:1.2\nservices:\n  web:\n    image: *img\n";
    let y = check(src);
    assert!(y.errors().is_empty());
    let root = y.root().unwrap();
    let x = root.get("x").unwrap();
    assert_eq!(y.anchor_name(x.id()), Some("img"));
    assert_eq!(x.node().anchor().unwrap().slice(src), "&img");
    assert!(!x.is_shared());
    let image = root
        .get("services")
        .unwrap()
        .get("web")
        .unwrap()
        .get("image")
        .unwrap();
    assert_eq!(image.as_str(), Some("nginx:1.2"));
    assert_eq!(image.id(), x.id());
    assert_eq!(image.span().slice(src), "nginx:1.2");
    let via = image.via().unwrap();
    assert_eq!(y.node(via).span().slice(src), "*img");
    assert_eq!(y.alias_name(via), Some("img"));
}

#[test]
fn merge_keys() {
    let src = "\
x-base: &base
  image: base
  restart: always
  environment: &env
    A: 1
x-more: &more
  image: more
  user: nobody
services:
  web:
    image: local
    <<: [*base, *more]
  api:
    <<: *base
    restart: no
  inline:
    <<: {image: inl}
  nested:
    <<: *nest
    own: 1
";
    // `nest` is defined after its use: an unknown alias.
    let y = check(src);
    assert_eq!(y.errors().len(), 1, "{}", dump(&y));
    assert_eq!(y.errors()[0].kind, ErrorKind::UnknownAlias);
    let services = y.root().unwrap().get("services").unwrap();
    let web = services.get("web").unwrap();
    let keys: Vec<_> = web
        .entries()
        .map(|e| {
            (
                e.key_str().unwrap(),
                e.value.span().slice(src),
                e.is_shared(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("image", "local", false),
            ("restart", "always", true),
            ("environment", "A: 1", true),
            ("user", "nobody", true),
        ]
    );
    // The merged value is the node inside the anchor, reached via `*base`.
    let env = web.get("environment").unwrap();
    assert_eq!(y.node(env.via().unwrap()).span().slice(src), "*base");
    assert_eq!(env.get("A").unwrap().via(), env.via());
    let api = services.get("api").unwrap();
    assert_eq!(api.get("restart").unwrap().as_str(), Some("no"));
    assert_eq!(api.get("image").unwrap().as_str(), Some("base"));
    let inline = services.get("inline").unwrap();
    assert_eq!(inline.get("image").unwrap().as_str(), Some("inl"));
    assert!(!inline.get("image").unwrap().is_shared());
    assert_eq!(services.get("nested").unwrap().len(), 1);
}

#[test]
fn nested_merges_and_merge_order() {
    let src = "\
a: &a {k: a, only_a: 1}
b: &b {<<: *a, k: b, only_b: 1}
c: &c {k: c}
m:
  <<: [*c, *b]
  local: 1
q:
  \"<<\": *a
";
    let y = check(src);
    assert!(y.errors().is_empty(), "{}", dump(&y));
    let m = y.root().unwrap().get("m").unwrap();
    let got: Vec<_> = m
        .entries()
        .map(|e| {
            (
                e.key_str().unwrap(),
                e.value.as_str().unwrap(),
                y.node(e.value.via().unwrap_or(e.value.id()))
                    .span()
                    .slice(src),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("local", "1", "1"),
            ("k", "c", "*c"),
            ("only_b", "1", "*b"),
            ("only_a", "1", "*b"),
        ]
    );
    // A quoted "<<" is an ordinary key.
    let q = y.root().unwrap().get("q").unwrap();
    assert_eq!(q.entries().next().unwrap().key_str(), Some("<<"));
}

#[test]
fn invalid_merges_are_errors() {
    let y = check("a: &s scalar\nm:\n  <<: *s\n  <<: [1, {x: 1}]\n  k: v\n");
    let kinds: Vec<_> = y
        .errors()
        .iter()
        .map(|e| (e.kind, e.range.slice(y.source())))
        .collect();
    assert_eq!(
        kinds,
        [
            (ErrorKind::InvalidMerge, "*s"),
            (ErrorKind::InvalidMerge, "1")
        ]
    );
    let m = y.root().unwrap().get("m").unwrap();
    let keys: Vec<_> = m.entries().map(|e| e.key_str().unwrap()).collect();
    assert_eq!(keys, ["k", "x"]);
}

#[test]
fn tags() {
    let src = "a: !reset []\nb: !override {x: 1}\nc: !!str 1\nd: !custom x\ne: !reset\n";
    let y = check(src);
    let root = y.root().unwrap();
    let tag = |k: &str| {
        root.get(k)
            .unwrap()
            .tag()
            .map(|t| (t.kind, t.span.slice(src), t.resolved.to_string()))
    };
    assert_eq!(
        tag("a"),
        Some((TagKind::Reset, "!reset", "!reset".to_owned()))
    );
    assert_eq!(
        tag("b"),
        Some((TagKind::Override, "!override", "!override".to_owned()))
    );
    assert_eq!(
        tag("c"),
        Some((TagKind::Core, "!!str", "tag:yaml.org,2002:str".to_owned()))
    );
    assert_eq!(
        root.get("c").unwrap().tag().unwrap().core_suffix(),
        Some("str")
    );
    assert_eq!(tag("d").unwrap().0, TagKind::Other);
    assert_eq!(tag("e").unwrap().0, TagKind::Reset);
    assert!(root.get("e").unwrap().is_null());
    assert_eq!(root.get("a").unwrap().full_span().slice(src), "!reset []");
}

#[test]
fn a_syntax_error_keeps_what_came_before() {
    let src = "services:\n  web:\n    image: nginx\n    privileged: true\n    command: \"unterminated\n  db:\n    image: x\n";
    let y = check(src);
    assert_eq!(y.errors().len(), 1, "{}", dump(&y));
    let e = &y.errors()[0];
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(e.range.slice(src), "\"");
    assert!(e.message.contains("quote"), "{}", e.message);
    assert!(!y.documents()[0].complete);
    let web = y
        .root()
        .unwrap()
        .get("services")
        .unwrap()
        .get("web")
        .unwrap();
    assert_eq!(web.get("image").unwrap().as_str(), Some("nginx"));
    assert_eq!(web.get("privileged").unwrap().as_str(), Some("true"));
    // The key cut short has a null value.
    assert!(web.get("command").unwrap().is_null());
}

#[test]
fn common_mistakes_are_located() {
    for (src, at) in [
        ("a:\n  b: 1\n c: 2\n", "c"),
        ("a:\n\tb: 1\n", "\t"),
        ("a: 1\nb\nc: 2\n", "c"),
        ("a: [1, 2\nb: 3\n", "b"),
        ("- a\nb: 1\n", "b"),
    ] {
        let y = check(src);
        let e = y
            .errors()
            .iter()
            .find(|e| e.kind == ErrorKind::Syntax)
            .unwrap_or_else(|| panic!("{src:?}: {}", dump(&y)));
        let _ = at;
        assert!(e.range.start() <= src.len());
        assert!(!y.documents().is_empty(), "{src:?}");
    }
}

#[test]
fn unknown_and_recursive_aliases() {
    let y = check("a: *nope\nb: 1\n");
    assert_eq!(y.errors().len(), 1);
    assert_eq!(y.errors()[0].kind, ErrorKind::UnknownAlias);
    assert_eq!(y.errors()[0].range.slice(y.source()), "*nope");
    let root = y.root().unwrap();
    assert!(root.get("a").unwrap().is_null());
    assert_eq!(root.get("b").unwrap().as_str(), Some("1"));
    let y = check("a: &a [1, *a]\nb: &m {x: *m}\n");
    let kinds: Vec<_> = y.errors().iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [ErrorKind::RecursiveAlias, ErrorKind::RecursiveAlias]
    );
    assert!(y.documents()[0].complete);
}

#[test]
fn documents() {
    let src = "a: &x 1\n---\nb: *x\n...\n--- \nc: 3\n";
    let y = check(src);
    let docs: Vec<_> = y
        .documents()
        .iter()
        .map(|d| (d.span.slice(src), d.explicit_start, d.complete))
        .collect();
    assert_eq!(
        docs,
        [
            ("a: &x 1", false, true),
            ("---\nb: *x", true, true),
            ("--- \nc: 3", true, true)
        ]
    );
    // Anchors do not cross documents.
    assert_eq!(y.errors().len(), 1);
    assert_eq!(y.errors()[0].kind, ErrorKind::UnknownAlias);
    assert_eq!(y.root().unwrap().get("a").unwrap().as_str(), Some("1"));
    // A broken document does not stop the next one.
    let y = check("a: [1\n---\nb: 2\n");
    assert_eq!(y.documents().len(), 2);
    assert!(!y.documents()[0].complete);
    assert!(y.documents()[1].complete);
    assert_eq!(
        y.value(y.documents()[1].root.unwrap())
            .get("b")
            .unwrap()
            .as_str(),
        Some("2")
    );
}

#[test]
fn empty_and_odd_inputs() {
    for src in [
        "",
        "\n\n",
        "# only a comment\n",
        "\u{feff}",
        "\u{feff}a: 1",
        "---",
        "...",
        "--- |\n  x",
        "a",
        "- ",
        "? ",
        ": ",
        "&a",
        "*a",
        "!t",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "'",
        "|",
        ">",
        "%YAML 1.2\n---\na: 1",
        "\r\n",
        "a:\r\n  b: 1\r\n",
    ] {
        check(src);
    }
    assert!(parse("").documents().is_empty());
    assert!(parse("# c\n").documents().is_empty());
    assert_eq!(parse("# c\n").comments().len(), 1);
    let y = check("\u{feff}a: 1\n");
    assert_eq!(y.root().unwrap().get("a").unwrap().as_str(), Some("1"));
}

/// The comments of `src` as (text after `#`, own line).
fn comment_texts(src: &str) -> Vec<(String, bool)> {
    let y = parse(src);
    y.comments()
        .iter()
        .map(|c| (y.comment_text(c).to_owned(), c.own_line))
        .collect()
}

fn own(text: &str) -> (String, bool) {
    (text.to_owned(), true)
}

fn trailing(text: &str) -> (String, bool) {
    (text.to_owned(), false)
}

#[test]
fn comments_are_found_between_tokens_only() {
    // `#` inside quoted, block and plain scalars, anchors, aliases and tags
    // is text; after white space or at a line start it starts a comment.
    assert_eq!(
        comment_texts("a: \"x # no\" # yes\nb: 'y # no' #yes2\nc: \"multi\n  # no\n  line\" # 3\n"),
        [trailing(" yes"), trailing("yes2"), trailing(" 3")]
    );
    assert_eq!(
        comment_texts("x: &a#b 1 # c\ny: *a#b # d\nz: !t#x 2 # e\nw: a#b\na#b: 1 #\n"),
        [trailing(" c"), trailing(" d"), trailing(" e"), trailing("")]
    );
    // A block scalar's header line may end in a comment; its content may not
    // hold one; a less indented line after it is one.
    assert_eq!(
        comment_texts(
            "a: | # head\n  # content\n  x\n # after\nb: >- #h2\n   z\nc: |2\n   # content\n"
        ),
        [trailing(" head"), own(" after"), trailing("h2")]
    );
    assert_eq!(
        comment_texts("a: [1, # c1\n  2, {k: v # c2\n  }] # c3\nb: {x: \"#\", y: '#'}\n"),
        [trailing(" c1"), trailing(" c2"), trailing(" c3")]
    );
    assert_eq!(
        comment_texts(
            "%YAML 1.2 # dir\n--- # doc\na: 1 # c\n... # end\n--- #d2\n- a # i\n- # j\n  b\n"
        ),
        [
            trailing(" dir"),
            trailing(" doc"),
            trailing(" c"),
            trailing(" end"),
            trailing("d2"),
            trailing(" i"),
            trailing(" j")
        ]
    );
    // Line ends, tabs and a byte order mark.
    assert_eq!(
        comment_texts("\u{feff}# head\r\na:\t1\t# tab\r\n# own\r\n"),
        [own(" head"), trailing(" tab"), own(" own")]
    );
    // granit lets an own-line comment sit inside a multi-line plain scalar.
    assert_eq!(comment_texts("a: x\n  \t# c\n  y\n"), [own(" c")]);
}

#[test]
fn comments_before_a_syntax_error_are_kept_and_none_are_invented_after_it() {
    // The comment before the bad line, and the one that is the error.
    assert_eq!(
        comment_texts("a: b # c\n#d\n  e: 1\n"),
        [trailing(" c"), own("d")]
    );
    assert_eq!(
        comment_texts("a: one\n  two # c\n  three\n"),
        [trailing(" c")]
    );
    // Nothing inside an unterminated quote.
    assert_eq!(
        comment_texts("a: 1 # c\nb: \"x # no\n# no\n"),
        [trailing(" c")]
    );
    assert_eq!(comment_texts("a: 1 # c\nb: 'x # no\n"), [trailing(" c")]);
    // After recovery at the next document, comments are found again.
    assert_eq!(
        comment_texts("a: [ # c\nb: : :\n--- # d\nc: 1 # e\n"),
        [trailing(" c"), trailing(" d"), trailing(" e")]
    );
}

#[test]
fn lookups_tell_apart_keys_with_the_same_fingerprint() {
    // Same length, first, second and last bytes: only the full compare
    // tells them apart.
    let y = check("abXd: 1\nabYd: 2\nx: &m {abZd: 3, abXd: 9}\ny:\n  <<: *m\n  abYd: 4\n");
    let root = y.root().unwrap();
    assert_eq!(root.get("abYd").unwrap().as_str(), Some("2"));
    assert_eq!(root.get("abXd").unwrap().as_str(), Some("1"));
    assert!(root.get("abWd").is_none());
    let merged = root.get("y").unwrap();
    assert_eq!(merged.get("abYd").unwrap().as_str(), Some("4"));
    assert_eq!(merged.get("abXd").unwrap().as_str(), Some("9"));
    assert_eq!(merged.get("abZd").unwrap().as_str(), Some("3"));
}

#[test]
fn merges_into_large_mappings_keep_local_keys_first() {
    // Past the small-mapping scan, the seen keys are hashed: same result.
    let base: String = (0..100).map(|i| format!("k{i}: base{i}\n")).collect();
    let local: String = (50..150).map(|i| format!("  k{i}: local{i}\n")).collect();
    let src = format!("x: &b\n{}y:\n  <<: *b\n{local}", base.replace('k', "  k"));
    let y = check(&src);
    let merged = y.root().unwrap().get("y").unwrap();
    assert_eq!(merged.len(), 150);
    assert_eq!(merged.get("k10").unwrap().as_str(), Some("base10"));
    assert_eq!(merged.get("k60").unwrap().as_str(), Some("local60"));
    assert_eq!(merged.get("k149").unwrap().as_str(), Some("local149"));
    let keys: Vec<_> = merged.entries().map(|e| e.key_str().unwrap()).collect();
    assert_eq!(keys[0], "k50");
    assert_eq!(keys[100], "k0");
    assert_eq!(
        keys.len(),
        keys.iter().collect::<std::collections::HashSet<_>>().len()
    );
}

#[test]
fn long_comment_runs_are_fine() {
    let src = format!(
        "a:\n{}  b: 1\nl:\n{}  - 1\n",
        "# c\n".repeat(500),
        "# c\n".repeat(500)
    );
    let y = check(&src);
    assert!(y.errors().is_empty(), "{:?}", y.errors());
    assert_eq!(y.comments().len(), 1000);
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

fn timed(name: &str, src: &str) -> Yaml {
    let ((y, walked), elapsed) = measure(|| {
        let y = parse(src);
        let mut walked = 0usize;
        // A full walk of every document's view.
        for d in y.documents() {
            let mut stack: Vec<Value<'_>> = d.root.map(|r| y.value(r)).into_iter().collect();
            while let Some(v) = stack.pop() {
                walked += 1;
                stack.extend(v.items());
                for e in v.entries() {
                    stack.push(e.key);
                    stack.push(e.value);
                }
            }
        }
        (y, walked)
    });
    eprintln!(
        "{name}: {elapsed:?} ({} bytes, {walked} nodes walked)",
        src.len()
    );
    assert!(
        walked as u64 <= y.expansion().1 + 1,
        "{name}: walked {walked}"
    );
    // The bound is for release builds (`cargo test --release`); debug builds
    // only catch super-linear blow-ups.
    assert!(
        elapsed < Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 1 }),
        "{name}: {elapsed:?}"
    );
    y
}

/// The CPU time the calling thread has used (Linux; `None` elsewhere), so a
/// timing bound holds on a loaded machine, where wall time does not.
pub(crate) fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports clock ticks of 1/100 s (USER_HZ) on every Linux ABI.
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `f` and returns its result with the time it took: thread CPU time
/// where available (10 ms resolution), else wall time.
pub(crate) fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let (cpu, wall) = (thread_cpu_time(), Instant::now());
    let out = f();
    let elapsed = match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (out, elapsed)
}

#[test]
fn hostile_inputs_are_fast_and_shallow() {
    on_small_stack(|| {
        let deep = [
            ("100k [", "[".repeat(100_000)),
            ("100k {", "{".repeat(100_000)),
            (
                "100k [ closed",
                format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            ),
            ("100k - ", format!("{}x\n", "- ".repeat(100_000))),
            (
                "100k a:",
                (0..100_000)
                    .map(|i| format!("{}a{i}:\n", " ".repeat(i % 300)))
                    .collect(),
            ),
            (
                "3k indented",
                (0..3_000)
                    .map(|i| format!("{}a:\n", " ".repeat(i)))
                    .collect(),
            ),
            ("100k {a:", "{a: ".repeat(100_000)),
            ("100k ? ", "? ".repeat(100_000)),
            ("100k &a", "&a ".repeat(100_000)),
            ("100k !t", "!t ".repeat(100_000)),
            ("1M flow items", format!("[{}]", "1,".repeat(1_000_000))),
            (
                "100k flow pairs",
                format!("{{{}}}", "a: 1, ".repeat(100_000)),
            ),
            ("100k same key", "k: v\n".repeat(100_000)),
            (
                "100k anchors",
                (0..100_000).map(|i| format!("k{i}: &a v\n")).collect(),
            ),
            (
                "100k unknown aliases",
                (0..100_000).map(|i| format!("k{i}: *nope\n")).collect(),
            ),
            (
                "100k-line plain scalar",
                format!("a: {}\n", "word\n  ".repeat(100_000)),
            ),
            (
                "100k-line quoted scalar",
                format!("a: '{}'\n", "it''s\n  ".repeat(100_000)),
            ),
            (
                "1k long keys",
                format!(
                    "{{{}}}",
                    (0..1_000)
                        .map(|i| format!("{}{i}: 1, ", "k".repeat(1_000)))
                        .collect::<String>()
                ),
            ),
            ("100k comments", "# c\n".repeat(100_000)),
            ("100k documents", "---\na: 1\n".repeat(100_000)),
            ("100k broken documents", "---\na: [\n".repeat(100_000)),
            (
                "1 MB line with a comment",
                format!("a: {} # c\n", "x".repeat(1_000_000)),
            ),
        ];
        for (name, src) in deep {
            timed(name, &src);
            if src.len() < 500_000 {
                check(&src);
            }
        }
    });
}

#[test]
fn nesting_within_granit_limits_works_on_a_small_stack() {
    on_small_stack(|| {
        let src = format!("{}{}", "[".repeat(250), "]".repeat(250));
        let y = check(&src);
        assert!(y.errors().is_empty());
        let src: String = (0..250).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let y = check(&src);
        assert!(y.errors().is_empty(), "{:?}", y.errors());
        drop(y);
    });
}

#[test]
fn billion_laughs_is_refused_at_an_alias() {
    let mut src = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='j' {
        src.push_str(&format!(
            "{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = c;
    }
    src.push_str("k:\n  <<: [*j, *j]\n");
    let y = timed("billion laughs", &src);
    let limit: Vec<_> = y
        .errors()
        .iter()
        .filter(|e| e.kind == ErrorKind::ExpansionLimit)
        .collect();
    assert!(!limit.is_empty());
    assert!(
        limit[0].message.contains("YAML bomb"),
        "{}",
        limit[0].message
    );
    assert!(limit[0].range.slice(&src).starts_with('*'));
    let (used, budget) = y.expansion();
    assert!(used <= budget);
    // Merge bombs too: each level merges the previous one many times.
    let mut src = String::from("m0: &m0 {k0: 0}\n");
    for i in 1..40 {
        src.push_str(&format!(
            "m{i}: &m{i} {{<<: [{}], k{i}: {i}}}\n",
            vec![format!("*m{}", i - 1); 8].join(", ")
        ));
    }
    let y = timed("merge bomb", &src);
    assert!(
        y.errors()
            .iter()
            .any(|e| e.kind == ErrorKind::ExpansionLimit)
    );
}

#[test]
fn large_scalars_are_linear() {
    let src = format!(
        "a: {}\nb: \"{}\"\nc: |\n{}d: '{}'\n",
        "x".repeat(10_000_000),
        "y\\n".repeat(1_000_000),
        format!("  {}\n", "z".repeat(100)).repeat(10_000),
        "w".repeat(1_000_000)
    );
    let y = timed("10 MB scalars", &src);
    assert!(y.errors().is_empty());
    let root = y.root().unwrap();
    assert_eq!(root.get("a").unwrap().as_str().unwrap().len(), 10_000_000);
    assert_eq!(root.get("b").unwrap().as_str().unwrap().len(), 2_000_000);
    assert_eq!(root.get("c").unwrap().as_str().unwrap().len(), 1_010_000);
}

#[test]
fn many_aliases_are_linear() {
    let src = format!("x: &x {{a: 1, b: 2}}\nl:\n{}", "  - *x\n".repeat(200_000));
    let y = timed("200k aliases", &src);
    assert!(y.errors().is_empty());
    let src = format!(
        "x: &x {{a: 1}}\n{}",
        (0..100_000)
            .map(|i| format!("s{i}: {{<<: *x, b: {i}}}\n"))
            .collect::<String>()
    );
    let y = timed("100k merges", &src);
    assert!(y.errors().is_empty());
}

mod props {
    use proptest::prelude::*;
    use serde_json::Value as Sj;

    use super::*;

    fn yamlish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("a: ".to_owned()),
                Just("b:\n".to_owned()),
                Just("- ".to_owned()),
                Just("  ".to_owned()),
                Just("\n".to_owned()),
                Just("&a ".to_owned()),
                Just("*a".to_owned()),
                Just("<<: ".to_owned()),
                Just("<<: [*a, *b]\n".to_owned()),
                Just("&b {x: 1}".to_owned()),
                Just("[".to_owned()),
                Just("]".to_owned()),
                Just("{".to_owned()),
                Just("}".to_owned()),
                Just(", ".to_owned()),
                Just("'q''x'".to_owned()),
                Just("\"d\\n\\u00e9\"".to_owned()),
                Just("|\n  lit\n".to_owned()),
                Just(">-\n  fold\n".to_owned()),
                Just("# c\n".to_owned()),
                Just("---\n".to_owned()),
                Just("...\n".to_owned()),
                Just("!reset ".to_owned()),
                Just("!!str ".to_owned()),
                Just("? ".to_owned()),
                Just("\t".to_owned()),
                Just("é🐳".to_owned()),
                Just("\u{feff}".to_owned()),
                Just("%YAML 1.2\n".to_owned()),
                "[ -~]{0,6}",
            ],
            0..48,
        )
        .prop_map(|v| v.concat())
    }

    fn value() -> impl Strategy<Value = Sj> {
        let leaf = prop_oneof![
            Just(Sj::Null),
            any::<bool>().prop_map(Sj::Bool),
            any::<i64>().prop_map(Sj::from),
            "[ -~é🐳\t\n]{0,12}".prop_map(Sj::String),
        ];
        leaf.prop_recursive(6, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Sj::Array),
                prop::collection::vec(("[a-z]{1,6}", inner), 0..6)
                    .prop_map(|kv| Sj::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Our view equals the value JSON text (a YAML 1.2 subset) encodes.
    fn same(v: Value<'_>, j: &Sj) -> bool {
        match j {
            Sj::Null => v.is_null(),
            Sj::Bool(b) => v.as_str() == Some(if *b { "true" } else { "false" }),
            Sj::Number(n) => v.as_str() == Some(n.to_string().as_str()),
            Sj::String(s) => {
                v.as_str() == Some(s.as_str()) && v.style() == Some(ScalarStyle::DoubleQuoted)
            }
            Sj::Array(items) => {
                v.len() == items.len() && v.items().zip(items).all(|(a, b)| same(a, b))
            }
            Sj::Object(map) => {
                v.len() == map.len()
                    && map
                        .iter()
                        .all(|(k, j)| v.get(k).is_some_and(|x| same(x, j)))
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
        fn no_panic_on_yaml_tokens(src in yamlish()) {
            check(&src);
        }

        #[test]
        fn no_panic_on_lossy_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            check(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn json_text_reads_back(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let y = check(&text);
            prop_assert!(y.errors().is_empty(), "{:?} in {}", y.errors(), text);
            prop_assert!(same(y.root().unwrap(), &v), "{}", text);
        }
    }
}

#[test]
fn paths() {
    let src = "services:\n  web:\n    ports:\n      - \"80:80\"\n    image: &i nginx\n  db: {image: *i}\n";
    let y = check(src);
    let at = |needle: &str, delta: usize| src.find(needle).unwrap() + delta;
    let show = |path: &[Step]| -> Vec<String> {
        path.iter()
            .map(|s| match s {
                Step::Key { .. } => format!("key {}", y.node(s.node(&y)).span().slice(src)),
                Step::Value { mapping, index } => {
                    format!("{}:", y.key_str(y.entries(*mapping)[*index].key).unwrap())
                }
                Step::Item { index, .. } => format!("[{index}]"),
            })
            .collect()
    };
    assert_eq!(
        show(&y.steps_at(at("80:80", 1))),
        ["services:", "web:", "ports:", "[0]"]
    );
    assert_eq!(
        show(&y.steps_at(at("image", 2))),
        ["services:", "web:", "key image"]
    );
    assert_eq!(
        show(&y.steps_at(at("nginx", 5))),
        ["services:", "web:", "image:"]
    );
    assert_eq!(
        show(&y.steps_at(at("&i", 0))),
        ["services:", "web:", "image:"]
    );
    assert_eq!(
        show(&y.steps_at(at("*i", 1))),
        ["services:", "db:", "image:"]
    );
    assert_eq!(show(&y.steps_at(at("db", 0))), ["services:", "key db"]);
    let nginx = y
        .root()
        .unwrap()
        .get("services")
        .unwrap()
        .get("web")
        .unwrap()
        .get("image")
        .unwrap();
    assert_eq!(
        show(&y.path_to(nginx.id())),
        ["services:", "web:", "image:"]
    );
    assert!(y.steps_at(src.len() + 10).is_empty());
}
