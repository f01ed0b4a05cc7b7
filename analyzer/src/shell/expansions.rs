//! Every expansion of a script with its context: one walk that yields each
//! parameter expansion, command substitution, arithmetic expansion, process
//! substitution, single-quoted string and unquoted glob-like literal, and
//! says whether it is quoted and whether the shell splits and globs the
//! word it sits in. The quoting rules (SC2086, SC2046, SC2016, SC2035…) read
//! it; it knows nothing of Dockerfiles.
//!
//! Word splitting and pathname expansion apply to the unquoted expansions of
//! command arguments (`[`/`test` operands included), redirect targets and
//! here-strings (which bash does not split, but where a split value is a
//! bug all the same), `for … in` items and array elements, and — in POSIX
//! sh only — the values of `export`/`local`/`readonly`/`declare` arguments.
//! They do not apply in assignments, `[[ ]]`, `(( ))` and `$(( ))`, `case`
//! words, here-document bodies, or the command name (which is a choice of
//! program rather than data).
//!
//! The walk covers substitution bodies (each nested command is seen with its
//! own context) and goes no deeper than the tree, which the parser caps; the
//! parts of a word are walked with a heap stack.

use super::ast::{
    Arith, CommandSubst, Param, ProcessSubst, Redirect, RedirectOp, RedirectTarget, Script,
    SimpleCommand, SubstitutionKind, Word, WordPart,
};
use super::dialect::Dialect;
use super::visit::{CommandRef, Scope, Visitor};
use super::{Command, strip_continuations};
use crate::Edit;
use crate::text::TextRange;

/// Where a word sits, as far as splitting and globbing go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// The first word of a simple command.
    CommandName,
    /// An argument of a simple command.
    Argument,
    /// An operand of `[ … ]` or `test` (an argument, named apart because
    /// several checks treat it specially).
    TestOperand,
    /// An argument of a declaration builtin written `NAME=value` (`export`,
    /// `local`, `readonly`, `declare`, `typeset`): split in POSIX sh as
    /// ShellCheck reads it, not in bash or ksh.
    DeclarationValue,
    /// The target of a redirection (`> $f`).
    Redirect,
    /// The word of a here-string (`<<< $x`).
    HereString,
    /// A here-document body.
    HeredocBody,
    /// The value of `NAME=value` before a command or on its own.
    Assignment,
    /// An element of an array assignment `NAME=(a b c)`.
    ArrayElement,
    /// The variable of `for NAME in …`.
    ForVariable,
    /// An item of `for NAME in …`.
    ForItem,
    /// The subject of `case … in`.
    CaseSubject,
    /// A pattern of a `case` item.
    CasePattern,
    /// An operand of `[[ … ]]`.
    DoubleBracket,
    /// Inside `(( ))`, `for ((…))` or `$(( ))`.
    Arithmetic,
    /// A function's name.
    FunctionName,
}

impl Context {
    /// Unquoted expansions here are split into fields and globbed by
    /// `dialect` (a command name is split too, but an expansion that is the
    /// whole name is the choice of a program: see [`Expansion::is_split`]).
    #[must_use]
    pub fn splits(self, dialect: Dialect) -> bool {
        match self {
            Context::Argument
            | Context::TestOperand
            | Context::Redirect
            | Context::HereString
            | Context::ArrayElement
            | Context::ForItem => true,
            Context::DeclarationValue => dialect.is_posix_only(),
            _ => false,
        }
    }
}

