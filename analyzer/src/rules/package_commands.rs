//! Package-manager invocations inside RUN scripts, shared by the package
//! rules (DL3008–DL3062, DW1010, DW3001, DW3002) and usable by any rule that
//! needs to know which program a shell command really runs.
//!
//! Three layers, each usable alone:
//!
//! 1. [`invocations`]: every simple command of every RUN script (heredoc
//!    scripts and `ONBUILD RUN` included), seen through wrappers (`sudo`,
//!    `env X=1`, `command`, `exec`, `nice`, `nohup`, `time`, `timeout 5`,
//!    `stdbuf`, `ionice`, `eatmydata`, `fakeroot`, `chronic`, `xargs`) to the
//!    program that really runs. Its arguments are *expanded* the way the
//!    shell will see them: quotes removed, and `$VAR` / `${VAR}` replaced by
//!    the script's own literal assignment before the use
//!    (`deps='a b' && apk add $deps`; `X=1 set -x` too, as POSIX sh keeps
//!    assignments before special builtins; one in the other branch of an
//!    `if` does not count), else by the value of the ARG or ENV the RUN sees
//!    (BuildKit puts them in the environment); unquoted expansions are split
//!    into fields. What cannot be known — computed assignments (`X=$(…)`,
//!    `read X`, loop variables), `$(…)`, `${VAR:-…}`, ARGs without a default,
//!    anything in an `ONBUILD` trigger — becomes the [`UNKNOWN`] character,
//!    so rules can tell "unpinned" from "can't tell". `sh -c '…'` strings
//!    are not parsed.
//! 2. [`parse_options`]: GNU-style option parsing with a per-tool table of
//!    the options that take a value: short clusters (`-yq`), `-ovalue`,
//!    `-o value`, `-q=2`, `--opt=value`, `--opt value`, `--`; Go's
//!    single-dash long options; npm's `--flag false`.
//! 3. [`package_commands`]: the invocations of the package managers dockward
//!    knows ([`Manager`]) with their options, subcommand and operands.
//!
//! Plus what the cleanup rules share: [`cache_mount_targets`] (the RUN's
//! `--mount=type=cache|tmpfs` targets), [`path_covers`], [`removes_path`],
//! [`shell_string_mentions`] and [`in_image_stage`].

use std::collections::HashMap;

use crate::checker::Checker;
use crate::model::{Model, RunScript};
use crate::shell::{Command, Script, SimpleCommandRef, Word, WordPart};
use crate::syntax::Keyword;
use crate::values::mount::{MountKind, parse_mount};
use crate::{Applicability, Edit, Fix, TextRange};

/// Stands for text only known at build time (an unknown variable, a command
/// substitution) inside an expanded argument.
pub(crate) const UNKNOWN: char = '\u{FFFC}';

/// One argument of a command after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arg {
    /// The value, with [`UNKNOWN`] for the parts known only at build time.
    pub value: String,
    /// Script-relative span of the shell word the argument comes from.
    pub span: TextRange,
    /// The value is not the word's literal text (an expansion was
    /// substituted or split): `span` covers the whole word, and edits must
    /// not assume its text.
    pub expanded: bool,
}

impl Arg {
    /// The value when no part of it is unknown.
    pub(crate) fn known(&self) -> Option<&str> {
        (!self.value.contains(UNKNOWN)).then_some(self.value.as_str())
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

/// A command as it really runs: the program behind any wrappers, and its
/// expanded arguments.
#[derive(Clone, Debug)]
pub(crate) struct Invocation<'a> {
    /// Index of the script in `model.scripts`.
    pub script: usize,
    pub run: &'a RunScript,
    pub command: SimpleCommandRef<'a>,
    /// The program's base name (`apt-get` for `/usr/bin/apt-get`).
    pub program: String,
    /// Script-relative span of the program word.
    pub program_span: TextRange,
    /// The arguments after the program.
    pub args: Vec<Arg>,
    /// Variables set for this command only (`X=1 cmd`, `env X=1 cmd`,
    /// `sudo X=1 cmd`), with expanded values.
    pub env: Vec<(String, String)>,
    /// Run by `xargs`: further arguments come from standard input.
    pub stdin_args: bool,
}

impl Invocation<'_> {
    /// The instruction that runs the command.
    pub(crate) fn instruction(&self) -> usize {
        self.run.instruction
    }

    /// A script span as a file range.
    pub(crate) fn file_range(&self, span: TextRange) -> TextRange {
        self.run.file_range(span)
    }

    /// Orders commands of one instruction by where they run: script, then
    /// position in it.
    pub(crate) fn order(&self) -> (usize, usize) {
        (self.script, self.program_span.start())
    }

    /// The value of a variable set for this command only.
    pub(crate) fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The command reads from a pipe whose writer is `program` (`yes | …`).
    pub(crate) fn piped_from(&self, program: &str) -> bool {
        self.command
            .position
            .prev_in_pipeline()
            .and_then(Command::as_simple)
            .and_then(|c| c.name(&self.run.text))
            .is_some_and(|n| base_name(&n) == program)
    }
}

/// The last path component.
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

// ---------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------

