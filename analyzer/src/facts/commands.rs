//! The command layer every shell rule reads: the simple commands of every
//! RUN script (heredoc scripts and `ONBUILD RUN` included), seen through
//! wrapper commands, with their arguments in two views, and one option
//! parser.
//!
//! - [`invocations`]: one [`Invocation`] per simple command, in script and
//!   source order. The analysis builds the list once per file and hands it
//!   to every rule ([`Checker::invocations`](crate::checker::Checker::invocations)).
//! - Two views of the arguments, both lists of [`Arg`]:
//!   - the *literal* view ([`Invocation::words`]): one argument per word,
//!     quotes removed; a word with any expansion is [`UNKNOWN`]. Rules that
//!     point at or edit the source words use it (DL3001–DL4006, DW1001,
//!     DW1003, DW1020);
//!   - the *expanded* view ([`Invocation::args`]): the fields the shell will
//!     see. `$VAR` / `${VAR}` are replaced by the script's own literal
//!     assignment before the use (`deps='a b' && apk add $deps`; `X=1 set
//!     -x` too, as POSIX sh keeps assignments before special builtins; one in
//!     the other branch of an `if` does not count), else by the value of the
//!     ARG or ENV the RUN sees (BuildKit puts them in the environment);
//!     unquoted expansions are split into fields. What cannot be known —
//!     computed assignments (`X=$(…)`, `read X`, loop variables), `$(…)`,
//!     `${VAR:-…}`, ARGs without a default, anything in an `ONBUILD`
//!     trigger — becomes the [`UNKNOWN`] character, so rules can tell
//!     "unpinned" from "can't tell". The package rules use it.
//! - [`unwrap`]: the wrappers looked through, in either view: `sudo`,
//!   `doas`, `env`, `command` (not `-v`/`-V`), `builtin`, `exec`, `nice`,
//!   `nohup`, `time`, `timeout`, `stdbuf`, `ionice`, `busybox`, `xargs`,
//!   `eatmydata`, `fakeroot`, `chronic`, `setsid`, `gosu USER`, `su-exec
//!   USER`. `sudo -E env X=1 bash -s` is `sudo` → `env` → `bash`.
//! - [`parse_options`]: GNU-style option parsing with a per-tool table
//!   ([`OptSpec`]) of the options that take a value: short clusters (`-yq`),
//!   `-ovalue`, `-o value`, apt's `-q=2`, `--opt=value`, `--opt value`,
//!   `--`, POSIX stop at the first operand, Go's single-dash long options,
//!   npm's `--flag false`.
//!
//! A literal `sh -c '…'` string (and a here-document fed to a shell) is a
//! script of its own in the model, with its own invocations.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

use crate::TextRange;
use crate::model::{Model, RunScript};
use crate::shell::{Command, Script, SimpleCommandRef, Word, WordPart};
use crate::syntax::Keyword;

/// Stands for text only known at build time (an unknown variable, a command
/// substitution) inside an argument.
pub(crate) const UNKNOWN: char = '\u{FFFC}';

/// The literal view's value of a word with expansions.
const UNKNOWN_STR: &str = "\u{FFFC}";

/// The last path component (`curl` for `/usr/bin/curl`).
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// [`base_name`] of a borrowed or owned value.
fn base_name_cow(path: Cow<'_, str>) -> Cow<'_, str> {
    match path {
        Cow::Borrowed(b) => Cow::Borrowed(base_name(b)),
        Cow::Owned(o) => Cow::Owned(base_name(&o).to_owned()),
    }
}

/// A shell variable name.
pub(crate) fn is_name(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// `NAME=value`.
pub(crate) fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| is_name(name))
}

/// The instruction runs in an ONBUILD trigger (in a child image's build).
pub(crate) fn is_onbuild(model: &Model, instruction: usize) -> bool {
    model.is(instruction, Keyword::Onbuild)
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

/// One argument of a command, in either view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arg<'a> {
    /// The value, with [`UNKNOWN`] for the parts known only at build time.
    pub value: Cow<'a, str>,
    /// Script-relative span of the shell word the argument comes from.
    pub span: TextRange,
    /// The value is not the word's literal text (an expansion was
    /// substituted or split): `span` covers the whole word, and edits must
    /// not assume its text.
    pub expanded: bool,
}

impl<'a> Arg<'a> {
    /// The argument of `word` in the literal view.
    fn literal(word: &Word, src: &'a str) -> Arg<'a> {
        match word.literal(src) {
            Some(value) => Arg {
                value,
                span: word.span,
                expanded: false,
            },
            None => Arg {
                value: Cow::Borrowed(UNKNOWN_STR),
                span: word.span,
                expanded: true,
            },
        }
    }

    /// The value as a string slice.
    pub(crate) fn text(&self) -> &str {
        &self.value
    }

    /// The value when no part of it is unknown.
    pub(crate) fn known(&self) -> Option<&str> {
        (!self.value.contains(UNKNOWN)).then_some(&*self.value)
    }

    /// Some part of the value is only known at build time.
    pub(crate) fn has_unknown(&self) -> bool {
        self.value.contains(UNKNOWN)
    }

    /// The value is exactly `text` (and fully known).
    pub(crate) fn is(&self, text: &str) -> bool {
        self.value == text
    }

    /// The word is written literally (no expansion), so its source text is
    /// its value and edits next to it are safe.
    pub(crate) fn is_literal(&self) -> bool {
        !self.expanded && !self.has_unknown()
    }
}

// ---------------------------------------------------------------------------
// Wrappers
// ---------------------------------------------------------------------------

/// One program in a command's wrapper chain.
#[derive(Clone, Debug)]
pub(crate) struct Program<'a> {
    /// Index of the program's argument in the view.
    pub word: usize,
    /// Its base name; `None` when the argument is not fully known.
    pub name: Option<Cow<'a, str>>,
}

