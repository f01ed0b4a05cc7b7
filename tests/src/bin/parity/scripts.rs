//! The shell scripts handed to ShellCheck: the script hadolint 2.15.1 builds
//! for each RUN (`#!` + shell, `export NAME=1` lines, the RUN text with
//! continuations joined), plus the scripts hadolint never checks (the whole
//! text of a RUN with here-documents, a here-document fed to a shell,
//! exec-form `sh -c`). Every character of a script's body keeps the file
//! position it came from, so ShellCheck's positions map back to the file.
//!
//! The instruction boundaries, flags and heredoc bodies come from BuildKit's
//! parse (`corpus/reference/buildkit-ref.jsonl`), the joining is redone here
//! from the raw lines (BuildKit's rules: `\` + blanks at the end of a line
//! continues it, comment and blank lines inside a continuation are dropped)
//! and checked against BuildKit's joined value.

use std::ops::Range;

/// A 1-based file position; `col` counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// Text with the file position of each character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapped {
    pub chars: Vec<char>,
    pub pos: Vec<Pos>,
}

impl Mapped {
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Appends the characters of physical line `line` (1-based), columns
    /// from 1.
    fn push_line(&mut self, text: &str, line: u32) {
        for (i, c) in text.chars().enumerate() {
            self.chars.push(c);
            self.pos.push(Pos {
                line,
                col: u32::try_from(i + 1).unwrap_or(u32::MAX),
            });
        }
    }

    fn push(&mut self, c: char, pos: Pos) {
        self.chars.push(c);
        self.pos.push(pos);
    }

    fn slice(&self, r: Range<usize>) -> Mapped {
        Mapped {
            chars: self.chars[r.clone()].to_vec(),
            pos: self.pos[r].to_vec(),
        }
    }

    /// Without leading and trailing whitespace.
    fn trim(&self) -> Mapped {
        let start = self
            .chars
            .iter()
            .position(|c| !c.is_whitespace())
            .unwrap_or(self.chars.len());
        let end = self
            .chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map_or(start, |e| e + 1);
        self.slice(start..end.max(start))
    }

    /// The index of the first occurrence of `pat`.
    fn find(&self, pat: &str) -> Option<usize> {
        let pat: Vec<char> = pat.chars().collect();
        self.chars.windows(pat.len()).position(|w| w == pat)
    }

    /// Split at `\n` (the newlines are dropped).
    fn lines(&self) -> Vec<Mapped> {
        let mut out = vec![Mapped::default()];
        for (&c, &p) in self.chars.iter().zip(&self.pos) {
            if c == '\n' {
                out.push(Mapped::default());
            } else if let Some(last) = out.last_mut() {
                last.push(c, p);
            }
        }
        out
    }
}

/// The physical lines of a file (without `\n` and a trailing `\r`).
pub fn physical_lines(src: &str) -> Vec<&str> {
    src.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Joins the logical line starting at physical line `start` (1-based) as
/// BuildKit does; returns it and the 1-based line after it.
pub fn join_logical(lines: &[&str], start: u32) -> (Mapped, u32) {
    let mut out = Mapped::default();
    let mut n = start;
    let mut first = true;
    while let Some(raw) = lines.get((n as usize).wrapping_sub(1)) {
        n += 1;
        if !first {
            let t = raw.trim_start();
            if t.starts_with('#') || t.is_empty() {
                continue;
            }
        }
        first = false;
        match raw.trim_end_matches([' ', '\t']).strip_suffix('\\') {
            Some(stripped) => out.push_line(stripped, n - 1),
            None => {
                out.push_line(raw, n - 1);
                break;
            }
        }
    }
    (out, n)
}

/// An instruction split into keyword, trigger keyword (ONBUILD), flags and
/// arguments.
#[derive(Debug)]
pub struct Parts {
    pub flags: Vec<String>,
    pub rest: Mapped,
}

/// Splits a joined instruction: `KEYWORD [TRIGGER] [--flag…] rest`.
pub fn split_instruction(joined: &Mapped, onbuild: bool) -> Parts {
    let c = &joined.chars;
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < c.len() && c[*i].is_whitespace() {
            *i += 1;
        }
    };
    let word = |i: &mut usize| -> String {
        let s = *i;
        while *i < c.len() && !c[*i].is_whitespace() {
            *i += 1;
        }
        c[s..*i].iter().collect()
    };
    skip_ws(&mut i);
    word(&mut i);
    if onbuild {
        skip_ws(&mut i);
        word(&mut i);
    }
    let mut flags = Vec::new();
    loop {
        skip_ws(&mut i);
        if c.get(i) == Some(&'-') && c.get(i + 1) == Some(&'-') {
            flags.push(word(&mut i));
        } else {
            break;
        }
    }
    Parts {
        flags,
        rest: joined.slice(i..c.len()),
    }
}