/// What was found.
#[derive(Clone, Copy, Debug)]
pub enum Kind<'a> {
    /// `$x`, `${x…}`, `$1`, `$@`…
    Param(&'a Param),
    /// `$(…)` or `` `…` ``.
    Command(&'a CommandSubst),
    /// `$((…))`.
    Arith(&'a Arith),
    /// `<(…)` or `>(…)`.
    Process(&'a ProcessSubst),
    /// `'…'` (the span includes the quotes).
    SingleQuoted,
    /// An unquoted literal part holding `*`, `?` or `[`: the span is the
    /// literal part (rules look for the glob characters in it).
    Glob,
}

/// One expansion (or single-quoted string, or glob-like literal) and where
/// it sits.
#[derive(Clone, Copy, Debug)]
pub struct Expansion<'a> {
    pub kind: Kind<'a>,
    pub span: TextRange,
    /// Inside double quotes (or in a quoted here-document).
    pub quoted: bool,
    /// Inside the operand or subscript of an enclosing `${…}`
    /// (`$y` in `${x:-$y}`).
    pub in_param: bool,
    pub context: Context,
    /// The word it belongs to (for a here-document, its body).
    pub word: &'a Word,
    /// The simple command the word belongs to, if any.
    pub command: Option<&'a SimpleCommand>,
    /// The index of the word in `command.words` (for command words).
    pub word_index: Option<usize>,
    pub scope: Scope<'a>,
}

impl Expansion<'_> {
    /// Unquoted in a context where `dialect` splits and globs it (and not
    /// nested in another `${…}`).
    #[must_use]
    pub fn is_split(&self, dialect: Dialect) -> bool {
        if self.quoted || self.in_param {
            return false;
        }
        match self.context {
            // `$cmd args` names the program; `$dir/bin/tool` is split.
            Context::CommandName => !self.is_whole_word(),
            c => c.splits(dialect),
        }
    }

    /// The expansion is the whole word (`$x` alone, not `a$x` or `"$x"`).
    #[must_use]
    pub fn is_whole_word(&self) -> bool {
        self.word.span == self.span
    }

    /// The edits that put `"…"` around `range` (where this expansion is
    /// written in the file), or none inside backticks, where the quotes
    /// would need escaping.
    #[must_use]
    pub fn quote_edits(&self, range: TextRange) -> Option<Vec<Edit>> {
        if self
            .scope
            .substitution
            .is_some_and(|s| s.kind == SubstitutionKind::Backtick)
        {
            return None;
        }
        Some(vec![
            Edit::insert(range.start(), "\""),
            Edit::insert(range.end(), "\""),
        ])
    }
}

/// Every expansion of `script` (parsed from `src`), sorted by position.
#[must_use]
pub fn expansions<'a>(script: &'a Script, src: &str) -> Vec<Expansion<'a>> {
    let mut walker = Walker {
        src,
        out: Vec::new(),
    };
    script.walk(&mut walker);
    walker.out.sort_by_key(|e| (e.span.start(), e.span.end()));
    walker.out
}

struct Walker<'a, 's> {
    src: &'s str,
    out: Vec<Expansion<'a>>,
}

/// Declaration builtins: `NAME=value` arguments are assignments.
pub const DECLARATION_BUILTINS: &[&str] = &["export", "local", "readonly", "declare", "typeset"];

impl<'a> Visitor<'a> for Walker<'a, '_> {
    fn command(&mut self, c: CommandRef<'a>) {
        let scope = c.scope;
        match c.command {
            Command::Simple(s) => self.simple(s, scope),
            Command::Subshell(g) | Command::BraceGroup(g) => self.redirects(&g.redirects, scope),
            Command::If(i) => self.redirects(&i.redirects, scope),
            Command::While(w) => self.redirects(&w.redirects, scope),
            Command::For(f) => {
                self.word(&f.variable, Context::ForVariable, None, None, scope);
                for w in f.items.iter().flatten() {
                    self.word(w, Context::ForItem, None, None, scope);
                }
                self.redirects(&f.redirects, scope);
            }
            Command::ArithFor(f) => {
                self.word(&f.header, Context::Arithmetic, None, None, scope);
                self.redirects(&f.redirects, scope);
            }
            Command::Case(k) => {
                self.word(&k.subject, Context::CaseSubject, None, None, scope);
                for item in &k.items {
                    for p in &item.patterns {
                        self.word(p, Context::CasePattern, None, None, scope);
                    }
                }
                self.redirects(&k.redirects, scope);
            }
            Command::Function(f) => self.word(&f.name, Context::FunctionName, None, None, scope),
            Command::Test(t) => {
                for w in &t.words {
                    self.word(w, Context::DoubleBracket, None, None, scope);
                }
                self.redirects(&t.redirects, scope);
            }
            Command::Arith(a) => {
                self.word(&a.expr, Context::Arithmetic, None, None, scope);
                self.redirects(&a.redirects, scope);
            }
            Command::Unparsed(_) => {}
        }
    }
}