/// Expands words the way the shell of one RUN will.
struct Expander<'m> {
    model: &'m Model,
    instruction: usize,
    /// Inside an ONBUILD trigger: the environment is the child image's.
    onbuild: bool,
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
    fn new(model: &'m Model, run: &RunScript) -> Self {
        Expander {
            model,
            instruction: run.instruction,
            onbuild: model.is(run.instruction, Keyword::Onbuild),
            assigned: assignments(&run.script, &run.text),
            branches: if_branches(&run.script),
        }
    }

    /// The value of `$name` used at script offset `at`: when the script
    /// assigns it, the value of its literal assignment before the use (with
    /// several, as in both branches of an `if`, the first: rules only look at
    /// what kind of text it is); else the ARG/ENV the RUN sees. A computed
    /// assignment, or one after the use: unknown.
    fn var(&self, name: &str, at: usize) -> Option<String> {
        let reaching: Vec<&Assigned> = self
            .assigned
            .get(name)
            .map(|list| list.iter().filter(|a| !self.exclusive(a.at, at)).collect())
            .unwrap_or_default();
        if !reaching.is_empty() {
            if reaching.iter().all(|a| a.at < at && a.value.is_some()) {
                return reaching.first().and_then(|a| a.value.clone());
            }
            return None;
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
        (!value.contains('$')).then(|| value.to_owned())
    }

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

    /// The fields a word expands to.
    fn expand(&self, word: &Word, src: &str) -> Vec<Arg> {
        if let Some(lit) = word.literal(src) {
            return vec![Arg {
                value: lit.into_owned(),
                span: word.span,
                expanded: false,
            }];
        }
        let mut out = String::new();
        let mut split = false;
        self.push_parts(&word.parts, src, false, &mut out, &mut split);
        if split {
            out.split_ascii_whitespace()
                .map(|field| Arg {
                    value: field.to_owned(),
                    span: word.span,
                    expanded: true,
                })
                .collect()
        } else {
            vec![Arg {
                value: out,
                span: word.span,
                expanded: true,
            }]
        }
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
                        parts: vec![part.clone()].into(),
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
                            out.push_str(&value);
                        }
                        None => out.push(UNKNOWN),
                    }
                }
                _ => out.push(UNKNOWN),
            }
        }
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
                            a.value.literal(src).map(std::borrow::Cow::into_owned)
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

fn is_name(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// `NAME=value` as a command argument (for `env` and `sudo`).
fn as_assignment(arg: &Arg) -> Option<(String, String)> {
    let (name, value) = arg.value.split_once('=')?;
    is_name(name).then(|| (name.to_owned(), value.to_owned()))
}

// ---------------------------------------------------------------------------
// Invocations
// ---------------------------------------------------------------------------

/// Every simple command of every RUN script, seen through wrappers, in
/// instruction and source order.
pub(crate) fn invocations(model: &Model) -> Vec<Invocation<'_>> {
    let mut out = Vec::new();
    for (index, run) in model.scripts.iter().enumerate() {
        let expander = Expander::new(model, run);
        for command in run.script.simple_commands() {
            if let Some(inv) = invocation(index, run, command, &expander) {
                out.push(inv);
            }
        }
    }
    out
}

fn invocation<'a>(
    script: usize,
    run: &'a RunScript,
    command: SimpleCommandRef<'a>,
    expander: &Expander<'_>,
) -> Option<Invocation<'a>> {
    let src = run.text.as_str();
    let c = command.command;
    if c.words.is_empty() {
        return None;
    }
    let mut env: Vec<(String, String)> = c
        .assignments
        .iter()
        .map(|a| {
            let value = expander
                .expand(&a.value, src)
                .into_iter()
                .map(|arg| arg.value)
                .collect::<Vec<_>>()
                .join(" ");
            (a.name.slice(src).to_owned(), value)
        })
        .collect();
    let words: Vec<Arg> = c
        .words
        .iter()
        .flat_map(|w| expander.expand(w, src))
        .collect();
    let mut i = 0;
    let mut stdin_args = false;
    // A few wrappers deep at most (`sudo env X=1 nice apt-get …`).
    for _ in 0..8 {
        let name = base_name(words.get(i)?.known()?);
        let next = match name {
            "sudo" | "doas" => {
                let mut j = skip_options(&words, i + 1, "ughpCDrtUTa", SUDO_LONG)?;
                while let Some(kv) = words.get(j).and_then(as_assignment) {
                    env.push(kv);
                    j += 1;
                }
                j
            }
            "env" => {
                let mut j = i + 1;
                while let Some(a) = words.get(j) {
                    let v = a.value.as_str();
                    if v == "--" {
                        j += 1;
                        break;
                    }
                    if v.starts_with("-S") || v.starts_with("--split-string") {
                        return None;
                    }
                    if matches!(v, "-u" | "-C" | "--unset" | "--chdir") {
                        j += 2;
                    } else if v.starts_with('-') {
                        j += 1;
                    } else if let Some(kv) = as_assignment(a) {
                        env.push(kv);
                        j += 1;
                    } else {
                        break;
                    }
                }
                j
            }
            "command" => {
                let mut j = i + 1;
                while words.get(j).is_some_and(|a| a.is("-p") || a.is("--")) {
                    j += 1;
                }
                if words
                    .get(j)
                    .is_some_and(|a| a.value.starts_with("-v") || a.value.starts_with("-V"))
                {
                    return None;
                }
                j
            }
            "exec" => skip_options(&words, i + 1, "a", &[])?,
            "time" => skip_options(&words, i + 1, "fo", &["format", "output"])?,
            "nice" => skip_options(&words, i + 1, "n", &["adjustment"])?,
            "ionice" => skip_options(&words, i + 1, "cnp", &["class", "classdata", "pid"])?,
            "stdbuf" => skip_options(&words, i + 1, "ioe", &["input", "output", "error"])?,
            "timeout" => skip_options(&words, i + 1, "sk", &["signal", "kill-after"])? + 1,
            "xargs" => {
                stdin_args = true;
                skip_options(&words, i + 1, "adEILnPs", XARGS_LONG)?
            }
            "builtin" | "nohup" | "eatmydata" | "fakeroot" | "chronic" => i + 1,
            _ => break,
        };
        i = next;
    }
    let program_arg = words.get(i)?;
    let program = base_name(program_arg.known()?).to_owned();
    if program.is_empty() {
        return None;
    }
    Some(Invocation {
        script,
        run,
        command,
        program,
        program_span: program_arg.span,
        args: words[i + 1..].to_vec(),
        env,
        stdin_args,
    })
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