impl Program<'_> {
    /// The base name is `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.as_deref() == Some(name)
    }
}

/// What [`unwrap`] finds in a command's arguments.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unwrapped<'a> {
    /// The wrappers, then the program that really runs (last). Empty when
    /// there are no arguments.
    pub chain: Vec<Program<'a>>,
    /// Indices of the `NAME=value` arguments given to `env` and `sudo`.
    pub assignments: Vec<usize>,
}

/// The programs `args` (a command's words in either view) runs: the first
/// argument, and after each wrapper the argument it runs. A chain ends at an
/// argument that is not fully known, at a wrapper whose program cannot be
/// told (`command -v`, `env -S`, an option's value running off the end), and
/// after a few wrappers.
pub(crate) fn unwrap<'a>(args: &[Arg<'a>]) -> Unwrapped<'a> {
    let mut out = Unwrapped::default();
    let mut i = 0;
    // A few wrappers deep at most (`sudo env X=1 nice apt-get …`).
    for _ in 0..8 {
        let Some(arg) = args.get(i) else { break };
        let name = (!arg.has_unknown()).then(|| base_name_cow(arg.value.clone()));
        let next = name
            .as_deref()
            .and_then(|n| wrapped_program(n, args, i + 1, &mut out.assignments));
        out.chain.push(Program { word: i, name });
        match next {
            Some(j) if j < args.len() => i = j,
            _ => break,
        }
    }
    out
}

/// For a wrapper `name` whose arguments start at `start`, the index of the
/// argument it runs; records the `NAME=value` arguments it sets.
fn wrapped_program(
    name: &str,
    args: &[Arg<'_>],
    start: usize,
    assignments: &mut Vec<usize>,
) -> Option<usize> {
    let value = |j: usize| args.get(j).map(Arg::text);
    match name {
        "sudo" | "doas" => {
            let mut j = skip_options(args, start, "ughpCDrtUTa", SUDO_LONG)?;
            while value(j).is_some_and(is_assignment) {
                assignments.push(j);
                j += 1;
            }
            Some(j)
        }
        "env" => {
            let mut j = start;
            loop {
                let v = value(j)?;
                if v == "--" {
                    return Some(j + 1);
                }
                if v.starts_with("-S") || v.starts_with("--split-string") {
                    return None;
                }
                if matches!(v, "-u" | "-C" | "--unset" | "--chdir") {
                    j += 2;
                } else if v.starts_with('-') {
                    j += 1;
                } else if is_assignment(v) {
                    assignments.push(j);
                    j += 1;
                } else {
                    return Some(j);
                }
            }
        }
        "command" => {
            let mut j = start;
            while value(j).is_some_and(|v| v == "-p" || v == "--") {
                j += 1;
            }
            if value(j).is_some_and(|v| v.starts_with("-v") || v.starts_with("-V")) {
                return None;
            }
            Some(j)
        }
        "builtin" | "nohup" | "eatmydata" | "fakeroot" | "chronic" | "busybox" => {
            Some(if value(start) == Some("--") {
                start + 1
            } else {
                start
            })
        }
        "exec" => skip_options(args, start, "a", &[]),
        "time" => skip_options(args, start, "fo", &["format", "output"]),
        "nice" => skip_options(args, start, "n", &["adjustment"]),
        "ionice" => skip_options(args, start, "cnp", &["class", "classdata", "pid"]),
        "stdbuf" => skip_options(args, start, "ioe", &["input", "output", "error"]),
        "setsid" => skip_options(args, start, "", &[]),
        "timeout" => skip_options(args, start, "sk", &["signal", "kill-after"]).map(|j| j + 1),
        // `-e[eof]`, `-i[replace]`, `-l[lines]` take only attached values.
        "xargs" => skip_options(args, start, "adEILnPs", XARGS_LONG),
        "gosu" | "su-exec" => Some(start + 1),
        _ => None,
    }
}

const SUDO_LONG: &[&str] = &[
    "user",
    "group",
    "host",
    "prompt",
    "close-from",
    "chdir",
    "role",
    "type",
    "other-user",
    "command-timeout",
];

const XARGS_LONG: &[&str] = &[
    "arg-file",
    "delimiter",
    "eof",
    "replace",
    "max-lines",
    "max-args",
    "max-procs",
    "max-chars",
    "process-slot-var",
];

/// The index of the first argument after the options starting at `start`
/// (a `--` is consumed). `None` when an option's value runs off the end.
fn skip_options(
    args: &[Arg<'_>],
    start: usize,
    short_value: &str,
    long_value: &[&str],
) -> Option<usize> {
    let mut j = start;
    while let Some(a) = args.get(j) {
        let v = a.text();
        if v == "--" {
            return Some(j + 1);
        }
        if let Some(long) = v.strip_prefix("--") {
            j += if !long.contains('=') && long_value.contains(&long) {
                2
            } else {
                1
            };
            continue;
        }
        let Some(cluster) = v.strip_prefix('-').filter(|c| !c.is_empty()) else {
            return Some(j);
        };
        // `nice -10`, `timeout -5`: a number is an option here.
        j += 1;
        for (k, ch) in cluster.char_indices() {
            if short_value.contains(ch) {
                if k + ch.len_utf8() == cluster.len() {
                    j += 1;
                }
                break;
            }
        }
    }
    (j <= args.len()).then_some(j)
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/// How a tool reads its options.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct OptSpec {
    /// Short options that take a value (`-o value`, `-ovalue`).
    pub short_value: &'static str,
    /// Long options that take a value (`--opt value`, `--opt=value`).
    pub long_value: &'static [&'static str],
    /// Options end at the first operand (POSIX `getopt`, interpreters);
    /// otherwise options may follow operands (GNU permutation).
    pub stop_at_operand: bool,
    /// A `=` after a short option starts its value (apt's `-q=2`,
    /// `-o=Dir=x`).
    pub short_equals: bool,
    /// Go's flags: `-name` is one long option, never a cluster.
    pub single_dash_long: bool,
    /// npm's boolean flags take a following `true` / `false`.
    pub bool_words: bool,
}

impl OptSpec {
    /// No option takes a value; GNU permutation.
    pub(crate) const GNU: OptSpec = OptSpec {
        short_value: "",
        long_value: &[],
        stop_at_operand: false,
        short_equals: false,
        single_dash_long: false,
        bool_words: false,
    };
}

/// What an [`Opt`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OptKind {
    /// A short option (one letter of a cluster such as `-fsSL`).
    Short,
    /// A long option (`--name`, `--name=value`, `--name value`).
    Long,
    /// Not an option.
    Operand,
}