impl<'a> Walker<'a, '_> {
    fn simple(&mut self, s: &'a SimpleCommand, scope: Scope<'a>) {
        for a in &s.assignments {
            self.word(&a.value, Context::Assignment, Some(s), None, scope);
        }
        let name = s.name(self.src);
        let name = name.as_deref().map(|n| n.rsplit('/').next().unwrap_or(n));
        let test = matches!(name, Some("[" | "test"));
        let declaration = name.is_some_and(|n| DECLARATION_BUILTINS.contains(&n));
        // `exec cmd …`, `command cmd …`: the first operand is a command name.
        let runs = if matches!(name, Some("exec" | "command")) {
            s.words
                .iter()
                .skip(1)
                .position(|w| !w.text(self.src).starts_with('-'))
                .map(|k| k + 1)
        } else {
            None
        };
        for (i, w) in s.words.iter().enumerate() {
            let context = if i == 0 || Some(i) == runs {
                Context::CommandName
            } else if test {
                Context::TestOperand
            } else if declaration && assignment_word(w, self.src) {
                Context::DeclarationValue
            } else {
                Context::Argument
            };
            self.word(w, context, Some(s), Some(i), scope);
        }
        self.redirects_of(&s.redirects, Some(s), scope);
    }

    fn redirects(&mut self, rs: &'a [Redirect], scope: Scope<'a>) {
        self.redirects_of(rs, None, scope);
    }

    fn redirects_of(
        &mut self,
        rs: &'a [Redirect],
        command: Option<&'a SimpleCommand>,
        scope: Scope<'a>,
    ) {
        for r in rs {
            match &r.target {
                RedirectTarget::Word(w) => {
                    let context = if r.op == RedirectOp::HereString {
                        Context::HereString
                    } else {
                        Context::Redirect
                    };
                    self.word(w, context, command, None, scope);
                }
                RedirectTarget::Heredoc(h) => {
                    self.parts(
                        &h.body,
                        &h.body.parts,
                        Context::HeredocBody,
                        command,
                        None,
                        scope,
                        h.quoted,
                    );
                }
            }
        }
    }

    fn word(
        &mut self,
        w: &'a Word,
        context: Context,
        command: Option<&'a SimpleCommand>,
        index: Option<usize>,
        scope: Scope<'a>,
    ) {
        self.parts(w, &w.parts, context, command, index, scope, false);
    }

    /// Walks the parts of `word` with a heap stack (nesting inside one word,
    /// `"${a:-"${b:-…}"}"`, does not recurse).
    #[allow(clippy::too_many_arguments)]
    fn parts(
        &mut self,
        word: &'a Word,
        parts: &'a [WordPart],
        context: Context,
        command: Option<&'a SimpleCommand>,
        word_index: Option<usize>,
        scope: Scope<'a>,
        quoted: bool,
    ) {
        let src = self.src;
        // (parts, quoted, in_param, context)
        let mut stack: Vec<(std::slice::Iter<'a, WordPart>, bool, bool, Context)> =
            vec![(parts.iter(), quoted, false, context)];
        while let Some(top) = stack.last_mut() {
            let (quoted, in_param, context) = (top.1, top.2, top.3);
            let Some(part) = top.0.next() else {
                stack.pop();
                continue;
            };
            let mut push = |kind: Kind<'a>, span: TextRange| {
                self.out.push(Expansion {
                    kind,
                    span,
                    quoted,
                    in_param,
                    context,
                    word,
                    command,
                    word_index,
                    scope,
                });
            };
            match part {
                WordPart::Literal(r) => {
                    if !quoted
                        && context != Context::HeredocBody
                        && r.slice(src).contains(['*', '?', '['])
                    {
                        push(Kind::Glob, *r);
                    }
                }
                WordPart::SingleQuoted(r) => push(Kind::SingleQuoted, *r),
                WordPart::Escaped(_) | WordPart::AnsiC(_) => {}
                WordPart::DoubleQuoted(d) => {
                    stack.push((d.parts.iter(), true, in_param, context));
                }
                WordPart::Param(p) => {
                    push(Kind::Param(p), p.span);
                    if !p.parts.is_empty() {
                        stack.push((p.parts.iter(), quoted, true, context));
                    }
                }
                WordPart::CommandSubst(c) => push(Kind::Command(c), c.span),
                WordPart::ProcessSubst(c) => push(Kind::Process(c), c.span),
                WordPart::Arith(a) => {
                    push(Kind::Arith(a), a.span);
                    stack.push((a.parts.iter(), quoted, in_param, Context::Arithmetic));
                }
                WordPart::Array(a) => {
                    // Elements are words of their own.
                    for e in &a.elements {
                        let mut w = Walker {
                            src,
                            out: Vec::new(),
                        };
                        w.parts(
                            e,
                            &e.parts,
                            Context::ArrayElement,
                            command,
                            None,
                            scope,
                            false,
                        );
                        self.out.append(&mut w.out);
                    }
                }
            }
        }
    }
}