/// The index of the first word after the options starting at `start`
/// (a `--` is consumed). `None` when an option's value runs off the end.
fn skip_options(
    words: &[Arg],
    start: usize,
    short_value: &str,
    long_value: &[&str],
) -> Option<usize> {
    let mut j = start;
    while let Some(a) = words.get(j) {
        let v = a.value.as_str();
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
    (j <= words.len()).then_some(j)
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/// How a tool reads its options.
pub(crate) struct OptSpec {
    /// Short options that take a value (`-o value`, `-ovalue`).
    pub short_value: &'static str,
    /// Long options that take a value (`--opt value`, `--opt=value`).
    pub long_value: &'static [&'static str],
    /// Go's flags: `-name` is one long option, never a cluster.
    pub single_dash_long: bool,
    /// npm's boolean flags take a following `true` / `false`.
    pub bool_words: bool,
}

/// One option occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Opt {
    /// `y` for `-y`, `no-install-recommends` for `--no-install-recommends`.
    pub name: String,
    pub long: bool,
    pub value: Option<String>,
    /// Index in the argument list of the word holding the option.
    pub arg: usize,
}

/// Options and operands of an argument list.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    pub opts: Vec<Opt>,
    /// Indices of the operands (not options, not option values).
    pub operands: Vec<usize>,
}

/// Splits `args` into options and operands. Options may appear anywhere
/// (GNU permutation) until `--`. An unknown argument is an operand.
pub(crate) fn parse_options(args: &[Arg], spec: &OptSpec) -> Options {
    let mut out = Options::default();
    let mut i = 0;
    let mut only_operands = false;
    while i < args.len() {
        let v = args[i].value.as_str();
        if only_operands || !v.starts_with('-') || v == "-" {
            out.operands.push(i);
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
            let (name, mut value) = match long.split_once('=') {
                Some((n, val)) => (n, Some(val.to_owned())),
                None => (long, None),
            };
            let mut used = 1;
            if value.is_none() {
                if spec.long_value.contains(&name) {
                    value = args.get(i + 1).map(|a| a.value.clone());
                    used = 2;
                } else if spec.bool_words
                    && args
                        .get(i + 1)
                        .is_some_and(|a| a.is("true") || a.is("false"))
                {
                    value = args.get(i + 1).map(|a| a.value.clone());
                    used = 2;
                }
            }
            out.opts.push(Opt {
                name: name.to_owned(),
                long: true,
                value,
                arg: i,
            });
            i += used;
            continue;
        }
        let cluster = &v[1..];
        let mut used = 1;
        for (k, ch) in cluster.char_indices() {
            let rest = &cluster[k + ch.len_utf8()..];
            if ch == '=' {
                // `-q=2`: the value of the option before.
                if let Some(last) = out.opts.last_mut().filter(|o| o.arg == i) {
                    last.value = Some(rest.to_owned());
                }
                break;
            }
            if spec.short_value.contains(ch) {
                let value = if rest.is_empty() {
                    used = 2;
                    args.get(i + 1).map(|a| a.value.clone())
                } else {
                    Some(rest.strip_prefix('=').unwrap_or(rest).to_owned())
                };
                out.opts.push(Opt {
                    name: ch.to_string(),
                    long: false,
                    value,
                    arg: i,
                });
                break;
            }
            out.opts.push(Opt {
                name: ch.to_string(),
                long: false,
                value: None,
                arg: i,
            });
        }
        i += used;
    }
    out
}

// ---------------------------------------------------------------------------
// Package managers
// ---------------------------------------------------------------------------

/// The package managers dockward knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Manager {
    AptGet,
    Apt,
    Apk,
    Yum,
    Dnf,
    Microdnf,
    Tdnf,
    Zypper,
    /// `pip`, `pip3`, `pip3.12`, `python -m pip`.
    Pip,
    Pipx,
    Npm,
    Yarn,
    Gem,
    Go,
    Rpm,
}

impl Manager {
    /// The manager a program name runs (`python*` is handled separately).
    pub(crate) fn from_program(name: &str) -> Option<Manager> {
        Some(match name {
            "apt-get" => Manager::AptGet,
            "apt" => Manager::Apt,
            "apk" => Manager::Apk,
            "yum" => Manager::Yum,
            "dnf" | "dnf5" | "dnf-3" => Manager::Dnf,
            "microdnf" => Manager::Microdnf,
            "tdnf" => Manager::Tdnf,
            "zypper" => Manager::Zypper,
            "pipx" => Manager::Pipx,
            "npm" => Manager::Npm,
            "yarn" => Manager::Yarn,
            "gem" => Manager::Gem,
            "go" => Manager::Go,
            "rpm" => Manager::Rpm,
            _ if is_versioned(name, "pip") => Manager::Pip,
            _ => return None,
        })
    }

    /// `yum`, `dnf`, `microdnf`, `tdnf`.
    pub(crate) fn is_rpm_family(self) -> bool {
        matches!(
            self,
            Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Tdnf
        )
    }

