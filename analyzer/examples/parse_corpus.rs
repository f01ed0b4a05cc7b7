//! Parses every corpus file (a profiling aid: `valgrind --tool=callgrind`).
//! Usage: parse_corpus [parse|model|analyze] [ROUNDS] [FILE…]; without
//! files, the Dockerfiles of `../shared/corpus/real`.

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "parse".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let paths: Vec<std::path::PathBuf> = args.map(Into::into).collect();
    let files: Vec<String> = if paths.is_empty() {
        support::real_texts()
    } else {
        paths.iter().map(|p| support::read_lossy(p)).collect()
    };
    assert!(!files.is_empty(), "no input (corpus not found?)");
    let config = dockward_analyzer::Config::default();
    let mut n = 0usize;
    for _ in 0..rounds {
        for f in &files {
            match mode.as_str() {
                "parse" => n += dockward_analyzer::syntax::parse(f).instructions.len(),
                "model" => n += dockward_analyzer::model::Model::new(f).scripts.len(),
                _ => n += dockward_analyzer::analyze(f, &config).diagnostics.len(),
            }
        }
    }
    println!("{n}");
}
