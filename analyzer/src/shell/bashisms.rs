//! The non-POSIX constructs of a script ("bashisms"), each with the exact
//! span of the construct, found in one walk of the tree. Pure shell: the
//! Dockerfile rules decide, by the dialect of the shell that runs the
//! script, which of them to report (ShellCheck's SC3xxx family).
//!
//! [`find`] takes the dialect and keeps what that shell lacks (the table is
//! [`Bashism::flagged_in`], after what ShellCheck reports for `sh`, `dash`
//! and `busybox`), so the rules and the oracle tests share one table. It is
//! the visitor's walk (recursion bounded by the parser's depth cap) plus a
//! scan of each word's parts no deeper than the tree; bash and ksh scripts
//! are not walked at all.

use std::collections::HashSet;

use super::ast::*;
use super::dialect::Dialect;
use super::visit::{CommandRef, PipelineRef, Scope, SimpleCommandRef, Visitor};
use crate::text::TextRange;

/// A construct POSIX sh does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bashism {
    /// `<(…)`, `>(…)` (SC3001): the substitution.
    ProcessSubstitution,
    /// `$'…'` (SC3003): the quoted string.
    AnsiCQuote,
    /// `$"…"` (SC3004): the quoted string.
    LocaleQuote,
    /// `for ((…))` (SC3005): the `for` keyword.
    ArithFor,
    /// `((…))` (SC3006): the command.
    ArithCommand,
    /// `select` (SC3008): the keyword.
    Select,
    /// `{a,b}`, `{1..3}` (SC3009): the braces and what they enclose.
    BraceExpansion,
    /// `[[ … ]]` (SC3010): the command.
    DoubleBracket,
    /// `<<<` (SC3011): the operator.
    HereString,
    /// `==` as an argument of `[` / `test`, or in `[[ ]]` (SC3014): the
    /// operator.
    TestDoubleEquals,
    /// `-v` as an argument of `[` / `test`, or in `[[ ]]` (SC3016): the
    /// operator.
    TestV,
    /// `++` / `--` in arithmetic (SC3018): the operator.
    IncrementDecrement,
    /// `&>`, `&>>` (SC3020): the redirection.
    AmpersandRedirect,
    /// `NAME+=value` (SC3024): the name.
    AppendAssignment,
    /// A bash variable (`$RANDOM`, `${BASH_SOURCE}`, `RANDOM` in arithmetic)
    /// (SC3028): the expansion.
    BashVariable,
    /// `|&` (SC3029): the operator.
    PipeStderr,
    /// `(a b c)` array values (SC3030): the parenthesised list.
    Array,
    /// An `echo` option word (`-e`, `-n`, `-en`…) (SC3036/SC3037): the word.
    EchoFlags,
    /// `let` (SC3039): the command name.
    Let,
    /// `set -o NAME` / `+o NAME` with a NAME POSIX lacks (SC3040): NAME.
    SetOption,
    /// `local` (SC3043): the command name.
    Local,
    /// `declare`, `typeset`, `shopt`, `pushd`… (SC3044): the command name.
    NonPosixBuiltin,
    /// A builtin's option POSIX lacks (`read -p`, `printf -v`…) (SC3045):
    /// the option word.
    BuiltinFlag,
    /// `source` (SC3046): the command name.
    Source,
    /// `printf` format with `%q` (SC3050): the directive.
    PrintfQ,
    /// `${!x}` (SC3053): the expansion.
    IndirectExpansion,
    /// `${x[i]}` (SC3054): the expansion.
    ArrayReference,
    /// `${x:1:2}` (SC3057): the expansion.
    Substring,
    /// `${x^^}`, `${x,,}` (SC3059): the expansion.
    CaseModification,
    /// `${x/a/b}` (SC3060): the expansion.
    StringReplacement,
    /// `function f() { …; }` (SC2112): from `function` to the end of the
    /// name.
    FunctionKeyword,
    /// `function f { …; }`, without parentheses (SC2113): from `function` to
    /// the end of the name.
    FunctionKeywordOnly,
}

