//! Variable substitution in instruction arguments, with BuildKit's
//! `shell.Lex` semantics (see the module docs of [`crate::values`]).
//!
//! Two layers:
//!
//! * [`Lex::parse`] builds a [`Word`]: literal runs, quotes, escapes and
//!   [`VarRef`]s (`$X`, `${X}`, `${X:-w}`, …, each with its span and its
//!   operand parsed recursively). Parsing never fails: problems are listed in
//!   [`Parsed::errors`], the first one being what BuildKit would report.
//! * [`Lex::expand`] evaluates a [`Word`] against an [`Env`];
//!   [`Lex::process_word`] and [`Lex::process_words`] do both, like BuildKit's
//!   `ProcessWordWithMatches` and `ProcessWords`.
//!
//! [`references`] is the cheap entry point for callers that only need the
//! variable names and spans.
//!
//! # Semantics (BuildKit's, which differ from bash)
//!
//! * `$NAME`: a name is a run of letters, digits and `_`; a leading digit
//!   makes it a run of digits only (`$1x` is `$1` then `x`); one of
//!   `@ * # ? - $ !` alone is a special parameter. `$` not followed by a name
//!   is a literal `$`.
//! * `${NAME}`, `${NAME<op><word>}` with op `-`, `:-`, `+`, `:+`, `?`, `:?`,
//!   `#`, `##`, `%`, `%%`, `/`, `//`. The operand is always evaluated, even
//!   when its value is not used (so `${SET:-${UNSET?}}` fails). A `:` may
//!   precede `#`/`%` (`${X:#p}` is `${X#p}`). `${X:y}` and every other
//!   character after the name is an "unsupported modifier" error.
//! * `#`, `%`, `/` operands keep their escape characters (they are shell
//!   patterns, see `pattern.rs`); `##`/`%%` is decided on the *evaluated*
//!   operand, so `${X#$Y}` with `Y=#a` is `${X##a}`. Quotes in patterns are
//!   removed and do not make `*` literal.
//! * Quotes: `'…'` is literal; `"…"` allows `$` and escapes `"`, `$` and
//!   the escape character; before any other character the escape character
//!   stays. Quotes and escapes work inside `${…}` operands too.
//! * The escape character (`\` or `` ` ``, from the `# escape=` directive)
//!   outside quotes takes the next character literally; at the very end it is
//!   dropped.
//! * Words ([`Lex::process_words`]) are split on Unicode white space *after*
//!   expansion: white space from plain text and from variable values splits,
//!   white space from quotes and escapes does not.
//!
//! # Nesting
//!
//! Constructs (`${…}` and `"…"`) nest at most [`MAX_NESTING`] deep: past
//! that, the parser reports [`SubstErrorKind::NestingTooDeep`] and reads the
//! rest as literal text, so neither parsing nor evaluation nor dropping the
//! tree can exhaust the stack (BuildKit, on Go's growable stacks, has no such
//! limit; no real Dockerfile comes near it).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::BuildHasher;

use super::pattern;
use crate::text::TextRange;

/// How deep `${…}` and `"…"` may nest before the rest is read as literal text.
pub const MAX_NESTING: u32 = 128;

/// What an unset variable expands to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum UnsetMode {
    /// To the empty string (or the operand's effect), like a shell.
    #[default]
    Empty,
    /// BuildKit's `SkipUnsetEnv`: the reference is kept as text
    /// (`$X`, `${X}`, `${X:-<evaluated word>}`), and `?` does not fail.
    KeepSymbolic,
}

/// BuildKit's `shell.Lex` options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lex {
    /// The escape character: `\` by default, `` ` `` with `# escape=``.
    pub escape: char,
    /// Keep quote characters in the result (`RawQuotes`).
    pub raw_quotes: bool,
    /// Keep escape characters in the result (`RawEscapes`).
    pub raw_escapes: bool,
    /// Treat `'` and `"` as ordinary characters (`SkipProcessQuotes`).
    pub skip_process_quotes: bool,
    /// What unset variables expand to (`SkipUnsetEnv`).
    pub unset: UnsetMode,
}

impl Default for Lex {
    fn default() -> Self {
        Lex::new('\\')
    }
}

/// A variable environment for [`Lex::expand`].
pub trait Env {
    /// The value of `name`, or `None` when it is unset.
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>>;
}

impl<S: BuildHasher> Env for HashMap<String, String, S> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(|v| Cow::Borrowed(v.as_str()))
    }
}

impl<S: BuildHasher> Env for HashMap<&str, &str, S> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(|v| Cow::Borrowed(*v))
    }
}

impl Env for BTreeMap<String, String> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(|v| Cow::Borrowed(v.as_str()))
    }
}

fn lookup_pairs<'e, K: AsRef<str>, V: AsRef<str>>(
    pairs: &'e [(K, V)],
    name: &str,
) -> Option<Cow<'e, str>> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k.as_ref() == name)
        .map(|(_, v)| Cow::Borrowed(v.as_ref()))
}

