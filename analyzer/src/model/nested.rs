//! Scripts that a script hands to another shell: the string after `-c`
//! (`sh -c '…'`, `bash -ec "…"`, `find … -exec sh -c '…' {} +`), and a
//! here-document on the standard input of a shell (`bash <<EOF`, `<<'EOF'
//! sh -e`). [`shell_calls`] finds them; [`decode_argument`] and
//! [`decode_heredoc`] give their text with [`Piece`]s relating it to the
//! enclosing script's text.
//!
//! What counts:
//! - the program, seen through common wrappers (`sudo`, `env`, `exec`,
//!   `nice`, `timeout`, `gosu USER`, `chroot DIR`, `xargs`…, and each
//!   `-exec`/`-execdir` of `find`), is a POSIX shell dockward knows (`sh`,
//!   `bash`, `dash`, `ash`, `ksh`, `busybox sh`); its options up to the
//!   first operand give errexit (`-e`, `-o errexit`);
//! - with `-c`, the first operand is the script, when it is a *literal*
//!   word: single-quoted (verbatim), double-quoted (`\"`, `\\`, `\$`,
//!   `` \` `` unescaped) or unquoted, or a concatenation of those. A word
//!   with an expansion (`bash -c "$CMD"`, `sh -c "make $TARGET"`) is not:
//!   the outer shell builds that text at build time, so the script is not
//!   known (and its `$…` are the outer script's, already analysed there);
//! - without `-c` and without a script-file operand (or with `-s`), the
//!   last here-document redirected to the shell's standard input is the
//!   script. Its text is what the shell reads: a quoted delimiter
//!   (`<<'EOF'`) hands the body over verbatim; with an unquoted one the
//!   outer shell first expands the body (BuildKit runs `RUN bash <<EOF` as
//!   `/bin/sh -c` over the whole text, here-document included, and does no
//!   expansion of its own), which removes the backslash of `\$`, `` \` ``
//!   and `\\`; those escapes are decoded. The expansions the outer shell
//!   performs (`$VAR`, `$(…)`) are kept as written: for the ARG and ENV
//!   values a RUN sees, which both shells have in their environment, the
//!   inner shell sees the same value, and the text stays analysable. The
//!   body is then the inner script's alone: the enclosing script sees it
//!   blanked (`scripts.rs`), so nothing in it is reported twice. `<<-` tab
//!   stripping is not applied: leading tabs are blanks to the shell.
//! - A here-document that is data (`cat <<EOF`, `python3 <<EOF`, `bash
//!   script.sh <<EOF`) is not a script.

use std::borrow::Cow;

use super::offsets::{Piece, Quoting};
use crate::TextRange;
use crate::shell::ast::{Heredoc, RedirectFd, RedirectOp, RedirectTarget, SimpleCommand};
use crate::shell::dialect::options_set_errexit;
use crate::shell::{Dialect, Script, SimpleCommandRef, Visitor, Word, WordPart};

/// Where a nested script's text comes from.
#[derive(Clone, Copy, Debug)]
pub(super) enum Input<'s> {
    /// The word after `-c`.
    Argument(&'s Word),
    /// A here-document on the shell's standard input.
    Stdin(&'s Heredoc),
}

/// A shell started by a command of a script.
#[derive(Clone, Copy, Debug)]
pub(super) struct ShellCall<'s> {
    pub dialect: Dialect,
    pub errexit: bool,
    pub input: Input<'s>,
}

/// How many wrappers and `-exec` clauses one command is looked through.
const MAX_STEPS: usize = 16;

