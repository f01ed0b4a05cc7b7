//! Hand-written substitution parser vs a minimal chumsky 0.12 parser of the
//! same grammar, to justify writing the values layer by hand.
//!
//! Run: `CARGO_TARGET_DIR=target cargo bench -p dockward-analyzer --bench values`
//!
//! Inputs:
//! * `corpus`: every argument string containing `$` in the Dockerfiles of
//!   `../shared/corpus/real` (read in place; the group is skipped when the
//!   corpus is absent), keeping those BuildKit's lexer accepts;
//! * `nested-100`: `${A:-` nested 100 deep (both parsers can take it).
//!
//! Before the timings, the binary checks in child processes whether each
//! parser survives `${A:-` nested 20,000 deep on a 2 MiB thread stack
//! (chumsky without its `stacker` feature recurses per level).
//!
//! One run on the 2-core project machine (`--warm-up-time 1 --measurement-time 4`):
//!
//! | input | hand parse | hand `references` | chumsky parse |
//! |---|---|---|---|
//! | corpus, 7,757 strings, 2,125,401 bytes | 148 MiB/s | 127 MiB/s | 43.5 MiB/s |
//! | `${A:-` × 100 | 13.3 MiB/s | | 9.0 MiB/s |
//! | `${A:-` × 20,000, 2 MiB stack | survives (1 error: nesting too deep) | | stack overflow (SIGABRT) |

use std::hint::black_box;

use chumsky::prelude::*;
use criterion::{BenchmarkId, Criterion, Throughput};
use dockward_analyzer::values::substitution::{Lex, references};

#[path = "../tests/support/mod.rs"]
mod support;

// ---------------------------------------------------------------------------
// The chumsky grammar: plain text, `\x` escapes, '…', "…" (with `$` and
// escapes), `$name`, `${name}`, `${name<op>word}` with op one of
// `:- :+ :? - + ? ## # %% %` and `${name/pat/rep}`, `${name//pat/rep}`.
// It builds a tree with spans like the hand-written parser does.