/// `(name, value)` pairs; a later pair wins, like BuildKit's `BuildEnvs`.
impl<K: AsRef<str>, V: AsRef<str>> Env for &[(K, V)] {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        lookup_pairs(self, name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Env for [(K, V); N] {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        lookup_pairs(self, name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Env for Vec<(K, V)> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        lookup_pairs(self, name)
    }
}

/// An environment given by a function.
pub struct FnEnv<F>(pub F);

impl<F: Fn(&str) -> Option<String>> Env for FnEnv<F> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        (self.0)(name).map(Cow::Owned)
    }
}

/// The environment where nothing is set.
pub struct EmptyEnv;

impl Env for EmptyEnv {
    fn lookup(&self, _: &str) -> Option<Cow<'_, str>> {
        None
    }
}

/// A parsed word: a sequence of parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub parts: Vec<WordPart<'a>>,
    /// The word's text (for an operand: without the closing `}` or `/`).
    pub span: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordPart<'a> {
    Literal(Literal<'a>),
    /// `"…"`; holds [`LiteralKind::Plain`], [`LiteralKind::Escaped`],
    /// [`LiteralKind::LoneEscape`] and variable parts.
    DoubleQuoted {
        parts: Vec<WordPart<'a>>,
        /// Includes the quotes.
        span: TextRange,
        closed: bool,
    },
    Var(Box<VarRef<'a>>),
}

/// Literal text: `text` is the source text of `span`, quotes and escape
/// characters included; [`Literal::value`] is what it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Literal<'a> {
    pub kind: LiteralKind,
    pub text: &'a str,
    pub span: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LiteralKind {
    /// Text taken as is (also a `$` that starts no reference).
    Plain,
    /// `'…'`.
    SingleQuoted,
    /// The escape character and the character it escapes.
    Escaped,
    /// The escape character at the end of the input: dropped (kept with raw escapes).
    TrailingEscape,
    /// Inside `"…"`, the escape character before a character it does not
    /// escape: kept (and, a BuildKit quirk, doubled with raw escapes).
    LoneEscape,
}

impl<'a> Literal<'a> {
    /// The characters this literal stands for, quotes and escapes removed.
    #[must_use]
    pub fn value(&self) -> &'a str {
        match self.kind {
            LiteralKind::Plain | LiteralKind::TrailingEscape | LiteralKind::LoneEscape => self.text,
            LiteralKind::SingleQuoted => {
                let inner = &self.text[1..];
                if self.text.len() >= 2 && inner.ends_with('\'') {
                    &inner[..inner.len() - 1]
                } else {
                    inner
                }
            }
            LiteralKind::Escaped => {
                let n = self.text.chars().next().map_or(0, char::len_utf8);
                &self.text[n..]
            }
        }
    }
}

/// A variable reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef<'a> {
    /// The name (possibly empty in the odd `${/a/b}`, which BuildKit accepts).
    pub name: &'a str,
    pub name_span: TextRange,
    /// The whole reference, `$X` or `${…}` (to the end of input when unclosed).
    pub span: TextRange,
    /// `${…}` rather than `$X`.
    pub braced: bool,
    pub op: Option<Op>,
    /// The operator as written (`:-`, `#`, `//`, …).
    pub op_span: Option<TextRange>,
    /// The text of `op_span` (empty without an operator).
    pub op_text: &'a str,
    /// The operand (the pattern for `/` and `//`).
    pub operand: Option<Word<'a>>,
    /// The replacement of `/` and `//`.
    pub replacement: Option<Word<'a>>,
}

/// A `${…}` operator. `colon` is the `:` form (empty counts as unset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `${X-w}`, `${X:-w}`.
    Default { colon: bool },
    /// `${X+w}`, `${X:+w}`.
    Alternative { colon: bool },
    /// `${X?w}`, `${X:?w}`.
    Required { colon: bool },
    /// `${X#p}`; `${X##p}` when the evaluated operand starts with `#`.
    TrimPrefix,
    /// `${X%p}`; `${X%%p}` when the evaluated operand starts with `%`.
    TrimSuffix,
    /// `${X/p/r}`, `${X//p/r}`.
    Replace { all: bool },
    /// Anything else (`${X:y}`, `${X.}`): an error when evaluated.
    Unsupported,
}

impl<'a> Word<'a> {
    /// All variable references, outer before inner, in source order.
    #[must_use]
    pub fn var_refs(&self) -> Vec<&VarRef<'a>> {
        let mut out = Vec::new();
        collect_refs(&self.parts, &mut out);
        out
    }

    /// The literal value if the word has no variable reference (quotes and
    /// escapes removed, as [`Lex::process_word`] with default options would).
    #[must_use]
    pub fn literal_value(&self) -> Option<String> {
        let mut s = String::new();
        for part in &self.parts {
            match part {
                WordPart::Literal(l) => s.push_str(l.value()),
                WordPart::DoubleQuoted { parts, .. } => {
                    for p in parts {
                        match p {
                            WordPart::Literal(l) => s.push_str(l.value()),
                            _ => return None,
                        }
                    }
                }
                WordPart::Var(_) => return None,
            }
        }
        Some(s)
    }

    /// Whether the word contains a variable reference.
    #[must_use]
    pub fn has_vars(&self) -> bool {
        self.parts.iter().any(|p| match p {
            WordPart::Var(_) => true,
            WordPart::DoubleQuoted { parts, .. } => {
                parts.iter().any(|p| matches!(p, WordPart::Var(_)))
            }
            WordPart::Literal(_) => false,
        })
    }
}

