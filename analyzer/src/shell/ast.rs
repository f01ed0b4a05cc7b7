//! The shell syntax tree. Every node carries a [`TextRange`] into the text that
//! was handed to [`parse`](super::parse); words are spans plus a small vector of
//! parts, so nothing is copied out of the source until a rule asks for a value.

use std::borrow::Cow;

use crate::text::TextRange;

/// The result of [`parse`](super::parse): the top-level command list plus every
/// syntax error and comment found anywhere (including inside substitutions).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub body: List,
    /// Syntax errors, sorted by position. Parsing never stops at an error.
    pub errors: Vec<ShellError>,
    /// Every `# …` comment (the `#` included, the newline not). In a Docker
    /// `RUN` a comment runs on through line continuations, so a comment span
    /// that crosses a newline means the comment swallowed the following lines.
    pub comments: Vec<TextRange>,
}

/// A syntax error. The parse goes on after it; the tree keeps what could be
/// recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellError {
    pub message: String,
    pub span: TextRange,
    pub kind: ShellErrorKind,
}

/// Which shells reject what a [`ShellError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShellErrorKind {
    /// Every shell rejects it: an unterminated quote, `if` without `fi`, a
    /// dangling `&&`.
    Syntax,
    /// Only bash's grammar rejects it: the error is inside a bash construct
    /// that a POSIX shell reads as ordinary words (`[[ -f x ]` without its
    /// `]]` is the command `[[` for dash; `f() echo` is a function for dash).
    Bash,
    /// Only POSIX shells reject it: bash accepts a lone `!` before a
    /// newline, `;` or the end of the script.
    Posix,
    /// The shells accept it, with a warning at most: a here-document that
    /// the end of the script ends (whatever that leaves unclosed is an error
    /// of its own).
    Tolerated,
    /// Not an error of the script: a construct nested deeper than the
    /// parser follows was stepped over unparsed.
    TooDeep,
}

impl ShellError {
    /// Whether a shell of `dialect` rejects the script for this error.
    #[must_use]
    pub fn rejected_by(&self, dialect: super::Dialect) -> bool {
        match self.kind {
            ShellErrorKind::Syntax => true,
            ShellErrorKind::Bash => !dialect.is_posix_only(),
            ShellErrorKind::Posix => dialect.is_posix_only(),
            ShellErrorKind::Tolerated | ShellErrorKind::TooDeep => false,
        }
    }
}

/// A sequence of and-or lists separated by `;`, `&` or newlines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    pub items: Vec<AndOr>,
    /// From the first item to the end of the last item's terminator; empty
    /// when the list is empty.
    pub span: TextRange,
}

