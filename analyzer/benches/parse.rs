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

/// A generated file of many stages, each with ARGs, ENVs, comments inside
/// continuations, package installs and an exec-form `sh -c`, repeated to
/// `blocks` blocks: the whole analysis at 1× and 4× the size. Linear work
/// keeps the per-byte time flat across the two; a lookup that scans the
/// file per item shows up as a 4× higher time per byte.
fn large_file(blocks: usize) -> String {
    let mut out = String::from("# syntax=docker/dockerfile:1\nARG BASE=debian:12\n");
    for i in 0..blocks {
        out.push_str(&format!(
            "FROM ${{BASE}} AS s{i}\n\
             ARG V{i}=1.{i}\n\
             ENV PATH=/opt/s{i}/bin:$PATH HOME_{i}=/home/u{i}\n\
             RUN apt-get update \\\n\
             # comment inside the continuation\n\
             \x20   && apt-get install -y pkg{i} other{i}=1.0 \\\n\
             \x20   && rm -rf /var/lib/apt/lists/*\n\
             RUN [\"sh\", \"-c\", \"curl -fsSL https://example.com/{i}.sh | sh\"]\n\
             COPY --from=s{prev} /opt /opt\n\
             WORKDIR /opt/s{i}\n\
             RUN echo $V{i} $HOME_{i} $UNSET_{i} > /opt/s{i}/v\n",
            prev = i.saturating_sub(1),
        ));
    }
    out.push_str("USER nobody\nCMD [\"/bin/true\"]\n");
    out
}

fn bench_scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    let config = Config::default();
    for blocks in [500, 2_000] {
        let src = large_file(blocks);
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(format!("analysis/{blocks}-stages"), |b| {
            b.iter(|| {
                let model = Model::new(&src);
                black_box(check_model(&model, &config, Context::default()))
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_pathological, bench_scaling);
criterion_main!(benches);