fn collect_refs<'w, 'a>(parts: &'w [WordPart<'a>], out: &mut Vec<&'w VarRef<'a>>) {
    for part in parts {
        match part {
            WordPart::Literal(_) => {}
            WordPart::DoubleQuoted { parts, .. } => collect_refs(parts, out),
            WordPart::Var(v) => {
                out.push(v);
                if let Some(w) = &v.operand {
                    collect_refs(&w.parts, out);
                }
                if let Some(w) = &v.replacement {
                    collect_refs(&w.parts, out);
                }
            }
        }
    }
}

/// A substitution error, with the span it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubstError {
    pub kind: SubstErrorKind,
    pub span: TextRange,
    /// An unsupported modifier after `:` (`${X:y}`), which BuildKit only
    /// reports when it evaluates the reference (not with `SkipUnsetEnv` and
    /// `X` unset).
    pub(crate) deferred: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubstErrorKind {
    /// `syntax error: missing '}'`
    MissingBrace,
    /// `syntax error: missing '/' in ${}`
    MissingSlash,
    /// `syntax error: bad substitution` (`${}`, `${{`, `${:`).
    BadSubstitution,
    /// `unsupported modifier (…) in substitution`
    UnsupportedModifier(String),
    /// `unexpected end of statement while looking for matching single-quote`
    UnterminatedSingleQuote,
    /// `unexpected end of statement while looking for matching double-quote`
    UnterminatedDoubleQuote,
    /// dockward's limit, see [`MAX_NESTING`].
    NestingTooDeep,
    /// `${X?w}` / `${X:?w}` with `X` unset: `X: w` or `X: is not allowed to be unset`.
    Unset {
        name: String,
        message: Option<String>,
    },
    /// `${X:?w}` with `X` empty: `X: w` or `X: is not allowed to be empty`.
    Empty {
        name: String,
        message: Option<String>,
    },
    /// `invalid pattern (p) in substitution: invalid escape '\x'`
    InvalidPattern { pattern: String, detail: String },
}

impl SubstError {
    fn new(kind: SubstErrorKind, span: TextRange) -> Self {
        SubstError {
            kind,
            span,
            deferred: false,
        }
    }

    /// Whether this is a syntax error (as opposed to an evaluation error).
    #[must_use]
    pub fn is_syntax(&self) -> bool {
        !matches!(
            self.kind,
            SubstErrorKind::Unset { .. }
                | SubstErrorKind::Empty { .. }
                | SubstErrorKind::InvalidPattern { .. }
        )
    }

    /// The message the way `docker build` prints it: `failed to process "<word>": <message>`.
    #[must_use]
    pub fn buildkit_message(&self, word: &str) -> String {
        format!("failed to process {word:?}: {self}")
    }
}

impl fmt::Display for SubstError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SubstErrorKind::MissingBrace => f.write_str("syntax error: missing '}'"),
            SubstErrorKind::MissingSlash => f.write_str("syntax error: missing '/' in ${}"),
            SubstErrorKind::BadSubstitution => f.write_str("syntax error: bad substitution"),
            SubstErrorKind::UnsupportedModifier(m) => {
                write!(f, "unsupported modifier ({m}) in substitution")
            }
            SubstErrorKind::UnterminatedSingleQuote => {
                f.write_str("unexpected end of statement while looking for matching single-quote")
            }
            SubstErrorKind::UnterminatedDoubleQuote => {
                f.write_str("unexpected end of statement while looking for matching double-quote")
            }
            SubstErrorKind::NestingTooDeep => {
                write!(
                    f,
                    "variable substitution nested too deep (more than {MAX_NESTING} levels)"
                )
            }
            SubstErrorKind::Unset { name, message } => {
                write!(
                    f,
                    "{name}: {}",
                    message.as_deref().unwrap_or("is not allowed to be unset")
                )
            }
            SubstErrorKind::Empty { name, message } => {
                write!(
                    f,
                    "{name}: {}",
                    message.as_deref().unwrap_or("is not allowed to be empty")
                )
            }
            SubstErrorKind::InvalidPattern { pattern, detail } => {
                write!(f, "invalid pattern ({pattern}) in substitution: {detail}")
            }
        }
    }
}

impl std::error::Error for SubstError {}

/// The result of [`Lex::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub word: Word<'a>,
    /// Problems in source order. The first is the one BuildKit reports
    /// (leaving aside evaluation errors that BuildKit would meet before it);
    /// the others were found after recovering.
    pub errors: Vec<SubstError>,
}