/// One construct and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Bashism,
    pub span: TextRange,
}

impl Bashism {
    /// Whether ShellCheck's dialect `dialect` lacks the construct, so that a
    /// script for it gets the finding. `text` is the construct's source text
    /// (it decides for echo and `set -o` options; pass "" otherwise).
    /// bash and ksh have them all.
    #[must_use]
    pub fn flagged_in(self, dialect: Dialect, text: &str) -> bool {
        use Bashism::*;
        match dialect {
            Dialect::Bash | Dialect::Ksh => false,
            Dialect::Sh => true,
            Dialect::Dash => {
                !matches!(self, Local | SetOption)
                    && (self != EchoFlags || text.contains(['e', 'E', 's']))
            }
            Dialect::Busybox => {
                !matches!(
                    self,
                    AnsiCQuote
                        | DoubleBracket
                        | TestDoubleEquals
                        | AmpersandRedirect
                        | Local
                        | SetOption
                        | Source
                        | Substring
                        | StringReplacement
                ) && (self != EchoFlags || text.contains(['E', 's']))
            }
        }
    }
}

/// The constructs of `script` (parsed from `src`) that a shell of
/// `dialect` lacks, in the order the walk meets them (commands before their
/// words). A bash variable the script assigns itself is no finding.
#[must_use]
pub fn find(script: &Script, src: &str, dialect: Dialect) -> Vec<Found> {
    if !dialect.is_posix_only() {
        return Vec::new();
    }
    let mut w = Walk {
        src,
        dialect,
        out: Vec::new(),
        heredoc_bodies: HashSet::new(),
        arith_words: HashSet::new(),
        assigned: Vec::new(),
    };
    script.walk(&mut w);
    let Walk {
        mut out, assigned, ..
    } = w;
    if !assigned.is_empty() {
        out.retain(|f| {
            f.kind != Bashism::BashVariable || {
                let text = f.span.slice(src);
                let name = text.trim_start_matches("${").trim_start_matches('$');
                let end = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(name.len());
                !assigned.contains(&&name[..end])
            }
        });
    }
    out
}

/// The variables bash sets that POSIX sh does not (SC3028).
const BASH_VARIABLES: &[&str] = &[
    "BASHOPTS",
    "BASHPID",
    "BASH_ALIASES",
    "BASH_ARGC",
    "BASH_ARGV",
    "BASH_CMDS",
    "BASH_COMMAND",
    "BASH_EXECUTION_STRING",
    "BASH_LINENO",
    "BASH_REMATCH",
    "BASH_SOURCE",
    "BASH_SUBSHELL",
    "BASH_VERSINFO",
    "DIRSTACK",
    "EPOCHREALTIME",
    "EPOCHSECONDS",
    "EUID",
    "FUNCNAME",
    "GROUPS",
    "HOSTNAME",
    "HOSTTYPE",
    "MACHTYPE",
    "OSTYPE",
    "PIPESTATUS",
    "RANDOM",
    "SECONDS",
    "SHELLOPTS",
    "SHLVL",
    "UID",
];

/// Whether `name` is a variable bash sets and POSIX sh does not.
#[must_use]
pub fn is_bash_variable(name: &str) -> bool {
    BASH_VARIABLES.binary_search(&name).is_ok()
}

/// bash builtins POSIX lacks, reported as such (SC3044).
const NON_POSIX_BUILTINS: &[&str] = &[
    "caller",
    "compgen",
    "complete",
    "declare",
    "dirs",
    "disown",
    "enable",
    "mapfile",
    "popd",
    "pushd",
    "readarray",
    "shopt",
    "suspend",
    "typeset",
];

/// The `set -o` options POSIX defines.
const POSIX_SET_OPTIONS: &[&str] = &[
    "allexport",
    "errexit",
    "ignoreeof",
    "monitor",
    "noclobber",
    "noexec",
    "noglob",
    "nolog",
    "notify",
    "nounset",
    "verbose",
    "vi",
    "xtrace",
];