/// The items of a JSON array of strings, each character mapped to the
/// position of the source character (the backslash of an escape) it comes
/// from. `None` when `text` is not such an array.
pub fn json_items(text: &Mapped) -> Option<Vec<Mapped>> {
    let c = &text.chars;
    let p = &text.pos;
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < c.len() && c[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    if c.get(i) != Some(&'[') {
        return None;
    }
    i += 1;
    let mut items = Vec::new();
    loop {
        skip_ws(&mut i);
        match c.get(i)? {
            ']' if items.is_empty() => return Some(items),
            '"' => {}
            _ => return None,
        }
        i += 1;
        let mut item = Mapped::default();
        loop {
            let at = p[i.min(p.len() - 1)];
            match *c.get(i)? {
                '"' => break,
                '\\' => {
                    i += 1;
                    let e = *c.get(i)?;
                    let decoded = match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => {
                            let hex: String = c.get(i + 1..i + 5)?.iter().collect();
                            i += 4;
                            let mut code = u32::from_str_radix(&hex, 16).ok()?;
                            if (0xD800..0xDC00).contains(&code)
                                && c.get(i + 1) == Some(&'\\')
                                && c.get(i + 2) == Some(&'u')
                            {
                                let low: String = c.get(i + 3..i + 7)?.iter().collect();
                                let low = u32::from_str_radix(&low, 16).ok()?;
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                                i += 6;
                            }
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        other => other,
                    };
                    item.push(decoded, at);
                }
                other => item.push(other, at),
            }
            i += 1;
        }
        i += 1;
        items.push(item);
        skip_ws(&mut i);
        match c.get(i)? {
            ',' => i += 1,
            ']' => return Some(items),
            _ => return None,
        }
    }
}

/// Where a script comes from. The first four are the scripts hadolint
/// checks; the others are the ones it never sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Shell-form RUN.
    Run,
    /// `RUN <<EOF`: the heredoc body is the script.
    HeredocScript,
    /// `ONBUILD RUN` (hadolint: `/bin/sh`, proxy variables only).
    Onbuild,
    /// `RUN cmd <<EOF …`: hadolint checks only the text before `<<`.
    BeforeHeredoc,
    /// `RUN cmd <<EOF …`: the whole text the shell runs, here-documents
    /// included (supersedes [`Kind::BeforeHeredoc`] for comparisons).
    WithHeredocs,
    /// A here-document read by a shell (`RUN bash <<EOF`, `RUN <<EOF sh`).
    FedHeredoc,
    /// Exec form running a shell on a string (`RUN ["sh", "-c", "…"]`).
    ExecForm,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Run,
        Kind::HeredocScript,
        Kind::Onbuild,
        Kind::BeforeHeredoc,
        Kind::WithHeredocs,
        Kind::FedHeredoc,
        Kind::ExecForm,
    ];

    /// A script hadolint builds too.
    pub fn hadolint_equivalent(self) -> bool {
        matches!(
            self,
            Kind::Run | Kind::HeredocScript | Kind::Onbuild | Kind::BeforeHeredoc
        )
    }

    /// Compared with dockward (every script but the truncated text before a
    /// here-document, which [`Kind::WithHeredocs`] covers whole).
    pub fn compared(self) -> bool {
        self != Kind::BeforeHeredoc
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Run => "shell-form RUN",
            Kind::HeredocScript => "`RUN <<EOF` body",
            Kind::Onbuild => "ONBUILD RUN",
            Kind::BeforeHeredoc => "`RUN cmd <<EOF`: text before `<<`",
            Kind::WithHeredocs => "`RUN cmd <<EOF`: whole text with here-documents",
            Kind::FedHeredoc => "here-document read by a shell",
            Kind::ExecForm => "exec-form `sh -c`",
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Kind::Run => "run",
            Kind::HeredocScript => "heredoc-script",
            Kind::Onbuild => "onbuild",
            Kind::BeforeHeredoc => "before-heredoc",
            Kind::WithHeredocs => "with-heredocs",
            Kind::FedHeredoc => "fed-heredoc",
            Kind::ExecForm => "exec-form",
        }
    }
}