#[derive(Debug, Clone)]
#[allow(dead_code)]
enum CPart<'a> {
    Lit(&'a str, SimpleSpan),
    Single(&'a str, SimpleSpan),
    Esc(&'a str, SimpleSpan),
    Dq(Vec<CPart<'a>>, SimpleSpan),
    Var {
        name: &'a str,
        name_span: SimpleSpan,
        op: Option<&'a str>,
        operand: Option<Vec<CPart<'a>>>,
        replacement: Option<Vec<CPart<'a>>>,
        span: SimpleSpan,
    },
}

type Extra<'a> = extra::Err<Simple<'a, char>>;

fn chumsky_word<'a>() -> impl Parser<'a, &'a str, Vec<CPart<'a>>, Extra<'a>> {
    let var = recursive(|var| {
        let name = choice((
            any()
                .filter(|c: &char| c.is_ascii_digit())
                .repeated()
                .at_least(1)
                .to_slice(),
            one_of("@*#?-$!").to_slice(),
            any()
                .filter(|c: &char| c.is_alphanumeric() || *c == '_')
                .repeated()
                .at_least(1)
                .to_slice(),
        ))
        .map_with(|n: &'a str, e| (n, e.span()));
        let esc = just('\\')
            .then(any())
            .to_slice()
            .map_with(|s, e| CPart::Esc(s, e.span()));
        let single = just('\'')
            .ignore_then(none_of('\'').repeated().to_slice())
            .then_ignore(just('\''))
            .map_with(|s, e| CPart::Single(s, e.span()));
        let dq = just('"')
            .ignore_then(
                choice((
                    var.clone(),
                    just('\\')
                        .then(one_of("\"$\\"))
                        .to_slice()
                        .map_with(|s, e| CPart::Esc(s, e.span())),
                    none_of("\"$\\")
                        .repeated()
                        .at_least(1)
                        .to_slice()
                        .map_with(|s, e| CPart::Lit(s, e.span())),
                    one_of("$\\")
                        .to_slice()
                        .map_with(|s, e| CPart::Lit(s, e.span())),
                ))
                .repeated()
                .collect::<Vec<_>>(),
            )
            .then_ignore(just('"'))
            .map_with(|p, e| CPart::Dq(p, e.span()));
        let dollar = just('$')
            .to_slice()
            .map_with(|s, e| CPart::Lit(s, e.span()));
        let operand = |stops: &'static str| {
            choice((
                esc,
                single,
                dq.clone(),
                var.clone(),
                none_of(stops)
                    .repeated()
                    .at_least(1)
                    .to_slice()
                    .map_with(|s, e| CPart::Lit(s, e.span())),
                dollar,
            ))
            .repeated()
            .collect::<Vec<_>>()
        };
        let op = choice((
            just(":-"),
            just(":+"),
            just(":?"),
            just("-"),
            just("+"),
            just("?"),
            just("##"),
            just("#"),
            just("%%"),
            just("%"),
        ));
        let modified = op.then(operand("\\'\"$}")).map(|(o, w)| (o, Some(w), None));
        let replace = choice((just("//"), just("/")))
            .then(operand("\\'\"$/"))
            .then_ignore(just('/'))
            .then(operand("\\'\"$}"))
            .map(|((o, p), r)| (o, Some(p), Some(r)));
        let braced = just("${")
            .ignore_then(name)
            .then(choice((modified, replace)).or_not())
            .then_ignore(just('}'))
            .map_with(|(name, tail), e| {
                let (op, operand, replacement) = match tail {
                    Some((o, w, r)) => (Some(o), w, r),
                    None => (None, None, None),
                };
                CPart::Var {
                    name: name.0,
                    name_span: name.1,
                    op,
                    operand,
                    replacement,
                    span: e.span(),
                }
            });
        let simple = just('$')
            .ignore_then(name)
            .map_with(|(n, ns), e| CPart::Var {
                name: n,
                name_span: ns,
                op: None,
                operand: None,
                replacement: None,
                span: e.span(),
            });
        choice((braced, simple))
    });
    let esc = just('\\')
        .then(any().or_not())
        .to_slice()
        .map_with(|s, e| CPart::Esc(s, e.span()));
    let single = just('\'')
        .ignore_then(none_of('\'').repeated().to_slice())
        .then_ignore(just('\''))
        .map_with(|s, e| CPart::Single(s, e.span()));
    let dq = just('"')
        .ignore_then(
            choice((
                var.clone(),
                just('\\')
                    .then(one_of("\"$\\"))
                    .to_slice()
                    .map_with(|s, e| CPart::Esc(s, e.span())),
                none_of("\"$\\")
                    .repeated()
                    .at_least(1)
                    .to_slice()
                    .map_with(|s, e| CPart::Lit(s, e.span())),
                one_of("$\\")
                    .to_slice()
                    .map_with(|s, e| CPart::Lit(s, e.span())),
            ))
            .repeated()
            .collect::<Vec<_>>(),
        )
        .then_ignore(just('"'))
        .map_with(|p, e| CPart::Dq(p, e.span()));
    choice((
        esc,
        single,
        dq,
        var,
        none_of("\\'\"$")
            .repeated()
            .at_least(1)
            .to_slice()
            .map_with(|s, e| CPart::Lit(s, e.span())),
        just('$')
            .to_slice()
            .map_with(|s, e| CPart::Lit(s, e.span())),
    ))
    .repeated()
    .collect::<Vec<_>>()
    .then_ignore(end())
}

// ---------------------------------------------------------------------------
// Inputs.

fn corpus_arguments() -> Vec<String> {
    let files = support::real_files();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        if text
            .lines()
            .take(5)
            .any(|l| l.trim().eq_ignore_ascii_case("# escape=`"))
        {
            continue; // keep one escape character for both parsers
        }
        let mut cur = String::new();
        for line in text.lines() {
            let t = line.trim_end();
            if cur.is_empty() && t.trim_start().starts_with('#') {
                continue;
            }
            if let Some(s) = t.strip_suffix('\\') {
                cur.push_str(s);
                cur.push(' ');
                continue;
            }
            cur.push_str(t);
            let logical = std::mem::take(&mut cur);
            let logical = logical.trim_start();
            // Drop the instruction keyword; keep the argument string.
            if let Some((_, args)) = logical.split_once(char::is_whitespace)
                && args.contains('$')
            {
                out.push(args.trim().to_owned());
            }
        }
    }
    out
}

fn nested(depth: usize) -> String {
    let mut s = "${A:-".repeat(depth);
    s.push('x');
    s.push_str(&"}".repeat(depth));
    s
}

/// Runs `what` on `${A:-` nested 20,000 deep in a thread with a 2 MiB stack
/// (in this process: called in the child).
fn deep_child(what: &str) {
    let what = what.to_owned();
    let h = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let s = nested(20_000);
            match what.as_str() {
                "chumsky" => {
                    let ok = chumsky_word().parse(&s).into_result().is_ok();
                    println!("parsed={ok}");
                }
                _ => {
                    let p = Lex::new('\\').parse(&s, 0);
                    println!("errors={}", p.errors.len());
                }
            }
        })
        .unwrap();
    h.join().unwrap();
}