impl<'a> Parsed<'a> {
    /// The word, or the first error.
    pub fn into_result(self) -> Result<Word<'a>, SubstError> {
        match self.errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(self.word),
        }
    }
}

/// The result of [`Lex::expand`] / [`Lex::process_word`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// The expanded word (BuildKit's `ProcessWord` result).
    pub value: String,
    /// The expanded word split into words (BuildKit's `ProcessWords` result).
    pub words: Vec<String>,
    /// Names that were looked up and set.
    pub matched: BTreeSet<String>,
    /// Names that were looked up and unset.
    pub unmatched: BTreeSet<String>,
}

/// A variable reference found by [`references`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VarUse<'a> {
    pub name: &'a str,
    pub name_span: TextRange,
    pub span: TextRange,
    pub braced: bool,
    pub op: Option<Op>,
    /// 0 for a top-level reference, 1 inside another reference's operand, …
    pub depth: u32,
}

/// The variable references in `src` (which starts at offset `base`), outer
/// before inner, in source order, found leniently (syntax errors are skipped).
pub fn references(src: &str, base: usize, escape: char) -> impl Iterator<Item = VarUse<'_>> {
    let parsed = Lex::new(escape).parse(src, base);
    let mut out = Vec::new();
    flatten_uses(&parsed.word.parts, 0, &mut out);
    out.into_iter()
}

fn flatten_uses<'a>(parts: &[WordPart<'a>], depth: u32, out: &mut Vec<VarUse<'a>>) {
    for part in parts {
        match part {
            WordPart::Literal(_) => {}
            WordPart::DoubleQuoted { parts, .. } => flatten_uses(parts, depth, out),
            WordPart::Var(v) => {
                out.push(VarUse {
                    name: v.name,
                    name_span: v.name_span,
                    span: v.span,
                    braced: v.braced,
                    op: v.op,
                    depth,
                });
                if let Some(w) = &v.operand {
                    flatten_uses(&w.parts, depth + 1, out);
                }
                if let Some(w) = &v.replacement {
                    flatten_uses(&w.parts, depth + 1, out);
                }
            }
        }
    }
}

/// Go's `unicode.IsDigit` (category Nd), approximated by `is_numeric` outside ASCII.
pub(crate) fn is_go_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

fn is_special_param(c: char) -> bool {
    matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')
}

impl Lex {
    /// Default options with the given escape character.
    #[must_use]
    pub fn new(escape: char) -> Self {
        Lex {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            unset: UnsetMode::Empty,
        }
    }

    /// Parses `src`, which starts at offset `base` of the document; every
    /// span in the result is absolute (`base` + offset in `src`).
    #[must_use]
    pub fn parse<'a>(&self, src: &'a str, base: usize) -> Parsed<'a> {
        let mut p = Parser {
            classes: byte_classes(self.escape),
            src,
            pos: 0,
            base,
            escape: self.escape,
            quotes: !self.skip_process_quotes,
            depth: 0,
            errors: Vec::new(),
            open: Vec::new(),
            eof_error: false,
        };
        // Go's text/scanner skips a leading byte-order mark.
        if src.starts_with('\u{FEFF}') {
            p.pos = '\u{FEFF}'.len_utf8();
        }
        let mut parts = Vec::new();
        p.seq(None, &mut parts);
        Parsed {
            word: Word {
                parts,
                span: TextRange::new(base, base + src.len()),
            },
            errors: p.errors,
        }
    }

    /// Evaluates a parsed word.
    pub fn expand(&self, word: &Word<'_>, env: &dyn Env) -> Result<Expansion, SubstError> {
        let mut ev = Eval {
            env,
            lex: self,
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
        };
        let mut value = String::new();
        let mut words = Words::default();
        ev.parts(&word.parts, self.raw_escapes, &mut value, Some(&mut words))?;
        Ok(Expansion {
            value,
            words: words.finish(),
            matched: ev.matched,
            unmatched: ev.unmatched,
        })
    }

    /// Parses and evaluates `src` (BuildKit's `ProcessWordWithMatches`).
    /// Error spans are relative to `src`.
    pub fn process_word(&self, src: &str, env: &dyn Env) -> Result<Expansion, SubstError> {
        let parsed = self.parse(src, 0);
        if let Some(e) = parsed.errors.into_iter().find(|e| !e.deferred) {
            return Err(e);
        }
        self.expand(&parsed.word, env)
    }

    /// Parses, evaluates and splits `src` into words (BuildKit's `ProcessWords`).
    pub fn process_words(&self, src: &str, env: &dyn Env) -> Result<Vec<String>, SubstError> {
        self.process_word(src, env).map(|e| e.words)
    }
}

#[derive(Clone, Copy)]
enum Closer {
    Brace,
    Slash,
}

const C_DOLLAR: u8 = 1;
const C_ESC: u8 = 2;
const C_SQ: u8 = 4;
const C_DQ: u8 = 8;
const C_BRACE: u8 = 16;
const C_SLASH: u8 = 32;
const C_NONASCII: u8 = 64;