/// One script for ShellCheck.
#[derive(Clone, Debug)]
pub struct Script {
    pub file: String,
    /// 1-based first line of the instruction.
    pub inst_line: u32,
    pub kind: Kind,
    pub text: String,
    /// Per script line, the file position of each character (empty for the
    /// generated shebang and export lines).
    pub map: Vec<Vec<Pos>>,
}

impl Script {
    /// The file position of ShellCheck's 1-based (line, column); a column
    /// past the end of the line maps to just after its last character.
    pub fn file_pos(&self, line: u32, col: u32) -> Option<Pos> {
        let chars = self.map.get((line as usize).checked_sub(1)?)?;
        let last = chars.last()?;
        Some(
            chars
                .get((col as usize).saturating_sub(1))
                .copied()
                .unwrap_or(Pos {
                    line: last.line,
                    col: last.col + 1,
                }),
        )
    }
}

/// What the caller knows about an instruction's scope.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The shell in effect (`/bin/sh` by default); `None` when the stage runs
    /// a shell ShellCheck cannot check (PowerShell, cmd, a Windows image).
    pub shell: Option<String>,
    /// Names declared with `export NAME=1`, hadolint's way.
    pub exports: Vec<String>,
}

/// An instruction as BuildKit parsed it.
#[derive(Clone, Debug, Default)]
pub struct BkInstruction {
    pub cmd: String,
    pub sub_cmd: Option<String>,
    pub json: bool,
    pub flags: Vec<String>,
    pub value: Vec<String>,
    pub start_line: u32,
    pub end_line: u32,
    /// (name, content) of each heredoc.
    pub heredocs: Vec<(String, String)>,
}

/// Why an instruction got no script (or fewer than it might).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// PowerShell, cmd or a Windows image.
    NotPosix,
    /// A shell ShellCheck does not support (zsh, mksh…).
    UnsupportedShell,
    /// A heredoc script whose shebang names another interpreter.
    ForeignShebang,
    /// Exec form that runs no shell.
    ExecNoShell,
    /// A RUN without arguments (BuildKit's parse has no value).
    Empty,
    /// The joined text or heredoc bodies did not match BuildKit's parse.
    Mismatch,
}

impl Skip {
    pub fn label(self) -> &'static str {
        match self {
            Skip::NotPosix => "PowerShell, cmd or a Windows image",
            Skip::UnsupportedShell => "a shell ShellCheck does not support",
            Skip::ForeignShebang => "heredoc script with a non-shell shebang",
            Skip::ExecNoShell => "exec form running no shell",
            Skip::Empty => "RUN without a command",
            Skip::Mismatch => "joined text differs from BuildKit's parse",
        }
    }
}

/// The `#!` line for a shell program ShellCheck supports.
pub fn shebang(program: &str) -> Option<String> {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    match base {
        "sh" | "bash" | "dash" | "ash" | "ksh" => Some(if program.starts_with('/') {
            format!("#!{program}")
        } else {
            format!("#!/bin/{base}")
        }),
        "busybox" => Some("#!/bin/busybox sh".to_owned()),
        _ => None,
    }
}