/// `NAME=…` (or `NAME+=…`, `NAME[i]=…`): the word starts with a literal
/// variable name and `=`.
fn assignment_word(w: &Word, src: &str) -> bool {
    let Some(WordPart::Literal(r)) = w.parts.first() else {
        return false;
    };
    let text = r.slice(src);
    let Some(eq) = text.find('=') else {
        return false;
    };
    let name = text[..eq].strip_suffix('+').unwrap_or(&text[..eq]);
    let name = name.split_once('[').map_or(name, |(n, _)| n);
    is_name(name)
}

/// A shell variable name (`[A-Za-z_][A-Za-z0-9_]*`).
#[must_use]
pub fn is_name(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// What a `${…}` does to its parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamOp {
    /// `$x`, `${x}`, `${x[1]}`.
    Plain,
    /// `${x-w}`, `${x:-w}`: `w` when unset (or empty).
    Default,
    /// `${x=w}`, `${x:=w}`: assigns `w` when unset (or empty).
    Assign,
    /// `${x?w}`, `${x:?w}`: fails when unset (or empty).
    Error,
    /// `${x+w}`, `${x:+w}`: `w` when set (and not empty), else nothing.
    Alternative,
    /// Anything else after the name: substrings, pattern removal and
    /// replacement, case changes, `@` transformations.
    Other,
}

/// A `${…}` taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamInfo<'s> {
    /// `x`, `1`, `@`, `?`…; empty for a malformed `${}`.
    pub name: &'s str,
    /// `${#x}`: the length.
    pub length: bool,
    /// `${!x}`: indirection (or `${!prefix*}`, `${!a[@]}`).
    pub indirect: bool,
    /// `[…]` after the name, brackets included.
    pub subscript: Option<&'s str>,
    pub op: ParamOp,
    /// The operator has a `:` (`${x:-w}`): it treats empty as unset.
    pub colon: bool,
    /// The text after the operator (`w` in `${x:-w}`), up to the closing
    /// brace.
    pub operand: &'s str,
}

impl ParamInfo<'_> {
    /// `$@`, `$*`, `${a[@]}`, `${a[*]}`: every element.
    #[must_use]
    pub fn is_all_elements(&self) -> bool {
        matches!(self.name, "@" | "*") || matches!(self.subscript, Some("[@]" | "[*]"))
    }

    /// A special parameter whose value is a number or a flag string with no
    /// blanks (`$?`, `$#`, `$$`, `$!`, `$-`).
    #[must_use]
    pub fn is_blank_free_special(&self) -> bool {
        matches!(self.name, "?" | "#" | "$" | "!" | "-")
    }

    /// A variable name (not a positional or special parameter).
    #[must_use]
    pub fn is_variable(&self) -> bool {
        is_name(self.name)
    }
}

