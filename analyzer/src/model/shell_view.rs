//! The shell text of RUN instructions as a same-length view of the source,
//! so shell spans are file offsets once shifted.

use super::Model;
use crate::TextRange;
use crate::syntax::{Args, EscapeChar, Keyword, TokenKind};

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
fn is_posix_shell(program: &str) -> bool {
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
    let Some(stage) = model.stage_of(index) else {
        return ShellApplicability::Posix;
    };
    // The SHELL in effect at this instruction: the last one before it in the
    // stage, else the inherited one.
    let own = (stage.instructions.start..index).rev().find_map(|i| {
        let inst = &model.file.instructions[i];
        match (&inst.args, inst.keyword) {
            (Args::Json(a), Keyword::Shell) => Some(a.items.first().map(|i| i.value.clone())),
            _ => None,
        }
    });
    let shell = match own {
        Some(program) => program,
        None => match stage.parent {
            Some(p) => model.stages[p]
                .shell
                .as_ref()
                .and_then(|s| s.1.first().cloned()),
            None => None,
        },
    };
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

/// The shell text of a RUN (or shell-form CMD/ENTRYPOINT/HEALTHCHECK) as a
/// string of the same length as `range` in the source: comment lines inside
/// continuations and blank continuation lines become spaces, a continuation
/// with trailing blanks or `\r` becomes blanks followed by `\` and newline, so
/// the shell joins lines where BuildKit does. Heredoc bodies that follow the
/// line are included verbatim.
#[must_use]
pub fn shell_view(model: &Model, index: usize) -> Option<(TextRange, String)> {
    let inst = model.file.instructions.get(index)?;
    let span = match &inst.args {
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
    let mut view: Vec<u8> = src.as_bytes()[start..end].to_vec();
    let header_end = inst.header_range.end();
    let tokens = &model.file.tokens;
    let first = tokens.partition_point(|t| t.range.start() < start);
    let mut i = first;
    while i < tokens.len() && tokens[i].range.end() <= header_end.max(start) + 1 {
        let t = tokens[i];
        if t.range.start() >= header_end {
            break;
        }
        if t.kind == TokenKind::Continuation {
            // Escape + blanks, then `\r*\n`: blanks, then `\` and `\n` at
            // the very end so the shell joins the lines.
            let a = t.range.start() - start;
            let nl_end = match tokens.get(i + 1) {
                Some(n) if n.kind == TokenKind::Newline => n.range.end() - start,
                _ => t.range.end() - start,
            };
            if view.get(nl_end.wrapping_sub(1)) == Some(&b'\n') && nl_end - a > 2 {
                view[a..nl_end - 2].fill(b' ');
                view[nl_end - 2] = b'\\';
            } else if view.get(nl_end.wrapping_sub(1)) != Some(&b'\n') {
                view[a..nl_end].fill(b' ');
            }
        }
        i += 1;
    }
    // Comment lines and blank lines inside the continuation vanish in
    // BuildKit's join: blank them with their newline.
    let bytes = src.as_bytes();
    let blank_line = |view: &mut Vec<u8>, from: usize, to: usize| {
        let line_start = src[..from].rfind('\n').map_or(0, |p| p + 1).max(start);
        let nl = bytes[to..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(end, |p| to + p + 1);
        let nl = nl.min(end);
        if line_start < nl {
            view[line_start - start..nl - start].fill(b' ');
        }
    };
    for r in &inst.empty_continuation_lines {
        blank_line(&mut view, r.start(), r.end());
    }
    for c in model
        .file
        .comments
        .iter()
        .filter(|c| c.in_continuation && c.range.start() > start && c.range.end() <= header_end)
    {
        blank_line(&mut view, c.range.start(), c.range.end());
    }
    let text = String::from_utf8_lossy(&view).into_owned();
    Some((TextRange::new(start, end), text))
}