/// The interpreter a `#!` line names (through `/usr/bin/env`).
fn shebang_program(line: &str) -> String {
    let mut words = line.trim_start_matches("#!").split_whitespace();
    let program = words.next().unwrap_or("");
    if program.ends_with("/env") {
        return words.find(|w| !w.starts_with('-')).unwrap_or("").to_owned();
    }
    program.to_owned()
}

/// Builds a script: `#!shell`, the exports, then `body` (a body that starts
/// with its own `#!` line keeps it as line 1).
fn assemble(shebang_line: &str, exports: &[String], body: &Mapped) -> (String, Vec<Vec<Pos>>) {
    let mut lines = body.lines();
    let mut text = String::new();
    let mut map = Vec::new();
    let own = lines
        .first()
        .is_some_and(|l| l.chars.starts_with(&['#', '!']));
    if own {
        let first = lines.remove(0);
        text.push_str(&first.text());
        map.push(first.pos);
    } else {
        text.push_str(shebang_line);
        map.push(Vec::new());
    }
    text.push('\n');
    for name in exports {
        text.push_str("export ");
        text.push_str(name);
        text.push_str("=1\n");
        map.push(Vec::new());
    }
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&line.text());
        if i + 1 < lines.len() {
            text.push('\n');
        }
        map.push(line.pos.clone());
    }
    text.push('\n');
    (text, map)
}

/// `<<[-]["']NAME["']` at the start of `word`: the heredoc name.
fn heredoc_word(word: &str) -> Option<&str> {
    let rest = word.strip_prefix("<<")?;
    if rest.starts_with('<') {
        return None;
    }
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    Some(rest.trim_matches(['"', '\'']))
}

/// A simple command of the header that reads heredoc `index` (0-based among
/// the header's `<<` words) and runs a POSIX shell on it without `-c`: that
/// shell's program. Quoting is ignored: this only recognises the plain
/// `bash <<EOF`, `<<EOF sh -e`, `cat x | sh -s <<EOF` shapes.
fn shell_reading_heredoc(header: &str, index: usize) -> Option<String> {
    let mut seen = 0;
    for segment in header.split(['|', ';', '&', '(', ')']) {
        let mut reads = false;
        let mut args: Vec<&str> = Vec::new();
        let mut words = segment.split_whitespace();
        while let Some(w) = words.next() {
            if heredoc_word(w).is_some() {
                reads |= seen == index;
                seen += 1;
                if w == "<<" || w == "<<-" {
                    words.next();
                }
                continue;
            }
            let redirect = w.trim_start_matches(|c: char| c.is_ascii_digit());
            if redirect.starts_with(['<', '>']) {
                if redirect.trim_start_matches(['<', '>', '&']).is_empty() {
                    words.next();
                }
                continue;
            }
            if args.is_empty() && w.contains('=') && !w.starts_with('-') {
                continue;
            }
            args.push(w);
        }
        if reads {
            let (&program, rest) = args.split_first()?;
            let program = if program.rsplit('/').next() == Some("busybox")
                && matches!(rest.first(), Some(&("sh" | "ash")))
            {
                "busybox"
            } else {
                program
            };
            let dash_c = rest
                .iter()
                .any(|w| w.starts_with('-') && !w.starts_with("--") && w.ends_with('c'));
            return (shebang(program).is_some() && !dash_c).then(|| program.to_owned());
        }
    }
    None
}

