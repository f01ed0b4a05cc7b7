//! The shell scripts RUN instructions execute, parsed once per file.
//!
//! Every POSIX script a RUN really executes is a [`RunScript`]: the
//! shell-form text, a `RUN <<EOF` body, the string of an exec-form `RUN
//! ["sh", "-c", "…"]` (JSON escapes decoded), and, found inside any of
//! those (up to [`MAX_NESTING`] levels deep), the scripts they hand to
//! another shell: `sh -c '…'` strings and here-documents fed to a shell
//! (`bash <<EOF`); see `nested.rs` for what counts and what their text is.
//! A script decoded from its file text maps its offsets back through an
//! [`OffsetMap`]: rules report and edit through [`RunScript::file_range`]
//! and never see the difference, and the analysis re-escapes the text a fix
//! inserts for the quoting it lands in ([`RunScript::quoting`]).
//!
//! Scripts are in instruction order, each followed by the scripts nested in
//! it (depth first), so [`Model::scripts_of`] stays one slice.

use super::nested::{self, Input};
use super::offsets::Piece;
pub use super::offsets::{OffsetMap, Quoting};
use super::shell_view::is_posix_shell;
use super::{Model, ShellApplicability, shell_view};
use crate::TextRange;
use crate::shell::dialect::options_set_errexit;
use crate::shell::{self, Dialect, Script};
use crate::syntax::{Args, Instruction, JsonArray, JsonString, Keyword, LogicalLine};

/// How many shells deep scripts are looked into (`sh -c` inside `sh -c`…).
pub const MAX_NESTING: u32 = 4;

/// Where a script's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptSource {
    /// The instruction's shell-form text (with any heredoc bodies that
    /// follow it, which the shell reads as here-documents).
    Line,
    /// `RUN <<EOF`: the heredoc body is the script.
    Heredoc(usize),
    /// Exec form running a POSIX shell on a string, `RUN ["sh", "-c",
    /// "…"]`: the string, JSON escapes decoded, is the script.
    ExecForm,
    /// A script another script of the instruction hands to a shell: the
    /// literal string after `-c` (`sh -c '…'`, `bash -ec "…"`, `find …
    /// -exec sh -c '…' {} +`) or a here-document on a shell's standard
    /// input (`bash <<EOF`). `parent` is the index of that script in
    /// [`Model::scripts`] (always before this one).
    Nested { parent: usize, input: NestedInput },
}

/// How a nested script reaches its shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NestedInput {
    /// The command-string operand of `-c`.
    Argument,
    /// A here-document on standard input.
    Stdin,
}

impl ScriptSource {
    /// A script that another script of the instruction runs.
    #[must_use]
    pub fn is_nested(self) -> bool {
        matches!(self, ScriptSource::Nested { .. })
    }
}

/// A parsed shell script with its place in the file.
#[derive(Clone, Debug)]
pub struct RunScript {
    /// The instruction that runs it.
    pub instruction: usize,
    pub source: ScriptSource,
    /// File offset of the script's first byte. Only for a verbatim script
    /// ([`OffsetMap::is_shift`]) is every script offset `base` away from its
    /// file offset: use [`file_range`](Self::file_range).
    pub base: usize,
    /// The text the shell runs, which the script was parsed from.
    pub text: String,
    pub script: Script,
    /// The shell that runs it: the SHELL in effect (or the exec form's
    /// program, or the program of a nested script), a heredoc script's own
    /// shebang, the `# hadolint shell=` pragma, else POSIX `sh`.
    pub dialect: Dialect,
    /// The shell is started with errexit (`SHELL ["bash", "-e", "-c"]`,
    /// `-o errexit`, `sh -ec '…'`); `set -e` inside the script is the
    /// script's business.
    pub errexit: bool,
    /// Script offsets to file offsets.
    pub map: OffsetMap,
    /// The stretches of the file the text was decoded from, with their
    /// quoting (empty for a verbatim script): text inserted there is
    /// escaped by the analysis.
    pub quoting: Vec<(TextRange, Quoting)>,
}

impl RunScript {
    /// A script span as a file range; a range that starts or ends inside an
    /// escape sequence (`\"`, `'\''`, `\u00e9`) covers the whole sequence.
    #[must_use]
    pub fn file_range(&self, range: TextRange) -> TextRange {
        self.map.range(range)
    }

