//! Parser and model throughput over the real corpus (read in place from
//! `../shared/corpus/real`), plus the pathological inputs of issue 2.
//!
//! ```sh
//! cargo bench -p dockward-analyzer --bench parse
//! ```

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::model::Model;
use dockward_analyzer::syntax::parse;
use dockward_analyzer::{Config, Context, check_model};

#[path = "../tests/support/mod.rs"]
mod support;
use support::pathological;

fn bench_corpus(c: &mut Criterion) {
    let files = support::real_texts();
    if files.is_empty() {
        eprintln!("corpus not found; skipping corpus benchmarks");
        return;
    }
    let bytes: usize = files.iter().map(String::len).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("parse", |b| {
        b.iter(|| {
            for f in &files {
                black_box(parse(f));
            }
        });
    });
    g.bench_function("parse+model+shell", |b| {
        b.iter(|| {
            for f in &files {
                black_box(Model::new(f));
            }
        });
    });
    let config = Config::default();
    g.bench_function("parse+model+shell+rules", |b| {
        b.iter(|| {
            for f in &files {
                let model = Model::new(f);
                black_box(check_model(&model, &config, Context::default()));
            }
        });
    });
    g.finish();
}

fn bench_pathological(c: &mut Criterion) {
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    for (name, src) in pathological() {
        g.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| black_box(Model::new(&src)),
                BatchSize::SmallInput,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_pathological);
criterion_main!(benches);
