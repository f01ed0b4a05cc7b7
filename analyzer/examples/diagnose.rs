//! Prints the findings for one file (a debugging aid; the CLI is `dockward lint`).
fn main() {
    let path = std::env::args().nth(1).expect("usage: diagnose FILE");
    let src = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
    let analysis = dockward_analyzer::analyze(&src, &dockward_analyzer::Config::default());
    let index = dockward_analyzer::LineIndex::new(&src);
    for d in &analysis.diagnostics {
        let (s, e) = index.range(&src, d.range, dockward_analyzer::ColumnUnit::Char);
        println!(
            "{path}:{}:{}-{}:{} {} {} [{}] {}{}",
            s.line + 1,
            s.col + 1,
            e.line + 1,
            e.col + 1,
            d.severity.as_str(),
            d.code,
            d.name,
            d.message,
            d.fix
                .as_ref()
                .map(|f| format!(" (fix: {})", f.title))
                .unwrap_or_default()
        );
    }
}