/// Byte classes for plain-text scanning.
fn byte_classes(escape: char) -> [u8; 256] {
    let mut t = [0u8; 256];
    t[usize::from(b'$')] = C_DOLLAR;
    t[usize::from(b'\'')] = C_SQ;
    t[usize::from(b'"')] = C_DQ;
    t[usize::from(b'}')] = C_BRACE;
    t[usize::from(b'/')] = C_SLASH;
    if escape.is_ascii() {
        t[escape as usize] |= C_ESC;
    } else {
        let mut buf = [0; 4];
        let lead = escape.encode_utf8(&mut buf).as_bytes()[0];
        t[usize::from(lead)] |= C_NONASCII;
    }
    t
}

struct Parser<'a> {
    classes: [u8; 256],
    src: &'a str,
    pos: usize,
    base: usize,
    escape: char,
    quotes: bool,
    depth: u32,
    errors: Vec<SubstError>,
    /// Start offsets of the `${` whose operand is being read, outermost first.
    open: Vec<(usize, Closer)>,
    /// An error was recorded with the input exhausted.
    eof_error: bool,
}

impl<'a> Parser<'a> {
    fn span(&self, start: usize, end: usize) -> TextRange {
        TextRange::new(self.base + start, self.base + end)
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// Records an error. BuildKit stops at its first error, and each
    /// enclosing `${…}` that then finds the input exhausted replaces it with
    /// its own "missing '}'" (or "missing '/'"): the first error is relabelled
    /// the same way so that `errors[0]` matches BuildKit.
    fn error(&mut self, kind: SubstErrorKind, start: usize, end: usize, deferred: bool) {
        if kind == SubstErrorKind::NestingTooDeep && self.errors.iter().any(|e| e.kind == kind) {
            return;
        }
        let at_eof = self.at_eof();
        let hard_errors = self.errors.iter().any(|e| !e.deferred);
        if !hard_errors
            && !deferred
            && at_eof
            && let Some(&(s, closer)) = self.open.first()
        {
            let kind = match closer {
                Closer::Brace => SubstErrorKind::MissingBrace,
                Closer::Slash => SubstErrorKind::MissingSlash,
            };
            let span = self.span(s, self.src.len());
            self.errors.push(SubstError::new(kind, span));
            self.eof_error = true;
            return;
        }
        if at_eof
            && self.eof_error
            && matches!(
                kind,
                SubstErrorKind::MissingBrace | SubstErrorKind::MissingSlash
            )
        {
            // A consequence of the error already reported at the end.
            return;
        }
        if at_eof && !deferred {
            self.eof_error = true;
        }
        let mut e = SubstError::new(kind, self.span(start, end));
        e.deferred = deferred;
        self.errors.push(e);
    }

    fn push_plain(&mut self, out: &mut Vec<WordPart<'a>>, start: usize, end: usize) {
        if let Some(WordPart::Literal(last)) = out.last_mut()
            && last.kind == LiteralKind::Plain
            && last.span.end() == self.base + start
        {
            last.span = self.span(last.span.start() - self.base, end);
            last.text = &self.src[last.span.start() - self.base..end];
            return;
        }
        out.push(WordPart::Literal(Literal {
            kind: LiteralKind::Plain,
            text: &self.src[start..end],
            span: self.span(start, end),
        }));
    }

    fn push_lit(&self, out: &mut Vec<WordPart<'a>>, kind: LiteralKind, start: usize, end: usize) {
        out.push(WordPart::Literal(Literal {
            kind,
            text: &self.src[start..end],
            span: self.span(start, end),
        }));
    }

    /// The byte classes that end a plain run in the given context.
    fn mask(&self, stop: Option<u8>, in_dq: bool) -> u8 {
        let mut m = C_DOLLAR | C_ESC | C_NONASCII;
        if in_dq {
            return m | C_DQ;
        }
        if self.quotes {
            m |= C_SQ | C_DQ;
        }
        match stop {
            Some(b'}') => m | C_BRACE,
            Some(b'/') => m | C_SLASH,
            _ => m,
        }
    }

    /// Consumes one character and the plain text after it.
    fn plain_run(&mut self, stop: Option<u8>, in_dq: bool) -> usize {
        let start = self.pos;
        self.bump();
        let mask = self.mask(stop, in_dq);
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let class = self.classes[bytes[self.pos] as usize];
            if class & mask == 0 {
                self.pos += 1;
                continue;
            }
            if class & C_NONASCII != 0 {
                // Only a non-ASCII escape character makes these special.
                let c = self.peek().unwrap_or('\0');
                if c == self.escape {
                    break;
                }
                self.pos += c.len_utf8();
                continue;
            }
            break;
        }
        start
    }