struct Walk<'s> {
    src: &'s str,
    dialect: Dialect,
    out: Vec<Found>,
    /// Here-document bodies met so far: words the shell does not split or
    /// brace-expand.
    heredoc_bodies: HashSet<TextRange>,
    /// Words that are arithmetic expressions (`((…))`, `for ((…))`).
    arith_words: HashSet<TextRange>,
    /// Bash variable names the script assigns.
    assigned: Vec<&'s str>,
}

impl<'s> Walk<'s> {
    fn push(&mut self, kind: Bashism, span: TextRange) {
        let text = if kind == Bashism::EchoFlags {
            self.text(span)
        } else {
            ""
        };
        if kind.flagged_in(self.dialect, text) {
            self.out.push(Found { kind, span });
        }
    }

    fn text(&self, r: TextRange) -> &'s str {
        self.src.get(r.start()..r.end()).unwrap_or("")
    }

    fn redirects(&mut self, redirects: &[Redirect]) {
        for r in redirects {
            match r.op {
                RedirectOp::WriteAll | RedirectOp::AppendAll => {
                    self.push(Bashism::AmpersandRedirect, r.span);
                }
                RedirectOp::HereString => {
                    // The operator follows the fd, if any.
                    let text = self.text(r.span);
                    if let Some(i) = text.find("<<<") {
                        let s = r.span.start() + i;
                        self.push(Bashism::HereString, TextRange::new(s, s + 3));
                    }
                }
                _ => {}
            }
            match &r.target {
                RedirectTarget::Heredoc(h) => {
                    self.heredoc_bodies.insert(h.body.span);
                }
                RedirectTarget::Word(w) => self.brace_expansion(w),
            }
        }
    }

    fn simple(&mut self, c: &SimpleCommand) {
        for a in &c.assignments {
            if a.append {
                self.push(Bashism::AppendAssignment, a.name);
            }
            let name = self.text(a.name);
            if is_bash_variable(name) && !self.assigned.contains(&name) {
                self.assigned.push(name);
            }
        }
        for w in &c.words {
            self.brace_expansion(w);
        }
        let Some(name) = c.name(self.src) else {
            return;
        };
        let args = c.args();
        let literal = |w: &Word| w.literal(self.src);
        let name_span = c.words[0].span;
        match name.as_ref() {
            "echo" => {
                if let Some(first) = args.first()
                    && let Some(v) = literal(first)
                    && v.len() > 1
                    && v.starts_with('-')
                    && v[1..]
                        .bytes()
                        .all(|b| matches!(b, b'n' | b'e' | b'E' | b's'))
                {
                    self.push(Bashism::EchoFlags, first.span);
                }
            }
            "[" | "test" => {
                let operands = if name == "[" {
                    args.len().saturating_sub(1)
                } else {
                    args.len()
                };
                self.test_operators(args, operands);
            }
            "printf" => self.printf(args),
            "set" => self.set_options(args),
            "local" => self.push(Bashism::Local, name_span),
            "source" => self.push(Bashism::Source, name_span),
            "let" => self.push(Bashism::Let, name_span),
            n if NON_POSIX_BUILTINS.contains(&n) => {
                self.push(Bashism::NonPosixBuiltin, name_span);
            }
            n => {
                if let Some(allowed) = posix_flags(n, self.dialect)
                    && let Some(w) = first_bad_flag(args, self.src, allowed)
                {
                    self.push(Bashism::BuiltinFlag, w);
                }
            }
        }
    }

    /// `==` and the unary `-v` among the first `operands` words of a test.
    fn test_operators(&mut self, words: &[Word], operands: usize) {
        for (i, w) in words[..operands].iter().enumerate() {
            if w.is_quoted() {
                continue;
            }
            match w.literal(self.src).as_deref() {
                Some("==") => self.push(Bashism::TestDoubleEquals, w.span),
                Some("-v") if i + 1 < operands => self.push(Bashism::TestV, w.span),
                _ => {}
            }
        }
    }

    /// `printf [-v var] [--] format …`: a `%q` directive in the format.
    fn printf(&mut self, args: &[Word]) {
        let mut i = 0;
        while let Some(w) = args.get(i) {
            match w.literal(self.src).as_deref() {
                Some("-v") => {
                    self.push(Bashism::BuiltinFlag, w.span);
                    i += 2;
                }
                Some("--") => i += 1,
                _ => break,
            }
        }
        let Some(format) = args.get(i) else {
            return;
        };
        let mut found = None;
        for_each_literal_part(&format.parts, &mut |r| {
            if found.is_none() {
                found = q_directive(self.text(r))
                    .map(|(s, e)| TextRange::new(r.start() + s, r.start() + e));
            }
        });
        if let Some(span) = found {
            self.push(Bashism::PrintfQ, span);
        }
    }

    /// `set -o NAME`, `set -euxo NAME`, `set +o NAME` with a NAME POSIX
    /// lacks.
    fn set_options(&mut self, args: &[Word]) {
        let mut expect_name = false;
        for w in args {
            let Some(v) = w.literal(self.src) else {
                expect_name = false;
                continue;
            };
            if expect_name {
                expect_name = false;
                if !POSIX_SET_OPTIONS.contains(&v.as_ref()) {
                    self.push(Bashism::SetOption, w.span);
                }
                continue;
            }
            if v == "--" {
                break;
            }
            if let Some(cluster) = v.strip_prefix(['-', '+'])
                && !cluster.starts_with(['-', '+'])
            {
                expect_name = cluster.ends_with('o');
            }
        }
    }

    /// `{a,b}` / `{1..3}` in the unquoted text of a word the shell
    /// brace-expands (command words, `for` items, redirect targets). A
    /// minimal detector (as loose as ShellCheck's: any list or `..` range);
    /// the expansion engine of `shell::expansions` (branch `sh-expand`)
    /// should replace it once merged.
    fn brace_expansion(&mut self, word: &Word) {
        // Cheap rejection: most words have no brace in their own unquoted
        // text (the scripts of substitutions are walked on their own).
        if !word.parts.iter().any(|p| {
            matches!(p, WordPart::Literal(r)
                if memchr::memchr(b'{', self.text(*r).as_bytes()).is_some())
        }) {
            return;
        }
        // (offset of `{`, saw a top-level `,` or `..`) per open brace.
        let mut open: Vec<(usize, bool)> = Vec::new();
        let src = self.src;
        let mut found: Vec<TextRange> = Vec::new();
        let mut prev_dot = false;
        for part in &word.parts {
            // Quoted text and expansions may sit inside the braces.
            let WordPart::Literal(r) = part else {
                prev_dot = false;
                continue;
            };
            let text = src.get(r.start()..r.end()).unwrap_or("");
            let b = text.as_bytes();
            for (i, &c) in b.iter().enumerate() {
                let at = r.start() + i;
                match c {
                    b'{' => open.push((at, false)),
                    b'}' => {
                        if let Some((s, list)) = open.pop()
                            && list
                        {
                            found.push(TextRange::new(s, at + 1));
                        }
                    }
                    b',' => {
                        if let Some(top) = open.last_mut() {
                            top.1 = true;
                        }
                    }
                    b'.' if prev_dot => {
                        if let Some(top) = open.last_mut() {
                            top.1 = true;
                        }
                    }
                    _ => {}
                }
                prev_dot = c == b'.';
            }
        }
        // Outermost first, as written.
        found.sort_by_key(|r| r.start());
        for r in found {
            self.push(Bashism::BraceExpansion, r);
        }
    }

    /// Expansions in a word's parts (not inside the scripts of
    /// substitutions, which the walk visits as words of their own).
    fn parts(&mut self, parts: &[WordPart], arith: bool) {
        for p in parts {
            match p {
                WordPart::Literal(r) if arith => self.arith_text(*r),
                WordPart::Literal(_) | WordPart::Escaped(_) | WordPart::SingleQuoted(_) => {}
                WordPart::AnsiC(r) => self.push(Bashism::AnsiCQuote, *r),
                WordPart::DoubleQuoted(d) => {
                    if d.locale {
                        self.push(Bashism::LocaleQuote, d.span);
                    }
                    self.parts(&d.parts, false);
                }
                WordPart::Param(x) => {
                    self.param(x);
                    self.parts(&x.parts, false);
                }
                WordPart::Arith(a) => self.parts(&a.parts, true),
                WordPart::ProcessSubst(s) => self.push(Bashism::ProcessSubstitution, s.span),
                WordPart::CommandSubst(_) => {}
                WordPart::Array(a) => self.push(Bashism::Array, a.span),
            }
        }
    }

    fn param(&mut self, x: &Param) {
        let name = self.text(x.name);
        if is_bash_variable(name) {
            self.push(Bashism::BashVariable, x.span);
        }
        if !x.braced || name.is_empty() {
            return;
        }
        let text = self.text(x.span);
        let prefixed = x.name.start() > x.span.start() + 2;
        // `${!name…}`: indirection (`${!name[@]}` and `${!prefix*}` too).
        if prefixed && text.as_bytes().get(2) == Some(&b'!') {
            self.push(Bashism::IndirectExpansion, x.span);
            return;
        }
        let length = prefixed && text.as_bytes().get(2) == Some(&b'#');
        let rest = self.src.get(x.name.end()..x.span.end()).unwrap_or("");
        let kind = match rest.as_bytes().first() {
            Some(b'[') if !length => Some(Bashism::ArrayReference),
            Some(b'/') => Some(Bashism::StringReplacement),
            Some(b'^' | b',') => Some(Bashism::CaseModification),
            Some(b':') => match rest.as_bytes().get(1) {
                Some(b'-' | b'=' | b'?' | b'+') => None,
                _ => Some(Bashism::Substring),
            },
            _ => None,
        };
        if let Some(kind) = kind {
            self.push(kind, x.span);
        }
    }

    /// The literal text of an arithmetic expression: `++`, `--` and bash
    /// variables named without `$`.
    fn arith_text(&mut self, r: TextRange) {
        let text = self.text(r);
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if (c == b'+' || c == b'-') && b.get(i + 1) == Some(&c) {
                let s = r.start() + i;
                self.push(Bashism::IncrementDecrement, TextRange::new(s, s + 2));
                i += 2;
                continue;
            }
            if c.is_ascii_alphabetic() || c == b'_' {
                let s = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                if is_bash_variable(&text[s..i]) {
                    self.push(
                        Bashism::BashVariable,
                        TextRange::new(r.start() + s, r.start() + i),
                    );
                }
                continue;
            }
            i += 1;
        }
    }
}