    /// `apt-get`, `apt`.
    pub(crate) fn is_apt(self) -> bool {
        matches!(self, Manager::AptGet | Manager::Apt)
    }

    fn spec(self) -> &'static OptSpec {
        match self {
            Manager::AptGet | Manager::Apt => &APT,
            Manager::Apk => &APK,
            Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Tdnf => &DNF,
            Manager::Zypper => &ZYPPER,
            Manager::Pip | Manager::Pipx => &PIP,
            Manager::Npm => &NPM,
            Manager::Yarn => &YARN,
            Manager::Gem => &GEM,
            Manager::Go => &GO,
            Manager::Rpm => &RPM,
        }
    }
}

/// `name`, or `name` followed by a version (`pip3`, `pip3.12`, `python3.11`).
fn is_versioned(program: &str, name: &str) -> bool {
    program.strip_prefix(name).is_some_and(|rest| {
        rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !rest.starts_with('.')
            && !rest.ends_with('.')
    })
}

static APT: OptSpec = OptSpec {
    short_value: "octaP",
    long_value: &[
        "option",
        "config-file",
        "target-release",
        "default-release",
        "host-architecture",
        "build-profiles",
        "solver",
        "planner",
    ],
    single_dash_long: false,
    bool_words: false,
};

static APK: OptSpec = OptSpec {
    short_value: "Xpt",
    long_value: &[
        "repository",
        "root",
        "virtual",
        "arch",
        "cache-dir",
        "keys-dir",
        "repositories-file",
        "progress-fd",
        "wait",
        "cache-max-age",
        "timeout",
    ],
    single_dash_long: false,
    bool_words: false,
};

static DNF: OptSpec = OptSpec {
    short_value: "cdexR",
    long_value: &[
        "config",
        "debuglevel",
        "errorlevel",
        "exclude",
        "excludepkgs",
        "enablerepo",
        "disablerepo",
        "repo",
        "repoid",
        "setopt",
        "installroot",
        "releasever",
        "rpmverbosity",
        "downloaddir",
        "destdir",
        "color",
        "comment",
        "advisory",
        "advisories",
        "bz",
        "bzs",
        "cve",
        "cves",
        "sec-severity",
        "secseverity",
        "forcearch",
        "repofrompath",
        "enableplugin",
        "disableplugin",
        "disableexcludes",
        "disableexcludepkgs",
        "randomwait",
        "cachedir",
        "platform_id",
        "module_platform_id",
    ],
    single_dash_long: false,
    bool_words: false,
};

static ZYPPER: OptSpec = OptSpec {
    short_value: "RcpDCtr",
    long_value: &[
        "root",
        "config",
        "plus-repo",
        "plus-content",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "userdata",
        "type",
        "repo",
        "from",
        "download",
    ],
    single_dash_long: false,
    bool_words: false,
};

static PIP: OptSpec = OptSpec {
    short_value: "rcetifbC",
    long_value: &[
        "requirement",
        "constraint",
        "editable",
        "target",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "root",
        "prefix",
        "src",
        "upgrade-strategy",
        "index-url",
        "extra-index-url",
        "find-links",
        "no-binary",
        "only-binary",
        "progress-bar",
        "proxy",
        "trusted-host",
        "log",
        "log-file",
        "cache-dir",
        "timeout",
        "retries",
        "exists-action",
        "cert",
        "client-cert",
        "global-option",
        "install-option",
        "config-settings",
        "python",
        "report",
        "root-user-action",
        "keyring-provider",
        "use-feature",
        "use-deprecated",
        "build",
        "group",
        "pip-args",
        "spec",
        "suffix",
    ],
    single_dash_long: false,
    bool_words: false,
};

static NPM: OptSpec = OptSpec {
    short_value: "wC",
    long_value: &[
        "registry",
        "loglevel",
        "prefix",
        "cache",
        "userconfig",
        "globalconfig",
        "tag",
        "workspace",
        "omit",
        "include",
        "install-strategy",
        "before",
        "otp",
        "location",
        "save-prefix",
        "scope",
        "script-shell",
        "fetch-retries",
        "fetch-timeout",
        "proxy",
        "https-proxy",
        "ca",
        "cafile",
        "cert",
        "key",
        "access",
        "auth-type",
        "node-options",
        "python",
        "only",
        "also",
        "depth",
        "target_arch",
        "target_platform",
        "arch",
        "platform",
        "libc",
        "cpu",
        "os",
    ],
    single_dash_long: false,
    bool_words: true,
};

static YARN: OptSpec = OptSpec {
    short_value: "",
    long_value: &[
        "cache-folder",
        "modules-folder",
        "global-folder",
        "link-folder",
        "preferred-cache-folder",
        "network-timeout",
        "network-concurrency",
        "mutex",
        "registry",
        "cwd",
        "use-yarnrc",
        "https-proxy",
        "proxy",
    ],
    single_dash_long: false,
    bool_words: true,
};

static GEM: OptSpec = OptSpec {
    short_value: "vinspPg",
    long_value: &[
        "version",
        "install-dir",
        "bindir",
        "source",
        "http-proxy",
        "trust-policy",
        "file",
        "platform",
        "document",
        "build-root",
        "config-file",
        "target-rbconfig",
    ],
    single_dash_long: false,
    bool_words: false,
};

