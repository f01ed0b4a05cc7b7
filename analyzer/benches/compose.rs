//! Compose analysis throughput: every file of the shared Compose corpus
//! (read in place from `../shared/corpus/compose`) analysed with the
//! default rules and with every rule, the generated ~1 MB Compose file
//! (1,450 services sharing anchors), and the hostile inputs of issue 11
//! (bombs, deep nesting, 10 MB scalars, cyclic `extends`).
//!
//! ```sh
//! cargo bench -p dockward-analyzer --bench compose
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::Config;
use dockward_analyzer::compose::{ComposeContext, analyze};

#[path = "../tests/support/mod.rs"]
mod support;

fn all_rules() -> Config {
    Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    }
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
    let mut g = c.benchmark_group("compose-corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    for (name, config) in [
        ("default rules", Config::default()),
        ("every rule", all_rules()),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for f in &files {
                    black_box(analyze(f, &config, ComposeContext::default()));
                }
            });
        });
    }
    g.finish();
}

fn bench_generated(c: &mut Criterion) {
    let src = support::generated_compose(1_450);
    let mut g = c.benchmark_group("compose-generated-1MB");
    g.throughput(Throughput::Bytes(src.len() as u64));
    g.sample_size(10);
    for (name, config) in [
        ("default rules", Config::default()),
        ("every rule", all_rules()),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(analyze(&src, &config, ComposeContext::default())));
        });
    }
    g.finish();
}

fn bench_hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("compose-hostile");
    g.sample_size(10);
    let config = all_rules();
    for (name, src) in support::hostile_compose() {
        g.bench_function(name, |b| {
            b.iter(|| black_box(analyze(&src, &config, ComposeContext::default())));
        });
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_generated, bench_hostile);
criterion_main!(benches);