/// The shells started by the simple commands of `script` (`text`: its
/// text), in source order.
pub(super) fn shell_calls<'s>(script: &'s Script, text: &'s str) -> Vec<ShellCall<'s>> {
    struct Calls<'s> {
        text: &'s str,
        out: Vec<ShellCall<'s>>,
    }
    impl<'s> Visitor<'s> for Calls<'s> {
        fn simple_command(&mut self, c: SimpleCommandRef<'s>) {
            let cmd = c.command;
            // Most commands are none of the programs looked at: decide on
            // the raw first word before computing any literal.
            if cmd
                .words
                .first()
                .is_some_and(|w| may_start_shell(w.text(self.text)))
            {
                calls_of(cmd, self.text, &mut self.out);
            }
        }
    }
    if !names_a_shell(text) {
        return Vec::new();
    }
    let mut calls = Calls {
        text,
        out: Vec::new(),
    };
    script.walk(&mut calls);
    calls.out
}

/// Whether `text` has a word that may name a shell program (`sh`, `bash`,
/// `/bin/dash`, `busybox`…): most scripts have none, and need no walk.
fn names_a_shell(text: &str) -> bool {
    let b = text.as_bytes();
    let word_byte = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    text.contains("busybox")
        || text.contains("ksh93")
        || text.match_indices("sh").any(|(i, _)| {
            let after = &text[i + 2..];
            if after.bytes().next().is_some_and(word_byte) && !after.starts_with(".exe") {
                return false;
            }
            // The name ending here: `sh`, `bash`, `dash`, `ash`, `ksh`,
            // `mksh`, `pdksh`.
            let start = b[..i]
                .iter()
                .rposition(|&c| !c.is_ascii_lowercase())
                .map_or(0, |p| p + 1);
            matches!(
                &b[start..i],
                b"" | b"ba" | b"da" | b"a" | b"k" | b"mk" | b"pdk"
            )
        })
}

/// The base name of a program path.
fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether a command whose first word is written `raw` may start a shell.
fn may_start_shell(raw: &str) -> bool {
    let name = base_name(raw.trim_matches(['\'', '"', '\\']));
    is_wrapper(name) || name == "find" || shell_dialect(name).is_some() || name == "busybox"
}

fn is_wrapper(name: &str) -> bool {
    matches!(
        name,
        "sudo"
            | "doas"
            | "env"
            | "exec"
            | "command"
            | "builtin"
            | "nohup"
            | "setsid"
            | "chronic"
            | "eatmydata"
            | "fakeroot"
            | "time"
            | "nice"
            | "ionice"
            | "stdbuf"
            | "timeout"
            | "gosu"
            | "su-exec"
            | "chroot"
            | "xargs"
    )
}

/// The dialect of a shell program name (`busybox` is handled apart).
fn shell_dialect(name: &str) -> Option<Dialect> {
    match name {
        "busybox" => None,
        _ => Dialect::of_program(name),
    }
}

/// The shells `cmd` starts (several for `find` with several `-exec`).
fn calls_of<'s>(cmd: &'s SimpleCommand, text: &'s str, out: &mut Vec<ShellCall<'s>>) {
    let first = out.len();
    let words = Words { cmd, text };
    // Ranges of words to resolve: the command, then each `-exec` clause.
    let mut todo = vec![(0, cmd.words.len(), true)];
    let mut steps = 0;
    while let Some((mut i, end, own_stdin)) = todo.pop() {
        loop {
            steps += 1;
            if steps > MAX_STEPS || i >= end {
                break;
            }
            let Some(raw) = words.get(i) else {
                break;
            };
            let name = base_name(&raw).to_owned();
            let next = match name.as_str() {
                "find" => {
                    // `-exec PROGRAM … ;` / `+`, each its own command.
                    let mut j = i + 1;
                    while j < end {
                        if matches!(
                            words.get(j).as_deref(),
                            Some("-exec" | "-execdir" | "-ok" | "-okdir")
                        ) {
                            let stop = (j + 1..end)
                                .find(|&k| matches!(words.get(k).as_deref(), Some(";" | "+")))
                                .unwrap_or(end);
                            todo.push((j + 1, stop, false));
                            j = stop;
                        }
                        j += 1;
                    }
                    None
                }
                "busybox" => match words.get(i + 1).as_deref() {
                    Some("sh" | "ash") => {
                        out.extend(shell_options(
                            &words,
                            i + 2,
                            end,
                            Dialect::Busybox,
                            own_stdin,
                        ));
                        None
                    }
                    _ => None,
                },
                _ => {
                    if let Some(dialect) = shell_dialect(&name) {
                        out.extend(shell_options(&words, i + 1, end, dialect, own_stdin));
                        None
                    } else if is_wrapper(&name) {
                        skip_wrapper(&words, &name, i + 1, end)
                    } else {
                        None
                    }
                }
            };
            match next {
                Some(n) => i = n,
                None => break,
            }
        }
    }
    // `todo` is a stack: keep source order.
    out[first..].sort_by_key(|c| match c.input {
        Input::Argument(w) => w.span.start,
        Input::Stdin(h) => h.body.span.start,
    });
}