impl<'a> Visitor<'a> for Walk<'_> {
    fn pipeline(&mut self, p: PipelineRef<'a>) {
        for pipe in &p.pipeline.pipes {
            if pipe.stderr {
                self.push(Bashism::PipeStderr, pipe.span);
            }
        }
    }

    fn command(&mut self, c: CommandRef<'a>) {
        match c.command {
            Command::Test(t) => {
                self.push(Bashism::DoubleBracket, t.span);
                // The operators `[` lacks are reported inside `[[` too.
                self.test_operators(&t.words, t.words.len());
            }
            Command::Arith(a) => {
                self.push(Bashism::ArithCommand, a.span);
                self.arith_words.insert(a.expr.span);
            }
            Command::ArithFor(f) => {
                let s = f.span.start();
                self.push(Bashism::ArithFor, TextRange::new(s, s + 3));
                self.arith_words.insert(f.header.span);
            }
            Command::For(f) => {
                if f.select {
                    let s = f.span.start();
                    self.push(Bashism::Select, TextRange::new(s, s + 6));
                }
                for w in f.items.iter().flatten() {
                    self.brace_expansion(w);
                }
            }
            Command::Function(f) if f.keyword => {
                let span = TextRange::new(f.span.start(), f.name.span.end());
                let between = self
                    .src
                    .get(f.name.span.end()..f.body.span().start())
                    .unwrap_or("");
                let kind = if between.contains('(') {
                    Bashism::FunctionKeyword
                } else {
                    Bashism::FunctionKeywordOnly
                };
                self.push(kind, span);
            }
            _ => {}
        }
        self.redirects(c.command.redirects());
    }

    fn simple_command(&mut self, c: SimpleCommandRef<'a>) {
        self.simple(c.command);
    }

    fn word(&mut self, word: &'a Word, _scope: Scope<'a>) {
        if !self.heredoc_bodies.is_empty() && self.heredoc_bodies.contains(&word.span) {
            // Expansions still happen in an unquoted body; `$'…'` and
            // braces do not (the parser keeps no such parts there).
            self.parts(&word.parts, false);
            return;
        }
        let arith = !self.arith_words.is_empty() && self.arith_words.contains(&word.span);
        self.parts(&word.parts, arith);
    }
}

