//! Parses every corpus file (a profiling aid: `valgrind --tool=callgrind`).
//! Usage: parse_corpus [parse|model|analyze] [ROUNDS]
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "parse".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let root = std::path::Path::new("../shared/corpus/real");
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("corpus manifest");
    let files: Vec<String> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|p| {
            String::from_utf8_lossy(
                &std::fs::read(root.join(p.trim_start_matches("real/"))).unwrap(),
            )
            .into_owned()
        })
        .collect();
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
