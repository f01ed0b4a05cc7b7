//! The hadolint parity report: runs dockward's DL rules over the real corpus
//! and compares with hadolint 2.15.1's stored findings
//! (`../shared/corpus/reference/hadolint-2.15.1.json`).
//!
//! ```sh
//! cargo run --release -p dockward-tests --bin parity -- --write docs/parity.md
//! cargo run --release -p dockward-tests --bin parity -- --code DL3008   # list disagreements
//! ```
//!
//! A finding matches when dockward reports the same code on the same file at
//! the same instruction (hadolint reports the instruction's first line).
//! hadolint findings judged false positives are listed, with a reason each, in
//! `tests/parity/hadolint-false-positives.tsv` (`code<TAB>file<TAB>line<TAB>reason`)
//! and left out of the match rate. Explanations of each code's remaining
//! disagreements live in `tests/parity/notes/<CODE>.md` and are included in
//! the report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dockward_analyzer::{Config, analyze};
use serde_json::Value;

type Key = (String, u32); // (file, 1-based line)

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus");
    let mut write = None;
    let mut only_code = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--write" => {
                write = args.get(i + 1).map(PathBuf::from);
                i += 1;
            }
            "--code" => {
                only_code = args.get(i + 1).cloned();
                i += 1;
            }
            "--corpus" => {
                if let Some(p) = args.get(i + 1) {
                    return run(&root, Path::new(p), write, only_code);
                }
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
        i += 1;
    }
    run(&root, &corpus, write, only_code);
}

