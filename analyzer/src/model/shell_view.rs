//! The shell text of RUN instructions as a same-length view of the source,
//! so shell spans are file offsets once shifted.

use super::Model;
use crate::TextRange;
use crate::syntax::{Args, EscapeChar, Keyword};

/// Whether an instruction's shell text can be analysed as POSIX shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellApplicability {
    /// POSIX shell (the default `/bin/sh -c`, or a POSIX SHELL).
    Posix,
    /// Exec form, or no shell text at all.
    NotShell,
    /// A non-POSIX shell (PowerShell, cmd) or a Windows image: not analysed.
    NonPosix,
}

/// Shells dockward analyses.
pub(super) fn is_posix_shell(program: &str) -> bool {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    matches!(
        base,
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "mksh" | "busybox" | "bash.exe" | "sh.exe"
    )
}

/// Base images that run Windows' `cmd` by default.
fn is_windows_image(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    lower.contains("nanoserver")
        || lower.contains("windowsservercore")
        || lower.contains("mcr.microsoft.com/windows")
        || lower.contains("windows/servercore")
}

pub(super) fn applicability(model: &Model, index: usize) -> ShellApplicability {
    let Some(inst) = model.file.instructions.get(index) else {
        return ShellApplicability::NotShell;
    };
    let is_shell_text = match (&inst.args, inst.keyword) {
        (Args::Text(_), Keyword::Run | Keyword::Cmd | Keyword::Entrypoint) => true,
        (Args::Healthcheck { command, .. }, Keyword::Healthcheck) => {
            matches!(**command, Args::Text(_))
        }
        _ => !inst.heredocs.is_empty() && inst.keyword == Keyword::Run,
    };
    if !is_shell_text {
        return ShellApplicability::NotShell;
    }
    if model.file.escape == EscapeChar::Backtick {
        return ShellApplicability::NonPosix;
    }
    if let Some((shell, _)) = &model.pragmas.shell
        && !is_posix_shell(shell)
    {
        return ShellApplicability::NonPosix;
    }
    let Some(stage) = model.stage_of(index) else {
        return ShellApplicability::Posix;
    };
    let shell = shell_at(model, index).and_then(|(_, argv)| argv.into_iter().next());
    match shell {
        Some(program) if !is_posix_shell(&program) => ShellApplicability::NonPosix,
        Some(_) => ShellApplicability::Posix,
        None => {
            let root_image = std::iter::once(stage)
                .chain(model.ancestors(stage.index))
                .last()
                .map_or("", |s| s.base.expanded.as_str());
            if is_windows_image(root_image) {
                ShellApplicability::NonPosix
            } else {
                ShellApplicability::Posix
            }
        }
    }
}

/// The SHELL in effect at instruction `index` (its instruction and
/// command): the last SHELL of the stage before it, else the one the stage
/// inherits. `stage.shell` (the stage's last SHELL, or the inherited one)
/// answers without a scan unless a SHELL of the stage comes at or after
/// `index`.
pub(super) fn shell_at(model: &Model, index: usize) -> Option<(usize, Vec<String>)> {
    let stage = model.stage_of(index)?;
    match &stage.shell {
        None => None,
        Some((at, argv)) if *at < stage.instructions.start || *at < index => {
            Some((*at, argv.clone()))
        }
        Some(_) => (stage.instructions.start..index)
            .rev()
            .find_map(|i| {
                let inst = &model.file.instructions[i];
                match (&inst.args, inst.keyword) {
                    (Args::Json(a), Keyword::Shell) => {
                        Some((i, a.items.iter().map(|x| x.value.clone()).collect()))
                    }
                    _ => None,
                }
            })
            .or_else(|| stage.parent.and_then(|p| model.stages[p].shell.clone())),
    }
}

/// The shell text of a RUN (or shell-form CMD/ENTRYPOINT/HEALTHCHECK), from
/// the start of its arguments to the end of the instruction (heredoc bodies
/// included), as a string of the same length as its source range: Dockerfile
/// comment lines inside the continuation are blanked (the shell parser drops
/// whitespace-only continuation lines and joins `\`-newlines the way Docker
/// does).
#[must_use]
pub fn shell_view(model: &Model, index: usize) -> Option<(TextRange, String)> {
    let inst = model.file.instructions.get(index)?;
    let target = inst.onbuild_trigger().unwrap_or(inst);
    let span = match &target.args {
        Args::Text(span) => *span,
        Args::Healthcheck { command, .. } => match **command {
            Args::Text(span) => span,
            _ => return None,
        },
        _ => return None,
    };
    let start = span.range.start();
    let end = inst.range.end().max(span.range.end());
    let src = model.src();
    let mut view: Option<Vec<u8>> = None;
    // Comments are in source order: only those from `start` on can fall
    // inside (a scan of all of them per RUN is quadratic in large files).
    let comments = &model.file.comments;
    let first = comments.partition_point(|c| c.range.start() <= start);
    for c in comments[first..]
        .iter()
        .take_while(|c| c.range.start() < end)
        .filter(|c| c.in_continuation && c.range.end() <= end)
    {
        let v = view.get_or_insert_with(|| src.as_bytes()[start..end].to_vec());
        v[c.range.start() - start..c.range.end() - start].fill(b' ');
    }
    let text = match view {
        Some(v) => String::from_utf8_lossy(&v).into_owned(),
        None => src[start..end].to_owned(),
    };
    Some((TextRange::new(start, end), text))
}