/// One option or operand after option parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opt<'v> {
    pub kind: OptKind,
    /// `y` for `-y`, `no-install-recommends` for `--no-install-recommends`;
    /// empty for an operand.
    pub name: &'v str,
    /// Index of the argument the option or operand starts at.
    pub arg: usize,
    /// Byte offset of the option's name in that argument's value (a short
    /// option's letter in its cluster).
    pub at: usize,
    /// The option's value (rest of the cluster, after `=`, or the next
    /// argument), or the operand's value; may hold [`UNKNOWN`].
    pub value: Option<&'v str>,
}

impl<'v> Opt<'v> {
    /// The value when it is fully known.
    pub(crate) fn known_value(&self) -> Option<&'v str> {
        self.value.filter(|v| !v.contains(UNKNOWN))
    }

    /// A short option in `short` or a long option in `long`.
    pub(crate) fn is_opt(&self, short: &[char], long: &[&str]) -> bool {
        match self.kind {
            OptKind::Short => self.name.chars().next().is_some_and(|c| short.contains(&c)),
            OptKind::Long => long.contains(&self.name),
            OptKind::Operand => false,
        }
    }

    /// The short option `c`.
    pub(crate) fn is_short(&self, c: char) -> bool {
        self.kind == OptKind::Short && self.name.starts_with(c)
    }

    pub(crate) fn is_long(&self) -> bool {
        self.kind == OptKind::Long
    }

    pub(crate) fn is_operand(&self) -> bool {
        self.kind == OptKind::Operand
    }
}

/// Splits `args` into options and operands. Options may appear anywhere
/// (GNU permutation) unless `spec.stop_at_operand`, until `--`. An argument
/// that does not start with `-` (an unknown one included) is an operand.
pub(crate) fn parse_options<'v>(args: &'v [Arg<'_>], spec: &OptSpec) -> Vec<Opt<'v>> {
    let mut out: Vec<Opt<'v>> = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    let value = |j: usize| args.get(j).map(Arg::text);
    while i < args.len() {
        let v = args[i].text();
        if only_operands || !v.starts_with('-') || v == "-" {
            out.push(Opt {
                kind: OptKind::Operand,
                name: "",
                arg: i,
                at: 0,
                value: Some(v),
            });
            only_operands |= spec.stop_at_operand;
            i += 1;
            continue;
        }
        if v == "--" {
            only_operands = true;
            i += 1;
            continue;
        }
        let long = v
            .strip_prefix("--")
            .or_else(|| v.strip_prefix('-').filter(|_| spec.single_dash_long));
        if let Some(long) = long {
            let (name, mut opt_value) = match long.split_once('=') {
                Some((n, val)) => (n, Some(val)),
                None => (long, None),
            };
            let mut used = 1;
            if opt_value.is_none()
                && (spec.long_value.contains(&name)
                    || spec.bool_words && value(i + 1).is_some_and(|n| n == "true" || n == "false"))
            {
                opt_value = value(i + 1);
                used = 2;
            }
            out.push(Opt {
                kind: OptKind::Long,
                name,
                arg: i,
                at: v.len() - long.len(),
                value: opt_value,
            });
            i += used;
            continue;
        }
        let cluster = &v[1..];
        let mut used = 1;
        for (k, ch) in cluster.char_indices() {
            let end = k + ch.len_utf8();
            let rest = &cluster[end..];
            if ch == '=' && spec.short_equals {
                // `-q=2`: the value of the option before.
                if let Some(last) = out.last_mut().filter(|o| o.arg == i) {
                    last.value = Some(rest);
                }
                break;
            }
            let mut opt = Opt {
                kind: OptKind::Short,
                name: &cluster[k..end],
                arg: i,
                at: 1 + k,
                value: None,
            };
            if spec.short_value.contains(ch) {
                opt.value = if rest.is_empty() {
                    used = 2;
                    value(i + 1)
                } else if spec.short_equals {
                    Some(rest.strip_prefix('=').unwrap_or(rest))
                } else {
                    Some(rest)
                };
                out.push(opt);
                break;
            }
            out.push(opt);
        }
        i += used;
    }
    out
}

// ---------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------

/// Expands words the way the shell of one RUN will.
struct Expander<'m> {
    model: &'m Model,
    run: &'m RunScript,
    instruction: usize,
    /// Inside an ONBUILD trigger: the environment is the child image's.
    onbuild: bool,
    /// What the script assigns, read on the first variable to expand.
    script: OnceCell<ScriptVars>,
}

