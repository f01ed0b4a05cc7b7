//! `dockward fmt`: the formatter engine shared with the language server,
//! over files, directories or standard input.

use std::io::{Read, Write};
use std::path::Path;

use dockward_analyzer::format::{FormatOptions, format_checked};
use dockward_analyzer::rule::FileKind;
use dockward_config::ConfigCache;
use rayon::prelude::*;

use crate::args::FmtArgs;
use crate::color::ColorSetting;
use crate::error::CliError;
use crate::fix::{unified_diff, write_atomic};
use crate::inputs::{self, Source};

/// Formats one file's text with the engine the language server also uses.
/// A result that would not build the same is refused (a formatter bug).
pub fn format_text(src: &str, options: &FormatOptions) -> Result<String, String> {
    format_checked(src, options).map_err(|e| e.to_string())
}

/// One input before and after formatting.
struct Outcome {
    original: String,
    formatted: String,
}

/// The formatting function: text and settings in, formatted text out.
pub type Engine = dyn Fn(&str, &FormatOptions) -> Result<String, String> + Sync;

pub fn run(args: &FmtArgs, _color: ColorSetting) -> Result<u8, CliError> {
    run_with(args, &format_text)
}

/// `run` with the engine passed in (tests use a stand-in).
pub fn run_with(args: &FmtArgs, engine: &Engine) -> Result<u8, CliError> {
    // The formatter knows Dockerfiles only: walks look for them alone, and
    // a Compose file or daemon.json named explicitly is skipped with a note.
    let kinds = inputs::KindFilter {
        walk: &[FileKind::Dockerfile],
        forced: None,
    };
    let mut found = inputs::discover(&args.paths, args.stdin_filename.as_deref(), kinds);
    let mut stderr = std::io::stderr();
    for w in &found.warnings {
        let _ = writeln!(stderr, "dockward: warning: {w}");
    }
    // Standard input that is not a Dockerfile is passed through unchanged:
    // an editor replacing its buffer with the output must get it back.
    found.inputs.retain(|input| {
        if input.kind == FileKind::Dockerfile {
            return true;
        }
        let _ = writeln!(
            stderr,
            "dockward: warning: {}: not a Dockerfile (dockward formats Dockerfiles only), {}",
            input.display,
            if input.source == Source::Stdin {
                "passed through unchanged"
            } else {
                "skipped"
            }
        );
        input.source == Source::Stdin
    });
    let mut errors = found.errors;
    let write = !args.check && !args.diff;

    // Each file's formatter settings (config discovery is cached per directory).
    let fixed = match &args.config {
        Some(file) if !args.isolated => Some(dockward_config::load_file(file)?.format_options),
        _ => None,
    };
    let mut cache = ConfigCache::new();
    let mut jobs = Vec::with_capacity(found.inputs.len());
    for input in found.inputs {
        let options = if args.isolated {
            FormatOptions::default()
        } else if let Some(o) = &fixed {
            o.clone()
        } else {
            cache.get_for(&input.anchor)?.format_options.clone()
        };
        jobs.push((input, options));
    }

    let results: Vec<(String, Source, Result<Outcome, CliError>)> = jobs
        .par_iter()
        .map(|(input, options)| {
            let result = (|| {
                let original = match &input.source {
                    Source::Stdin => {
                        let mut s = String::new();
                        std::io::stdin()
                            .read_to_string(&mut s)
                            .map_err(|e| CliError::io(Path::new("<stdin>"), e))?;
                        s
                    }
                    Source::File(p) => {
                        let bytes = crate::lint::read_file(p)?;
                        String::from_utf8(bytes).map_err(|_| {
                            CliError::io(p, std::io::Error::other("not valid UTF-8; not formatted"))
                        })?
                    }
                };
                let formatted = if input.kind == FileKind::Dockerfile {
                    engine(&original, options).map_err(|msg| {
                        CliError::io(Path::new(&input.display), std::io::Error::other(msg))
                    })?
                } else {
                    original.clone()
                };
                Ok(Outcome {
                    original,
                    formatted,
                })
            })();
            (input.display.clone(), input.source.clone(), result)
        })
        .collect();

    let mut changed = 0;
    let mut out = std::io::stdout().lock();
    for (display, source, result) in results {
        let outcome = match result {
            Ok(o) => o,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if source == Source::Stdin && write {
            // Standard input is formatted to standard output.
            out.write_all(outcome.formatted.as_bytes())
                .map_err(|e| CliError::output(None, e))?;
            continue;
        }
        if outcome.formatted == outcome.original {
            continue;
        }
        changed += 1;
        if args.diff {
            out.write_all(unified_diff(&display, &outcome.original, &outcome.formatted).as_bytes())
                .map_err(|e| CliError::output(None, e))?;
        } else if args.check {
            let _ = writeln!(stderr, "Would reformat: {display}");
        } else if let Source::File(path) = &source
            && let Err(e) = write_atomic(path, outcome.formatted.as_bytes())
        {
            errors.push(CliError::io(path, e));
        }
    }
    for e in &errors {
        let _ = writeln!(stderr, "dockward: error: {e}");
    }
    if !errors.is_empty() {
        return Ok(2);
    }
    Ok(u8::from(changed > 0 && !write))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn upper_from(src: &str, _: &FormatOptions) -> Result<String, String> {
        Ok(src.replace("from ", "FROM "))
    }

    fn args(paths: Vec<PathBuf>, check: bool, diff: bool) -> FmtArgs {
        FmtArgs {
            paths,
            check,
            diff,
            stdin_filename: None,
            config: None,
            isolated: true,
        }
    }

    #[test]
    fn check_diff_and_write() {
        let dir = tempfile::tempdir().unwrap();
        let df = dir.path().join("Dockerfile");
        std::fs::write(&df, "from alpine\n").unwrap();
        let root = vec![dir.path().to_path_buf()];
        assert_eq!(
            run_with(&args(root.clone(), true, false), &upper_from).unwrap(),
            1
        );
        assert_eq!(
            run_with(&args(root.clone(), false, true), &upper_from).unwrap(),
            1
        );
        assert_eq!(std::fs::read_to_string(&df).unwrap(), "from alpine\n");
        assert_eq!(
            run_with(&args(root.clone(), false, false), &upper_from).unwrap(),
            0
        );
        assert_eq!(std::fs::read_to_string(&df).unwrap(), "FROM alpine\n");
        assert_eq!(
            run_with(&args(root.clone(), true, false), &upper_from).unwrap(),
            0
        );
        let failing =
            |_: &str, _: &FormatOptions| -> Result<String, String> { Err("no".to_owned()) };
        assert_eq!(run_with(&args(root, true, false), &failing).unwrap(), 2);
        let missing = vec![dir.path().join("nope")];
        assert_eq!(
            run_with(&args(missing, true, false), &upper_from).unwrap(),
            2
        );
    }
}