static GO: OptSpec = OptSpec {
    short_value: "",
    long_value: &[
        "o",
        "C",
        "p",
        "tags",
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "mod",
        "modfile",
        "pkgdir",
        "toolexec",
        "overlay",
        "pgo",
        "buildmode",
        "compiler",
        "installsuffix",
        "exec",
        "coverpkg",
        "covermode",
    ],
    single_dash_long: true,
    bool_words: false,
};

static RPM: OptSpec = OptSpec {
    short_value: "D",
    long_value: &[
        "root",
        "dbpath",
        "define",
        "predefine",
        "prefix",
        "relocate",
        "excludepath",
        "macros",
        "rcfile",
        "pipe",
    ],
    single_dash_long: false,
    bool_words: false,
};

/// A package manager invocation.
#[derive(Clone, Debug)]
pub(crate) struct PackageCommand<'a> {
    pub inv: Invocation<'a>,
    pub manager: Manager,
    /// How the command is named in messages: the program, or
    /// `python3 -m pip`.
    pub display: String,
    pub opts: Vec<Opt>,
    /// Indices into `inv.args` of the operands: the subcommand first (for
    /// managers that have one), then its operands.
    pub operands: Vec<usize>,
}

impl<'a> PackageCommand<'a> {
    fn new(mut inv: Invocation<'a>) -> Option<PackageCommand<'a>> {
        let mut display = inv.program.clone();
        let manager = match Manager::from_program(&inv.program) {
            Some(m) => m,
            None if is_versioned(&inv.program, "python") => {
                // `python [opts] -m pip …`: the arguments after the module.
                let mut k = 0;
                loop {
                    let a = inv.args.get(k)?;
                    let module = if a.is("-m") {
                        k += 1;
                        inv.args.get(k)?.known()?
                    } else if let Some(m) = a.value.strip_prefix("-m") {
                        m
                    } else if a.value.starts_with('-') && !a.value.starts_with("-c") {
                        k += if matches!(a.value.as_str(), "-W" | "-X") {
                            2
                        } else {
                            1
                        };
                        continue;
                    } else {
                        return None;
                    };
                    if !is_versioned(module, "pip") {
                        return None;
                    }
                    display = format!("{} -m {module}", inv.program);
                    inv.args.drain(..=k);
                    break Manager::Pip;
                }
            }
            None => return None,
        };
        let parsed = parse_options(&inv.args, manager.spec());
        Some(PackageCommand {
            inv,
            manager,
            display,
            opts: parsed.opts,
            operands: parsed.operands,
        })
    }

    /// The instruction that runs the command.
    pub(crate) fn instruction(&self) -> usize {
        self.inv.instruction()
    }

    /// The first operand: the subcommand (`install`, `add`, `update`).
    pub(crate) fn subcommand_arg(&self) -> Option<&Arg> {
        self.operands.first().map(|&i| &self.inv.args[i])
    }

    /// The subcommand's value, when known.
    pub(crate) fn subcommand(&self) -> Option<&str> {
        self.subcommand_arg().and_then(Arg::known)
    }

    /// The subcommand is one of `names`.
    pub(crate) fn is_subcommand(&self, names: &[&str]) -> bool {
        self.subcommand().is_some_and(|s| names.contains(&s))
    }

    /// The operands after the subcommand.
    pub(crate) fn operands_after_subcommand(&self) -> impl Iterator<Item = &Arg> + '_ {
        self.operands.iter().skip(1).map(|&i| &self.inv.args[i])
    }

    /// Any occurrence of the short option `short` or one of the long options.
    pub(crate) fn has_opt(&self, short: &[char], long: &[&str]) -> bool {
        self.opts_named(short, long).next().is_some()
    }

    /// The occurrences of the short option `short` or one of the long options.
    pub(crate) fn opts_named<'s>(
        &'s self,
        short: &'s [char],
        long: &'s [&'s str],
    ) -> impl Iterator<Item = &'s Opt> + 's {
        self.opts.iter().filter(move |o| {
            if o.long {
                long.contains(&o.name.as_str())
            } else {
                o.name.chars().next().is_some_and(|c| short.contains(&c))
            }
        })
    }

    /// The file range from the program word to the end of the subcommand
    /// (`apt-get install`), or the program word alone.
    pub(crate) fn head_range(&self) -> TextRange {
        let start = self.inv.program_span;
        let span = match self.subcommand_arg() {
            Some(sub) if sub.span.start() >= start.end() => start.cover(sub.span),
            _ => start,
        };
        self.inv.file_range(span)
    }

    /// `program subcommand` for messages (`apt-get install`, `pip3 install`).
    pub(crate) fn label(&self) -> String {
        let Some(sub) = self.subcommand() else {
            return self.display.clone();
        };
        let second = self.operands.get(1).and_then(|&i| self.inv.args[i].known());
        match second {
            Some(action)
                if matches!(sub, "module" | "group" | "global" | "config")
                    && !action.starts_with('-') =>
            {
                format!("{} {sub} {action}", self.display)
            }
            _ => format!("{} {sub}", self.display),
        }
    }

    /// A hit at `arg` (an operand of this command) labelled with its value.
    pub(crate) fn hit_at(&self, arg: &Arg) -> Hit {
        Hit {
            instruction: self.instruction(),
            range: self.inv.file_range(arg.span),
            label: arg.value.clone(),
            command: self.label(),
            edits: Vec::new(),
        }
    }

    /// A hit at the command's head (`apt-get install`), with a fix edit.
    pub(crate) fn hit_at_head(&self, edit: Option<Edit>) -> Hit {
        Hit {
            instruction: self.instruction(),
            range: self.head_range(),
            label: self.label(),
            command: self.label(),
            edits: edit.into_iter().collect(),
        }
    }

    /// An edit inserting ` text` right after the subcommand word, when that
    /// word is written literally.
    pub(crate) fn insert_after_subcommand(&self, text: &str) -> Option<Edit> {
        let sub = self.subcommand_arg()?;
        if !sub.is_literal() {
            return None;
        }
        let at = self.inv.file_range(sub.span).end();
        Some(Edit::insert(at, format!(" {text}")))
    }
}

