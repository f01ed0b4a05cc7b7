//! `--fix`: apply fixes until they converge, keep a result only if it parses
//! with no new errors, and write it atomically.

use std::io::Write;
use std::path::Path;

use dockward_analyzer::{Config, Context, Diagnostic, analyze_with};

use crate::error::CliError;
use crate::inputs::{Input, Source};
use crate::lint::applicable;

/// How many analyse-and-fix passes run before giving up on convergence.
pub const MAX_PASSES: usize = 10;

#[derive(Clone, Copy, Debug)]
pub struct FixMode {
    /// Apply fixes at all (`--fix`, `--fix-only`, `--diff`).
    pub apply: bool,
    pub unsafe_fixes: bool,
    /// Print a diff instead of writing.
    pub diff: bool,
}

/// The text after fixing and the findings that remain in it.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Why fixing stopped early, if it did.
    pub note: Option<String>,
}

/// What became of a fixed file.
#[derive(Debug)]
pub enum FixOutcome {
    Written,
    Unchanged,
    /// Standard input's fixed text, for standard output.
    Stdin(String),
    /// A unified diff (empty when nothing changed).
    Diff(String),
    WriteFailed(CliError),
}

/// Analyses `src`; in fix mode applies fixes pass after pass until none is
/// left (or [`MAX_PASSES`]), refusing a pass that adds syntax errors.
#[must_use]
pub fn run(src: &str, config: &Config, context: Context<'_>, mode: FixMode) -> Fixed {
    let mut analysis = analyze_with(src, config, context);
    if !mode.apply {
        return Fixed {
            text: src.to_owned(),
            diagnostics: analysis.diagnostics,
            applied: 0,
            note: None,
        };
    }
    let baseline_errors = analysis.model.file.errors.len();
    let mut text = src.to_owned();
    let mut applied = 0;
    let mut note = None;
    for pass in 0.. {
        let Some((next, count)) = apply(&text, &analysis.diagnostics, mode.unsafe_fixes) else {
            break;
        };
        if pass == MAX_PASSES {
            note = Some(format!(
                "fixes did not converge after {MAX_PASSES} passes; the last pass was not applied"
            ));
            break;
        }
        let next_analysis = analyze_with(&next, config, context);
        if next_analysis.model.file.errors.len() > baseline_errors {
            note = Some(
                "a fix would introduce a syntax error, so the remaining fixes were not applied (please report this)"
                    .to_owned(),
            );
            break;
        }
        text = next;
        applied += count;
        analysis = next_analysis;
    }
    Fixed {
        text,
        diagnostics: analysis.diagnostics,
        applied,
        note,
    }
}

/// Applies every applicable fix that does not overlap an earlier one;
/// `None` when there is nothing to apply.
#[must_use]
pub fn apply(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> Option<(String, usize)> {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter(|d| applicable(d, unsafe_fixes))
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
    let mut edits = Vec::new();
    let mut end = 0usize;
    let mut count = 0;
    let mut started = false;
    for fix in fixes {
        let first = fix.edits[0].range.start();
        let valid = fix.edits.iter().all(|e| {
            e.range.end() <= text.len()
                && text.is_char_boundary(e.range.start())
                && text.is_char_boundary(e.range.end())
        }) && fix
            .edits
            .windows(2)
            .all(|w| w[0].range.end() <= w[1].range.start());
        if !valid || (started && first < end) {
            continue;
        }
        for e in &fix.edits {
            edits.push(e);
            end = end.max(e.range.end());
        }
        started = true;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.range.start()]);
        out.push_str(&e.content);
        pos = e.range.end();
    }
    out.push_str(&text[pos..]);
    (out != text).then_some((out, count))
}

/// Writes, diffs or returns the fixed text.
pub fn finish(input: &Input, original: &str, fixed: &str, mode: FixMode) -> FixOutcome {
    if mode.diff {
        return FixOutcome::Diff(unified_diff(&input.display, original, fixed));
    }
    match &input.source {
        Source::Stdin => FixOutcome::Stdin(fixed.to_owned()),
        Source::File(path) => {
            if original == fixed {
                return FixOutcome::Unchanged;
            }
            match write_atomic(path, fixed.as_bytes()) {
                Ok(()) => FixOutcome::Written,
                Err(e) => FixOutcome::WriteFailed(CliError::io(path, e)),
            }
        }
    }
}

/// A unified diff of `old` and `new` (empty when equal).
#[must_use]
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replaces `path`'s contents atomically: a temporary file in the same
/// directory, the original permissions, then a rename over the target (a
/// symbolic link's target is replaced, not the link).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent directory"))?;
    let perms = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".dockward-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use dockward_analyzer::{Applicability, Edit, Fix, Severity, TextRange};

    use super::*;

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            code: "DL0000",
            name: "test",
            severity: Severity::Warning,
            message: String::new(),
            range: TextRange::empty(0),
            fix: Some(fix),
            related: Vec::new(),
            tags: Vec::new(),
            instruction: None,
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_in_order() {
        let text = "from alpine\nrun x\n";
        let ds = [
            diag(Fix::safe(
                "b",
                vec![Edit::replace(TextRange::new(12, 15), "RUN")],
            )),
            diag(Fix::safe(
                "a",
                vec![Edit::replace(TextRange::new(0, 4), "FROM")],
            )),
            diag(Fix::safe(
                "overlap",
                vec![Edit::replace(TextRange::new(2, 6), "??")],
            )),
            diag(Fix::unsafe_("u", vec![Edit::insert(11, " AS x")])),
            diag(Fix::new(
                "d",
                Applicability::DisplayOnly,
                vec![Edit::insert(0, "#")],
            )),
        ];
        let (out, n) = apply(text, &ds, false).unwrap();
        assert_eq!((out.as_str(), n), ("FROM alpine\nRUN x\n", 2));
        let (out, n) = apply(text, &ds, true).unwrap();
        assert_eq!((out.as_str(), n), ("FROM alpine AS x\nRUN x\n", 3));
        assert!(apply(text, &ds[4..], true).is_none());
        // Out-of-bounds edits are skipped, never a panic.
        let bad = [diag(Fix::safe("oob", vec![Edit::insert(999, "x")]))];
        assert!(apply(text, &bad, true).is_none());
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("Dockerfile");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