/// The variables a script assigns, and where its branches are.
struct ScriptVars {
    /// Variables the script assigns itself, with where and (when literal)
    /// what.
    assigned: HashMap<String, Vec<Assigned>>,
    /// The branch bodies of every `if` in the script: (which `if`, span).
    branches: Vec<(usize, TextRange)>,
}

/// A shell assignment in the script.
struct Assigned {
    /// Script offset of the assignment.
    at: usize,
    /// The literal value; `None` when computed (`$(…)`, `read`, a loop).
    value: Option<String>,
}

impl<'m> Expander<'m> {
    fn new(model: &'m Model, run: &'m RunScript) -> Self {
        Expander {
            model,
            run,
            instruction: run.instruction,
            onbuild: is_onbuild(model, run.instruction),
            script: OnceCell::new(),
        }
    }

    fn script(&self) -> &ScriptVars {
        self.script.get_or_init(|| ScriptVars {
            assigned: assignments(&self.run.script, &self.run.text),
            branches: if_branches(&self.run.script),
        })
    }

    /// The value of `$name` used at script offset `at`: when the script
    /// assigns it, the value of its literal assignment before the use (with
    /// several, as in both branches of an `if`, the first: rules only look at
    /// what kind of text it is); else the ARG/ENV the RUN sees. A computed
    /// assignment, or one after the use: unknown.
    fn var(&self, name: &str, at: usize) -> Option<&str> {
        let vars = self.script();
        if let Some(list) = vars.assigned.get(name) {
            let mut reaching = list.iter().filter(|a| !vars.exclusive(a.at, at));
            if let Some(first) = reaching.next() {
                let literal_before = |a: &Assigned| a.at < at && a.value.is_some();
                if literal_before(first) && reaching.all(literal_before) {
                    return first.value.as_deref();
                }
                return None;
            }
        }
        if self.onbuild
            || !name
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return None;
        }
        let value = self
            .model
            .lookup(self.instruction, name)?
            .value
            .as_deref()?;
        (!value.contains('$')).then_some(value)
    }

    /// The fields `word` expands to; `literal` is its literal-view argument.
    fn expand<'a>(&self, literal: &Arg<'a>, word: &Word, src: &str, out: &mut Vec<Arg<'a>>) {
        if !literal.expanded {
            out.push(literal.clone());
            return;
        }
        let mut text = String::new();
        let mut split = false;
        self.push_parts(&word.parts, src, false, &mut text, &mut split);
        if split {
            out.extend(text.split_ascii_whitespace().map(|field| Arg {
                value: Cow::Owned(field.to_owned()),
                span: word.span,
                expanded: true,
            }));
        } else {
            out.push(Arg {
                value: Cow::Owned(text),
                span: word.span,
                expanded: true,
            });
        }
    }

    /// The value of an assignment: its fields joined by spaces.
    fn expand_value(&self, word: &Word, src: &str) -> String {
        let literal = Arg::literal(word, src);
        let mut fields = Vec::new();
        self.expand(&literal, word, src, &mut fields);
        let mut out = String::new();
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&f.value);
        }
        out
    }

    fn push_parts(
        &self,
        parts: &[WordPart],
        src: &str,
        quoted: bool,
        out: &mut String,
        split: &mut bool,
    ) {
        for part in parts {
            match part {
                WordPart::Literal(r)
                | WordPart::Escaped(r)
                | WordPart::SingleQuoted(r)
                | WordPart::AnsiC(r) => {
                    let single = Word {
                        span: *r,
                        parts: crate::shell::Parts::one(part.clone()),
                    };
                    if let Some(lit) = single.literal(src) {
                        out.push_str(&lit);
                    }
                }
                WordPart::DoubleQuoted(dq) => self.push_parts(&dq.parts, src, true, out, split),
                WordPart::Param(p) if p.parts.is_empty() => {
                    match self.var(p.name.slice(src), p.span.start()) {
                        Some(value) => {
                            *split |= !quoted;
                            out.push_str(value);
                        }
                        None => out.push(UNKNOWN),
                    }
                }
                _ => out.push(UNKNOWN),
            }
        }
    }
}