/// The package-manager command an invocation runs, if any.
pub(crate) fn as_package_command<'a>(inv: &Invocation<'a>) -> Option<PackageCommand<'a>> {
    Manager::from_program(&inv.program)
        .or_else(|| is_versioned(&inv.program, "python").then_some(Manager::Pip))?;
    PackageCommand::new(inv.clone())
}

/// Some invocation of the same instruction as `inv`, running after it,
/// satisfies `pred`.
pub(crate) fn any_later(
    all: &[Invocation<'_>],
    inv: &Invocation<'_>,
    mut pred: impl FnMut(&Invocation<'_>) -> bool,
) -> bool {
    all.iter().any(|other| {
        other.instruction() == inv.instruction() && other.order() > inv.order() && pred(other)
    })
}

/// Every package-manager invocation in the model's RUN scripts.
pub(crate) fn package_commands(model: &Model) -> Vec<PackageCommand<'_>> {
    invocations(model)
        .into_iter()
        .filter_map(PackageCommand::new)
        .collect()
}

/// An rpm package operand (`yum`/`dnf`/`zypper install`) that names a
/// package without a version: `httpd`, `epel-release`, `gcc-c++`; not
/// `httpd-2.4.6`, `x.rpm`, a path or URL, `@group`, or an unknown value.
/// After the name, a version is a `-` followed by parts made of letters,
/// digits and `.~^_:+`, one of them starting with a digit.
pub(crate) fn rpm_unpinned(arg: &Arg) -> bool {
    let v = arg.value.as_str();
    if v.is_empty()
        || v.starts_with('-')
        || v.starts_with('@')
        || v.contains('/')
        || v.ends_with(".rpm")
        || v.contains(['=', '<', '>'])
    {
        return false;
    }
    let mut parts = v.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| p.contains(UNKNOWN)) {
        return false;
    }
    if arg.has_unknown() && rest.is_empty() {
        return false;
    }
    let version_like = !rest.is_empty()
        && rest.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
        })
        && rest
            .iter()
            .any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()));
    !version_like
}

// ---------------------------------------------------------------------------
// Cleanup helpers
// ---------------------------------------------------------------------------

/// The targets of the RUN's `--mount=type=cache` and `type=tmpfs` mounts
/// (what is written there stays out of the layer), expanded.
pub(crate) fn cache_mount_targets(model: &Model, instruction: usize) -> Vec<String> {
    let Some(inst) = model.instructions().get(instruction) else {
        return Vec::new();
    };
    let run = inst.onbuild_trigger().unwrap_or(inst);
    let src = model.src();
    let escape = model.file.escape.as_char();
    let mut out = Vec::new();
    for flag in &run.flags {
        if flag.name() != "mount" {
            continue;
        }
        let Some(cooked) = flag.value() else { continue };
        let range = flag.value_range(src);
        let spec = if range == flag.range {
            parse_mount(cooked, 0, escape)
        } else {
            parse_mount(range.slice(src), range.start(), escape)
        };
        if !matches!(spec.kind, MountKind::Cache | MountKind::Tmpfs) {
            continue;
        }
        if let Some(target) = spec.target {
            let value = if target.symbolic {
                model.expand(instruction, &target.text)
            } else {
                target.text
            };
            out.push(value);
        }
    }
    out
}

fn trim_path(p: &str) -> &str {
    let t = p.trim_end_matches('/');
    if t.is_empty() && p.starts_with('/') {
        "/"
    } else {
        t
    }
}

/// `dir` is `ancestor` or inside it.
pub(crate) fn path_covers(ancestor: &str, dir: &str) -> bool {
    let a = trim_path(ancestor);
    let d = trim_path(dir);
    if a.is_empty() || a.contains(UNKNOWN) {
        return false;
    }
    d == a || a == "/" || d.strip_prefix(a).is_some_and(|rest| rest.starts_with('/'))
}

/// The invocation is `rm` of `dir`, of a directory containing it, or of
/// `dir/*`.
pub(crate) fn removes_path(inv: &Invocation<'_>, dir: &str) -> bool {
    inv.program == "rm"
        && inv.args.iter().any(|a| {
            let Some(v) = a.known() else { return false };
            if v.starts_with('-') {
                return false;
            }
            let v = v
                .strip_suffix("/*")
                .or_else(|| v.strip_suffix("*"))
                .unwrap_or(v);
            path_covers(v, dir)
        })
}

/// The invocation is a shell running a `-c` string (`bash -c "…"`,
/// `sh -ec '…'`) whose text mentions one of `needles`. dockward does not
/// parse such strings; the cleanup rules accept a cleanup they mention.
pub(crate) fn shell_string_mentions(inv: &Invocation<'_>, needles: &[&str]) -> bool {
    if !matches!(
        inv.program.as_str(),
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh" | "busybox"
    ) {
        return false;
    }
    let Some(c) = inv.args.iter().position(|a| {
        a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('c')
    }) else {
        return false;
    };
    inv.args[c + 1..]
        .iter()
        .any(|a| needles.iter().any(|n| a.value.contains(n)))
}