    /// BuildKit's `processStopOn`: reads parts until `stop` (consumed) or the
    /// end of input. Returns whether `stop` was found (always true without one).
    fn seq(&mut self, stop: Option<u8>, out: &mut Vec<WordPart<'a>>) -> bool {
        loop {
            let Some(c) = self.peek() else {
                return stop.is_none();
            };
            if c.is_ascii() && Some(c as u8) == stop {
                self.pos += 1;
                return true;
            }
            match c {
                '$' => self.dollar(out),
                '\'' if self.quotes => self.single_quote(out),
                '"' if self.quotes => self.double_quote(out),
                c if c == self.escape => {
                    let start = self.pos;
                    self.bump();
                    if self.bump().is_some() {
                        self.push_lit(out, LiteralKind::Escaped, start, self.pos);
                    } else {
                        self.push_lit(out, LiteralKind::TrailingEscape, start, self.pos);
                    }
                }
                _ => {
                    let start = self.plain_run(stop, false);
                    self.push_plain(out, start, self.pos);
                }
            }
        }
    }

    fn single_quote(&mut self, out: &mut Vec<WordPart<'a>>) {
        let start = self.pos;
        self.pos += 1;
        match self.src[self.pos..].find('\'') {
            Some(i) => self.pos += i + 1,
            None => {
                self.pos = self.src.len();
                self.error(
                    SubstErrorKind::UnterminatedSingleQuote,
                    start,
                    self.pos,
                    false,
                );
            }
        }
        self.push_lit(out, LiteralKind::SingleQuoted, start, self.pos);
    }

    fn double_quote(&mut self, out: &mut Vec<WordPart<'a>>) {
        let start = self.pos;
        if self.depth >= MAX_NESTING {
            self.pos += 1;
            self.error(SubstErrorKind::NestingTooDeep, start, self.pos, false);
            self.push_plain(out, start, self.pos);
            return;
        }
        self.depth += 1;
        self.pos += 1;
        let mut parts = Vec::new();
        let closed = loop {
            match self.peek() {
                None => {
                    self.error(
                        SubstErrorKind::UnterminatedDoubleQuote,
                        start,
                        self.pos,
                        false,
                    );
                    break false;
                }
                Some('"') => {
                    self.pos += 1;
                    break true;
                }
                Some('$') => self.dollar(&mut parts),
                Some(c) if c == self.escape => {
                    let es = self.pos;
                    self.bump();
                    match self.peek() {
                        // BuildKit ignores it, then fails on the missing quote.
                        None => {}
                        Some(n) if n == '"' || n == '$' || n == self.escape => {
                            self.bump();
                            self.push_lit(&mut parts, LiteralKind::Escaped, es, self.pos);
                        }
                        Some(_) => self.push_lit(&mut parts, LiteralKind::LoneEscape, es, self.pos),
                    }
                }
                Some(_) => {
                    let s = self.plain_run(None, true);
                    self.push_plain(&mut parts, s, self.pos);
                }
            }
        };
        self.depth -= 1;
        out.push(WordPart::DoubleQuoted {
            parts,
            span: self.span(start, self.pos),
            closed,
        });
    }