/// The literal values of a command's words, computed on demand.
struct Words<'s> {
    cmd: &'s SimpleCommand,
    text: &'s str,
}

impl<'s> Words<'s> {
    fn get(&self, i: usize) -> Option<Cow<'s, str>> {
        self.cmd.words.get(i)?.literal(self.text)
    }
}

/// The index of the word after wrapper `name`'s own options and operands
/// (the wrapped program), `None` when it runs no program we can tell.
fn skip_wrapper(words: &Words<'_>, name: &str, mut i: usize, end: usize) -> Option<usize> {
    // Options that take a value in the next word.
    let with_value: &[&str] = match name {
        "sudo" | "doas" => &[
            "-u", "-g", "-p", "-C", "-h", "-r", "-t", "-U", "-D", "-R", "-T",
        ],
        "env" => &["-u", "-C", "--unset", "--chdir"],
        "exec" => &["-a"],
        "nice" => &["-n", "--adjustment"],
        "ionice" => &["-c", "-n", "-p", "-P", "-u"],
        "stdbuf" => &["-i", "-o", "-e"],
        "timeout" => &["-s", "-k", "--signal", "--kill-after"],
        "xargs" => &[
            "-a",
            "-d",
            "-E",
            "-I",
            "-L",
            "-n",
            "-P",
            "-s",
            "--arg-file",
            "--delimiter",
            "--max-args",
            "--max-procs",
            "--max-chars",
            "--max-lines",
            "--replace",
        ],
        "chroot" => &["--userspec", "--groups"],
        _ => &[],
    };
    while i < end {
        let w = words.get(i)?;
        if w == "--" {
            i += 1;
            break;
        }
        let is_option = w.len() > 1 && w.starts_with('-');
        let assignment = matches!(name, "env" | "sudo")
            && w.split_once('=')
                .is_some_and(|(n, _)| !n.is_empty() && !n.starts_with('-'));
        if !is_option && !assignment {
            break;
        }
        match (name, w.as_ref()) {
            // A login or interactive shell of sudo, `command -v`, `env -S`:
            // not a plain program run.
            ("sudo", "-i" | "-s" | "--login" | "--shell")
            | ("command", "-v" | "-V")
            | ("env", "-S" | "--split-string") => return None,
            _ => {}
        }
        i += 1;
        if with_value.contains(&w.as_ref()) {
            i += 1;
        }
    }
    // Operands the wrapper takes before the program.
    match name {
        "gosu" | "su-exec" | "chroot" => i += 1,
        "timeout" => i += 1,
        _ => {}
    }
    (i < end).then_some(i)
}

