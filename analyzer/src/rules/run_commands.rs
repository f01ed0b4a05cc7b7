//! The commands RUN scripts run, seen through wrapper commands, and a small
//! option parser — what the shell rules (DL3001–DL4006, DW1001, DW1003,
//! DW1020) share.
//!
//! - [`commands`]: every simple command of every RUN script (heredoc scripts
//!   and `ONBUILD RUN` included), with the chain of programs it runs:
//!   `sudo -E env X=1 bash -s` is `sudo` → `env` → `bash`. Wrappers looked
//!   through: `sudo`, `doas`, `env`, `command` (not `-v`/`-V`), `builtin`,
//!   `exec`, `nice`, `nohup`, `time`, `timeout`, `stdbuf`, `ionice`,
//!   `busybox`, `xargs`, `eatmydata`, `fakeroot`, `chronic`, `setsid`,
//!   `gosu USER`, `su-exec USER`.
//! - [`parse_args`]: GNU-style option parsing of a command's argument words
//!   with a per-tool table of the options that take a value.
//!
//! Words are read with [`Word::literal`] (quotes removed); words with
//! expansions are unknown (`None`), and a wrapper chain stops at one.

use std::borrow::Cow;

use crate::TextRange;
use crate::model::{Model, RunScript};
use crate::shell::{SimpleCommandRef, Word, WordPart};
use crate::syntax::Keyword;

/// The last path component (`curl` for `/usr/bin/curl`).
pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// One program in a command's wrapper chain.
#[derive(Clone, Debug)]
pub(crate) struct Program<'a> {
    /// Index of the program's word in the command's words.
    pub word: usize,
    /// Its base name; `None` when the word has expansions.
    pub name: Option<Cow<'a, str>>,
}

impl Program<'_> {
    /// The base name is `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.as_deref() == Some(name)
    }
}

/// A simple command of a RUN script with the programs it runs.
#[derive(Clone, Debug)]
pub(crate) struct RunCommand<'a> {
    /// Index of the script in `model.scripts`.
    pub script: usize,
    pub run: &'a RunScript,
    pub cmd: SimpleCommandRef<'a>,
    /// The wrappers, then the program that really runs (last). Empty when
    /// the command has no words (assignments only).
    pub chain: Vec<Program<'a>>,
}

impl<'a> RunCommand<'a> {
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

    /// The program that really runs.
    pub(crate) fn program(&self) -> Option<&Program<'a>> {
        self.chain.last()
    }

    /// The base name of the program that really runs.
    pub(crate) fn name(&self) -> Option<&str> {
        self.program().and_then(|p| p.name.as_deref())
    }

    /// The program's word.
    pub(crate) fn program_word(&self) -> Option<&'a Word> {
        let words: &'a [Word] = &self.cmd.command.words;
        words.get(self.program()?.word)
    }

    /// The words after the program.
    pub(crate) fn args(&self) -> &'a [Word] {
        let words: &'a [Word] = &self.cmd.command.words;
        match self.program() {
            Some(p) => words.get(p.word + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The command runs `name`, directly or through a wrapper.
    pub(crate) fn runs(&self, name: &str) -> bool {
        self.chain.iter().any(|p| p.is(name))
    }
}

/// Every simple command of every RUN script, in script and source order.
pub(crate) fn commands(model: &Model) -> Vec<RunCommand<'_>> {
    let mut out = Vec::new();
    for (script, run) in model.scripts.iter().enumerate() {
        out.extend(script_commands(script, run));
    }
    out
}

/// Every simple command of one script, in source order. `script` is the
/// index to record (the script's index in `model.scripts`).
pub(crate) fn script_commands(script: usize, run: &RunScript) -> Vec<RunCommand<'_>> {
    run.script
        .simple_commands()
        .map(|cmd| RunCommand {
            script,
            run,
            cmd,
            chain: program_chain(&cmd.command.words, &run.text),
        })
        .collect()
}

/// The instruction runs in an ONBUILD trigger (in a child image's build).
pub(crate) fn is_onbuild(model: &Model, instruction: usize) -> bool {
    model.is(instruction, Keyword::Onbuild)
}

/// Where to insert a new instruction line before instruction `index`: the
/// start of its line, or of the comment lines right above it (so a
/// suppression comment keeps applying to the instruction), and the
/// instruction's indentation.
pub(crate) fn insertion_point(model: &Model, index: usize) -> Option<(usize, &str)> {
    let file = &model.file;
    let inst = file.instructions.get(index)?;
    let src = model.src();
    let starts = file.line_starts();
    let line_start = |line: u32| starts.get(line as usize).map(|&s| s as usize);
    let own = line_start(inst.start_line)?;
    let indent = &src[own..inst.range.start()];
    let indent = if indent.bytes().all(|b| b == b' ' || b == b'\t') {
        indent
    } else {
        ""
    };
    let mut line = inst.start_line;
    while line > 0
        && file
            .comments
            .iter()
            .any(|c| c.line == line - 1 && !c.in_continuation)
    {
        line -= 1;
    }
    Some((line_start(line)?, indent))
}