    /// BuildKit's `processName`.
    fn name(&mut self) -> (usize, usize) {
        let start = self.pos;
        match self.peek() {
            Some(c) if is_go_digit(c) => {
                while self.peek().is_some_and(is_go_digit) {
                    self.bump();
                }
            }
            Some(c) if is_special_param(c) => {
                self.bump();
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphabetic() || is_go_digit(c) || c == '_')
                {
                    self.bump();
                }
            }
        }
        (start, self.pos)
    }

    /// Reads an operand up to `stop`, for the `${` at `dollar`.
    fn operand(&mut self, dollar: usize, closer: Closer, stop: u8) -> (Word<'a>, bool) {
        self.depth += 1;
        self.open.push((dollar, closer));
        let start = self.pos;
        let mut parts = Vec::new();
        let closed = self.seq(Some(stop), &mut parts);
        let end = if closed { self.pos - 1 } else { self.pos };
        self.open.pop();
        self.depth -= 1;
        if !closed {
            let kind = match closer {
                Closer::Brace => SubstErrorKind::MissingBrace,
                Closer::Slash => SubstErrorKind::MissingSlash,
            };
            self.error(kind, dollar, self.pos, false);
        }
        (
            Word {
                parts,
                span: self.span(start, end),
            },
            closed,
        )
    }

    /// BuildKit's `processDollar`, at a `$`.
    fn dollar(&mut self, out: &mut Vec<WordPart<'a>>) {
        let start = self.pos;
        self.pos += 1;
        if self.peek() != Some('{') {
            let (ns, ne) = self.name();
            if ns == ne {
                self.push_plain(out, start, self.pos);
                return;
            }
            out.push(WordPart::Var(Box::new(VarRef {
                name: &self.src[ns..ne],
                name_span: self.span(ns, ne),
                span: self.span(start, ne),
                braced: false,
                op: None,
                op_span: None,
                op_text: "",
                operand: None,
                replacement: None,
            })));
            return;
        }
        if self.depth >= MAX_NESTING {
            self.error(SubstErrorKind::NestingTooDeep, start, start + 2, false);
            self.push_plain(out, start, self.pos);
            return;
        }
        self.pos += 1;
        match self.peek() {
            None => {
                self.error(SubstErrorKind::MissingBrace, start, self.pos, false);
                self.push_plain(out, start, self.pos);
                return;
            }
            Some('{' | '}' | ':') => {
                self.error(SubstErrorKind::BadSubstitution, start, self.pos + 1, false);
                self.push_plain(out, start, self.pos);
                return;
            }
            Some(_) => {}
        }
        let (ns, ne) = self.name();
        let mut var = VarRef {
            name: &self.src[ns..ne],
            name_span: self.span(ns, ne),
            span: self.span(start, ne),
            braced: true,
            op: None,
            op_span: None,
            op_text: "",
            operand: None,
            replacement: None,
        };
        let op_start = self.pos;
        match self.bump() {
            None => {
                // BuildKit says "unsupported modifier (\u{FFFD})" here; we say what it means.
                self.error(SubstErrorKind::MissingBrace, start, self.pos, false);
            }
            Some('}') => {}
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                var.op = Some(Op::Replace { all });
                var.op_span = Some(self.span(op_start, self.pos));
                var.op_text = &self.src[op_start..self.pos];
                let (pattern, closed) = self.operand(start, Closer::Slash, b'/');
                var.operand = Some(pattern);
                if closed {
                    var.replacement = Some(self.operand(start, Closer::Brace, b'}').0);
                }
            }
            Some(c) => {
                let (op, deferred) = match c {
                    ':' => match self.bump() {
                        Some('-') => (Op::Default { colon: true }, false),
                        Some('+') => (Op::Alternative { colon: true }, false),
                        Some('?') => (Op::Required { colon: true }, false),
                        Some('#') => (Op::TrimPrefix, false),
                        Some('%') => (Op::TrimSuffix, false),
                        _ => (Op::Unsupported, true),
                    },
                    '-' => (Op::Default { colon: false }, false),
                    '+' => (Op::Alternative { colon: false }, false),
                    '?' => (Op::Required { colon: false }, false),
                    '#' => (Op::TrimPrefix, false),
                    '%' => (Op::TrimSuffix, false),
                    _ => {
                        // BuildKit fails right here; read an operand anyway to recover.
                        self.error(
                            SubstErrorKind::UnsupportedModifier(c.to_string()),
                            op_start,
                            self.pos,
                            false,
                        );
                        (Op::Unsupported, false)
                    }
                };
                let op_end = self.pos;
                var.op = Some(op);
                var.op_span = Some(self.span(op_start, op_end));
                var.op_text = &self.src[op_start..op_end];
                let (word, closed) = self.operand(start, Closer::Brace, b'}');
                var.operand = Some(word);
                if closed && deferred {
                    let m = self.src[op_start..op_end].to_owned();
                    self.error(
                        SubstErrorKind::UnsupportedModifier(m),
                        op_start,
                        op_end,
                        true,
                    );
                }
            }
        }
        var.span = self.span(start, self.pos);
        out.push(WordPart::Var(Box::new(var)));
    }
}

/// BuildKit's word splitter.
#[derive(Default)]
struct Words {
    words: Vec<String>,
    cur: String,
}

impl Words {
    fn add_char(&mut self, c: char) {
        if c.is_whitespace() {
            if !self.cur.is_empty() {
                self.words.push(std::mem::take(&mut self.cur));
            }
        } else {
            self.cur.push(c);
        }
    }

    fn add_string(&mut self, s: &str) {
        for c in s.chars() {
            self.add_char(c);
        }
    }

    fn add_raw(&mut self, s: &str) {
        self.cur.push_str(s);
    }

    fn finish(mut self) -> Vec<String> {
        if !self.cur.is_empty() {
            self.words.push(self.cur);
        }
        self.words
    }
}

struct Eval<'e> {
    env: &'e dyn Env,
    lex: &'e Lex,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
}

