use super::*;

fn kv(src: &str) -> Vec<(String, Option<String>)> {
    parse(src)
        .entries
        .iter()
        .map(|e| {
            (
                e.key.to_owned(),
                e.value.as_ref().map(|v| v.text.replace(UNKNOWN, "?")),
            )
        })
        .collect()
}

fn one(src: &str) -> String {
    let env = parse(src);
    assert!(env.errors.is_empty(), "{src:?}: {:?}", env.errors);
    assert_eq!(env.entries.len(), 1, "{src:?}");
    env.entries[0]
        .value
        .as_ref()
        .expect("a value")
        .text
        .replace(UNKNOWN, "?")
}

fn errors(src: &str) -> Vec<(DotEnvErrorKind, &str)> {
    parse(src)
        .errors
        .into_iter()
        .map(|e| (e.kind, &src[e.range.as_range()]))
        .collect()
}

fn some(pairs: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Some((*v).to_owned())))
        .collect()
}

#[test]
fn plain_statements() {
    let src = "# comment\nA=1\n\n  B = two words  \nexport C=3\nD: yaml\nE=\nF\n";
    assert_eq!(
        kv(src),
        [
            ("A".into(), Some("1".into())),
            ("B".into(), Some("two words".into())),
            ("C".into(), Some("3".into())),
            ("D".into(), Some("yaml".into())),
            ("E".into(), Some(String::new())),
            ("F".into(), None),
        ]
    );
    let env = parse(src);
    assert!(env.errors.is_empty());
    assert!(env.entries[2].exported);
    assert_eq!(env.get("B"), Some("two words"));
    assert_eq!(env.get("F"), None);
    assert_eq!(env.get("Z"), None);
}

#[test]
fn ranges() {
    let src = "A=1\nexport  KEY = \"v x\" # c\nB\n";
    let env = parse(src);
    let a = &env.entries[0];
    assert_eq!(&src[a.key_range.as_range()], "A");
    assert_eq!(&src[a.value.as_ref().expect("v").range.as_range()], "1");
    assert_eq!(&src[a.range.as_range()], "A=1");
    let k = &env.entries[1];
    assert_eq!(&src[k.key_range.as_range()], "KEY");
    let v = k.value.as_ref().expect("v");
    assert_eq!(&src[v.range.as_range()], "\"v x\"");
    assert_eq!(v.raw, "\"v x\"");
    assert_eq!(v.quote, Quote::Double);
    assert_eq!(&src[k.range.as_range()], "export  KEY = \"v x\"");
    let b = &env.entries[2];
    assert_eq!(&src[b.range.as_range()], "B");
}

#[test]
fn inline_comments() {
    assert_eq!(one("A=value # comment"), "value");
    assert_eq!(one("A=value#not-a-comment"), "value#not-a-comment");
    assert_eq!(one("A=#value"), "#value");
    assert_eq!(one("A= #value"), "#value");
    assert_eq!(
        one("A=a\t# tab is not a blank here"),
        "a\t# tab is not a blank here"
    );
    assert_eq!(one("A=\"quoted # kept\" # comment"), "quoted # kept");
    assert_eq!(one("A='x' # comment"), "x");
}

