//! The shell scripts RUN instructions execute, parsed once per file.

use super::shell_view::is_posix_shell;
use super::{Model, ShellApplicability, shell_view};
use crate::TextRange;
use crate::shell::dialect::options_set_errexit;
use crate::shell::{self, Dialect, Script};
use crate::syntax::{Args, JsonArray, JsonString, Keyword};

/// Where a script's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptSource {
    /// The instruction's shell-form text (with any heredoc bodies that
    /// follow it, which the shell reads as here-documents).
    Line,
    /// `RUN <<EOF`: the heredoc body is the script.
    Heredoc(usize),
    /// Exec form running a POSIX shell on a string, `RUN ["sh", "-c",
    /// "…"]`: the string is the script. Only strings written without JSON
    /// escapes or continuations, so that script offsets map to the file by
    /// a shift; edits inside it must be JSON-escaped
    /// ([`crate::syntax::json_escape`]).
    ExecForm,
}

/// A parsed shell script with its place in the file.
#[derive(Clone, Debug)]
pub struct RunScript {
    /// The instruction that runs it.
    pub instruction: usize,
    pub source: ScriptSource,
    /// Source offset of the script's first byte: add it to every span in
    /// `script` to get a file offset.
    pub base: usize,
    /// The text the script was parsed from (same length as its source range).
    pub text: String,
    pub script: Script,
    /// The shell that runs it: the SHELL in effect (or the exec form's
    /// program), a heredoc script's own shebang, the `# hadolint shell=`
    /// pragma, else POSIX `sh`.
    pub dialect: Dialect,
    /// The shell is started with errexit (`SHELL ["bash", "-e", "-c"]`,
    /// `-o errexit`); `set -e` inside the script is the script's business.
    pub errexit: bool,
}

impl RunScript {
    /// A script span as a file range.
    #[must_use]
    pub fn file_range(&self, range: TextRange) -> TextRange {
        range.shift(self.base)
    }
}

/// The dialect and errexit of a shell started as `argv` (`["/bin/bash",
/// "-eo", "pipefail", "-c"]`): the program's dialect (POSIX `sh` for one
/// that is not a shell dockward knows) and its options up to `-c`.
fn started_as<S: AsRef<str>>(argv: &[S]) -> (Dialect, bool) {
    let Some(program) = argv.first() else {
        return (Dialect::Sh, false);
    };
    let dialect = Dialect::of_program(program.as_ref()).unwrap_or(Dialect::Sh);
    let options = argv[1..]
        .iter()
        .position(|w| {
            let w = w.as_ref();
            w.starts_with('-') && !w.starts_with("--") && w.ends_with('c')
        })
        .map_or(&argv[1..], |c| &argv[1..=c + 1]);
    (dialect, options_set_errexit(options))
}

/// The dialect and errexit of a shell-form RUN at instruction `index`: the
/// SHELL in effect, else the `# hadolint shell=` pragma, else `/bin/sh`.
/// An ONBUILD trigger runs in an unknown child image: `/bin/sh`.
fn shell_form_dialect(model: &Model, index: usize) -> (Dialect, bool) {
    if model.is(index, Keyword::Onbuild) {
        return (Dialect::Sh, false);
    }
    if let Some((_, argv)) = model.shell_at(index) {
        return started_as(&argv);
    }
    match &model.pragmas.shell {
        Some((name, _)) => (Dialect::of_program(name).unwrap_or(Dialect::Sh), false),
        None => (Dialect::Sh, false),
    }
}

/// `["sh", …options…, "-c", "script", …]` (any POSIX shell; options before
/// `-c`, `-o NAME` pairs included: `["/bin/bash", "-eux", "-o", "pipefail",
/// "-c", "…"]`): the program with its options up to `-c`, and the script.
pub(crate) fn exec_form_shell_call(array: &JsonArray) -> Option<(&[JsonString], &JsonString)> {
    let program = array.items.first()?;
    if !is_posix_shell(&program.value) {
        return None;
    }
    let mut next = 1;
    loop {
        let v = array.items.get(next)?.value.as_str();
        next += 1;
        if v.starts_with('-') && !v.starts_with("--") && v.ends_with('c') {
            break;
        }
        if v == "-o" || v == "+o" {
            // An option and its argument.
            next += 1;
        } else if !v.starts_with(['-', '+']) {
            return None;
        }
    }
    Some((&array.items[..next], array.items.get(next)?))
}

/// The script of an exec-form shell call ([`exec_form_shell_call`]), when
/// its JSON string is written without escapes.
fn exec_form_script(instruction: usize, array: &JsonArray, src: &str) -> Option<RunScript> {
    let (argv, item) = exec_form_shell_call(array)?;
    let argv: Vec<&str> = argv.iter().map(|a| a.value.as_str()).collect();
    let (dialect, errexit) = started_as(&argv);
    let raw = src.get(item.range.start() + 1..item.range.end().checked_sub(1)?)?;
    if raw != item.value {
        return None;
    }
    Some(RunScript {
        instruction,
        source: ScriptSource::ExecForm,
        base: item.range.start() + 1,
        script: shell::parse(raw),
        text: raw.to_owned(),
        dialect,
        errexit,
    })
}

/// Parses the scripts of every RUN (and ONBUILD RUN) that runs POSIX shell.
pub(super) fn build(model: &Model) -> Vec<RunScript> {
    let mut out = Vec::new();
    let src = model.src();
    for (index, inst) in model.file.instructions.iter().enumerate() {
        let target = inst.onbuild_trigger().unwrap_or(inst);
        if target.keyword != Keyword::Run {
            continue;
        }
        // The exec form names its shell itself; SHELL does not apply.
        if let Args::Json(array) = &target.args {
            out.extend(exec_form_script(index, array, src));
            continue;
        }
        if model.shell_applicability(index) != ShellApplicability::Posix
            && !(inst.keyword == Keyword::Onbuild && matches!(target.args, Args::Text(_)))
        {
            continue;
        }
        let Args::Text(span) = &target.args else {
            continue;
        };
        let (dialect, errexit) = shell_form_dialect(model, index);
        let rest = span.text(target, src).trim();
        // `RUN <<EOF` alone: the body is the script.
        let sole_heredoc = inst.heredocs.len() == 1 && {
            let word = inst.heredocs[0].word_range.slice(src);
            rest == word
        };
        if sole_heredoc {
            let h = &inst.heredocs[0];
            let body = h.body.slice(src);
            // A shebang picks the interpreter; one that is not a POSIX
            // shell (python, node…) makes the body no shell script.
            let dialect = if body.starts_with("#!") {
                match Dialect::of_shebang(body) {
                    Some(d) => d,
                    None => continue,
                }
            } else {
                dialect
            };
            out.push(RunScript {
                instruction: index,
                source: ScriptSource::Heredoc(0),
                base: h.body.start(),
                script: shell::parse(body),
                text: body.to_owned(),
                dialect,
                errexit,
            });
            continue;
        }
        let Some((range, text)) = shell_view(model, index) else {
            continue;
        };
        out.push(RunScript {
            instruction: index,
            source: ScriptSource::Line,
            base: range.start(),
            script: shell::parse(&text),
            text,
            dialect,
            errexit,
        });
    }
    out
}