fn deep_report() {
    let exe = std::env::current_exe().unwrap();
    for what in ["hand", "chumsky"] {
        let out = std::process::Command::new(&exe)
            .env("VALUES_BENCH_DEEP", what)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let verdict = if out.status.success() {
            format!("survived ({})", stdout.trim())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_owned();
            format!("CRASHED ({}; {first})", out.status)
        };
        println!("depth 20000 on a 2 MiB stack, {what}: {verdict}");
    }
}

fn benches(c: &mut Criterion) {
    let args = corpus_arguments();
    let lex = Lex::new('\\');
    let accepted: Vec<&String> = args
        .iter()
        .filter(|a| lex.parse(a, 0).errors.is_empty())
        .collect();
    if accepted.is_empty() {
        println!("corpus not found: corpus group skipped");
    } else {
        let parser = chumsky_word();
        let chumsky_fail = accepted
            .iter()
            .filter(|a| parser.parse(a.as_str()).into_result().is_err())
            .count();
        let bytes: usize = accepted.iter().map(|a| a.len()).sum();
        println!(
            "corpus: {} argument strings with `$`, {} accepted by BuildKit's grammar ({} bytes); chumsky rejects {} of them",
            args.len(),
            accepted.len(),
            bytes,
            chumsky_fail
        );
        let mut g = c.benchmark_group("substitution/corpus");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("hand/parse", |b| {
            b.iter(|| {
                for a in &accepted {
                    black_box(lex.parse(black_box(a), 0));
                }
            });
        });
        g.bench_function("hand/references", |b| {
            b.iter(|| {
                for a in &accepted {
                    black_box(references(black_box(a), 0, '\\').count());
                }
            });
        });
        g.bench_function("chumsky/parse", |b| {
            b.iter(|| {
                for a in &accepted {
                    black_box(parser.parse(black_box(a.as_str())).into_result().ok());
                }
            });
        });
        g.finish();
    }

    let deep = nested(100);
    let parser = chumsky_word();
    assert!(parser.parse(&deep).into_result().is_ok());
    assert!(lex.parse(&deep, 0).errors.is_empty());
    let mut g = c.benchmark_group("substitution/nested-100");
    g.throughput(Throughput::Bytes(deep.len() as u64));
    g.bench_with_input(BenchmarkId::new("hand", 100), &deep, |b, s| {
        b.iter(|| black_box(lex.parse(black_box(s), 0)));
    });
    g.bench_function(BenchmarkId::new("chumsky", 100), |b| {
        b.iter(|| black_box(parser.parse(black_box(deep.as_str())).into_result().ok()));
    });
    g.finish();
}

fn main() {
    if let Ok(what) = std::env::var("VALUES_BENCH_DEEP") {
        deep_child(&what);
        return;
    }
    deep_report();
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
