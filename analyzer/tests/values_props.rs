//! Property tests: the values parsers never panic, and every span they
//! return lies inside the input, on character boundaries.

use dockward_analyzer::TextRange;
use dockward_analyzer::values::{
    Lex, UnsetMode, parse_image_ref, parse_mount, parse_secret, references,
};
use proptest::prelude::*;

/// Inputs biased towards the characters the grammars care about.
fn input() -> impl Strategy<Value = String> {
    let atoms = prop::collection::vec(
        prop_oneof![
            Just("$".to_owned()),
            Just("${".to_owned()),
            Just("}".to_owned()),
            Just(":-".to_owned()),
            Just(":".to_owned()),
            Just("#".to_owned()),
            Just("%".to_owned()),
            Just("/".to_owned()),
            Just("//".to_owned()),
            Just("\\".to_owned()),
            Just("`".to_owned()),
            Just("'".to_owned()),
            Just("\"".to_owned()),
            Just("*".to_owned()),
            Just("?".to_owned()),
            Just("=".to_owned()),
            Just(",".to_owned()),
            Just("@".to_owned()),
            Just("é".to_owned()),
            Just("\u{FEFF}".to_owned()),
            "[a-zA-Z0-9_. -]{1,4}",
        ],
        0..24,
    );
    atoms.prop_map(|v| v.concat())
}

fn check_span(span: TextRange, base: usize, full: &str) {
    assert!(
        span.start() >= base && span.end() <= base + full.len() - base,
        "{span:?}"
    );
    assert!(span.start() <= span.end());
    assert!(
        full.is_char_boundary(span.start()) && full.is_char_boundary(span.end()),
        "{span:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn substitution_never_panics(s in input(), backtick in any::<bool>(), raw in any::<bool>(), keep in any::<bool>()) {
        let base = 7;
        let full = format!("{}{s}", "x".repeat(base));
        let mut lex = Lex::new(if backtick { '`' } else { '\\' });
        lex.raw_quotes = raw;
        lex.raw_escapes = raw;
        lex.unset = if keep { UnsetMode::KeepSymbolic } else { UnsetMode::Empty };
        let parsed = lex.parse(&s, base);
        for e in &parsed.errors {
            check_span(e.span, base, &full);
        }
        for r in parsed.word.var_refs() {
            check_span(r.span, base, &full);
            check_span(r.name_span, base, &full);
            prop_assert_eq!(r.name_span.slice(&full), r.name);
        }
        for u in references(&s, base, lex.escape) {
            check_span(u.span, base, &full);
        }
        let env = [("A", "a*b"), ("B", ""), ("C", "x y")];
        let _ = lex.process_word(&s, &env);
        let _ = lex.process_words(&s, &env);
    }

    #[test]
    fn image_refs_never_panic(s in input()) {
        let full = format!("FROM {s}");
        let r = parse_image_ref(&s, 5, '\\');
        check_span(r.span, 5, &full);
        check_span(r.path.span, 5, &full);
        for e in &r.errors {
            check_span(e.span, 5, &full);
        }
        for p in [&r.registry, &r.tag, &r.digest].into_iter().flatten() {
            check_span(p.span, 5, &full);
        }
        let _ = (r.registry(), r.normalized_name(), r.familiar_name(), r.is_scratch());
    }

    #[test]
    fn mounts_never_panic(s in input()) {
        let full = format!("--mount={s}");
        let m = parse_mount(&s, 8, '\\');
        for e in &m.errors {
            check_span(e.span, 8, &full);
            let _ = e.to_string();
        }
        for f in &m.fields {
            check_span(f.span, 8, &full);
            check_span(f.key_span, 8, &full);
            if let Some(v) = &f.value {
                check_span(v.span, 8, &full);
            }
        }
        let _ = m.read_only();
        let sec = parse_secret(&s, 8);
        for e in &sec.errors {
            check_span(e.span, 8, &full);
        }
    }
}