/// Builds the scripts of one instruction (RUN or ONBUILD RUN) of `file`.
pub fn build(
    file: &str,
    lines: &[&str],
    inst: &BkInstruction,
    scope: &Scope,
    out: &mut Vec<Script>,
    skips: &mut Vec<(Skip, String, u32)>,
) {
    let onbuild = inst.cmd.eq_ignore_ascii_case("onbuild");
    let is_run = inst.cmd.eq_ignore_ascii_case("run")
        || (onbuild
            && inst
                .sub_cmd
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("run")));
    if !is_run {
        return;
    }
    let mut skip = |s: Skip| skips.push((s, file.to_owned(), inst.start_line));
    if inst.value.is_empty() {
        skip(Skip::Empty);
        return;
    }
    let Some(shell) = scope.shell.as_deref() else {
        skip(Skip::NotPosix);
        return;
    };
    let shell = if onbuild { "/bin/sh" } else { shell };
    let Some(shebang_line) = shebang(shell) else {
        skip(Skip::UnsupportedShell);
        return;
    };
    let (joined, mut next) = join_logical(lines, inst.start_line);
    let parts = split_instruction(&joined, onbuild);
    let rest = parts.rest.trim();
    if parts.flags != inst.flags {
        skip(Skip::Mismatch);
        return;
    }
    let mut push = |kind: Kind, shebang_line: &str, exports: &[String], body: &Mapped| {
        let (text, map) = assemble(shebang_line, exports, body);
        out.push(Script {
            file: file.to_owned(),
            inst_line: inst.start_line,
            kind,
            text,
            map,
        });
    };
    if onbuild {
        if inst.json {
            return;
        }
        if inst.value.first().map(|v| v.trim()) != Some(&rest.text()) {
            skip(Skip::Mismatch);
            return;
        }
        push(Kind::Onbuild, &shebang_line, &scope.exports, &rest);
        return;
    }
    if inst.json {
        let Some(items) = json_items(&rest) else {
            skip(Skip::Mismatch);
            return;
        };
        let texts: Vec<String> = items.iter().map(Mapped::text).collect();
        if texts != inst.value {
            skip(Skip::Mismatch);
            return;
        }
        let Some((program, script)) = exec_form_shell(&texts) else {
            skip(Skip::ExecNoShell);
            return;
        };
        let Some(line) = shebang(&program) else {
            skip(Skip::UnsupportedShell);
            return;
        };
        push(Kind::ExecForm, &line, &scope.exports, &items[script]);
        return;
    }
    if inst.value.first().map(|v| v.trim()) != Some(&rest.text()) {
        skip(Skip::Mismatch);
        return;
    }
    if inst.heredocs.is_empty() {
        push(Kind::Run, &shebang_line, &scope.exports, &rest);
        return;
    }
    // Heredoc bodies follow the header, each ended by its terminator line.
    let mut bodies = Vec::new();
    for (name, content) in &inst.heredocs {
        let n = content.matches('\n').count() + usize::from(!content.ends_with('\n'));
        let n = if content.is_empty() { 0 } else { n };
        let first = next;
        let mut body = Mapped::default();
        let mut raw = String::new();
        for k in 0..n {
            let l = first + u32::try_from(k).unwrap_or(0);
            let text = lines.get(l as usize - 1).copied().unwrap_or("");
            if k > 0 {
                body.push('\n', Pos { line: l, col: 0 });
            }
            body.push_line(text, l);
            raw.push_str(text);
            raw.push('\n');
        }
        let chomped: String = raw
            .split_inclusive('\n')
            .map(|l| l.trim_start_matches('\t'))
            .collect();
        if raw != *content && chomped != *content {
            skip(Skip::Mismatch);
            return;
        }
        let terminator = first + u32::try_from(n).unwrap_or(0);
        if lines
            .get(terminator as usize - 1)
            .is_none_or(|t| t.trim() != name.as_str())
        {
            skip(Skip::Mismatch);
            return;
        }
        next = terminator + 1;
        bodies.push((body, first, terminator));
    }
    if next - 1 != inst.end_line {
        skip(Skip::Mismatch);
        return;
    }
    let header = rest.text();
    let single = header.split_whitespace().count() == 1
        && heredoc_word(&header).is_some_and(|n| n == inst.heredocs[0].0)
        && inst.heredocs.len() == 1;
    if single {
        let body = &bodies[0].0;
        let first_line = body.lines().into_iter().next().unwrap_or_default();
        if first_line.chars.starts_with(&['#', '!']) {
            let program = shebang_program(&first_line.text());
            if shebang(&program).is_none() {
                skip(Skip::ForeignShebang);
                return;
            }
        }
        push(Kind::HeredocScript, &shebang_line, &scope.exports, body);
        return;
    }
    // hadolint: the text before `<<` only.
    if let Some(at) = rest.find("<<") {
        let before = rest.slice(0..at).trim();
        if !before.chars.is_empty() {
            push(Kind::BeforeHeredoc, &shebang_line, &scope.exports, &before);
        }
    }
    // What the shell runs: the header, then each body and its terminator.
    let nowhere = Pos { line: 0, col: 0 };
    let mut whole = rest.clone();
    for (body, first, terminator) in &bodies {
        whole.push('\n', nowhere);
        if terminator > first {
            whole.chars.extend(&body.chars);
            whole.pos.extend(&body.pos);
            whole.push('\n', nowhere);
        }
        let t = lines.get(*terminator as usize - 1).copied().unwrap_or("");
        whole.push_line(t, *terminator);
    }
    push(Kind::WithHeredocs, &shebang_line, &scope.exports, &whole);
    for (i, (body, _, _)) in bodies.iter().enumerate() {
        if let Some(program) = shell_reading_heredoc(&header, i)
            && let Some(line) = shebang(&program)
        {
            push(Kind::FedHeredoc, &line, &scope.exports, body);
        }
    }
}