    /// A verbatim script starting at file offset `base`.
    fn verbatim(
        instruction: usize,
        source: ScriptSource,
        base: usize,
        text: String,
        (dialect, errexit): (Dialect, bool),
    ) -> RunScript {
        RunScript {
            instruction,
            source,
            base,
            script: shell::parse(&text),
            text,
            dialect,
            errexit,
            map: OffsetMap::shift(base),
            quoting: Vec::new(),
        }
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

/// The script of an exec-form shell call ([`exec_form_shell_call`]): the
/// JSON string decoded, mapped back through its escapes and any line
/// continuations inside it.
fn exec_form_script(
    instruction: usize,
    target: &Instruction,
    array: &JsonArray,
    src: &str,
) -> Option<RunScript> {
    let (argv, item) = exec_form_shell_call(array)?;
    let argv: Vec<&str> = argv.iter().map(|a| a.value.as_str()).collect();
    let started = started_as(&argv);
    let raw = src.get(item.range.start() + 1..item.range.end().checked_sub(1)?)?;
    if raw == item.value {
        // No escapes: a verbatim slice (the common case).
        if raw.trim().is_empty() {
            return None;
        }
        let mut run = RunScript::verbatim(
            instruction,
            ScriptSource::ExecForm,
            item.range.start() + 1,
            raw.to_owned(),
            started,
        );
        run.quoting = vec![(
            TextRange::new(item.range.start() + 1, item.range.end() - 1),
            Quoting::Json,
        )];
        return Some(run);
    }
    let logical = &target.logical;
    let text = logical.text(src);
    let open = logical.logical_offset(item.range.start())?;
    let (value, close, escapes) = crate::syntax::decode_json_string(text, open)?;
    if value != item.value || value.trim().is_empty() {
        return None;
    }
    let mut pieces = Vec::with_capacity(escapes.len() * 2 + 1);
    let mut at = open + 1;
    for e in &escapes {
        if e.raw.start > at {
            pieces.push(Piece::verbatim(e.raw.start - at));
        }
        pieces.push(Piece::escape(e.decoded_len, e.raw.len()));
        at = e.raw.end;
    }
    if close - 1 > at {
        pieces.push(Piece::verbatim(close - 1 - at));
    }
    let parent = logical_map(logical);
    let map = OffsetMap::decoded(&parent, open + 1, &pieces);
    let string = TextRange::new(parent.start(open + 1), parent.end(close - 1));
    let (dialect, errexit) = started;
    Some(RunScript {
        instruction,
        source: ScriptSource::ExecForm,
        base: map.base(),
        script: shell::parse(&value),
        text: value,
        dialect,
        errexit,
        map,
        quoting: vec![(string, Quoting::Json)],
    })
}

/// Logical-line offsets to file offsets: the removed continuations are
/// dropped text.
fn logical_map(logical: &LogicalLine) -> OffsetMap {
    let segments = logical.segments();
    let Some(first) = segments.first() else {
        return OffsetMap::shift(0);
    };
    if segments.len() == 1 {
        return OffsetMap::shift(first.source as usize);
    }
    let mut pieces = Vec::with_capacity(segments.len() * 2);
    let mut end = first.source as usize;
    for s in segments {
        let gap = (s.source as usize).saturating_sub(end);
        if gap > 0 {
            pieces.push(Piece::escape(0, gap));
        }
        pieces.push(Piece::verbatim(s.len as usize));
        end = (s.source + s.len) as usize;
    }
    OffsetMap::decoded(&OffsetMap::shift(first.source as usize), 0, &pieces)
}

/// Appends `run` and, after it, the scripts it hands to other shells
/// (recursively, [`MAX_NESTING`] deep). A here-document that becomes a
/// script of its own is blanked in `run`, so that it is analysed once.
fn push_with_nested(out: &mut Vec<RunScript>, mut run: RunScript, depth: u32) {
    let mut children = Vec::new();
    let mut blank = Vec::new();
    if depth < MAX_NESTING {
        for call in nested::shell_calls(&run.script, &run.text) {
            let (decoded, input) = match call.input {
                Input::Argument(word) => (
                    nested::decode_argument(word, &run.text),
                    NestedInput::Argument,
                ),
                Input::Stdin(h) => {
                    let d = nested::decode_heredoc(h, &run.text);
                    if d.is_some() {
                        blank.push(h.body.span);
                    }
                    (d, NestedInput::Stdin)
                }
            };
            let Some(d) = decoded else {
                continue;
            };
            let map = OffsetMap::decoded(&run.map, d.start, &d.pieces);
            let quoting = d
                .quoting
                .iter()
                .map(|&(r, q)| (run.file_range(r), q))
                .filter(|(r, _)| !r.is_empty())
                .collect();
            children.push(RunScript {
                instruction: run.instruction,
                source: ScriptSource::Nested { parent: 0, input },
                base: map.base(),
                script: shell::parse(&d.text),
                text: d.text,
                dialect: call.dialect,
                errexit: call.errexit,
                map,
                quoting,
            });
        }
    }
    if !blank.is_empty() {
        let mut bytes = std::mem::take(&mut run.text).into_bytes();
        for r in blank {
            for b in &mut bytes[r.as_range()] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        // Whole bytes became ASCII blanks: still UTF-8.
        run.text = String::from_utf8(bytes).unwrap_or_default();
        run.script = shell::parse(&run.text);
    }
    let parent = out.len();
    out.push(run);
    for mut child in children {
        if let ScriptSource::Nested { input, .. } = child.source {
            child.source = ScriptSource::Nested { parent, input };
        }
        push_with_nested(out, child, depth + 1);
    }
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
            if let Some(run) = exec_form_script(index, target, array, src) {
                push_with_nested(&mut out, run, 0);
            }
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
            let run = RunScript::verbatim(
                index,
                ScriptSource::Heredoc(0),
                h.body.start(),
                body.to_owned(),
                (dialect, errexit),
            );
            push_with_nested(&mut out, run, 0);
            continue;
        }
        let Some((range, text)) = shell_view(model, index) else {
            continue;
        };
        let run = RunScript::verbatim(
            index,
            ScriptSource::Line,
            range.start(),
            text,
            (dialect, errexit),
        );
        push_with_nested(&mut out, run, 0);
    }
    out
}