/// A shell's options from word `i` on: the script it runs, if any.
fn shell_options<'s>(
    words: &Words<'s>,
    mut i: usize,
    end: usize,
    dialect: Dialect,
    own_stdin: bool,
) -> Option<ShellCall<'s>> {
    let mut options: Vec<Cow<'_, str>> = Vec::new();
    let (mut command, mut stdin, mut noexec) = (false, false, false);
    while i < end {
        let w = words.get(i)?;
        if w == "--" || w == "-" {
            i += 1;
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            i += if matches!(long, "rcfile" | "init-file") {
                2
            } else {
                1
            };
            continue;
        }
        let Some(flags) = w.strip_prefix(['-', '+']).filter(|f| !f.is_empty()) else {
            break;
        };
        if w.starts_with('-') {
            command |= flags.contains('c');
            stdin |= flags.contains('s');
            noexec |= flags.contains('n');
        }
        // `-o NAME`, `-eo NAME`: the option's name is the next word.
        let takes_name = flags.contains(['o', 'O']);
        options.push(w);
        i += 1;
        if takes_name {
            if let Some(n) = words.get(i) {
                options.push(n);
            }
            i += 1;
        }
    }
    if noexec {
        return None;
    }
    let errexit = options_set_errexit(&options);
    if command {
        let word = words.cmd.words.get(i).filter(|_| i < end)?;
        return Some(ShellCall {
            dialect,
            errexit,
            input: Input::Argument(word),
        });
    }
    if (i < end && !stdin) || !own_stdin {
        // A script file (the here-document is its data), or `find -exec`.
        return None;
    }
    // The last redirection of standard input wins.
    let mut input = None;
    for r in &words.cmd.redirects {
        let on_stdin = match r.fd {
            None => matches!(
                r.op,
                RedirectOp::Read
                    | RedirectOp::ReadWrite
                    | RedirectOp::DupRead
                    | RedirectOp::HereString
                    | RedirectOp::Heredoc
                    | RedirectOp::HeredocStripTabs
            ),
            Some(RedirectFd::Number(0)) => !matches!(
                r.op,
                RedirectOp::Write
                    | RedirectOp::Append
                    | RedirectOp::Clobber
                    | RedirectOp::DupWrite
                    | RedirectOp::WriteAll
                    | RedirectOp::AppendAll
            ),
            Some(_) => false,
        };
        if on_stdin {
            input = match &r.target {
                RedirectTarget::Heredoc(h) => Some(&**h),
                RedirectTarget::Word(_) => None,
            };
        }
    }
    Some(ShellCall {
        dialect,
        errexit,
        input: Input::Stdin(input?),
    })
}

/// A script decoded from the text of the script that runs it.
#[derive(Debug)]
pub(super) struct Decoded {
    pub text: String,
    /// Where the pieces start in the enclosing script's text.
    pub start: usize,
    pub pieces: Vec<Piece>,
    /// Stretches of the enclosing text and their quoting.
    pub quoting: Vec<(TextRange, Quoting)>,
}

impl Decoded {
    fn new(start: usize) -> Self {
        Decoded {
            text: String::new(),
            start,
            pieces: Vec::new(),
            quoting: Vec::new(),
        }
    }

    fn verbatim(&mut self, src: &str, range: TextRange) {
        self.text.push_str(range.slice(src));
        self.pieces.push(Piece::verbatim(range.len()));
    }

    /// `\c` → `c`.
    fn escape(&mut self, src: &str, range: TextRange) {
        let raw = range.slice(src);
        let value = raw.get(1..).unwrap_or("");
        self.text.push_str(value);
        self.pieces.push(Piece::escape(value.len(), raw.len()));
    }

    fn drop(&mut self, len: usize) {
        if len > 0 {
            self.pieces.push(Piece::escape(0, len));
        }
    }

    fn region(&mut self, range: TextRange, quoting: Quoting) {
        if range.is_empty() {
            return;
        }
        match self.quoting.last_mut() {
            // Adjacent unquoted parts (`a\ b`) are one stretch.
            Some((last, q)) if *q == quoting && last.end == range.start => {
                *last = last.cover(range);
            }
            _ => self.quoting.push((range, quoting)),
        }
    }

    fn finish(self) -> Option<Decoded> {
        (!self.text.trim().is_empty()).then_some(self)
    }
}

