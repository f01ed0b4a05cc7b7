//! Prints every syntax error dockward finds in the corpus (a debugging aid).
use std::collections::BTreeMap;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/real".into());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            continue;
        }
        if p.extension().is_some_and(|e| e == "tsv") {
            continue;
        }
        let src = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        let df = dockward_analyzer::syntax::parse(&src);
        for e in &df.errors {
            let line = df.line_of(e.range.start()) + 1;
            println!("{}:{line}: {:?}: {}", p.display(), e.kind, e.message);
            let key: String = e.message.chars().take(40).collect();
            *counts.entry(key).or_default() += 1;
        }
    }
    for (k, v) in counts {
        println!("{v:5} {k}");
    }
}