impl ScriptVars {
    /// `a` and `b` sit in different branches of one `if`: code at `a` never
    /// runs before code at `b`.
    fn exclusive(&self, a: usize, b: usize) -> bool {
        self.branches.iter().any(|&(i, ra)| {
            ra.contains(a)
                && !ra.contains(b)
                && self
                    .branches
                    .iter()
                    .any(|&(j, rb)| j == i && rb.contains(b))
        })
    }
}

/// The variables a script assigns: `X=…` (standalone, or before a special
/// builtin), `export X=…`, `read X`, `unset X`, `for X in …`. `X=1 cmd` only
/// sets `X` for `cmd` and does not change what `$X` expands to later, so it
/// is not counted.
fn assignments(script: &Script, src: &str) -> HashMap<String, Vec<Assigned>> {
    let mut out: HashMap<String, Vec<Assigned>> = HashMap::new();
    let mut add = |name: &str, at: usize, value: Option<String>| {
        out.entry(name.to_owned())
            .or_default()
            .push(Assigned { at, value });
    };
    for c in script.commands() {
        match c.command {
            Command::Simple(s) => {
                // Assignments before a special builtin (`X=1 set -x`) stay
                // in the shell, as POSIX sh (dash, ash) does.
                let persists = s.words.is_empty()
                    || s.name(src)
                        .is_some_and(|n| SPECIAL_BUILTINS.contains(&n.as_ref()));
                if persists {
                    for a in &s.assignments {
                        let value = if a.append || a.subscript.is_some() {
                            None
                        } else {
                            a.value.literal(src).map(Cow::into_owned)
                        };
                        add(a.name.slice(src), a.span.start(), value);
                    }
                    if s.words.is_empty() {
                        continue;
                    }
                }
                let Some(name) = s.name(src) else { continue };
                let declares = matches!(
                    name.as_ref(),
                    "export" | "declare" | "typeset" | "local" | "readonly"
                );
                let reads = matches!(
                    name.as_ref(),
                    "read" | "mapfile" | "readarray" | "getopts" | "unset"
                );
                if !(declares || reads) {
                    continue;
                }
                for w in s.args() {
                    let Some(lit) = w.literal(src) else {
                        // `export X="$(…)"`: computed.
                        if let Some(WordPart::Literal(r)) = w.parts.first() {
                            let text = r.slice(src);
                            if let Some((n, _)) = text.split_once('=').filter(|(n, _)| is_name(n)) {
                                add(n, w.span.start(), None);
                            }
                        }
                        continue;
                    };
                    if lit.starts_with('-') {
                        continue;
                    }
                    match lit.split_once('=') {
                        Some((n, v)) if is_name(n) => {
                            add(n, w.span.start(), declares.then(|| v.to_owned()));
                        }
                        None if reads && is_name(&lit) => add(&lit, w.span.start(), None),
                        _ => {}
                    }
                }
            }
            Command::For(f) => {
                if let Some(lit) = f.variable.literal(src) {
                    add(&lit, f.span.start(), None);
                }
            }
            _ => {}
        }
    }
    out
}

/// The branch bodies of every `if` command: (index of the `if`, span).
fn if_branches(script: &Script) -> Vec<(usize, TextRange)> {
    let mut out = Vec::new();
    for (i, c) in script.commands().enumerate() {
        if let Command::If(f) = c.command {
            out.extend(f.branches.iter().map(|b| (i, b.body.span)));
            out.extend(f.else_body.iter().map(|e| (i, e.span)));
        }
    }
    out
}

/// POSIX special builtins: assignments before them persist in the shell.
const SPECIAL_BUILTINS: &[&str] = &[
    ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set",
    "shift", "times", "trap", "unset",
];

// ---------------------------------------------------------------------------
// Invocations
// ---------------------------------------------------------------------------

/// A simple command of a RUN script: the programs it runs, and its
/// arguments in the literal and the expanded view.
#[derive(Clone, Debug)]
pub(crate) struct Invocation<'a> {
    /// Index of the invocation in the list it was built in.
    pub index: usize,
    /// Index of the script in `model.scripts`.
    pub script: usize,
    pub run: &'a RunScript,
    pub cmd: SimpleCommandRef<'a>,
    /// Literal view: one argument per word of the command.
    pub words: Vec<Arg<'a>>,
    /// Literal view: the wrappers, then the program that really runs (last);
    /// `Program::word` indexes [`words`](Self::words). Empty when the
    /// command has no words (assignments only).
    pub chain: Vec<Program<'a>>,
    /// Expanded view: the base name of the program that really runs
    /// (`apt-get` for `sudo /usr/bin/apt-get`); empty when it is not known.
    pub program: Cow<'a, str>,
    /// Script-relative span of the program word.
    pub program_span: TextRange,
    /// Expanded view: the fields of every word, when some word has an
    /// expansion (otherwise the fields are [`words`](Self::words)).
    fields: Option<Vec<Arg<'a>>>,
    /// Expanded view: the index of the program's field.
    program_field: usize,
    /// Expanded view: variables set for this command only (`X=1 cmd`, `env
    /// X=1 cmd`, `sudo X=1 cmd`).
    pub env: Vec<(String, String)>,
    /// Run by `xargs`: further arguments come from standard input.
    pub stdin_args: bool,
}

