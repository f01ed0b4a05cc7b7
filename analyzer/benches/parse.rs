//! Parser and model throughput over the real corpus (read in place from
//! `../shared/corpus/real`), plus the pathological inputs of issue 2.
//!
//! ```sh
//! cargo bench -p dockward-analyzer --bench parse
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::model::Model;
use dockward_analyzer::syntax::parse;
use dockward_analyzer::{Config, Context, check_model};

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
    let Ok(manifest) = std::fs::read_to_string(root.join("MANIFEST.tsv")) else {
        return Vec::new();
    };
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter_map(|p| std::fs::read(root.join(p.trim_start_matches("real/"))).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

fn bench_corpus(c: &mut Criterion) {
    let files = corpus();
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

fn pathological() -> Vec<(&'static str, String)> {
    vec![
        (
            "5MB single line",
            format!("FROM alpine\nRUN echo {}\n", "a".repeat(5_000_000)),
        ),
        (
            "200k continuation lines",
            format!(
                "FROM alpine\nRUN echo \\\n{}done\n",
                "  x \\\n".repeat(200_000)
            ),
        ),
        (
            "20k nested subst",
            format!(
                "FROM alpine\nENV X={}{}\n",
                "${A:-".repeat(20_000),
                "}".repeat(20_000)
            ),
        ),
        (
            "unterminated heredoc",
            format!("FROM alpine\nRUN <<EOF\n{}", "line\n".repeat(100_000)),
        ),
        (
            "100k brackets",
            format!("FROM alpine\nCMD {}\n", "[".repeat(100_000)),
        ),
        (
            "20k stages",
            (0..20_000)
                .map(|i| format!("FROM alpine AS s{i}\n"))
                .collect(),
        ),
    ]
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