impl Eval<'_> {
    fn lookup(&mut self, name: &str) -> Option<String> {
        match self.env.lookup(name) {
            Some(v) => {
                if !self.matched.contains(name) {
                    self.matched.insert(name.to_owned());
                }
                Some(v.into_owned())
            }
            None => {
                if !self.unmatched.contains(name) {
                    self.unmatched.insert(name.to_owned());
                }
                None
            }
        }
    }

    fn parts(
        &mut self,
        parts: &[WordPart<'_>],
        raw_escapes: bool,
        out: &mut String,
        mut words: Option<&mut Words>,
    ) -> Result<(), SubstError> {
        for part in parts {
            match part {
                WordPart::Literal(l) => {
                    let s = match l.kind {
                        LiteralKind::Plain => {
                            if let Some(w) = words.as_deref_mut() {
                                w.add_string(l.text);
                            }
                            out.push_str(l.text);
                            continue;
                        }
                        LiteralKind::SingleQuoted if self.lex.raw_quotes => l.text,
                        LiteralKind::SingleQuoted => l.value(),
                        LiteralKind::Escaped if raw_escapes => l.text,
                        LiteralKind::Escaped => l.value(),
                        LiteralKind::TrailingEscape if raw_escapes => l.text,
                        LiteralKind::TrailingEscape => "",
                        // Only inside double quotes.
                        LiteralKind::LoneEscape => l.text,
                    };
                    if let Some(w) = words.as_deref_mut()
                        && (l.kind == LiteralKind::SingleQuoted || !s.is_empty())
                    {
                        w.add_raw(s);
                    }
                    out.push_str(s);
                }
                WordPart::DoubleQuoted { parts, closed, .. } => {
                    let mut s = String::new();
                    if self.lex.raw_quotes {
                        s.push('"');
                    }
                    for p in parts {
                        match p {
                            WordPart::Literal(l) => match l.kind {
                                LiteralKind::Escaped if !raw_escapes => s.push_str(l.value()),
                                LiteralKind::LoneEscape if raw_escapes => {
                                    s.push_str(l.text);
                                    s.push_str(l.text);
                                }
                                _ => s.push_str(l.text),
                            },
                            WordPart::Var(v) => {
                                let val = self.var(v)?;
                                s.push_str(&val);
                            }
                            WordPart::DoubleQuoted { .. } => {}
                        }
                    }
                    if self.lex.raw_quotes && *closed {
                        s.push('"');
                    }
                    if let Some(w) = words.as_deref_mut() {
                        w.add_raw(&s);
                    }
                    out.push_str(&s);
                }
                WordPart::Var(v) => {
                    let val = self.var(v)?;
                    if let Some(w) = words.as_deref_mut() {
                        w.add_string(&val);
                    }
                    out.push_str(&val);
                }
            }
        }
        Ok(())
    }

    fn word(&mut self, w: Option<&Word<'_>>, raw_escapes: bool) -> Result<String, SubstError> {
        let mut s = String::new();
        if let Some(w) = w {
            self.parts(&w.parts, raw_escapes, &mut s, None)?;
        }
        Ok(s)
    }

    fn var(&mut self, v: &VarRef<'_>) -> Result<String, SubstError> {
        let keep = self.lex.unset == UnsetMode::KeepSymbolic;
        let Some(op) = v.op else {
            return Ok(match self.lookup(v.name) {
                Some(val) => val,
                None if keep && v.braced => format!("${{{}}}", v.name),
                None if keep => format!("${}", v.name),
                None => String::new(),
            });
        };
        if let Op::Replace { all } = op {
            let pattern = self.word(v.operand.as_ref(), true)?;
            let replacement = self.word(v.replacement.as_ref(), true)?;
            let Some(value) = self.lookup(v.name) else {
                if keep {
                    // BuildKit writes a single `/` back, even for `//`.
                    return Ok(format!("${{{}/{pattern}/{replacement}}}", v.name));
                }
                return pattern::replace("", &pattern, &replacement, all)
                    .map_err(|e| self.pattern_error(e, v));
            };
            return pattern::replace(&value, &pattern, &replacement, all)
                .map_err(|e| self.pattern_error(e, v));
        }
        let raw = matches!(op, Op::TrimPrefix | Op::TrimSuffix);
        let word = self.word(v.operand.as_ref(), raw)?;
        let value = self.lookup(v.name);
        if keep && value.is_none() {
            return Ok(format!("${{{}{}{word}}}", v.name, v.op_text));
        }
        let set = value.is_some();
        let value = value.unwrap_or_default();
        match op {
            Op::Default { colon } => Ok(if !set || (colon && value.is_empty()) {
                word
            } else {
                value
            }),
            Op::Alternative { colon } => Ok(if !set || (colon && value.is_empty()) {
                String::new()
            } else {
                word
            }),
            Op::Required { colon } => {
                let message = (!word.is_empty()).then_some(word);
                if !set {
                    return Err(SubstError::new(
                        SubstErrorKind::Unset {
                            name: v.name.to_owned(),
                            message,
                        },
                        v.span,
                    ));
                }
                if colon && value.is_empty() {
                    return Err(SubstError::new(
                        SubstErrorKind::Empty {
                            name: v.name.to_owned(),
                            message,
                        },
                        v.span,
                    ));
                }
                Ok(value)
            }
            Op::TrimPrefix | Op::TrimSuffix => {
                let ch = if op == Op::TrimPrefix { '#' } else { '%' };
                let (pat, greedy) = match word.strip_prefix(ch) {
                    Some(rest) => (rest, true),
                    None => (word.as_str(), false),
                };
                let r = if op == Op::TrimPrefix {
                    pattern::trim_prefix(pat, &value, greedy)
                } else {
                    pattern::trim_suffix(pat, &value, greedy)
                };
                r.map_err(|e| self.pattern_error(e, v))
            }
            Op::Unsupported => Err(SubstError::new(
                SubstErrorKind::UnsupportedModifier(v.op_text.to_owned()),
                v.op_span.unwrap_or(v.span),
            )),
            Op::Replace { .. } => Ok(value),
        }
    }

    fn pattern_error(&self, e: pattern::PatternError, v: &VarRef<'_>) -> SubstError {
        SubstError::new(
            SubstErrorKind::InvalidPattern {
                pattern: e.pattern,
                detail: e.detail,
            },
            v.operand.as_ref().map_or(v.span, |w| w.span),
        )
    }
}
