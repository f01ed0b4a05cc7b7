//! Formats files with dockward's formatter and writes the results to a
//! directory, for `scripts/fmt_compare.py`.
//!
//! usage: `fmt_files ROOT OUT_DIR < LIST` (or `fmt_files - < FILE` to format one
//! file to stdout) — LIST holds paths relative to ROOT,
//! one a line. Writes `OUT_DIR/<path>` and prints one TSV line per file:
//! `path  changed(0|1)  status` where status is `ok` or `refused: <why>`
//! (the engine refused its own output because it would build differently;
//! the refused output is what gets written).

use std::io::{BufRead, Write};
use std::path::Path;

use dockward_analyzer::format::{FormatOptions, format_checked};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 2 && args[1] == "-" {
        // Debugging: format stdin, print the result or the refusal.
        let mut src = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut src).expect("read stdin");
        match format_checked(&src, &FormatOptions::default()) {
            Ok(out) => print!("{out}"),
            Err(e) => print!("REFUSED: {}\n{}", e.message, e.output),
        }
        return;
    }
    let [_, root, out_dir] = args.as_slice() else {
        eprintln!("usage: fmt_files ROOT OUT_DIR < LIST");
        std::process::exit(2);
    };
    let opts = FormatOptions::default();
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let rel = line.expect("read list");
        if rel.is_empty() {
            continue;
        }
        let bytes = std::fs::read(Path::new(root).join(&rel)).expect("read file");
        let src = String::from_utf8_lossy(&bytes);
        let (out, status) = match format_checked(&src, &opts) {
            Ok(out) => (out, "ok".to_owned()),
            Err(e) => (e.output.clone(), format!("refused: {}", e.message)),
        };
        let dest = Path::new(out_dir).join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).expect("create output directory");
        }
        std::fs::write(&dest, &out).expect("write output");
        let changed = u8::from(out.as_bytes() != bytes.as_slice());
        writeln!(stdout, "{rel}\t{changed}\t{status}").expect("write stdout");
    }
}
