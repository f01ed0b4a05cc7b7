//! Shell-parser throughput over realistic RUN text: the shell-form `RUN`
//! instructions of the Dockerfiles under `../shared/corpus/real` (read in
//! place), or a synthetic stand-in when the corpus is absent.
//!
//! Run with `cargo bench -p dockward-analyzer --bench shell`; with
//! `SHELL_BENCH_PLAIN=1` only the plain timing line is printed
//! (`SHELL_BENCH_ROUNDS` passes over the corpus, default 10).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::shell;

#[path = "../src/shell/run_extract.rs"]
mod run_extract;

#[path = "../tests/support/mod.rs"]
mod support;

fn corpus_runs() -> Vec<String> {
    let mut runs: Vec<String> = support::real_texts()
        .iter()
        .flat_map(|text| run_extract::run_texts(text))
        .collect();
    if runs.is_empty() {
        let one = "set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n\t\tca-certificates curl \"gnupg\" \\\n\t; \\\n\trm -rf /var/lib/apt/lists/*; \\\n\tcurl -fsSL \"https://example.com/$VERSION/x.tar.gz\" | tar -xz -C /usr/local; \\\n\tif [ \"$(uname -m)\" = x86_64 ]; then echo ok; fi";
        runs = vec![one.to_owned(); 20_000];
    }
    runs
}

/// CPU time of this thread in nanoseconds (Linux), if available.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let runs = corpus_runs();
    let bytes: usize = runs.iter().map(String::len).sum();

    // A plain timing line, independent of criterion's reporting. CPU time
    // (from the scheduler) is reported too: on a busy machine wall time
    // includes time the thread spent waiting for a core.
    let rounds = std::env::var("SHELL_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut n = 0;
    for _ in 0..rounds {
        for r in &runs {
            n += black_box(shell::parse(r)).body.items.len();
        }
    }
    let wall = t.elapsed().as_secs_f64() / f64::from(rounds);
    let cpu = thread_cpu_ns().map(|c1| (c1 - cpu0.unwrap_or(0)) as f64 / 1e9 / f64::from(rounds));
    eprintln!(
        "shell corpus: {} RUN texts, {bytes} bytes; wall {:.1} MB/s, cpu {} ({n} items)",
        runs.len(),
        bytes as f64 / wall / 1e6,
        cpu.map_or_else(
            || "n/a".to_owned(),
            |c| format!("{:.1} MB/s", bytes as f64 / c / 1e6)
        ),
    );
    if std::env::var_os("SHELL_BENCH_PLAIN").is_some() {
        return; // just the timing line (for profilers and quick checks)
    }

    let mut g = c.benchmark_group("shell");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("parse_corpus", |b| {
        b.iter(|| {
            for r in &runs {
                black_box(shell::parse(black_box(r)));
            }
        });
    });
    g.bench_function("parse_and_walk_corpus", |b| {
        b.iter(|| {
            let mut n = 0;
            for r in &runs {
                let s = shell::parse(black_box(r));
                for cmd in s.simple_commands() {
                    if cmd.name(r).is_some_and(|n| n == "apt-get") {
                        n += cmd.command.args().len();
                    }
                }
            }
            black_box(n)
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