/// The programs `words` runs: the first word, and after each wrapper the
/// word it runs.
pub(crate) fn program_chain<'a>(words: &'a [Word], src: &'a str) -> Vec<Program<'a>> {
    let mut chain = Vec::new();
    let mut i = 0;
    // A few wrappers deep at most (`sudo env X=1 nice apt-get …`).
    for _ in 0..8 {
        let Some(word) = words.get(i) else { break };
        let literal = word.literal(src);
        let name = literal.map(|l| match l {
            Cow::Borrowed(b) => Cow::Borrowed(base_name(b)),
            Cow::Owned(o) => Cow::Owned(base_name(&o).to_owned()),
        });
        let next = name
            .as_deref()
            .and_then(|n| wrapped_program(n, words, i + 1, src));
        chain.push(Program { word: i, name });
        match next {
            Some(j) if j < words.len() => i = j,
            _ => break,
        }
    }
    chain
}

/// For a wrapper `name` whose arguments start at `start`, the index of the
/// word it runs.
fn wrapped_program(name: &str, words: &[Word], start: usize, src: &str) -> Option<usize> {
    let lit = |j: usize| words.get(j).and_then(|w| w.literal(src));
    match name {
        "sudo" | "doas" => {
            let mut j = skip_options(words, start, src, "ughpCDrtUTa", SUDO_LONG)?;
            while lit(j).is_some_and(|v| is_assignment(&v)) {
                j += 1;
            }
            Some(j)
        }
        "env" => {
            let mut j = start;
            loop {
                let v = lit(j)?;
                if v == "--" {
                    return Some(j + 1);
                }
                if v.starts_with("-S") || v.starts_with("--split-string") {
                    return None;
                }
                if matches!(v.as_ref(), "-u" | "-C" | "--unset" | "--chdir") {
                    j += 2;
                } else if v.starts_with('-') || is_assignment(&v) {
                    j += 1;
                } else {
                    return Some(j);
                }
            }
        }
        "command" => {
            let mut j = start;
            while lit(j).is_some_and(|v| v == "-p" || v == "--") {
                j += 1;
            }
            if lit(j).is_some_and(|v| v.starts_with("-v") || v.starts_with("-V")) {
                return None;
            }
            Some(j)
        }
        "builtin" | "nohup" | "eatmydata" | "fakeroot" | "chronic" | "busybox" => {
            let j = if lit(start).is_some_and(|v| v == "--") {
                start + 1
            } else {
                start
            };
            Some(j)
        }
        "exec" => skip_options(words, start, src, "a", &[]),
        "time" => skip_options(words, start, src, "fo", &["format", "output"]),
        "nice" => skip_options(words, start, src, "n", &["adjustment"]),
        "ionice" => skip_options(words, start, src, "cnp", &["class", "classdata", "pid"]),
        "stdbuf" => skip_options(words, start, src, "ioe", &["input", "output", "error"]),
        "setsid" => skip_options(words, start, src, "", &[]),
        "timeout" => {
            skip_options(words, start, src, "sk", &["signal", "kill-after"]).map(|j| j + 1)
        }
        "xargs" => skip_options(words, start, src, "adEeIiLlnPs", XARGS_LONG),
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

/// `NAME=value`.
pub(crate) fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| is_name(name))
}