/// Calls `f` with the span of every part of `parts` whose text is literal
/// (unquoted, single- or double-quoted), in order.
fn for_each_literal_part(parts: &[WordPart], f: &mut impl FnMut(TextRange)) {
    for p in parts {
        match p {
            WordPart::Literal(r) | WordPart::SingleQuoted(r) => f(*r),
            WordPart::DoubleQuoted(d) => for_each_literal_part(&d.parts, f),
            _ => {}
        }
    }
}

/// The first `%…q` directive in `text`, as (start, end) offsets.
fn q_directive(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'%') {
            i += 2;
            continue;
        }
        let s = i;
        i += 1;
        while i < b.len() && matches!(b[i], b'-' | b'+' | b' ' | b'#' | b'0'..=b'9' | b'.' | b'*') {
            i += 1;
        }
        if b.get(i) == Some(&b'q') {
            return Some((s, i + 1));
        }
    }
    None
}

/// The option letters a builtin has in `dialect`, for the builtins whose
/// other options are reported (SC3045): POSIX's, plus `read -p` in dash and
/// busybox, `type -p` and every `ulimit` option in busybox, every `ulimit`
/// option in dash.
fn posix_flags(command: &str, dialect: Dialect) -> Option<&'static str> {
    let sh = dialect == Dialect::Sh;
    Some(match command {
        "read" if sh => "r",
        "read" => "rp",
        "type" if dialect == Dialect::Busybox => "p",
        "wait" | "type" | "trap" => "",
        "export" | "readonly" => "p",
        "unset" => "fv",
        "hash" => "r",
        "cd" => "LP",
        "jobs" => "lp",
        "ulimit" if sh => "f",
        _ => return None,
    })
}