/// Pipelines joined by `&&` / `||`: `a && b || c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AndOr {
    /// Never empty.
    pub pipelines: Vec<Pipeline>,
    /// `operators[i]` sits between `pipelines[i]` and `pipelines[i + 1]`.
    pub operators: Vec<AndOrOperator>,
    /// The `;`, `&` or newline that ended this item, if any.
    pub terminator: Option<Terminator>,
    /// From the first pipeline to the last one (the terminator excluded).
    pub span: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AndOrOperator {
    pub kind: AndOrOp,
    pub span: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AndOrOp {
    /// `&&`
    And,
    /// `||`
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminator {
    pub kind: TerminatorKind,
    pub span: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminatorKind {
    /// `;`
    Semicolon,
    /// `&`: the and-or list runs in the background.
    Background,
    /// A newline.
    Newline,
}

/// Commands joined by `|` / `|&`, optionally negated with a leading `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// The `!` keyword, if present.
    pub bang: Option<TextRange>,
    /// Never empty. `commands[i]` writes into `commands[i + 1]`.
    pub commands: Vec<Command>,
    /// `pipes[i]` sits between `commands[i]` and `commands[i + 1]`.
    pub pipes: Vec<Pipe>,
    pub span: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pipe {
    pub span: TextRange,
    /// `|&`: standard error is piped too.
    pub stderr: bool,
}

/// One command of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Simple(SimpleCommand),
    /// `( list )`
    Subshell(Box<GroupCommand>),
    /// `{ list; }`
    BraceGroup(Box<GroupCommand>),
    If(Box<IfCommand>),
    /// `while` / `until`
    While(Box<WhileCommand>),
    /// `for x in …` / `select x in …`
    For(Box<ForCommand>),
    /// `for ((init; test; step))`
    ArithFor(Box<ArithForCommand>),
    Case(Box<CaseCommand>),
    Function(Box<FunctionDef>),
    /// `[[ … ]]`
    Test(Box<TestCommand>),
    /// `(( … ))`
    Arith(Box<ArithCommand>),
    /// A compound command nested too deeply to be parsed; it was skipped (and
    /// an error recorded).
    Unparsed(TextRange),
}

/// `A=1 B=2 cmd arg… >redir`
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimpleCommand {
    /// `NAME=value` prefixes.
    pub assignments: Vec<Assignment>,
    /// The command name (`words[0]`) and its arguments.
    pub words: Vec<Word>,
    /// Redirections, wherever they appeared among the words.
    pub redirects: Vec<Redirect>,
    pub span: TextRange,
}

/// `NAME=value`, `NAME+=value`, `NAME[sub]=value`, `NAME=(a b c)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub span: TextRange,
    pub name: TextRange,
    /// The `[…]` subscript, brackets included.
    pub subscript: Option<TextRange>,
    /// `+=`
    pub append: bool,
    /// The value after `=`; an empty word for `NAME=`, a word with a single
    /// [`WordPart::Array`] for `NAME=(…)`.
    pub value: Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub span: TextRange,
    /// The explicit file descriptor (`2>`), if any.
    pub fd: Option<RedirectFd>,
    pub op: RedirectOp,
    pub target: RedirectTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectFd {
    /// `2>`; saturates at `u32::MAX`.
    Number(u32),
    /// `{var}>`: the variable name.
    Var(TextRange),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectOp {
    /// `<`
    Read,
    /// `>`
    Write,
    /// `>>`
    Append,
    /// `>|`
    Clobber,
    /// `<>`
    ReadWrite,
    /// `<&`
    DupRead,
    /// `>&`
    DupWrite,
    /// `&>`
    WriteAll,
    /// `&>>`
    AppendAll,
    /// `<<<`
    HereString,
    /// `<<`
    Heredoc,
    /// `<<-`
    HeredocStripTabs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectTarget {
    Word(Word),
    Heredoc(Box<Heredoc>),
}

/// A here-document: `<<EOF` plus its body on the following lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word as written (`EOF`, `'EOF'`, `"EOF"`).
    pub delimiter: Word,
    /// `<<-`: leading tabs are stripped from body lines and the end marker.
    pub strip_tabs: bool,
    /// The delimiter was quoted, so the body is not expanded.
    pub quoted: bool,
    /// The body lines (the end-marker line excluded). When `quoted` the body
    /// is a single literal part; otherwise `$…`, `` `…` `` and `\` are parsed.
    /// Leading tabs (for `<<-`) are kept in the span and parts.
    pub body: Word,
    /// The end-marker line, if the body was terminated.
    pub end_marker: Option<TextRange>,
    pub(crate) id: u32,
}

/// `( list )` or `{ list; }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCommand {
    pub span: TextRange,
    pub body: List,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfCommand {
    pub span: TextRange,
    /// The `if` branch first, then one per `elif`. Never empty.
    pub branches: Vec<IfBranch>,
    pub else_body: Option<List>,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfBranch {
    /// The `if` / `elif` keyword.
    pub keyword: TextRange,
    pub condition: List,
    pub body: List,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhileCommand {
    pub span: TextRange,
    /// `until` rather than `while`.
    pub until: bool,
    pub condition: List,
    pub body: List,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForCommand {
    pub span: TextRange,
    /// `select` rather than `for`.
    pub select: bool,
    pub variable: Word,
    /// The words after `in`; `None` when there is no `in` (loops over `"$@"`).
    pub items: Option<Vec<Word>>,
    pub body: List,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithForCommand {
    pub span: TextRange,
    /// The text between `((` and `))`, parsed as arithmetic.
    pub header: Word,
    pub body: List,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCommand {
    pub span: TextRange,
    pub subject: Word,
    pub items: Vec<CaseItem>,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseItem {
    pub span: TextRange,
    pub patterns: Vec<Word>,
    pub body: List,
    pub terminator: Option<CaseTerminator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseTerminator {
    pub kind: CaseTerminatorKind,
    pub span: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseTerminatorKind {
    /// `;;`
    Break,
    /// `;&`
    FallThrough,
    /// `;;&`
    Continue,
}

/// `name() body` or `function name [()] body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDef {
    pub span: TextRange,
    pub name: Word,
    /// Written with the `function` keyword.
    pub keyword: bool,
    pub body: Command,
}

/// `[[ … ]]`: operands and operators (`&&`, `||`, `!`, `(`, `)`, `<`, `>`,
/// `==`, `=~`, `-f`, …) as words in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCommand {
    pub span: TextRange,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

/// `(( expression ))`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithCommand {
    pub span: TextRange,
    /// The text between `((` and `))`.
    pub expr: Word,
    pub redirects: Vec<Redirect>,
}

/// A shell word: a span plus the pieces it is made of. Adjacent pieces are
/// concatenated (`"a"$b'c'` is one word of three parts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub span: TextRange,
    pub parts: Parts,
}

/// The parts of a [`Word`]: a slice (through `Deref`) that stores a single
/// part inline. Most words are one literal, and not allocating for them is
/// worth a good share of the parser's time.
#[derive(Clone, PartialEq, Eq)]
pub struct Parts(PartsRepr);

#[derive(Clone, PartialEq, Eq)]
enum PartsRepr {
    One(WordPart),
    Many(Vec<WordPart>),
}

impl Parts {
    #[must_use]
    pub const fn new() -> Self {
        Parts(PartsRepr::Many(Vec::new()))
    }

    #[must_use]
    pub fn one(part: WordPart) -> Self {
        Parts(PartsRepr::One(part))
    }

    #[must_use]
    pub fn as_slice(&self) -> &[WordPart] {
        match &self.0 {
            PartsRepr::One(p) => std::slice::from_ref(p),
            PartsRepr::Many(v) => v,
        }
    }

    pub fn as_mut_slice(&mut self) -> &mut [WordPart] {
        match &mut self.0 {
            PartsRepr::One(p) => std::slice::from_mut(p),
            PartsRepr::Many(v) => v,
        }
    }

    pub fn push(&mut self, part: WordPart) {
        match &mut self.0 {
            PartsRepr::Many(v) if v.is_empty() => self.0 = PartsRepr::One(part),
            PartsRepr::Many(v) => v.push(part),
            PartsRepr::One(_) => {
                let PartsRepr::One(first) =
                    std::mem::replace(&mut self.0, PartsRepr::Many(Vec::new()))
                else {
                    return;
                };
                self.0 = PartsRepr::Many(vec![first, part]);
            }
        }
    }
}

impl Default for Parts {
    fn default() -> Self {
        Parts::new()
    }
}

impl std::ops::Deref for Parts {
    type Target = [WordPart];
    fn deref(&self) -> &[WordPart] {
        self.as_slice()
    }
}

impl std::ops::DerefMut for Parts {
    fn deref_mut(&mut self) -> &mut [WordPart] {
        self.as_mut_slice()
    }
}

impl std::fmt::Debug for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<'a> IntoIterator for &'a Parts {
    type Item = &'a WordPart;
    type IntoIter = std::slice::Iter<'a, WordPart>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl From<Vec<WordPart>> for Parts {
    fn from(mut v: Vec<WordPart>) -> Self {
        if v.len() == 1
            && let Some(p) = v.pop()
        {
            return Parts::one(p);
        }
        Parts(PartsRepr::Many(v))
    }
}

/// Where the parser collects parts: a word's [`Parts`] or a nested `Vec`.
pub(crate) trait PartSink {
    fn push_part(&mut self, part: WordPart);
    fn last_part_mut(&mut self) -> Option<&mut WordPart>;
}

impl PartSink for Vec<WordPart> {
    #[inline]
    fn push_part(&mut self, part: WordPart) {
        self.push(part);
    }
    #[inline]
    fn last_part_mut(&mut self) -> Option<&mut WordPart> {
        self.last_mut()
    }
}

impl PartSink for Parts {
    #[inline]
    fn push_part(&mut self, part: WordPart) {
        self.push(part);
    }
    #[inline]
    fn last_part_mut(&mut self) -> Option<&mut WordPart> {
        self.as_mut_slice().last_mut()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordPart {
    /// Literal text, unquoted or inside double quotes; its value is its text
    /// (less any line continuations).
    Literal(TextRange),
    /// A backslash escape `\c` (span includes the backslash); its value is `c`.
    Escaped(TextRange),
    /// `'…'`, span including the quotes.
    SingleQuoted(TextRange),
    /// `$'…'`, span including `$` and the quotes.
    AnsiC(TextRange),
    /// `"…"` (or `$"…"`), span including the quotes.
    DoubleQuoted(DoubleQuoted),
    /// `$name`, `$1`, `$@`, `${…}`.
    Param(Param),
    /// `$(…)` or `` `…` ``.
    CommandSubst(Box<CommandSubst>),
    /// `<(…)` or `>(…)`.
    ProcessSubst(Box<ProcessSubst>),
    /// `$((…))`.
    Arith(Arith),
    /// `(a b c)` after `NAME=` (array assignment).
    Array(ArrayLiteral),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoubleQuoted {
    pub span: TextRange,
    pub parts: Vec<WordPart>,
    /// `$"…"` (locale translation).
    pub locale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The whole expansion: `$x` or `${…}`.
    pub span: TextRange,
    /// The parameter name (`x`, `1`, `@`, …). Empty for malformed `${}`.
    pub name: TextRange,
    pub braced: bool,
    /// For `${…}`: everything after the name up to the closing `}` (subscript,
    /// operator and operand), parsed so nested expansions and substitutions
    /// are visible. Empty for `$x`. The raw text is `span.slice(src)`.
    pub parts: Vec<WordPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSubst {
    pub span: TextRange,
    pub body: List,
    /// `` `…` `` rather than `$(…)`.
    pub backtick: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessSubst {
    pub span: TextRange,
    pub body: List,
    /// `>(…)` rather than `<(…)`.
    pub output: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arith {
    /// The whole `$((…))`.
    pub span: TextRange,
    /// The expression between the parentheses.
    pub parts: Vec<WordPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayLiteral {
    /// From `(` to `)`.
    pub span: TextRange,
    pub elements: Vec<Word>,
}

// ---------------------------------------------------------------------------
// Convenience API
// ---------------------------------------------------------------------------

impl Script {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

impl List {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl AndOr {
    /// The operator joining `pipelines[index - 1]` to `pipelines[index]`.
    #[must_use]
    pub fn op_before(&self, index: usize) -> Option<AndOrOp> {
        index
            .checked_sub(1)
            .and_then(|i| self.operators.get(i))
            .map(|o| o.kind)
    }

    /// The operator joining `pipelines[index]` to `pipelines[index + 1]`.
    #[must_use]
    pub fn op_after(&self, index: usize) -> Option<AndOrOp> {
        self.operators.get(index).map(|o| o.kind)
    }

    /// Ends with `&`.
    #[must_use]
    pub fn is_background(&self) -> bool {
        matches!(
            self.terminator,
            Some(Terminator {
                kind: TerminatorKind::Background,
                ..
            })
        )
    }
}

impl Pipeline {
    /// More than one command.
    #[must_use]
    pub fn is_piped(&self) -> bool {
        self.commands.len() > 1
    }
}

impl Command {
    #[must_use]
    pub fn span(&self) -> TextRange {
        match self {
            Command::Simple(c) => c.span,
            Command::Subshell(c) | Command::BraceGroup(c) => c.span,
            Command::If(c) => c.span,
            Command::While(c) => c.span,
            Command::For(c) => c.span,
            Command::ArithFor(c) => c.span,
            Command::Case(c) => c.span,
            Command::Function(c) => c.span,
            Command::Test(c) => c.span,
            Command::Arith(c) => c.span,
            Command::Unparsed(r) => *r,
        }
    }

    #[must_use]
    pub fn as_simple(&self) -> Option<&SimpleCommand> {
        match self {
            Command::Simple(c) => Some(c),
            _ => None,
        }
    }

    /// The operands of a test command: the words between `[` and a closing
    /// `]` (written bare), after `test`, or inside `[[ … ]]`.
    #[must_use]
    pub fn test_operands(&self, src: &str) -> Option<&[Word]> {
        match self {
            Command::Simple(s) => match s.name(src).as_deref() {
                Some("[") => match s.args().split_last() {
                    Some((last, rest)) if last.text(src) == "]" => Some(rest),
                    _ => None,
                },
                Some("test") => Some(s.args()),
                _ => None,
            },
            Command::Test(t) => Some(&t.words),
            _ => None,
        }
    }

    /// The redirections attached to the command (for compound commands, the
    /// ones after the closing keyword).
    #[must_use]
    pub fn redirects(&self) -> &[Redirect] {
        match self {
            Command::Simple(c) => &c.redirects,
            Command::Subshell(c) | Command::BraceGroup(c) => &c.redirects,
            Command::If(c) => &c.redirects,
            Command::While(c) => &c.redirects,
            Command::For(c) => &c.redirects,
            Command::ArithFor(c) => &c.redirects,
            Command::Case(c) => &c.redirects,
            Command::Test(c) => &c.redirects,
            Command::Arith(c) => &c.redirects,
            Command::Function(_) | Command::Unparsed(_) => &[],
        }
    }
}

impl SimpleCommand {
    /// The first word, if any.
    #[must_use]
    pub fn name_word(&self) -> Option<&Word> {
        self.words.first()
    }

    /// The command name after quote removal; `None` if there is no command
    /// word or it contains expansions.
    #[must_use]
    pub fn name<'s>(&self, src: &'s str) -> Option<Cow<'s, str>> {
        self.words.first()?.literal(src)
    }

    /// The words after the command name.
    #[must_use]
    pub fn args(&self) -> &[Word] {
        self.words.get(1..).unwrap_or(&[])
    }

    /// [`Word::literal`] of each argument, in order.
    pub fn arg_literals<'a, 's>(
        &'a self,
        src: &'s str,
    ) -> impl Iterator<Item = Option<Cow<'s, str>>> + 'a
    where
        's: 'a,
    {
        self.args().iter().map(move |w| w.literal(src))
    }

    /// Every word of the command: assignment values, command words and
    /// redirect targets / here-document bodies, in that order.
    pub fn all_words(&self) -> impl Iterator<Item = &Word> {
        self.assignments
            .iter()
            .map(|a| &a.value)
            .chain(self.words.iter())
            .chain(self.redirects.iter().map(Redirect::word))
    }

    /// Command and process substitutions anywhere in the command's words,
    /// assignments and redirections (not those nested inside them).
    pub fn substitutions(&self) -> impl Iterator<Item = Substitution<'_>> {
        self.all_words().flat_map(Word::substitutions)
    }
}

impl Redirect {
    /// The target word, or for a here-document its body.
    #[must_use]
    pub fn word(&self) -> &Word {
        match &self.target {
            RedirectTarget::Word(w) => w,
            RedirectTarget::Heredoc(h) => &h.body,
        }
    }

    #[must_use]
    pub fn heredoc(&self) -> Option<&Heredoc> {
        match &self.target {
            RedirectTarget::Heredoc(h) => Some(h),
            RedirectTarget::Word(_) => None,
        }
    }
}

/// What kind of substitution a nested script runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubstitutionKind {
    /// `$(…)`
    Command,
    /// `` `…` ``
    Backtick,
    /// `<(…)`
    ProcessIn,
    /// `>(…)`
    ProcessOut,
}

/// A command or process substitution found in a word, with its nested script.
#[derive(Debug, Clone, Copy)]
pub struct Substitution<'a> {
    pub kind: SubstitutionKind,
    pub span: TextRange,
    pub body: &'a List,
}

impl Word {
    /// An empty word at `offset`.
    #[must_use]
    pub fn empty(offset: usize) -> Self {
        Word {
            span: TextRange::empty(offset),
            parts: Parts::new(),
        }
    }

    /// The raw source text of the word.
    #[must_use]
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        self.span.slice(src)
    }

    /// The word contains no parameter expansion, substitution or arithmetic,
    /// so [`literal`](Self::literal) returns a value.
    #[must_use]
    pub fn is_literal(&self) -> bool {
        parts_are_literal(&self.parts)
    }

    /// Some part is quoted or escaped.
    #[must_use]
    pub fn is_quoted(&self) -> bool {
        self.parts.iter().any(|p| {
            matches!(
                p,
                WordPart::SingleQuoted(_)
                    | WordPart::DoubleQuoted(_)
                    | WordPart::AnsiC(_)
                    | WordPart::Escaped(_)
            )
        })
    }

    /// The word's value after quote removal and line-continuation removal,
    /// or `None` if it contains any expansion (`$x`, `$(…)`, `` `…` ``,
    /// `$((…))`, `<(…)`, arrays). Borrows from `src` whenever the value is a
    /// contiguous slice of it.
    #[must_use]
    pub fn literal<'s>(&self, src: &'s str) -> Option<Cow<'s, str>> {
        if let [only] = self.parts.as_slice() {
            match only {
                WordPart::Literal(r) => return Some(strip_continuations(r.slice(src))),
                WordPart::SingleQuoted(r) => {
                    return Some(strip_continuations(single_quoted_body(r.slice(src))));
                }
                WordPart::DoubleQuoted(dq) => {
                    if let [WordPart::Literal(r)] = dq.parts.as_slice() {
                        return Some(strip_continuations(r.slice(src)));
                    }
                    if dq.parts.is_empty() {
                        return Some(Cow::Borrowed(""));
                    }
                }
                _ => {}
            }
        }
        if self.parts.is_empty() {
            return Some(Cow::Borrowed(""));
        }
        let mut out = String::with_capacity(self.span.len());
        if push_literal_parts(&self.parts, src, &mut out) {
            Some(Cow::Owned(out))
        } else {
            None
        }
    }

    /// Command and process substitutions in this word (inside quotes and
    /// `${…}` operands too), outermost only: the scripts nested in them are not
    /// searched; walk their `body` for that.
    #[must_use]
    pub fn substitutions(&self) -> Substitutions<'_> {
        Substitutions {
            stack: vec![PartsIter::Parts(self.parts.iter())],
        }
    }

    /// Has at least one command or process substitution.
    #[must_use]
    pub fn has_substitution(&self) -> bool {
        self.substitutions().next().is_some()
    }
}

/// `'…'` less its quotes (the closing one may be missing: unterminated).
fn single_quoted_body(text: &str) -> &str {
    let body = text.strip_prefix('\'').unwrap_or(text);
    body.strip_suffix('\'').unwrap_or(body)
}

fn parts_are_literal(parts: &[WordPart]) -> bool {
    parts.iter().all(|p| match p {
        WordPart::Literal(_)
        | WordPart::Escaped(_)
        | WordPart::SingleQuoted(_)
        | WordPart::AnsiC(_) => true,
        WordPart::DoubleQuoted(dq) => parts_are_literal(&dq.parts),
        _ => false,
    })
}

fn push_literal_parts(parts: &[WordPart], src: &str, out: &mut String) -> bool {
    for p in parts {
        match p {
            WordPart::Literal(r) => out.push_str(&strip_continuations(r.slice(src))),
            WordPart::Escaped(r) => {
                let text = strip_continuations(r.slice(src));
                // Skip the backslash; the rest is the escaped character.
                out.push_str(text.get(1..).unwrap_or(""));
            }
            WordPart::SingleQuoted(r) => {
                out.push_str(&strip_continuations(single_quoted_body(r.slice(src))));
            }
            WordPart::AnsiC(r) => {
                let text = strip_continuations(r.slice(src));
                // `$'` … `'` (the closing quote may be missing when unterminated).
                let body = text.get(2..).unwrap_or("");
                let body = body.strip_suffix('\'').unwrap_or(body);
                decode_ansi_c(body, out);
            }
            WordPart::DoubleQuoted(dq) => {
                if !push_literal_parts(&dq.parts, src, out) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Removes Docker line continuations (`\`, optional blanks, newline, then any
/// whitespace-only lines) from a slice of the original text. The parser
/// removed exactly these before lexing, so a slice of a part contains either
/// whole continuations or none.
#[must_use]
pub fn strip_continuations(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    let mut changed = false;
    while i < b.len() {
        if b[i] == b'\\'
            && let Some(end) = super::join::continuation_end(b, i)
        {
            out.push_str(&s[copied..i]);
            copied = end;
            i = end;
            changed = true;
            continue;
        }
        i += 1;
    }
    if !changed {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Decodes the body of `$'…'`.
fn decode_ansi_c(body: &str, out: &mut String) {
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'e' | 'E' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' | '\'' | '"' | '?' => out.push(e),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v & 0xff).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let max = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut n = 0;
                while n < max {
                    match chars.peek().and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            v = v.saturating_mul(16).saturating_add(d);
                            chars.next();
                            n += 1;
                        }
                        None => break,
                    }
                }
                if n == 0 {
                    out.push('\\');
                    out.push(e);
                } else {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
            }
            'c' => match chars.next() {
                Some(k) => {
                    let v = (k as u32) & 0x1f;
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
                None => out.push_str("\\c"),
            },
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
}

enum PartsIter<'a> {
    Parts(std::slice::Iter<'a, WordPart>),
    Words(std::slice::Iter<'a, Word>),
}

/// Iterator returned by [`Word::substitutions`].
pub struct Substitutions<'a> {
    stack: Vec<PartsIter<'a>>,
}

impl<'a> Iterator for Substitutions<'a> {
    type Item = Substitution<'a>;

    fn next(&mut self) -> Option<Substitution<'a>> {
        loop {
            let top = self.stack.last_mut()?;
            let part = match top {
                PartsIter::Parts(it) => it.next(),
                PartsIter::Words(it) => match it.next() {
                    Some(w) => {
                        self.stack.push(PartsIter::Parts(w.parts.iter()));
                        continue;
                    }
                    None => None,
                },
            };
            let Some(part) = part else {
                self.stack.pop();
                continue;
            };
            match part {
                WordPart::CommandSubst(c) => {
                    return Some(Substitution {
                        kind: if c.backtick {
                            SubstitutionKind::Backtick
                        } else {
                            SubstitutionKind::Command
                        },
                        span: c.span,
                        body: &c.body,
                    });
                }
                WordPart::ProcessSubst(p) => {
                    return Some(Substitution {
                        kind: if p.output {
                            SubstitutionKind::ProcessOut
                        } else {
                            SubstitutionKind::ProcessIn
                        },
                        span: p.span,
                        body: &p.body,
                    });
                }
                WordPart::DoubleQuoted(dq) => self.stack.push(PartsIter::Parts(dq.parts.iter())),
                WordPart::Param(p) => self.stack.push(PartsIter::Parts(p.parts.iter())),
                WordPart::Arith(a) => self.stack.push(PartsIter::Parts(a.parts.iter())),
                WordPart::Array(a) => self.stack.push(PartsIter::Words(a.elements.iter())),
                WordPart::Literal(_)
                | WordPart::Escaped(_)
                | WordPart::SingleQuoted(_)
                | WordPart::AnsiC(_) => {}
            }
        }
    }
}