fn run(root: &Path, corpus: &Path, write: Option<PathBuf>, only_code: Option<String>) {
    let reference: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("reference/hadolint-2.15.1.json"))
            .expect("read hadolint reference"),
    )
    .expect("parse hadolint reference");

    // hadolint's findings by code, and the files it could not parse.
    let mut unparsed: BTreeSet<String> = BTreeSet::new();
    let mut hadolint: BTreeMap<String, HashMap<Key, u32>> = BTreeMap::new();
    for f in &reference {
        let code = f["code"].as_str().unwrap_or("").to_owned();
        let file = f["file"].as_str().unwrap_or("").to_owned();
        if code == "DL1000" {
            unparsed.insert(file);
            continue;
        }
        if !code.starts_with("DL") {
            continue;
        }
        let line = u32::try_from(f["line"].as_u64().unwrap_or(0)).unwrap_or(0);
        *hadolint
            .entry(code)
            .or_default()
            .entry((file, line))
            .or_default() += 1;
    }

    let false_positives =
        read_false_positives(&root.join("tests/parity/hadolint-false-positives.tsv"));

    // Every DL rule dockward has, enabled regardless of its default, as in
    // hadolint's default configuration (which reports every code it has).
    let dl_codes: Vec<String> = dockward_analyzer::registry::all()
        .filter(|m| m.code.starts_with("DL") && m.code != "DL1000")
        .map(|m| m.code.to_owned())
        .collect();
    let config = Config {
        select: Some(dl_codes.clone()),
        ..Config::default()
    };
    let manifest =
        std::fs::read_to_string(corpus.join("real/MANIFEST.tsv")).expect("read manifest");
    let mut ours: BTreeMap<String, HashMap<Key, u32>> = BTreeMap::new();
    let mut files = 0;
    for line in manifest.lines().skip(1) {
        let Some(path) = line.split('\t').next() else {
            continue;
        };
        if unparsed.contains(path) {
            continue;
        }
        files += 1;
        let bytes = std::fs::read(corpus.join(path)).expect("read corpus file");
        let src = String::from_utf8_lossy(&bytes);
        let analysis = analyze(&src, &config);
        for d in analysis.diagnostics {
            if d.code == "DL1000" {
                continue;
            }
            let line = match d.instruction {
                Some(i) => analysis.model.file.instructions[i as usize].start_line + 1,
                None => analysis.model.file.line_of(d.range.start()) + 1,
            };
            *ours
                .entry(d.code.to_owned())
                .or_default()
                .entry((path.to_owned(), line))
                .or_default() += 1;
        }
    }

    let mut codes: BTreeSet<String> = hadolint.keys().cloned().collect();
    codes.extend(dl_codes.iter().cloned());
    let mut report = String::new();
    let _ = writeln!(
        report,
        "# Parity with hadolint 2.15.1\n\n<!-- Generated by `cargo run --release -p dockward-tests --bin parity -- --write docs/parity.md`; do not edit. -->\n"
    );
    let _ = writeln!(
        report,
        "Corpus: the {files} files of `../shared/corpus/real` that hadolint parses ({} more it rejects with DL1000 are left out). \
         A finding matches when dockward reports the same code on the same file at the same instruction. \
         hadolint findings judged false positives (listed with a reason each in `tests/parity/hadolint-false-positives.tsv`) \
         are left out of the match rate.\n",
        unparsed.len()
    );
    report.push_str("| Code | hadolint | false positives | dockward | matched | match rate | hadolint only | dockward only |\n");
    report.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut details = String::new();
    let empty = HashMap::new();
    for code in &codes {
        if let Some(only) = &only_code
            && only != code
        {
            continue;
        }
        let h = hadolint.get(code).unwrap_or(&empty);
        let o = ours.get(code).unwrap_or(&empty);
        let fps = false_positives.get(code);
        let total_h: u32 = h.values().sum();
        let total_o: u32 = o.values().sum();
        let mut matched = 0;
        let mut fp_count = 0;
        let mut h_only = Vec::new();
        let mut o_only = Vec::new();
        for (key, &n) in h {
            let m = n.min(o.get(key).copied().unwrap_or(0));
            matched += m;
            if n > m {
                if fps.is_some_and(|f| f.contains_key(key)) {
                    fp_count += n - m;
                } else {
                    h_only.push(key.clone());
                }
            }
        }
        for (key, &n) in o {
            if n > h.get(key).copied().unwrap_or(0) {
                o_only.push(key.clone());
            }
        }
        h_only.sort();
        o_only.sort();
        let denominator = total_h - fp_count;
        let rate = if denominator == 0 {
            "—".to_owned()
        } else {
            format!(
                "{:.1}%",
                100.0 * f64::from(matched) / f64::from(denominator)
            )
        };
        let implemented = dl_codes.contains(code);
        let _ = writeln!(
            report,
            "| {code} | {total_h} | {fp_count} | {} | {matched} | {rate} | {} | {} |",
            if implemented {
                total_o.to_string()
            } else {
                "not implemented".to_owned()
            },
            h_only.len(),
            o_only.len()
        );
        let notes =
            std::fs::read_to_string(root.join(format!("tests/parity/notes/{code}.md"))).ok();
        if h_only.is_empty() && o_only.is_empty() && fp_count == 0 && notes.is_none() {
            continue;
        }
        let _ = writeln!(details, "\n## {code}\n");
        if let Some(notes) = notes {
            details.push_str(notes.trim());
            details.push_str("\n\n");
        }
        if let Some(f) = fps
            && fp_count > 0
        {
            let mut reasons: BTreeMap<&str, u32> = BTreeMap::new();
            for (key, reason) in f {
                if h.contains_key(key) {
                    *reasons.entry(reason.as_str()).or_default() += 1;
                }
            }
            details.push_str("hadolint false positives left out:\n\n");
            for (reason, n) in reasons {
                let _ = writeln!(details, "- {n} × {reason}");
            }
            details.push('\n');
        }
        for (label, list) in [("hadolint only", &h_only), ("dockward only", &o_only)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(details, "{label} ({}):\n", list.len());
            for (file, line) in list.iter().take(25) {
                let _ = writeln!(details, "- `{file}:{line}`");
            }
            if list.len() > 25 {
                let _ = writeln!(details, "- … and {} more", list.len() - 25);
            }
            details.push('\n');
        }
    }
    report.push_str("\n# Disagreements\n");
    report.push_str(&details);
    match write {
        Some(path) => {
            std::fs::write(&path, report).expect("write report");
            eprintln!("wrote {}", path.display());
        }
        None => print!("{report}"),
    }
}

fn read_false_positives(path: &Path) -> HashMap<String, HashMap<Key, String>> {
    let mut out: HashMap<String, HashMap<Key, String>> = HashMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return out;
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(4, '\t');
        let (Some(code), Some(file), Some(l), Some(reason)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(l) = l.parse() else { continue };
        out.entry(code.to_owned())
            .or_default()
            .insert((file.to_owned(), l), reason.to_owned());
    }
    out
}