/// The instruction's layers end up in an image: it is in the last stage, in
/// a stage another stage is built `FROM`, or in an ONBUILD trigger.
pub(crate) fn in_image_stage(model: &Model, instruction: usize) -> bool {
    if model.is(instruction, Keyword::Onbuild) {
        return true;
    }
    let Some(stage) = model.stage_of(instruction) else {
        return true;
    };
    stage.index + 1 == model.stages.len()
        || model.stages.iter().any(|s| s.parent == Some(stage.index))
}

/// The text of the RUN scripts that run before the command at `order` in
/// its stage (and the stages it is built on): where an earlier
/// `echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/…` would be.
pub(crate) fn earlier_script_text_contains(
    model: &Model,
    inv: &Invocation<'_>,
    needle: &str,
) -> bool {
    let needle = needle.to_ascii_lowercase();
    let instruction = inv.instruction();
    let stage = model.stage_of(instruction).map(|s| s.index);
    let lineage: Vec<usize> = match stage {
        Some(s) => std::iter::once(s)
            .chain(model.ancestors(s).map(|a| a.index))
            .collect(),
        None => Vec::new(),
    };
    model.scripts.iter().enumerate().any(|(k, run)| {
        let same_stage = model.stage_of(run.instruction).map(|s| s.index);
        let relevant = if run.instruction == instruction {
            k <= inv.script
        } else {
            same_stage == stage && run.instruction < instruction
                || same_stage.is_some_and(|s| Some(s) != stage && lineage.contains(&s))
        };
        if !relevant {
            return false;
        }
        let text = if k == inv.script {
            &run.text[..inv.program_span.start().min(run.text.len())]
        } else {
            run.text.as_str()
        };
        text.to_ascii_lowercase().contains(&needle)
    })
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

/// One offending place.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub instruction: usize,
    /// File range.
    pub range: TextRange,
    /// What is at the range (a package name), for messages.
    pub label: String,
    /// The command it belongs to (`apt-get install`), for messages.
    pub command: String,
    /// Edits fixing this place, if any.
    pub edits: Vec<Edit>,
}

/// Reports one finding per instruction, as hadolint does: at the first hit,
/// with the other hits as related locations (`related` names them) and one
/// fix combining every hit's edits.
pub(crate) fn report_per_instruction(
    cx: &mut Checker<'_>,
    mut hits: Vec<Hit>,
    message: impl Fn(&[Hit]) -> String,
    related: &str,
    fix: Option<(&str, Applicability)>,
) {
    hits.sort_by_key(|h| (h.instruction, h.range.start()));
    let mut start = 0;
    while start < hits.len() {
        let instruction = hits[start].instruction;
        let end = start
            + hits[start..]
                .iter()
                .take_while(|h| h.instruction == instruction)
                .count();
        let group = &hits[start..end];
        let mut edits: Vec<Edit> = group.iter().flat_map(|h| h.edits.iter().cloned()).collect();
        edits.sort_by_key(|e| (e.range.start(), e.range.end()));
        edits.dedup();
        let diagnostic = cx
            .report(group[0].range, message(group))
            .with_instruction(instruction);
        for h in &group[1..] {
            diagnostic.with_related(h.range, related);
        }
        if let Some((title, applicability)) = fix
            && !edits.is_empty()
        {
            diagnostic.with_fix(Fix::new(title, applicability, edits));
        }
        start = end;
    }
}

/// `` `a` ``, `` `a`, `b` `` … for messages, at most five names.
pub(crate) fn quoted_list(hits: &[Hit]) -> String {
    let mut out = String::new();
    for (i, h) in hits.iter().take(5).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(&h.label.replace(UNKNOWN, "…"));
        out.push('`');
    }
    if hits.len() > 5 {
        out.push_str(&format!(" and {} more", hits.len() - 5));
    }
    out
}