/// `["sh", …options…, "-c", script, …]` (also `["busybox", "sh", "-c", …]`):
/// the shell program and the index of the script item.
pub fn exec_form_shell(items: &[String]) -> Option<(String, usize)> {
    let mut program = items.first()?.clone();
    let mut next = 1;
    if program.rsplit('/').next() == Some("busybox") {
        match items.get(1).map(String::as_str) {
            Some("sh" | "ash") => next = 2,
            _ => return None,
        }
    }
    shebang(&program)?;
    loop {
        let v = items.get(next)?.as_str();
        next += 1;
        if v.starts_with('-') && !v.starts_with("--") && v.ends_with('c') {
            break;
        }
        if v == "-o" || v == "+o" {
            next += 1;
        } else if !v.starts_with(['-', '+']) {
            return None;
        }
    }
    items.get(next)?;
    if program.ends_with("busybox") {
        program = "busybox".to_owned();
    }
    Some((program, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bk(cmd: &str, value: &[&str], start: u32, end: u32) -> BkInstruction {
        BkInstruction {
            cmd: cmd.to_owned(),
            value: value.iter().map(|s| (*s).to_owned()).collect(),
            start_line: start,
            end_line: end,
            ..BkInstruction::default()
        }
    }

    fn scope() -> Scope {
        Scope {
            shell: Some("/bin/sh".to_owned()),
            exports: vec!["A".to_owned()],
        }
    }

    fn run(src: &str, inst: &BkInstruction) -> (Vec<Script>, Vec<Skip>) {
        let lines = physical_lines(src);
        let mut out = Vec::new();
        let mut skips = Vec::new();
        build("f", &lines, inst, &scope(), &mut out, &mut skips);
        (out, skips.into_iter().map(|s| s.0).collect())
    }

    #[test]
    fn joins_continuations_and_drops_comment_lines() {
        let src = "FROM a\nRUN --mount=type=cache,target=/x echo a \\\n  # note\n\n    && echo $b \\ \n  done\n";
        let lines = physical_lines(src);
        let (joined, next) = join_logical(&lines, 2);
        assert_eq!(next, 7);
        let parts = split_instruction(&joined, false);
        assert_eq!(parts.flags, ["--mount=type=cache,target=/x"]);
        assert_eq!(parts.rest.text(), "echo a     && echo $b   done");
        // `$b` is on line 5, column 13.
        let i = parts.rest.find("$b").unwrap();
        assert_eq!(parts.rest.pos[i], Pos { line: 5, col: 13 });
    }

    #[test]
    fn shell_form_run_script_maps_back() {
        let src = "FROM a\nRUN echo a \\\n  && echo $b\n";
        let (out, skips) = run(src, &bk("RUN", &["echo a   && echo $b"], 2, 3));
        assert!(skips.is_empty());
        assert_eq!(out.len(), 1);
        let s = &out[0];
        assert_eq!(s.kind, Kind::Run);
        assert_eq!(s.text, "#!/bin/sh\nexport A=1\necho a   && echo $b\n");
        // Script line 3, column 18 is `$b`: file line 3, column 11.
        assert_eq!(s.file_pos(3, 18), Some(Pos { line: 3, col: 11 }));
        assert_eq!(s.file_pos(1, 1), None);
        // Past the end: just after the last character.
        assert_eq!(s.file_pos(3, 99), Some(Pos { line: 3, col: 13 }));
    }

    #[test]
    fn mismatch_with_buildkit_is_skipped() {
        let (out, skips) = run("RUN echo a\n", &bk("RUN", &["echo b"], 1, 1));
        assert!(out.is_empty());
        assert_eq!(skips, [Skip::Mismatch]);
    }

    #[test]
    fn heredoc_script_keeps_its_shebang_line_first() {
        let src = "RUN <<EOF\n#!/bin/bash\necho $x\nEOF\n";
        let mut inst = bk("RUN", &["<<EOF"], 1, 4);
        inst.heredocs = vec![("EOF".into(), "#!/bin/bash\necho $x\n".into())];
        let (out, _) = run(src, &inst);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, Kind::HeredocScript);
        assert_eq!(out[0].text, "#!/bin/bash\nexport A=1\necho $x\n");
        assert_eq!(out[0].file_pos(1, 3), Some(Pos { line: 2, col: 3 }));
        assert_eq!(out[0].file_pos(3, 6), Some(Pos { line: 3, col: 6 }));
    }

    #[test]
    fn heredoc_script_with_python_shebang_is_skipped() {
        let src = "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n";
        let mut inst = bk("RUN", &["<<EOF"], 1, 4);
        inst.heredocs = vec![("EOF".into(), "#!/usr/bin/env python3\nprint(1)\n".into())];
        let (out, skips) = run(src, &inst);
        assert!(out.is_empty());
        assert_eq!(skips, [Skip::ForeignShebang]);
    }

    #[test]
    fn heredoc_fed_to_bash() {
        let src = "RUN <<EOT bash -e\n  echo $y\nEOT\n";
        let mut inst = bk("RUN", &["<<EOT bash -e"], 1, 3);
        inst.heredocs = vec![("EOT".into(), "  echo $y\n".into())];
        let (out, _) = run(src, &inst);
        let kinds: Vec<Kind> = out.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::WithHeredocs, Kind::FedHeredoc]);
        assert_eq!(
            out[0].text,
            "#!/bin/sh\nexport A=1\n<<EOT bash -e\n  echo $y\nEOT\n"
        );
        assert_eq!(out[0].file_pos(5, 1), Some(Pos { line: 3, col: 1 }));
        assert_eq!(out[1].text, "#!/bin/bash\nexport A=1\n  echo $y\n");
        assert_eq!(out[1].file_pos(3, 8), Some(Pos { line: 2, col: 8 }));
    }

    #[test]
    fn command_with_heredoc_gives_hadolint_text_and_whole_text() {
        let src = "RUN cat <<-EOF > /x && echo $z\n\tline\n\tEOF\n";
        let mut inst = bk("RUN", &["cat <<-EOF > /x && echo $z"], 1, 3);
        inst.heredocs = vec![("EOF".into(), "line\n".into())];
        let (out, skips) = run(src, &inst);
        assert!(skips.is_empty(), "{skips:?}");
        let kinds: Vec<Kind> = out.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::BeforeHeredoc, Kind::WithHeredocs]);
        assert_eq!(out[0].text, "#!/bin/sh\nexport A=1\ncat\n");
        assert!(
            out[1]
                .text
                .ends_with("cat <<-EOF > /x && echo $z\n\tline\n\tEOF\n")
        );
    }

    #[test]
    fn python_heredoc_is_not_fed_to_a_shell() {
        assert_eq!(shell_reading_heredoc("python3 <<EOF", 0), None);
        assert_eq!(shell_reading_heredoc("cat <<A | sh -s <<B", 0), None);
        assert_eq!(
            shell_reading_heredoc("cat <<A && sh -s <<B", 1).as_deref(),
            Some("sh")
        );
        assert_eq!(shell_reading_heredoc("bash -c x <<EOF", 0), None);
        assert_eq!(
            shell_reading_heredoc("FOO=1 /bin/bash <<'EOF'", 0).as_deref(),
            Some("/bin/bash")
        );
    }

    #[test]
    fn exec_form_sh_c_unescapes_and_maps() {
        let src = "RUN [\"/bin/sh\", \"-c\", \"echo \\\"$v\\\"\\n$w\"]\n";
        let (out, skips) = run(src, &bk("RUN", &["/bin/sh", "-c", "echo \"$v\"\n$w"], 1, 1));
        let mut inst = bk("RUN", &["/bin/sh", "-c", "echo \"$v\"\n$w"], 1, 1);
        inst.json = true;
        assert!(out.is_empty() && skips == [Skip::Mismatch]);
        let (out, skips) = run(src, &inst);
        assert!(skips.is_empty(), "{skips:?}");
        assert_eq!(out[0].kind, Kind::ExecForm);
        assert_eq!(out[0].text, "#!/bin/sh\nexport A=1\necho \"$v\"\n$w\n");
        // `$w` comes after the `\n` escape, at file column 37.
        assert_eq!(out[0].file_pos(4, 1), Some(Pos { line: 1, col: 37 }));
        // `"` before `$v` is the escape's backslash at column 29.
        assert_eq!(out[0].file_pos(3, 6), Some(Pos { line: 1, col: 29 }));
    }

    #[test]
    fn exec_form_variants() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            exec_form_shell(&s(&["busybox", "sh", "-c", "x"])),
            Some(("busybox".to_owned(), 3))
        );
        assert_eq!(
            exec_form_shell(&s(&["/bin/bash", "-eux", "-o", "pipefail", "-c", "x"])),
            Some(("/bin/bash".to_owned(), 5))
        );
        assert_eq!(exec_form_shell(&s(&["echo", "-c", "x"])), None);
        assert_eq!(exec_form_shell(&s(&["sh", "script.sh"])), None);
    }

    #[test]
    fn onbuild_run_uses_sh() {
        let mut sc = scope();
        sc.shell = Some("/bin/bash".into());
        sc.exports = vec!["HTTP_PROXY".into()];
        let lines = physical_lines("ONBUILD RUN echo $x\n");
        let mut inst = bk("ONBUILD", &["echo $x"], 1, 1);
        inst.sub_cmd = Some("RUN".into());
        let mut out = Vec::new();
        build("f", &lines, &inst, &sc, &mut out, &mut Vec::new());
        assert_eq!(out[0].kind, Kind::Onbuild);
        assert_eq!(out[0].text, "#!/bin/sh\nexport HTTP_PROXY=1\necho $x\n");
    }

    #[test]
    fn windows_and_unsupported_shells_are_skipped() {
        let lines = physical_lines("RUN dir\n");
        let inst = bk("RUN", &["dir"], 1, 1);
        let mut skips = Vec::new();
        build(
            "f",
            &lines,
            &inst,
            &Scope::default(),
            &mut Vec::new(),
            &mut skips,
        );
        let zsh = Scope {
            shell: Some("/bin/zsh".into()),
            exports: vec![],
        };
        build("f", &lines, &inst, &zsh, &mut Vec::new(), &mut skips);
        let s: Vec<Skip> = skips.into_iter().map(|s| s.0).collect();
        assert_eq!(s, [Skip::NotPosix, Skip::UnsupportedShell]);
    }

    #[test]
    fn shebangs() {
        assert_eq!(shebang("/bin/bash").as_deref(), Some("#!/bin/bash"));
        assert_eq!(shebang("bash").as_deref(), Some("#!/bin/bash"));
        assert_eq!(shebang("/bin/ash").as_deref(), Some("#!/bin/ash"));
        assert_eq!(shebang("powershell"), None);
        assert_eq!(shebang("/bin/zsh"), None);
    }
}