/// The first option word of `args` with a letter outside `allowed`;
/// options end at the first word that is not one, or at `--`.
fn first_bad_flag(args: &[Word], src: &str, allowed: &str) -> Option<TextRange> {
    for w in args {
        let v = w.literal(src)?;
        if v == "--" || !v.starts_with('-') || v.len() < 2 {
            return None;
        }
        if v[1..].chars().any(|c| !allowed.contains(c)) {
            return Some(w.span);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::parse;

    fn found(src: &str) -> Vec<(Bashism, &str)> {
        find(&parse(src), src, Dialect::Sh)
            .into_iter()
            .map(|f| (f.kind, f.span.slice(src)))
            .collect()
    }

    #[test]
    fn finds_each_construct_with_its_span() {
        use Bashism::*;
        let cases: &[(&str, &[(Bashism, &str)])] = &[
            (
                "cat <(ls) >(wc)",
                &[
                    (ProcessSubstitution, "<(ls)"),
                    (ProcessSubstitution, ">(wc)"),
                ],
            ),
            ("echo $'a\\n' \"$\"x\"\"", &[(AnsiCQuote, "$'a\\n'")]),
            ("echo $\"hi\"", &[(LocaleQuote, "$\"hi\"")]),
            (
                "for ((i = 0; i < 3; i++)); do :; done",
                &[(ArithFor, "for"), (IncrementDecrement, "++")],
            ),
            (
                "((n++)) && echo",
                &[(ArithCommand, "((n++))"), (IncrementDecrement, "++")],
            ),
            ("select x in a b; do :; done", &[(Select, "select")]),
            (
                "echo {a,b} x{1..3}y a{,.bak} \"{a,b}\" {a} ${x:-{a,b}}",
                &[
                    (BraceExpansion, "{a,b}"),
                    (BraceExpansion, "{1..3}"),
                    (BraceExpansion, "{,.bak}"),
                ],
            ),
            ("x={a,b}; case y in {a,b}) ;; esac", &[]),
            (
                "for f in {a,b}; do :; done >{c,d}",
                &[(BraceExpansion, "{a,b}"), (BraceExpansion, "{c,d}")],
            ),
            ("find . -exec rm {} + ; echo {}", &[]),
            ("[[ -f x ]]", &[(DoubleBracket, "[[ -f x ]]")]),
            (
                "[[ -v X || $a == b ]]",
                &[
                    (DoubleBracket, "[[ -v X || $a == b ]]"),
                    (TestV, "-v"),
                    (TestDoubleEquals, "=="),
                ],
            ),
            (
                "cat <<< x; cat 0<<<y",
                &[(HereString, "<<<"), (HereString, "<<<")],
            ),
            (
                "[ a == b ] && test \"$x\" == y",
                &[(TestDoubleEquals, "=="), (TestDoubleEquals, "==")],
            ),
            ("[ \"a\" = \"==\" ] && [ a = b ]", &[]),
            (
                "test -v X && [ -v Y ] && [ -v ]",
                &[(TestV, "-v"), (TestV, "-v")],
            ),
            (
                "echo $((i++ + --j)) $((a - -1))",
                &[(IncrementDecrement, "++"), (IncrementDecrement, "--")],
            ),
            (
                "echo a &> f; echo b &>> g",
                &[(AmpersandRedirect, "&> f"), (AmpersandRedirect, "&>> g")],
            ),
            ("x+=1 y=2", &[(AppendAssignment, "x")]),
            (
                "echo $RANDOM ${UID} $((SECONDS + 1)) $HOME $BASH_VERSION",
                &[
                    (BashVariable, "$RANDOM"),
                    (BashVariable, "${UID}"),
                    (BashVariable, "SECONDS"),
                ],
            ),
            ("a |& b", &[(PipeStderr, "|&")]),
            (
                "a=(1 2); declare -a b=(3)",
                &[
                    (Array, "(1 2)"),
                    (NonPosixBuiltin, "declare"),
                    (Array, "(3)"),
                ],
            ),
            (
                "echo -e x; echo -n; echo '-en' y; echo -x; echo x -e",
                &[(EchoFlags, "-e"), (EchoFlags, "-n"), (EchoFlags, "'-en'")],
            ),
            ("let x=1", &[(Let, "let")]),
            (
                "set -euxo pipefail; set -o errexit +o posix -- -o x",
                &[(SetOption, "pipefail"), (SetOption, "posix")],
            ),
            ("f() { local x; }", &[(Local, "local")]),
            (
                "typeset x; shopt -s y; pushd d",
                &[
                    (NonPosixBuiltin, "typeset"),
                    (NonPosixBuiltin, "shopt"),
                    (NonPosixBuiltin, "pushd"),
                ],
            ),
            (
                "read -r x; read -r -p q y; read -rs z",
                &[(BuiltinFlag, "-p"), (BuiltinFlag, "-rs")],
            ),
            (
                "export -p; export -f f; unset -f g; cd -P d; ulimit -n 1",
                &[(BuiltinFlag, "-f"), (BuiltinFlag, "-n")],
            ),
            ("source f; . g", &[(Source, "source")]),
            (
                "printf '%s %q\\n' a b; printf -v x \"%-5q\" y; printf %%q",
                &[(PrintfQ, "%q"), (BuiltinFlag, "-v"), (PrintfQ, "%-5q")],
            ),
            (
                "echo ${!x} ${!p*} ${#x} ${#a[@]} ${a[0]} ${x/a/b} ${x//a} ${x:1:2} ${x: -1} ${x:-d} ${x^^} ${x,}",
                &[
                    (IndirectExpansion, "${!x}"),
                    (IndirectExpansion, "${!p*}"),
                    (ArrayReference, "${a[0]}"),
                    (StringReplacement, "${x/a/b}"),
                    (StringReplacement, "${x//a}"),
                    (Substring, "${x:1:2}"),
                    (Substring, "${x: -1}"),
                    (CaseModification, "${x^^}"),
                    (CaseModification, "${x,}"),
                ],
            ),
            (
                "function f { :; }; function g() { :; }; h() { :; }",
                &[
                    (FunctionKeywordOnly, "function f"),
                    (FunctionKeyword, "function g"),
                ],
            ),
            (
                "cat <<EOF\n${x/a/b} {a,b} $'x'\nEOF\n",
                &[(StringReplacement, "${x/a/b}")],
            ),
            ("x=$(echo ${y/a/b})", &[(StringReplacement, "${y/a/b}")]),
            ("echo ${x:-${y/a/b}}", &[(StringReplacement, "${y/a/b}")]),
        ];
        for (src, want) in cases {
            assert_eq!(&found(src), want, "in {src:?}");
        }
    }

    #[test]
    fn dialects() {
        use Bashism::*;
        assert!(Local.flagged_in(Dialect::Sh, ""));
        assert!(!Local.flagged_in(Dialect::Dash, ""));
        assert!(!Local.flagged_in(Dialect::Busybox, ""));
        assert!(!Local.flagged_in(Dialect::Bash, ""));
        assert!(EchoFlags.flagged_in(Dialect::Sh, "-n"));
        assert!(!EchoFlags.flagged_in(Dialect::Dash, "-n"));
        assert!(EchoFlags.flagged_in(Dialect::Dash, "-en"));
        assert!(!EchoFlags.flagged_in(Dialect::Busybox, "-en"));
        assert!(EchoFlags.flagged_in(Dialect::Busybox, "-E"));
        assert!(!DoubleBracket.flagged_in(Dialect::Busybox, ""));
        assert!(Array.flagged_in(Dialect::Busybox, ""));
        assert!(!Array.flagged_in(Dialect::Ksh, ""));
    }

    #[test]
    fn dialect_tables_apply() {
        let dash = |src: &str| -> Vec<(Bashism, String)> {
            find(&parse(src), src, Dialect::Dash)
                .into_iter()
                .map(|f| (f.kind, f.span.slice(src).to_owned()))
                .collect()
        };
        assert_eq!(
            dash("echo -n x; echo -en y; local z; read -p q v; ulimit -n 1; set -o pipefail"),
            [(Bashism::EchoFlags, "-en".to_owned())]
        );
        let src = "[[ x ]] && a=(1)";
        assert!(find(&parse(src), src, Dialect::Bash).is_empty());
        let bb = find(&parse(src), src, Dialect::Busybox);
        assert_eq!(
            bb.iter().map(|f| f.kind).collect::<Vec<_>>(),
            [Bashism::Array]
        );
    }

    #[test]
    fn assigned_bash_variables_are_plain_variables() {
        let src = "UID=1; echo $UID $RANDOM";
        let kinds: Vec<&str> = find(&parse(src), src, Dialect::Sh)
            .iter()
            .map(|f| f.span.slice(src))
            .collect();
        assert_eq!(kinds, ["$RANDOM"]);
    }

    #[test]
    fn variable_lists_are_sorted() {
        assert!(BASH_VARIABLES.windows(2).all(|w| w[0] < w[1]));
    }
}
