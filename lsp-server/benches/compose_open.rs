//! The language server's first diagnostics on a large Compose file: the
//! generated ~1 MB file of issue 11 (1,500 services sharing anchors), from
//! the text to the serialized `publishDiagnostics` notification (position
//! index, model, rules, LSP conversion, JSON), which is what a `didOpen`
//! costs the server before the editor sees anything. Then the requests an
//! editor sends on an analysed document (symbols, completion, hover).
//!
//! ```sh
//! cargo bench -p dockward-lsp --bench compose_open
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockward_lsp::capabilities::ClientCaps;
use dockward_lsp::document::{DocKind, Env, Snapshot};
use dockward_lsp::handlers;
use dockward_lsp::position::Encoding;
use dockward_lsp::to_proto;
use ls_types::{Position, PublishDiagnosticsParams};

#[path = "../../analyzer/tests/support/mod.rs"]
mod support;

fn snapshot(text: &str) -> Snapshot {
    Snapshot::detached_as(
        "file:///bench/compose.yaml".parse().unwrap(),
        DocKind::Compose { partial: false },
        1,
        text,
        Env::default(),
        Encoding::Utf16,
    )
}

/// The serialized notification of a fresh snapshot's diagnostics.
fn first_diagnostics(text: &str) -> usize {
    let snap = snapshot(text);
    let params = PublishDiagnosticsParams {
        uri: snap.uri.clone(),
        diagnostics: to_proto::diagnostics(&snap),
        version: Some(snap.version),
    };
    serde_json::to_vec(&params).map_or(0, |v| v.len())
}

/// Nanoseconds this thread has run on a CPU (`/proc/thread-self/schedstat`,
/// Linux): the machine is shared, so wall time alone says little.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// The median thread CPU time of `runs` calls of `f`, in milliseconds.
fn median_cpu_ms(runs: usize, mut f: impl FnMut()) -> Option<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = thread_cpu_ns()?;
        f();
        times.push(thread_cpu_ns()? - start);
    }
    times.sort_unstable();
    Some(times[runs / 2] as f64 / 1e6)
}

fn bench(c: &mut Criterion) {
    let text = support::generated_compose(1_500);
    let mut g = c.benchmark_group("lsp-compose");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(30);
    eprintln!(
        "generated Compose file: {} bytes, {} lines, notification {} bytes",
        text.len(),
        text.lines().count(),
        first_diagnostics(&text)
    );
    if let Some(ms) = median_cpu_ms(31, || {
        black_box(first_diagnostics(&text));
    }) {
        eprintln!("first diagnostics, thread CPU time, median of 31: {ms:.1} ms");
    }
    g.bench_function("first-diagnostics-1mb", |b| {
        b.iter(|| black_box(first_diagnostics(black_box(&text))));
    });
    // Its parts: the analysis alone, then the conversion and JSON of an
    // analysed snapshot.
    let config = dockward_analyzer::Config::default();
    g.bench_function("analysis-only-1mb", |b| {
        b.iter(|| {
            black_box(dockward_analyzer::compose::analyze(
                black_box(&text),
                &config,
                dockward_analyzer::compose::ComposeContext::default(),
            ))
        });
    });
    let snap = snapshot(&text);
    let _ = snap.findings();
    eprintln!("findings: {}", snap.findings().len());
    if let Some(ms) = median_cpu_ms(31, || {
        black_box(dockward_analyzer::compose::analyze(
            &text,
            &config,
            dockward_analyzer::compose::ComposeContext::default(),
        ));
    }) {
        eprintln!("analysis alone, thread CPU time, median of 31: {ms:.1} ms");
    }
    if let Some(ms) = median_cpu_ms(31, || {
        black_box(dockward_analyzer::yaml::parse(&text));
    }) {
        eprintln!("YAML tree alone, thread CPU time, median of 31: {ms:.1} ms");
    }
    g.bench_function("to-proto-and-json-1mb", |b| {
        b.iter(|| {
            let params = PublishDiagnosticsParams {
                uri: snap.uri.clone(),
                diagnostics: to_proto::diagnostics(&snap),
                version: Some(snap.version),
            };
            black_box(serde_json::to_vec(&params).map_or(0, |v| v.len()))
        });
    });
    let caps = ClientCaps {
        hierarchical_symbols: true,
        completion_markdown: true,
        hover_markdown: true,
        ..ClientCaps::default()
    };
    let end = snap.position(text.len());
    // The middle of the file: a service's `image` key.
    let middle = text[text.len() / 2..]
        .find("    image:")
        .map_or(0, |i| text.len() / 2 + i + 6);
    let on_image = snap.position(middle);
    g.bench_function("document-symbols-1mb", |b| {
        b.iter(|| black_box(handlers::document_symbol::document_symbol(&snap, &caps)));
    });
    g.bench_function("completion-at-end-1mb", |b| {
        b.iter(|| {
            black_box(handlers::completion::completion(
                &snap,
                &caps,
                Position::new(end.line, 0),
            ))
        });
    });
    g.bench_function("hover-middle-1mb", |b| {
        b.iter(|| black_box(handlers::hover::hover(&snap, &caps, on_image)));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