impl<'a> Invocation<'a> {
    /// The script text (spans are relative to it).
    pub(crate) fn src(&self) -> &'a str {
        &self.run.text
    }

    /// The instruction that runs the command.
    pub(crate) fn instruction(&self) -> usize {
        self.run.instruction
    }

    /// A script span as a file range.
    pub(crate) fn file_range(&self, span: TextRange) -> TextRange {
        self.run.file_range(span)
    }

    /// The expanded view knows what program runs.
    pub(crate) fn has_program(&self) -> bool {
        !self.program.is_empty()
    }

    /// Expanded view: the arguments after the program (none when the
    /// program is not known).
    pub(crate) fn args(&self) -> &[Arg<'a>] {
        if !self.has_program() {
            return &[];
        }
        let fields = self.fields.as_deref().unwrap_or(&self.words);
        fields.get(self.program_field + 1..).unwrap_or(&[])
    }

    /// Orders commands of one instruction by where they run: script, then
    /// position in it.
    pub(crate) fn order(&self) -> (usize, usize) {
        (self.script, self.program_span.start())
    }

    /// Literal view: the program that really runs.
    pub(crate) fn program(&self) -> Option<&Program<'a>> {
        self.chain.last()
    }

    /// Literal view: the base name of the program that really runs.
    pub(crate) fn name(&self) -> Option<&str> {
        self.program().and_then(|p| p.name.as_deref())
    }

    /// The program's word.
    pub(crate) fn program_word(&self) -> Option<&'a Word> {
        let words: &'a [Word] = &self.cmd.command.words;
        words.get(self.program()?.word)
    }

    /// Literal view: the words after the program.
    pub(crate) fn arg_words(&self) -> &'a [Word] {
        let words: &'a [Word] = &self.cmd.command.words;
        match self.program() {
            Some(p) => words.get(p.word + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Literal view: the arguments after the program (one per word of
    /// [`arg_words`](Self::arg_words)).
    pub(crate) fn literal_args(&self) -> &[Arg<'a>] {
        match self.program() {
            Some(p) => self.words.get(p.word + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Literal view: the command runs `name`, directly or through a wrapper.
    pub(crate) fn runs(&self, name: &str) -> bool {
        self.chain.iter().any(|p| p.is(name))
    }

    /// Expanded view: the value of a variable set for this command only.
    pub(crate) fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The command reads from a pipe whose writer is `program` (`yes | …`).
    pub(crate) fn piped_from(&self, program: &str) -> bool {
        self.cmd
            .position
            .prev_in_pipeline()
            .and_then(Command::as_simple)
            .and_then(|c| c.name(&self.run.text))
            .is_some_and(|n| base_name(&n) == program)
    }
}

/// Every simple command of every RUN script, in script and source order.
pub(crate) fn invocations(model: &Model) -> Vec<Invocation<'_>> {
    let mut out = Vec::new();
    for (index, run) in model.scripts.iter().enumerate() {
        script_invocations(model, index, run, &mut out);
    }
    out
}

/// Every simple command of one script, in source order, appended to `out`.
/// `script` is the index to record (the script's index in `model.scripts`);
/// `run` may be a script that is not in the model (a `sh -c` string) of one
/// of its instructions.
pub(crate) fn script_invocations<'a>(
    model: &Model,
    script: usize,
    run: &'a RunScript,
    out: &mut Vec<Invocation<'a>>,
) {
    let expander = Expander::new(model, run);
    let src = run.text.as_str();
    for cmd in run.script.simple_commands() {
        let mut inv = invocation(script, run, cmd, src, &expander);
        inv.index = out.len();
        out.push(inv);
    }
}

fn invocation<'a>(
    script: usize,
    run: &'a RunScript,
    cmd: SimpleCommandRef<'a>,
    src: &'a str,
    expander: &Expander<'_>,
) -> Invocation<'a> {
    let c = cmd.command;
    let words: Vec<Arg<'a>> = c.words.iter().map(|w| Arg::literal(w, src)).collect();
    let literal = unwrap(&words);
    // The expanded view: the same as the literal one unless a word has an
    // expansion.
    let (fields, unwrapped) = if words.iter().any(|a| a.expanded) {
        let mut fields = Vec::with_capacity(words.len());
        for (w, literal) in c.words.iter().zip(&words) {
            expander.expand(literal, w, src, &mut fields);
        }
        let unwrapped = unwrap(&fields);
        (Some(fields), unwrapped)
    } else {
        (None, literal.clone())
    };
    let mut inv = Invocation {
        index: 0,
        script,
        run,
        cmd,
        words,
        chain: literal.chain,
        program: Cow::Borrowed(""),
        program_span: TextRange::default(),
        fields,
        program_field: 0,
        env: Vec::new(),
        stdin_args: false,
    };
    let Some(program) = unwrapped.chain.last() else {
        return inv;
    };
    let Some(name) = program.name.clone().filter(|n| !n.is_empty()) else {
        return inv;
    };
    let all = inv.fields.as_deref().unwrap_or(&inv.words);
    inv.program_span = all[program.word].span;
    inv.env = c
        .assignments
        .iter()
        .map(|a| {
            (
                a.name.slice(src).to_owned(),
                expander.expand_value(&a.value, src),
            )
        })
        .collect();
    inv.env
        .extend(unwrapped.assignments.iter().filter_map(|&k| {
            let (n, v) = all[k].text().split_once('=')?;
            Some((n.to_owned(), v.to_owned()))
        }));
    inv.stdin_args = unwrapped.chain.iter().any(|p| p.is("xargs"));
    inv.program_field = program.word;
    inv.program = name;
    inv
}

/// The invocations of script `script` in `all` (sorted by script).
pub(crate) fn of_script<'s, 'a>(all: &'s [Invocation<'a>], script: usize) -> &'s [Invocation<'a>] {
    let from = all.partition_point(|c| c.script < script);
    let to = all.partition_point(|c| c.script <= script);
    &all[from..to]
}