/// Takes a parameter expansion apart.
#[must_use]
pub fn param_info<'s>(p: &Param, src: &'s str) -> ParamInfo<'s> {
    let name = p.name.slice(src);
    let mut info = ParamInfo {
        name,
        length: false,
        indirect: false,
        subscript: None,
        op: ParamOp::Plain,
        colon: false,
        operand: "",
    };
    if !p.braced {
        return info;
    }
    let prefix = src.get(p.span.start() + 2..p.name.start()).unwrap_or("");
    info.length = prefix == "#";
    info.indirect = prefix == "!";
    let end = if p.span.slice(src).ends_with('}') && p.span.len() > 2 {
        p.span.end() - 1
    } else {
        p.span.end()
    };
    let mut rest = src.get(p.name.end()..end.max(p.name.end())).unwrap_or("");
    if rest.starts_with('[')
        && let Some(close) = rest.find(']')
    {
        info.subscript = Some(&rest[..=close]);
        rest = &rest[close + 1..];
    }
    if rest.is_empty() {
        return info;
    }
    let (colon, after) = match rest.strip_prefix(':') {
        Some(a) => (true, a),
        None => (false, rest),
    };
    let op = match after.as_bytes().first() {
        Some(b'-') => ParamOp::Default,
        Some(b'=') => ParamOp::Assign,
        Some(b'?') => ParamOp::Error,
        Some(b'+') => ParamOp::Alternative,
        _ => ParamOp::Other,
    };
    info.op = op;
    if op == ParamOp::Other {
        info.operand = rest;
    } else {
        info.colon = colon;
        info.operand = &after[1..];
    }
    info
}

