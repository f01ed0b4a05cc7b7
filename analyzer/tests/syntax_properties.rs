//! Parser invariants on arbitrary input: no panic, a lossless token stream,
//! every span in bounds and on a character boundary. And pathological input:
//! no stack overflow on a 2 MiB stack (rayon's default), near-linear work.

use dockward_analyzer::TextRange;
use dockward_analyzer::model::Model;
use dockward_analyzer::syntax::{Args, Dockerfile, Instruction, parse};
use proptest::prelude::*;

mod support;
use support::pathological;

fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

fn check_instruction(src: &str, inst: &Instruction) {
    for r in [
        inst.range,
        inst.keyword_range,
        inst.header_range,
        inst.rest.range,
    ] {
        assert!(in_bounds(src, r), "{r:?}");
    }
    for f in &inst.flags {
        assert!(in_bounds(src, f.range));
    }
    match &inst.args {
        Args::Text(s) | Args::Ignored(s) => assert!(in_bounds(src, s.range)),
        Args::Words(w) => w.iter().for_each(|s| assert!(in_bounds(src, s.range))),
        Args::Json(a) => {
            assert!(in_bounds(src, a.range));
            a.items
                .iter()
                .for_each(|i| assert!(in_bounds(src, i.range)));
        }
        Args::KeyValues(p) => p.iter().for_each(|kv| {
            assert!(in_bounds(src, kv.key.range));
            assert!(in_bounds(src, kv.value.range));
        }),
        Args::Healthcheck { kind, .. } => assert!(in_bounds(src, kind.range)),
        Args::Onbuild(inner) => check_instruction(src, inner),
        Args::None => {}
    }
    for h in &inst.heredocs {
        assert!(in_bounds(src, h.body) && in_bounds(src, h.word_range));
        if let Some(t) = h.terminator {
            assert!(in_bounds(src, t));
        }
    }
}

/// The invariants every parse must keep.
fn check(src: &str) -> Dockerfile {
    let df = parse(src);
    // Lossless: contiguous tokens covering the whole input.
    let mut pos = 0;
    let mut rebuilt = String::with_capacity(src.len());
    for t in &df.tokens {
        assert_eq!(t.range.start(), pos, "gap or overlap before {t:?}");
        assert!(in_bounds(src, t.range), "{t:?}");
        assert!(!t.range.is_empty(), "empty token {t:?}");
        rebuilt.push_str(&src[t.range.as_range()]);
        pos = t.range.end();
    }
    assert_eq!(pos, src.len());
    assert_eq!(rebuilt, src);
    for inst in &df.instructions {
        check_instruction(src, inst);
    }
    for e in &df.errors {
        assert!(in_bounds(src, e.range), "{e:?}");
    }
    for c in &df.comments {
        assert!(in_bounds(src, c.range));
    }
    df
}

fn dockerfile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FROM alpine:3.19 AS build\n".to_owned()),
        Just("RUN apt-get update && \\\n  apt-get install -y curl\n".to_owned()),
        Just("RUN <<EOF\necho hi\nEOF\n".to_owned()),
        Just("RUN <<-'A' cat <<B\n\tx\nA\ny\nB\n".to_owned()),
        Just("COPY --from=build --chmod=755 a b /c/\n".to_owned()),
        Just("ENV A=1 B=\"two words\" C=${A:-x}\n".to_owned()),
        Just("ENV legacy value here\n".to_owned()),
        Just("LABEL a=b\n".to_owned()),
        Just("CMD [\"a\", \"b\\u00e9\"]\n".to_owned()),
        Just("CMD [1, 2]\n".to_owned()),
        Just("ARG X=1 Y\n".to_owned()),
        Just("# escape=`\n".to_owned()),
        Just("# comment \\\n".to_owned()),
        Just("\\\n".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("ONBUILD RUN echo x\n".to_owned()),
        Just("HEALTHCHECK --interval=5s CMD curl -f localhost\n".to_owned()),
        Just("RUN echo \"unterminated <<EOF\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("é🐳\t".to_owned()),
        "[ -~]{0,20}",
        "[\\\\`#<>\"'=$\\[\\]{}\n -]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_parses_losslessly(src in any::<String>()) {
        check(&src);
    }

    #[test]
    fn dockerfile_like_text_parses_losslessly(pieces in prop::collection::vec(dockerfile_piece(), 0..30)) {
        let src = pieces.concat();
        check(&src);
        // The model and the shell layer never panic either.
        let _ = Model::new(&src);
    }

    #[test]
    fn arbitrary_bytes_read_lossily(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let src = String::from_utf8_lossy(&bytes);
        check(&src);
    }
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

/// Pathological inputs, each built and parsed (with the full model) on a
/// 2 MiB stack. Their timings are measured in `benches/parse.rs`
/// (`pathological/*`), not here.
#[test]
fn pathological_inputs_do_not_overflow_the_stack() {
    for (name, src) in pathological() {
        on_small_stack(move || {
            let df = check(&src);
            let model = Model::from_syntax(df);
            let _ = dockward_analyzer::check_model(
                &model,
                &dockward_analyzer::Config::default(),
                dockward_analyzer::Context::default(),
            );
            eprintln!("{name}: ok");
        });
    }
}
