//! `--fix`: write, diff or print the fixed text (the fixing itself, per
//! kind of file, is in [`crate::analyze`]), atomically.

use std::io::Write;
use std::path::Path;

use crate::error::CliError;
use crate::inputs::{Input, Source};

#[derive(Clone, Copy, Debug)]
pub struct FixMode {
    /// Apply fixes at all (`--fix`, `--fix-only`, `--diff`).
    pub apply: bool,
    pub unsafe_fixes: bool,
    /// Print a diff instead of writing.
    pub diff: bool,
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
    use super::*;

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