/// The unquoted brace expansions of a word (`{a,b}`, `{1..3}`, `{a..z}`,
/// `pre{x,y}post`): each span runs from the `{` to its `}`. Nested ones
/// are listed too (the outer one first). A brace that holds no top-level
/// comma and no valid range (`{}`, `{a}`, `${x}`, `"{a,b}"`, `\{a,b}`) is
/// not an expansion.
#[must_use]
pub fn brace_expansions(word: &Word, src: &str) -> Vec<TextRange> {
    // The word as units: unquoted literal bytes, or opaque parts.
    let mut units: Vec<(Option<u8>, usize)> = Vec::new();
    for part in &word.parts {
        match part {
            WordPart::Literal(r) => {
                let text = r.slice(src);
                if !text.contains(['{', '}', ',', '.']) && units.is_empty() {
                    // Nothing can open here; keep it opaque but short.
                    units.push((None, r.start()));
                    continue;
                }
                for (k, b) in text.bytes().enumerate() {
                    units.push((Some(b), r.start() + k));
                }
            }
            other => units.push((None, super::parser::part_span(other).start())),
        }
    }
    if !units.iter().any(|u| u.0 == Some(b'{')) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Open braces: (index in units, has a top-level comma).
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (i, &(b, at)) in units.iter().enumerate() {
        match b {
            Some(b'{') => open.push((i, false)),
            Some(b',') => {
                if let Some(top) = open.last_mut() {
                    top.1 = true;
                }
            }
            Some(b'}') => {
                let Some((start, comma)) = open.pop() else {
                    continue;
                };
                let inner = &units[start + 1..i];
                let range = || {
                    let mut s = String::with_capacity(inner.len());
                    for u in inner {
                        s.push(char::from(u.0?));
                    }
                    Some(s)
                };
                if comma || range().is_some_and(|s| is_brace_range(&s)) {
                    out.push(TextRange::new(units[start].1, at + 1));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| (r.start(), std::cmp::Reverse(r.end())));
    out
}

/// `1..5`, `-2..2..2`, `a..z`: a bash sequence expression.
fn is_brace_range(s: &str) -> bool {
    let parts: Vec<&str> = s.split("..").collect();
    let int = |p: &str| {
        let d = p.strip_prefix(['-', '+']).unwrap_or(p);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    };
    let letter = |p: &str| p.len() == 1 && p.as_bytes()[0].is_ascii_alphabetic();
    match parts.as_slice() {
        [a, b] => (int(a) && int(b)) || (letter(a) && letter(b)),
        [a, b, step] => ((int(a) && int(b)) || (letter(a) && letter(b))) && int(step),
        _ => false,
    }
}

/// One `$[expr]`, bash's legacy (deprecated) arithmetic expansion, which a
/// POSIX shell such as dash leaves as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyArith {
    /// From `$` to the closing `]`.
    pub span: TextRange,
    /// The `$[` that opens it.
    pub open: TextRange,
    /// The `]` that closes it.
    pub close: TextRange,
}

/// The `$[…]` of a run of words (also inside `"…"`). The parser keeps them
/// as literal text, so they are found in the literal parts, the `]` matched
/// with nesting across the expansions inside (`$[$x + 1]`) and across words:
/// bash reads `$[a + 1]` as one word, a POSIX shell (and the parser) as three,
/// so pass every word of a command, in order. Linear in the words' parts.
#[must_use]
pub fn legacy_arithmetic<'w>(
    words: impl IntoIterator<Item = &'w Word>,
    src: &str,
) -> Vec<LegacyArith> {
    let mut out = Vec::new();
    let mut open = None;
    for word in words {
        legacy_in_parts(&word.parts, src, &mut open, &mut out);
    }
    out
}

/// An open `$[`: where it starts and its bracket depth.
type OpenLegacy = Option<(usize, u32)>;

fn legacy_in_parts(
    parts: &[WordPart],
    src: &str,
    open: &mut OpenLegacy,
    out: &mut Vec<LegacyArith>,
) {
    for part in parts {
        match part {
            WordPart::Literal(r) => {
                let text = r.slice(src).as_bytes();
                let mut i = 0;
                while i < text.len() {
                    let at = r.start() + i;
                    match (*open, text[i]) {
                        (None, b'$') if text.get(i + 1) == Some(&b'[') => {
                            *open = Some((at, 1));
                            i += 2;
                            continue;
                        }
                        (Some((start, depth)), b'[') => *open = Some((start, depth + 1)),
                        (Some((start, 1)), b']') => {
                            out.push(LegacyArith {
                                span: TextRange::new(start, at + 1),
                                open: TextRange::new(start, start + 2),
                                close: TextRange::new(at, at + 1),
                            });
                            *open = None;
                        }
                        (Some((start, depth)), b']') => *open = Some((start, depth - 1)),
                        _ => {}
                    }
                    i += 1;
                }
            }
            // A quoted string is whole: one inside an open `$[` is an
            // operand, one outside may hold a `$[…]` of its own.
            WordPart::DoubleQuoted(d) if open.is_none() => {
                legacy_in_parts(&d.parts, src, &mut None, out);
            }
            _ => {}
        }
    }
}

/// The source text of a span with Docker line continuations removed.
#[must_use]
pub fn text_of(span: TextRange, src: &str) -> std::borrow::Cow<'_, str> {
    strip_continuations(span.slice(src))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::parse;

    /// `(text, context, quoted, split-under-sh)` of every expansion.
    fn found(src: &str) -> Vec<(String, Context, bool, bool)> {
        let script = parse(src);
        expansions(&script, src)
            .into_iter()
            .map(|e| {
                (
                    e.span.slice(src).to_owned(),
                    e.context,
                    e.quoted,
                    e.is_split(Dialect::Sh),
                )
            })
            .collect()
    }

    fn split_texts(src: &str, dialect: Dialect) -> Vec<String> {
        let script = parse(src);
        expansions(&script, src)
            .into_iter()
            .filter(|e| e.is_split(dialect) && matches!(e.kind, Kind::Param(_)))
            .map(|e| e.span.slice(src).to_owned())
            .collect()
    }

    #[test]
    fn contexts() {
        use Context::*;
        let f = found("a=$x $cmd $y \"$z\" > $f <<< $h");
        assert_eq!(
            f,
            vec![
                ("$x".into(), Assignment, false, false),
                ("$cmd".into(), CommandName, false, false),
                ("$y".into(), Argument, false, true),
                ("$z".into(), Argument, true, false),
                ("$f".into(), Redirect, false, true),
                ("$h".into(), HereString, false, true),
            ]
        );
        assert_eq!(
            split_texts(
                "[ -n $a ] && [[ -n $b ]] && (( $c )) && echo $(( $d ))",
                Dialect::Sh
            ),
            ["$a"]
        );
        assert_eq!(
            split_texts(
                "case $a in $b) echo $c;; esac; for i in $d; do :; done",
                Dialect::Sh
            ),
            ["$c", "$d"]
        );
        assert_eq!(
            split_texts("export a=$x b; local c=$y; echo $(echo $z)", Dialect::Sh),
            ["$x", "$y", "$z"]
        );
        assert_eq!(
            split_texts("export a=$x b; local c=$y; arr=(a $e)", Dialect::Bash),
            ["$e"]
        );
        assert_eq!(
            split_texts("cat <<EOF\n$x\nEOF\n", Dialect::Sh),
            Vec::<String>::new()
        );
        assert_eq!(split_texts("echo ${a:-$b}", Dialect::Sh), ["${a:-$b}"]);
        assert_eq!(split_texts("f() { echo $a; }", Dialect::Sh), ["$a"]);
        assert_eq!(
            split_texts("exec $a $b; command -p $c $d", Dialect::Sh),
            ["$b", "$d"]
        );
    }

    #[test]
    fn globs_and_quotes() {
        let src = "rm *.txt 'a$b' \"*\" x\\*";
        let script = parse(src);
        let e = expansions(&script, src);
        let kinds: Vec<(&str, bool)> = e
            .iter()
            .map(|e| (e.span.slice(src), matches!(e.kind, Kind::Glob)))
            .collect();
        assert_eq!(kinds, [("*.txt", true), ("'a$b'", false)]);
    }

    #[test]
    fn params() {
        let src = "${#x} ${!y} ${a[@]} ${b:-c} ${d+e} ${f%%g} $h ${i:?}";
        let script = parse(src);
        let infos: Vec<ParamInfo<'_>> = expansions(&script, src)
            .iter()
            .filter_map(|e| match e.kind {
                Kind::Param(p) if !e.in_param => Some(param_info(p, src)),
                _ => None,
            })
            .collect();
        assert!(infos[0].length && infos[0].name == "x");
        assert!(infos[1].indirect && infos[1].name == "y");
        assert!(infos[2].is_all_elements() && infos[2].subscript == Some("[@]"));
        assert_eq!(
            (infos[3].op, infos[3].colon, infos[3].operand),
            (ParamOp::Default, true, "c")
        );
        assert_eq!((infos[4].op, infos[4].colon), (ParamOp::Alternative, false));
        assert_eq!((infos[5].op, infos[5].operand), (ParamOp::Other, "%%g"));
        assert_eq!(infos[6].op, ParamOp::Plain);
        assert_eq!((infos[7].op, infos[7].operand), (ParamOp::Error, ""));
    }

    #[test]
    fn braces() {
        let b = |src: &str| -> Vec<String> {
            let script = parse(src);
            let mut out = Vec::new();
            for c in script.simple_commands() {
                for w in &c.command.words {
                    out.extend(
                        brace_expansions(w, src)
                            .into_iter()
                            .map(|r| r.slice(src).to_owned()),
                    );
                }
            }
            out
        };
        assert_eq!(
            b("echo {a,b} x{1..3}y {a..c} {,a}"),
            ["{a,b}", "{1..3}", "{a..c}", "{,a}"]
        );
        assert_eq!(
            b("find . -exec rm {} \\; ${x} \"{a,b}\" \\{a,b} {a} {1..b}"),
            Vec::<String>::new()
        );
        assert_eq!(b("echo {a,{b,c}} {$x,y}"), ["{a,{b,c}}", "{b,c}", "{$x,y}"]);
        assert_eq!(b("mkdir -p /a/{b,c}/d"), ["{b,c}"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut src = String::from("echo ");
        for _ in 0..20_000 {
            src.push_str("\"${a:-");
        }
        let script = parse(&src);
        let _ = expansions(&script, &src);
        let mut src = String::from("echo ");
        for _ in 0..20_000 {
            src.push_str("$(");
        }
        let script = parse(&src);
        let _ = expansions(&script, &src);
    }
}