#[test]
fn quotes_and_escapes() {
    assert_eq!(one(r"A='single \n $HOME'"), r"single \n $HOME");
    assert_eq!(one(r"A='it\'s'"), "it's");
    assert_eq!(one(r#"A="tab\tnew\nline""#), "tab\tnew\nline");
    assert_eq!(one(r#"A="say \"hi\"""#), "say \"hi\"");
    assert_eq!(one(r#"A="back\\slash""#), "back\\slash");
    assert_eq!(one(r#"A="dollar \$HOME""#), "dollar $HOME");
    assert_eq!(one(r#"A="octal \0101\0""#), "octal A\\");
    assert_eq!(one(r#"A="keep \x41 \c \'""#), "keep \\x41 \\c \\'");
    assert_eq!(one("A=\"multi\nline\nvalue\"\n"), "multi\nline\nvalue");
    assert_eq!(one("A='multi\nline'"), "multi\nline");
    assert_eq!(one("A=\"\""), "");
}

#[test]
fn expand_escapes_edge_cases() {
    assert_eq!(expand_escapes(r"\0"), "\\");
    assert_eq!(expand_escapes(r"\012"), "\\12");
    assert_eq!(expand_escapes(r"\0123"), "S");
    assert_eq!(expand_escapes(r"\01234"), "S4");
    assert_eq!(expand_escapes(r"\0377"), "\u{ff}");
    assert_eq!(expand_escapes(r"\0400"), "\\400");
    assert_eq!(expand_escapes(r"\089"), "\\89");
    assert_eq!(expand_escapes(r"\a\b\f\v\r"), "\u{7}\u{8}\u{c}\u{b}\r");
    assert_eq!(expand_escapes(r"\$x"), "$$x");
    assert_eq!(expand_escapes("end\\"), "end\\");
    assert_eq!(expand_escapes("no escapes"), "no escapes");
}

#[test]
fn interpolation_sees_earlier_keys() {
    let src =
        "A=1\nB=${A}-x\nC=\"$A$B\"\nD='${A}'\nE=${LATER:-d}\nF=${UNDEFINED}\nG=$$A\nLATER=2\n";
    assert_eq!(
        kv(src),
        some(&[
            ("A", "1"),
            ("B", "1-x"),
            ("C", "11-x"),
            ("D", "${A}"),
            ("E", "d"),
            ("F", "?"),
            ("G", "$A"),
            ("LATER", "2"),
        ])
    );
    let env = parse(src);
    assert!(!env.entries[5].value.as_ref().expect("v").fully_known());
    assert!(env.entries[1].value.as_ref().expect("v").fully_known());
    // An unknown part carries over into the Compose file's interpolation.
    let r = crate::compose::interpolate::interpolate("img:${F}", 0, &env);
    assert!(!r.fully_known());
}

#[test]
fn redefinition_and_inheritance() {
    let env = parse("A=1\nA=2\nA\nB\nB=3\n");
    assert_eq!(env.get("A"), Some("2"));
    assert_eq!(env.get("B"), Some("3"));
    assert_eq!(env.vars(), [("A", "2"), ("B", "3")]);
    assert_eq!(env.entry("A").expect("A").key_range, TextRange::new(4, 5));
    let env = parse("A=${A:-self}\n");
    assert_eq!(env.get("A"), Some("self"));
}

#[test]
fn crlf_bom_and_blank_lines() {
    let src = "\u{feff}A=1\r\nB=\"two\"\r\n\r\n# c\r\nC='3'\r\nD\r\n";
    assert_eq!(
        kv(src),
        [
            ("A".into(), Some("1".into())),
            ("B".into(), Some("two".into())),
            ("C".into(), Some("3".into())),
            ("D".into(), None),
        ]
    );
    assert!(parse(src).errors.is_empty());
    let env = parse(src);
    assert_eq!(&src[env.entries[0].key_range.as_range()], "A");
    assert_eq!(parse("").entries.len(), 0);
    assert_eq!(parse("\n\n  \n# only\n").entries.len(), 0);
    // A last key without a newline.
    assert_eq!(
        kv("A=1\nLAST"),
        [("A".into(), Some("1".into())), ("LAST".into(), None)]
    );
    assert_eq!(kv("A=no-newline"), some(&[("A", "no-newline")]));
}

#[test]
fn key_characters() {
    assert_eq!(
        kv("a.b-c[0]=1\nÜber=2\n_9=3\n"),
        some(&[("a.b-c[0]", "1"), ("Über", "2"), ("_9", "3")])
    );
    assert_eq!(
        errors("A B=1\nC=2\n"),
        [(DotEnvErrorKind::KeyWithBlank, "A B")]
    );
    assert_eq!(kv("A B=1\nC=2\n"), some(&[("C", "2")]));
    assert_eq!(
        errors("A$=1\nC=2\n"),
        [(DotEnvErrorKind::UnexpectedCharacter('$'), "$")]
    );
    assert_eq!(kv("A$=1\nC=2\n"), some(&[("C", "2")]));
}

#[test]
fn text_after_a_closing_quote_is_the_next_statement() {
    assert_eq!(kv("A=\"x\" B=1\n"), some(&[("A", "x"), ("B", "1")]));
}

#[test]
fn errors_are_recovered() {
    let src = "A=\"never closed\nB=2\n";
    assert_eq!(
        errors(src),
        [(DotEnvErrorKind::UnterminatedQuote, "\"never closed")]
    );
    // Compose stops there; dockward goes on at the next line.
    assert_eq!(kv(src), some(&[("B", "2")]));
    let src = "A=${\nB=2\n";
    assert_eq!(
        errors(src),
        [(
            DotEnvErrorKind::Interpolation(ErrorKind::InvalidTemplate),
            "${"
        )]
    );
    assert_eq!(kv(src), some(&[("A", "?"), ("B", "2")]));
    let e = &parse(src).errors[0];
    assert_eq!(e.to_string(), "invalid interpolation format");
    let src = "E=\nR=${E:?must be set}\n";
    assert_eq!(
        parse(src).errors[0].to_string(),
        "required variable E is missing a value: must be set"
    );
}

#[test]
fn hostile_input() {
    let many = "K=v\n".repeat(100_000);
    assert_eq!(parse(&many).entries.len(), 100_000);
    let long = format!("A=\"{}", "x".repeat(1 << 20));
    assert_eq!(parse(&long).errors.len(), 1);
    let bad = "$\n".repeat(50_000);
    assert_eq!(parse(&bad).errors.len(), 50_000);
}
