//! YAML tree throughput over the shared Compose corpus (read in place from
//! `../shared/corpus/compose`) and a generated ~1 MB Compose file (1,450
//! services sharing defaults through anchors and `<<` merges), plus the
//! hostile inputs of issue 11 (bombs, deep nesting, 10 MB scalars).
//!
//! ```sh
//! cargo bench -p dockward-analyzer --bench yaml
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::yaml::{Value, Yaml, parse};

#[path = "../tests/support/mod.rs"]
mod support;

/// Visits every node of every document through the resolved view.
fn walk(y: &Yaml) -> usize {
    let mut n = 0;
    for d in y.documents() {
        let mut stack: Vec<Value<'_>> = d.root.map(|r| y.value(r)).into_iter().collect();
        while let Some(v) = stack.pop() {
            n += 1;
            stack.extend(v.items());
            for e in v.entries() {
                stack.push(e.key);
                stack.push(e.value);
            }
        }
    }
    n
}

fn bench_corpus(c: &mut Criterion) {
    let files: Vec<String> = support::compose_files()
        .iter()
        .map(|p| support::read_lossy(p))
        .collect();
    if files.is_empty() {
        eprintln!("corpus not found; skipping corpus benchmarks");
        return;
    }
    let bytes: usize = files.iter().map(String::len).sum();
    let mut g = c.benchmark_group("yaml-corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("tree", |b| {
        b.iter(|| {
            for f in &files {
                black_box(parse(f));
            }
        });
    });
    g.bench_function("tree+walk", |b| {
        b.iter(|| {
            for f in &files {
                black_box(walk(&parse(f)));
            }
        });
    });
    g.finish();
}

fn bench_generated(c: &mut Criterion) {
    let src = support::generated_compose(1_450);
    let mut g = c.benchmark_group("yaml-generated-1MB");
    g.throughput(Throughput::Bytes(src.len() as u64));
    g.sample_size(20);
    g.bench_function("events only (granit)", |b| {
        b.iter(|| {
            let options = granit_parser::options! { emit_anchor_events: true };
            let mut n = 0usize;
            for e in granit_parser::Parser::new_from_str_with_options(&src, options) {
                n += usize::from(e.is_ok());
            }
            black_box(n)
        });
    });
    g.bench_function("tree", |b| b.iter(|| black_box(parse(&src))));
    g.bench_function("tree+walk", |b| b.iter(|| black_box(walk(&parse(&src)))));
    g.finish();
}

fn hostile() -> Vec<(&'static str, String)> {
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        laughs.push_str(&format!(
            "{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
        prev = c;
    }
    let mut merge_bomb = String::from("m0: &m0 {k0: 0}\n");
    for i in 1..40 {
        merge_bomb.push_str(&format!(
            "m{i}: &m{i} {{<<: [{}], k{i}: {i}}}\n",
            vec![format!("*m{}", i - 1); 8].join(", ")
        ));
    }
    vec![
        ("billion laughs", laughs),
        ("merge bomb", merge_bomb),
        ("100k [", "[".repeat(100_000)),
        ("100k - ", format!("{}x\n", "- ".repeat(100_000))),
        (
            "10 MB plain scalar",
            format!("a: {}\n", "x".repeat(10_000_000)),
        ),
        (
            "10 MB double-quoted scalar with escapes",
            format!("a: \"{}\"\n", "y\\n".repeat(3_333_333)),
        ),
        (
            "200k aliases",
            format!("x: &x {{a: 1, b: 2}}\nl:\n{}", "  - *x\n".repeat(200_000)),
        ),
        (
            "100k merges",
            format!(
                "x: &x {{a: 1}}\n{}",
                (0..100_000)
                    .map(|i| format!("s{i}: {{<<: *x, b: {i}}}\n"))
                    .collect::<String>()
            ),
        ),
    ]
}

fn bench_hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("yaml-hostile");
    g.sample_size(10);
    for (name, src) in hostile() {
        g.bench_function(name, |b| b.iter(|| black_box(walk(&parse(&src)))));
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_generated, bench_hostile);
criterion_main!(benches);