/// "`a`, `b` have no pinned version in `apt-get install`".
pub(crate) fn unpinned_message(hits: &[Hit]) -> String {
    let verb = if hits.len() == 1 { "has" } else { "have" };
    let command = hits.first().map_or("", |h| h.command.as_str());
    format!(
        "{} {verb} no pinned version in `{command}`",
        quoted_list(hits)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(src: &str) -> Vec<(String, Vec<String>)> {
        let model = Model::new(src);
        invocations(&model)
            .into_iter()
            .map(|i| {
                (
                    i.program.clone(),
                    i.args
                        .iter()
                        .map(|a| a.value.replace(UNKNOWN, "?"))
                        .collect(),
                )
            })
            .collect()
    }

    fn first(src: &str) -> (String, Vec<String>) {
        commands(src).into_iter().next().expect("a command")
    }

    #[test]
    fn wrappers_are_looked_through() {
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
        ] {
            let all = commands(src);
            let last = all.last().expect("command");
            assert_eq!(last.0, program, "{src}");
            assert_eq!(last.1, ["install", "x"], "{src}");
        }
        assert!(commands("FROM a\nRUN command -v apt-get\n").is_empty());
        assert!(commands("FROM a\nRUN env -S 'apt-get install x'\n").is_empty());
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
        assert_eq!(commands(src)[0].1, ["add", "?"]);
        // One literal assignment before the use: its value.
        let src =
            "FROM a\nRUN deps=' curl  git ' && apk add $deps; X=1; X=$(f); apk add $X $Y; Y=3\n";
        let all = commands(src);
        assert_eq!(all[0].1, ["add", "curl", "git"]);
        assert_eq!(all[2].1, ["add", "?", "?"]);
        // An assignment in the other branch of an `if` does not reach the use.
        let src = "FROM a\nARG P=curl\nRUN if x; then P=$(f); else apk add $P; fi\n";
        assert_eq!(commands(src)[2].1, ["add", "curl"]);
        // Literal values in both branches: the first.
        let src = "FROM a\nRUN if x; then S=-cpu; else S=''; fi; pip install tf$S\n";
        assert_eq!(commands(src)[1].1, ["install", "tf-cpu"]);
        // ... nor before a special builtin (POSIX keeps those).
        let src = "FROM a\nRUN deps='curl git' set -x && apk add $deps\n";
        assert_eq!(commands(src)[1].1, ["add", "curl", "git"]);
        // `X=1 cmd` does not change `$X` for later commands.
        let src = "FROM a\nARG X=curl\nRUN X=1 true && apk add $X\n";
        assert_eq!(commands(src)[1].1, ["add", "curl"]);
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

    #[test]
    fn options_and_operands() {
        let model = Model::new(
            "FROM a\nRUN apt-get -qq -o Dpkg::Options::=--force-confold install -t buster --no-install-recommends -y=1 a b=1 -- -c\n",
        );
        let pc = &package_commands(&model)[0];
        assert_eq!(pc.manager, Manager::AptGet);
        assert_eq!(pc.subcommand(), Some("install"));
        let names: Vec<_> = pc.opts.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["q", "q", "o", "t", "no-install-recommends", "y"]);
        assert_eq!(
            pc.opts[2].value.as_deref(),
            Some("Dpkg::Options::=--force-confold")
        );
        assert_eq!(pc.opts[3].value.as_deref(), Some("buster"));
        assert_eq!(pc.opts[5].value.as_deref(), Some("1"));
        let ops: Vec<_> = pc
            .operands_after_subcommand()
            .map(|a| a.value.as_str())
            .collect();
        assert_eq!(ops, ["a", "b=1", "-c"]);
    }

    #[test]
    fn python_dash_m_pip() {
        let model = Model::new("FROM a\nRUN python3 -u -m pip install --no-cache-dir x\n");
        let pc = &package_commands(&model)[0];
        assert_eq!(pc.manager, Manager::Pip);
        assert_eq!(pc.subcommand(), Some("install"));
        assert!(pc.has_opt(&[], &["no-cache-dir"]));
        assert_eq!(
            pc.head_range().slice(model.src()),
            "python3 -u -m pip install"
        );
        assert!(package_commands(&Model::new("FROM a\nRUN python -c 'x' -m pip\n")).is_empty());
        assert!(package_commands(&Model::new("FROM a\nRUN pipenv install\n")).is_empty());
    }

    #[test]
    fn go_flags_are_single_dash() {
        let model = Model::new("FROM a\nRUN go install -ldflags '-s -w' -v example.com/x@v1\n");
        let pc = &package_commands(&model)[0];
        let ops: Vec<_> = pc
            .operands_after_subcommand()
            .map(|a| a.value.as_str())
            .collect();
        assert_eq!(ops, ["example.com/x@v1"]);
    }

    #[test]
    fn cache_mounts_and_paths() {
        let model = Model::new(
            "FROM a\nARG D=/var/cache/apt\nRUN --mount=type=cache,target=$D --mount=type=tmpfs,dst=/tmp --mount=type=bind,target=/x true\n",
        );
        let i = model.scripts[0].instruction;
        assert_eq!(cache_mount_targets(&model, i), ["/var/cache/apt", "/tmp"]);
        assert!(path_covers("/var/lib/apt", "/var/lib/apt/lists"));
        assert!(path_covers("/var/lib/apt/lists/", "/var/lib/apt/lists"));
        assert!(!path_covers("/var/lib/ap", "/var/lib/apt/lists"));
        assert!(!path_covers(
            "/var/lib/apt/lists/partial",
            "/var/lib/apt/lists"
        ));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for run in [
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
            "python -m",
            "python3 -W",
            "apt-get -o",
            "apt-get install -t",
            "pip install -r",
            "go install -o",
            "apk add -",
            "apt-get -q=",
            "npm --strict-ssl",
            "yum --setopt",
            "\"$(\"",
            "'",
            "apt-get install 'a b",
            "${X:-",
            "`apt-get install x",
            "apt-get install é=1 ü",
            "rm -rf /var/lib/apt/lists/ \u{FFFC}",
            "zypper ar -G",
            "bash -c",
            "sh -ec",
        ] {
            let src = format!("FROM a\nRUN {run}\nONBUILD RUN {run}\nRUN <<EOF\n{run}\nEOF\n");
            let model = Model::new(&src);
            for pc in package_commands(&model) {
                let _ = (
                    pc.label(),
                    pc.head_range(),
                    pc.insert_after_subcommand("-y"),
                );
                let _ = pc.operands_after_subcommand().map(rpm_unpinned).count();
            }
            for inv in invocations(&model) {
                let _ = (
                    removes_path(&inv, "/x"),
                    shell_string_mentions(&inv, &["x"]),
                );
                let _ = earlier_script_text_contains(&model, &inv, "x");
            }
            let _ = cache_mount_targets(&model, 1);
        }
    }

    #[test]
    fn image_stages() {
        let model = Model::new("FROM a AS base\nRUN x\nFROM a AS build\nRUN y\nFROM base\nRUN z\n");
        let runs: Vec<_> = model.scripts.iter().map(|s| s.instruction).collect();
        assert!(in_image_stage(&model, runs[0]));
        assert!(!in_image_stage(&model, runs[1]));
        assert!(in_image_stage(&model, runs[2]));
    }
}