/// The script a literal `-c` word stands for (see the module docs).
pub(super) fn decode_argument(word: &Word, src: &str) -> Option<Decoded> {
    let mut d = Decoded::new(word.span.start());
    let mut pos = word.span.start();
    for part in &word.parts {
        let span = part_span(part)?;
        // Text the parser left between parts (joined continuations) is gone
        // by the time the shell runs.
        d.drop(span.start().checked_sub(pos)?);
        match part {
            WordPart::Literal(r) => {
                d.verbatim(src, *r);
                d.region(*r, Quoting::Unquoted);
            }
            WordPart::Escaped(r) => {
                d.escape(src, *r);
                d.region(*r, Quoting::Unquoted);
            }
            WordPart::SingleQuoted(r) => {
                let raw = r.slice(src);
                if raw.len() < 2 || !raw.ends_with('\'') {
                    return None;
                }
                let inner = TextRange::new(r.start() + 1, r.end() - 1);
                d.drop(1);
                d.verbatim(src, inner);
                d.drop(1);
                d.region(inner, Quoting::SingleQuoted);
            }
            WordPart::DoubleQuoted(dq) => {
                let raw = dq.span.slice(src);
                if dq.locale || raw.len() < 2 || !raw.starts_with('"') || !raw.ends_with('"') {
                    return None;
                }
                let inner = TextRange::new(dq.span.start() + 1, dq.span.end() - 1);
                d.drop(1);
                let mut at = inner.start();
                for p in &dq.parts {
                    let s = part_span(p)?;
                    d.drop(s.start().checked_sub(at)?);
                    match p {
                        WordPart::Literal(r) => d.verbatim(src, *r),
                        WordPart::Escaped(r) => d.escape(src, *r),
                        _ => return None,
                    }
                    at = s.end();
                }
                d.drop(inner.end().checked_sub(at)?);
                d.drop(1);
                d.region(inner, Quoting::DoubleQuoted);
            }
            _ => return None,
        }
        pos = span.end();
    }
    d.finish()
}

/// The script a here-document fed to a shell stands for (see the module
/// docs).
pub(super) fn decode_heredoc(h: &Heredoc, src: &str) -> Option<Decoded> {
    let body = &h.body;
    let mut d = Decoded::new(body.span.start());
    if h.quoted {
        d.verbatim(src, body.span);
        return d.finish();
    }
    let mut pos = body.span.start();
    for part in &body.parts {
        let span = part_span(part)?;
        if span.start() > pos {
            d.verbatim(src, TextRange::new(pos, span.start()));
        }
        match part {
            WordPart::Escaped(r) => d.escape(src, *r),
            // Literal text, and the outer shell's expansions kept as written.
            _ => d.verbatim(src, span),
        }
        pos = span.end().max(pos);
    }
    if body.span.end() > pos {
        d.verbatim(src, TextRange::new(pos, body.span.end()));
    }
    d.region(body.span, Quoting::Heredoc);
    d.finish()
}

/// The span of a word part.
fn part_span(part: &WordPart) -> Option<TextRange> {
    Some(match part {
        WordPart::Literal(r)
        | WordPart::Escaped(r)
        | WordPart::SingleQuoted(r)
        | WordPart::AnsiC(r) => *r,
        WordPart::DoubleQuoted(d) => d.span,
        WordPart::Param(p) => p.span,
        WordPart::CommandSubst(c) => c.span,
        WordPart::ProcessSubst(p) => p.span,
        WordPart::Arith(a) => a.span,
        WordPart::Array(a) => a.span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_names_are_found_cheaply() {
        for yes in [
            "sh -c x",
            "a && /bin/bash -c 'x'",
            "x | dash",
            "\"sh\" -c",
            "busybox sh",
            "ksh93 -c x",
            "mksh<<EOF",
            "bash.exe -c",
        ] {
            assert!(names_a_shell(yes), "{yes}");
        }
        for no in [
            "sha256sum -c x",
            "cp /usr/share/x y",
            "ssh host",
            "git push",
            "fish -c x",
            "shell",
        ] {
            assert!(!names_a_shell(no), "{no}");
        }
    }
}