/// A shell variable name.
pub(crate) fn is_name(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The index of the first word after the options starting at `start` (a
/// `--` is consumed). `None` when an option's value runs off the end.
fn skip_options(
    words: &[Word],
    start: usize,
    src: &str,
    short_value: &str,
    long_value: &[&str],
) -> Option<usize> {
    let mut j = start;
    while let Some(w) = words.get(j) {
        // A word with expansions: taken as the program.
        let Some(v) = w.literal(src) else {
            return Some(j);
        };
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
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct OptSpec {
    /// Short options that take a value (`-o value`, `-ovalue`).
    pub short_value: &'static str,
    /// Long options that take a value (`--opt value`, `--opt=value`).
    pub long_value: &'static [&'static str],
    /// Options end at the first operand (POSIX `getopt`, interpreters);
    /// otherwise options may follow operands (GNU permutation).
    pub stop_at_operand: bool,
}

/// One argument after option parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg<'s> {
    /// A short option (one letter of a cluster such as `-fsSL`).
    Short {
        name: char,
        /// Index of the word holding the option.
        word: usize,
        /// Byte offset of the letter in the word's text, when the word is
        /// written plainly (no quotes or escapes), so edits can target it.
        offset: Option<usize>,
        /// The option's value (rest of the cluster or the next word).
        value: Option<Cow<'s, str>>,
    },
    /// A long option (`--name`, `--name=value`, `--name value`).
    Long {
        name: String,
        word: usize,
        value: Option<Cow<'s, str>>,
    },
    /// Not an option: its index and literal value (`None` with expansions).
    Operand {
        word: usize,
        value: Option<Cow<'s, str>>,
    },
}

impl Arg<'_> {
    /// The index of the word the argument starts at.
    pub(crate) fn word(&self) -> usize {
        match self {
            Arg::Short { word, .. } | Arg::Long { word, .. } | Arg::Operand { word, .. } => *word,
        }
    }

    /// The value of the option or operand.
    pub(crate) fn value(&self) -> Option<&str> {
        match self {
            Arg::Short { value, .. } | Arg::Long { value, .. } | Arg::Operand { value, .. } => {
                value.as_deref()
            }
        }
    }

    /// A short option `c` or a long option `long`.
    pub(crate) fn is_opt(&self, short: &[char], long: &[&str]) -> bool {
        match self {
            Arg::Short { name, .. } => short.contains(name),
            Arg::Long { name, .. } => long.contains(&name.as_str()),
            Arg::Operand { .. } => false,
        }
    }

    pub(crate) fn is_operand(&self) -> bool {
        matches!(self, Arg::Operand { .. })
    }
}

/// Splits `words` into options and operands. Options may appear anywhere
/// (GNU permutation) unless `spec.stop_at_operand`, until `--`. A word with
/// expansions is an operand.
pub(crate) fn parse_args<'s>(words: &[Word], src: &'s str, spec: &OptSpec) -> Vec<Arg<'s>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    while i < words.len() {
        let value = words[i].literal(src);
        let Some(v) = value.as_deref() else {
            out.push(Arg::Operand {
                word: i,
                value: None,
            });
            only_operands |= spec.stop_at_operand;
            i += 1;
            continue;
        };
        if only_operands || !v.starts_with('-') || v == "-" {
            out.push(Arg::Operand { word: i, value });
            only_operands |= spec.stop_at_operand;
            i += 1;
            continue;
        }
        if v == "--" {
            only_operands = true;
            i += 1;
            continue;
        }
        if let Some(long) = v.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, val)) => (n.to_owned(), Some(Cow::Owned(val.to_owned()))),
                None => (long.to_owned(), None),
            };
            let mut used = 1;
            let value = if inline.is_some() {
                inline
            } else if spec.long_value.contains(&name.as_str()) {
                used = 2;
                words.get(i + 1).and_then(|w| w.literal(src))
            } else {
                None
            };
            out.push(Arg::Long {
                name,
                word: i,
                value,
            });
            i += used;
            continue;
        }
        let plain = plain_offset(&words[i], src);
        let cluster = &v[1..];
        let mut used = 1;
        for (k, ch) in cluster.char_indices() {
            let rest = &cluster[k + ch.len_utf8()..];
            let offset = plain.map(|_| 1 + k);
            if spec.short_value.contains(ch) {
                let value = if rest.is_empty() {
                    used = 2;
                    words.get(i + 1).and_then(|w| w.literal(src))
                } else {
                    Some(Cow::Owned(rest.to_owned()))
                };
                out.push(Arg::Short {
                    name: ch,
                    word: i,
                    offset,
                    value,
                });
                break;
            }
            out.push(Arg::Short {
                name: ch,
                word: i,
                offset,
                value: None,
            });
        }
        i += used;
    }
    out
}

/// `Some(())` when the word is one unquoted literal part with no line
/// continuation, so byte offsets in its value are offsets in its text.
fn plain_offset(word: &Word, src: &str) -> Option<()> {
    match word.parts.as_slice() {
        [WordPart::Literal(r)] if *r == word.span && !word.text(src).contains('\n') => Some(()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chains(src: &str) -> Vec<Vec<String>> {
        let model = Model::new(src);
        commands(&model)
            .iter()
            .map(|c| {
                c.chain
                    .iter()
                    .map(|p| p.name.as_deref().unwrap_or("?").to_owned())
                    .collect()
            })
            .collect()
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
    }

    fn parsed(args: &str, spec: &OptSpec) -> Vec<String> {
        let script = crate::shell::parse(&format!("x {args}"));
        let src = format!("x {args}");
        let cmd = script.simple_commands().next().expect("command").command;
        parse_args(cmd.args(), &src, spec)
            .iter()
            .map(|a| match a {
                Arg::Short { name, value, .. } => format!("-{name}{}", fmt(value.as_deref())),
                Arg::Long { name, value, .. } => format!("--{name}{}", fmt(value.as_deref())),
                Arg::Operand { value, .. } => value.as_deref().unwrap_or("?").to_owned(),
            })
            .collect()
    }

    fn fmt(v: Option<&str>) -> String {
        v.map(|v| format!("={v}")).unwrap_or_default()
    }

    #[test]
    fn options() {
        let curl = OptSpec {
            short_value: "oH",
            long_value: &["output"],
            stop_at_operand: false,
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
            long_value: &[],
            stop_at_operand: true,
        };
        assert_eq!(
            parsed("-eo pipefail script -x $Y", &sh),
            ["-e", "-o=pipefail", "script", "-x", "?"]
        );
    }
}