/// The invocations of instruction `instruction` in `all` (sorted by script,
/// so by instruction).
pub(crate) fn of_instruction<'s, 'a>(
    all: &'s [Invocation<'a>],
    instruction: usize,
) -> &'s [Invocation<'a>] {
    let from = all.partition_point(|c| c.instruction() < instruction);
    let to = all.partition_point(|c| c.instruction() <= instruction);
    &all[from..to]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn chains(src: &str) -> Vec<Vec<String>> {
        let model = Model::new(src);
        invocations(&model)
            .iter()
            .map(|c| {
                c.chain
                    .iter()
                    .map(|p| p.name.as_deref().unwrap_or("?").to_owned())
                    .collect()
            })
            .collect()
    }

    /// (program, arguments) of the expanded view, for commands whose
    /// program is known.
    fn expanded(src: &str) -> Vec<(String, Vec<String>)> {
        let model = Model::new(src);
        invocations(&model)
            .into_iter()
            .filter(Invocation::has_program)
            .map(|i| {
                (
                    i.program.clone().into_owned(),
                    i.args()
                        .iter()
                        .map(|a| a.value.replace(UNKNOWN, "?"))
                        .collect(),
                )
            })
            .collect()
    }

    fn first(src: &str) -> (String, Vec<String>) {
        expanded(src).into_iter().next().expect("a command")
    }

    #[test]
    fn wrappers() {
        assert_eq!(
            chains("FROM a\nRUN sudo -E -u root env X=1 nice -n 5 /usr/bin/curl x\n"),
            [["sudo", "env", "nice", "curl"]]
        );
        assert_eq!(chains("FROM a\nRUN command -v curl\n"), [["command"]]);
        assert_eq!(
            chains("FROM a\nRUN busybox wget x | xargs -r sudo bash\n"),
            [vec!["busybox", "wget"], vec!["xargs", "sudo", "bash"]]
        );
        assert_eq!(chains("FROM a\nRUN sudo $CMD x\n"), [["sudo", "?"]]);
        assert_eq!(chains("FROM a\nRUN X=1\n"), [Vec::<String>::new()]);
        assert_eq!(
            chains("FROM a\nRUN timeout 5 gosu app sh\n"),
            [["timeout", "gosu", "sh"]]
        );
        // `-i` / `-l` / `-e` take attached values only.
        assert_eq!(
            chains("FROM a\nRUN xargs -i -l curl {}\n"),
            [["xargs", "curl"]]
        );
    }

    #[test]
    fn wrappers_in_the_expanded_view() {
        for (src, program) in [
            ("FROM a\nRUN sudo -E apt-get install x\n", "apt-get"),
            (
                "FROM a\nRUN sudo -u root env DEBIAN_FRONTEND=noninteractive apt-get install x\n",
                "apt-get",
            ),
            (
                "FROM a\nRUN nice -n 5 timeout 10m /usr/bin/apt-get install x\n",
                "apt-get",
            ),
            ("FROM a\nRUN command apt-get install x\n", "apt-get"),
            (
                "FROM a\nRUN cat list | xargs -r apt-get install x\n",
                "apt-get",
            ),
            ("FROM a\nRUN eatmydata apt-get install x\n", "apt-get"),
            ("FROM a\nRUN gosu root apt-get install x\n", "apt-get"),
            ("FROM a\nARG S=sudo\nRUN $S apt-get install x\n", "apt-get"),
        ] {
            let all = expanded(src);
            let last = all.last().expect("command");
            assert_eq!(last.0, program, "{src}");
            assert_eq!(last.1, ["install", "x"], "{src}");
        }
        // The wrapper itself runs when its program cannot be told.
        assert_eq!(first("FROM a\nRUN command -v apt-get\n").0, "command");
        assert_eq!(first("FROM a\nRUN env -S 'apt-get install x'\n").0, "env");
        assert!(expanded("FROM a\nRUN sudo $CMD install x\n").is_empty());
    }

    #[test]
    fn words_are_expanded_with_arg_and_env() {
        let src = "FROM a\nARG PKGS=\"curl wget\"\nENV V=1.2\nARG NODEF\n\
                   RUN apk add $PKGS \"$PKGS\" x=$V y=${V} $NODEF $(cat f) ${V:-3}\n";
        assert_eq!(
            first(src).1,
            [
                "add",
                "curl",
                "wget",
                "curl wget",
                "x=1.2",
                "y=1.2",
                "?",
                "?",
                "?"
            ]
        );
        // A variable the script assigns is unknown.
        let src = "FROM a\nARG P=curl\nRUN for P in a b; do apk add $P; done\n";
        assert_eq!(expanded(src)[0].1, ["add", "?"]);
        // One literal assignment before the use: its value.
        let src =
            "FROM a\nRUN deps=' curl  git ' && apk add $deps; X=1; X=$(f); apk add $X $Y; Y=3\n";
        let all = expanded(src);
        assert_eq!(all[0].1, ["add", "curl", "git"]);
        assert_eq!(all[2].1, ["add", "?", "?"]);
        // An assignment in the other branch of an `if` does not reach the use.
        let src = "FROM a\nARG P=curl\nRUN if x; then P=$(f); else apk add $P; fi\n";
        assert_eq!(expanded(src)[2].1, ["add", "curl"]);
        // Literal values in both branches: the first.
        let src = "FROM a\nRUN if x; then S=-cpu; else S=''; fi; pip install tf$S\n";
        assert_eq!(expanded(src)[1].1, ["install", "tf-cpu"]);
        // ... nor before a special builtin (POSIX keeps those).
        let src = "FROM a\nRUN deps='curl git' set -x && apk add $deps\n";
        assert_eq!(expanded(src)[1].1, ["add", "curl", "git"]);
        // `X=1 cmd` does not change `$X` for later commands.
        let src = "FROM a\nARG X=curl\nRUN X=1 true && apk add $X\n";
        assert_eq!(expanded(src)[1].1, ["add", "curl"]);
        // ONBUILD triggers see the child's environment.
        let src = "FROM a\nARG P=curl\nONBUILD RUN apk add $P\n";
        assert_eq!(first(src).1, ["add", "?"]);
    }

    #[test]
    fn inline_environment() {
        let model = Model::new("FROM a\nRUN X=1 env Y=2 sudo Z=3 pip install x\n");
        let inv = &invocations(&model)[0];
        assert_eq!(inv.program, "pip");
        assert_eq!(inv.env_value("X"), Some("1"));
        assert_eq!(inv.env_value("Y"), Some("2"));
        assert_eq!(inv.env_value("Z"), Some("3"));
    }

    fn parsed(args: &str, spec: &OptSpec) -> Vec<String> {
        let src = format!("FROM a\nRUN x {args}\n");
        let model = Model::new(&src);
        let inv = &invocations(&model)[0];
        parse_options(inv.literal_args(), spec)
            .iter()
            .map(|a| {
                let value = a.value.map(|v| v.replace(UNKNOWN, "?"));
                let value = value.map(|v| format!("={v}")).unwrap_or_default();
                match a.kind {
                    OptKind::Short => format!("-{}{value}", a.name),
                    OptKind::Long => format!("--{}{value}", a.name),
                    OptKind::Operand => a.value.unwrap_or_default().replace(UNKNOWN, "?"),
                }
            })
            .collect()
    }

    #[test]
    fn options() {
        let curl = OptSpec {
            short_value: "oH",
            long_value: &["output"],
            ..OptSpec::default()
        };
        assert_eq!(
            parsed("-fsSLo out url --output=f -H 'a: b' -- -k", &curl),
            [
                "-f",
                "-s",
                "-S",
                "-L",
                "-o=out",
                "url",
                "--output=f",
                "-H=a: b",
                "-k"
            ]
        );
        let sh = OptSpec {
            short_value: "o",
            stop_at_operand: true,
            ..OptSpec::default()
        };
        assert_eq!(
            parsed("-eo pipefail script -x $Y", &sh),
            ["-e", "-o=pipefail", "script", "-x", "?"]
        );
        let apt = OptSpec {
            short_value: "ot",
            short_equals: true,
            ..OptSpec::default()
        };
        assert_eq!(
            parsed("-qq -o=A=1 -q=2 -tbuster install", &apt),
            ["-q", "-q", "-o=A=1", "-q=2", "-t=buster", "install"]
        );
        let go = OptSpec {
            long_value: &["ldflags"],
            single_dash_long: true,
            ..OptSpec::default()
        };
        assert_eq!(
            parsed("-ldflags '-s -w' -v x", &go),
            ["--ldflags=-s -w", "--v", "x"]
        );
        let npm = OptSpec {
            bool_words: true,
            ..OptSpec::default()
        };
        assert_eq!(
            parsed("--strict-ssl false x", &npm),
            ["--strict-ssl=false", "x"]
        );
    }

    /// Command lines that stress the wrapper and option parsers (the
    /// package layer's tests add their own).
    pub(crate) const ODD_RUNS: &[&str] = &[
        "sudo",
        "sudo -u",
        "env -u",
        "env X=1",
        "timeout",
        "timeout -s",
        "xargs -I",
        "nice -n",
        "command",
        "command -p",
        "exec -a",
        "stdbuf -o",
        "gosu",
        "\"$(\"",
        "'",
        "${X:-",
        "`x",
        "x é=1 ü -é",
    ];

    /// `run` as a RUN line, an ONBUILD RUN and a heredoc script.
    pub(crate) fn odd_model(run: &str) -> Model {
        Model::new(&format!(
            "FROM a\nRUN {run}\nONBUILD RUN {run}\nRUN <<EOF\n{run}\nEOF\n"
        ))
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for run in ODD_RUNS {
            let model = odd_model(run);
            for inv in invocations(&model) {
                let _ = (inv.name(), inv.arg_words(), inv.program_word());
                let _ = parse_options(inv.args(), &OptSpec::default());
                let _ = parse_options(inv.literal_args(), &OptSpec::default());
            }
        }
    }
}
