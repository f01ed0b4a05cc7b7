//! The bashism rules (ShellCheck's SC3xxx family, SC2112/SC2113): one
//! construct each, found by [`crate::shell::bashisms`] for the dialect of
//! the shell that runs each script (the SHELL in effect, a heredoc's
//! shebang, the `# hadolint shell=` pragma, else `/bin/sh`), reported at the
//! construct. The word-level slips of [`crate::shell::lexical`] (SC1001,
//! SC1012, SC1083, SC2288) share the reporting.

use crate::checker::Checker;
use crate::model::{Model, RunScript};
use crate::shell::Dialect;
use crate::shell::bashisms::{Bashism, Found};
use crate::shell::lexical::{Issue, Lexical};
use crate::{Edit, Fix, TextRange};

/// What a rule reports for one construct.
pub(crate) struct Report {
    pub message: String,
    pub fix: Option<Fix>,
}

impl Report {
    pub(crate) fn new(message: String) -> Self {
        Report { message, fix: None }
    }

    pub(crate) fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}

/// Reports every construct of `kind`; `report` words the finding (or
/// drops it with `None`).
pub(crate) fn check(
    cx: &mut Checker<'_>,
    kind: Bashism,
    mut report: impl FnMut(&Model, &RunScript, Found) -> Option<Report>,
) {
    let model = cx.model;
    let all = cx.bashisms();
    for (run, found) in model.scripts.iter().zip(all) {
        for f in found.iter().filter(|f| f.kind == kind) {
            let Some(r) = report(model, run, *f) else {
                continue;
            };
            let d = cx
                .report(run.file_range(f.span), r.message)
                .with_instruction(run.instruction);
            if let Some(fix) = r.fix {
                d.with_fix(fix);
            }
        }
    }
}

/// Reports every word-level slip of `kind` ([`crate::shell::lexical`]),
/// in scripts of any dialect.
pub(crate) fn check_lexical(
    cx: &mut Checker<'_>,
    kind: Lexical,
    mut report: impl FnMut(&RunScript, Issue) -> Option<Report>,
) {
    let model = cx.model;
    let all = cx.lexical();
    for (run, found) in model.scripts.iter().zip(all) {
        for f in found.iter().filter(|f| f.kind == kind) {
            let Some(r) = report(run, *f) else {
                continue;
            };
            let d = cx
                .report(run.file_range(f.span), r.message)
                .with_instruction(run.instruction);
            if let Some(fix) = r.fix {
                d.with_fix(fix);
            }
        }
    }
}

/// The common case: `"{what} is not available in {shell}"`, no fix.
pub(crate) fn check_simple(cx: &mut Checker<'_>, kind: Bashism, what: &str) {
    check(cx, kind, |_, run, _| {
        Some(Report::new(unavailable(what, run.dialect)))
    });
}

/// `"{what} is not available in {shell}"`.
pub(crate) fn unavailable(what: &str, dialect: Dialect) -> String {
    format!("{what} is not available in {}", shell_name(dialect))
}

/// How a message names the shell of a POSIX-only dialect.
pub(crate) fn shell_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Dash => "dash",
        Dialect::Busybox => "busybox sh",
        Dialect::Sh | Dialect::Bash | Dialect::Ksh => "POSIX sh",
    }
}

/// The source text of a script span.
pub(crate) fn text(run: &RunScript, span: TextRange) -> &str {
    run.text.get(span.start()..span.end()).unwrap_or("")
}

/// An edit replacing a script span, in file offsets.
pub(crate) fn replace(run: &RunScript, span: TextRange, with: &str) -> Edit {
    Edit::replace(run.file_range(span), with)
}
