//! Compose's variable interpolation on one scalar value.
//!
//! Compose replaces variables in every string *value* of the file (never in
//! mapping keys) before it validates or merges anything. dockward does the
//! same with the variables of the project's `.env` file (see
//! [`super::dotenv`]) and nothing else: the real environment is never read.
//! A variable the `.env` does not set is *unset* for the operators that
//! test for it (so a default applies), and a value that stays undetermined
//! is *unknown*: it is marked ([`UNKNOWN`], [`Interpolated::unknown`]) so
//! that rules can tell `latest` from "can't tell" and never report on a
//! guess.
//!
//! # The syntax, as compose-go's `template` package reads it
//!
//! - `$$` is a literal `$`.
//! - `$NAME`: a name is `[A-Za-z_][A-Za-z0-9_]*`, taken greedily
//!   (`$VAR_NAME` is one variable, `$VAR-x` is `$VAR` then `-x`). A `$`
//!   followed by anything else (`$1`, `$-`, a final `$`) is a literal `$`.
//! - `${NAME}`, and `${NAME<op><operand>}` with op
//!   - `:-` default when unset or empty, `-` default when unset;
//!   - `:+` alternative when set and not empty, `+` alternative when set
//!     (else the variable's own value, which is then empty);
//!   - `:?` error when unset or empty, `?` error when unset (the operand is
//!     the error message, possibly empty).
//! - The operand is itself a template: `${A:-${B:-x}}`, `${A:-$B}`,
//!   `${A:?need ${B}}`. It is evaluated only when used (compose-go since
//!   v2.10; v2.9 evaluated it eagerly, so an error in an unused default
//!   still failed the file: dockward reports syntax errors in operands
//!   whether used or not).
//! - Where an operand ends: the pattern compose-go matches takes the operand
//!   greedily up to the *last* `}` on the same line; the text is then cut
//!   at the `}` that closes the reference, found by counting braces from
//!   the `$` (every `{` opens a level and the character right after it is
//!   skipped, every `}` closes one). When the counting never returns to
//!   zero, the operand runs to that last `}`. So braces inside an operand
//!   are fine when balanced (`${A:-{"a":1}}`), and an operand cannot span
//!   lines.
//! - Anything else after `${` is an invalid template, which fails the whole
//!   file in Compose: `${}`, `${ A}`, `${1A}`, `${A:x}`, `${A x}`, an
//!   unterminated `${A` or `${A:-x` with no `}` on its line.
//!
//! # What dockward returns
//!
//! [`interpolate`] gives an [`Interpolated`]: the value, in which each
//! unknown part is one [`UNKNOWN`] character (the convention of the
//! Dockerfile command layer), with the byte range of each unknown part;
//! every variable reference with its ranges ([`VarRef`]), including those in
//! operands Compose does not evaluate (for `variable-without-default` and
//! the language server); and the errors with their ranges. Evaluation:
//!
//! | reference | set in `.env` (non-empty) | set, empty | not set |
//! |---|---|---|---|
//! | `$V`, `${V}` | value | `""` | unknown |
//! | `${V:-d}` | value | `d` | `d` |
//! | `${V-d}` | value | `""` | `d` |
//! | `${V:+a}` | `a` | `""` | `""` |
//! | `${V+a}` | `a` | `a` | `""` |
//! | `${V:?m}` | value | error | unknown |
//! | `${V?m}` | value | `""` | unknown |
//!
//! A required variable that is not set would stop Compose, but the shell
//! may set it: unknown, not an error. Values from `.env` are taken as they
//! are (Compose does not interpolate a variable's value again).
//!
//! Operands nest at most [`MAX_NESTING`] deep; deeper text is unknown and
//! reported, so hostile input costs at most that many passes over the
//! text and no deep recursion.
//!
//! Case: compose-go's pattern is case-insensitive ASCII; its Unicode case
//! folding also lets `K` (the Kelvin sign) and `ſ` into names, which
//! dockward does not follow.

use std::borrow::Cow;
use std::ops::Range;

use crate::text::TextRange;
use crate::values::substitution::Env;

/// Stands for a part of a value that is not known (a variable the `.env`
/// does not set and that has no default). The same character as the
/// Dockerfile command layer's.
pub const UNKNOWN: char = '\u{FFFC}';

/// How deep operands may nest (`${A:-${B:-…}}`).
pub const MAX_NESTING: u32 = 32;

/// The operator of a braced reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `:-`
    DefaultIfUnsetOrEmpty,
    /// `-`
    DefaultIfUnset,
    /// `:+`
    AlternativeIfNotEmpty,
    /// `+`
    AlternativeIfSet,
    /// `:?`
    RequiredNotEmpty,
    /// `?`
    Required,
}

impl Operator {
    /// The operator as written.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::DefaultIfUnsetOrEmpty => ":-",
            Operator::DefaultIfUnset => "-",
            Operator::AlternativeIfNotEmpty => ":+",
            Operator::AlternativeIfSet => "+",
            Operator::RequiredNotEmpty => ":?",
            Operator::Required => "?",
        }
    }

    fn parse(bytes: &[u8]) -> Option<(Operator, usize)> {
        let (colon, rest) = match bytes.first() {
            Some(b':') => (true, &bytes[1..]),
            _ => (false, bytes),
        };
        let op = match (colon, rest.first()?) {
            (true, b'-') => Operator::DefaultIfUnsetOrEmpty,
            (false, b'-') => Operator::DefaultIfUnset,
            (true, b'+') => Operator::AlternativeIfNotEmpty,
            (false, b'+') => Operator::AlternativeIfSet,
            (true, b'?') => Operator::RequiredNotEmpty,
            (false, b'?') => Operator::Required,
            _ => return None,
        };
        Some((op, usize::from(colon) + 1))
    }
}

/// One variable reference in a scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VarRef<'a> {
    pub name: &'a str,
    /// The whole reference: `$NAME` or `${…}` up to its closing brace.
    pub range: TextRange,
    pub name_range: TextRange,
    pub braced: bool,
    pub operator: Option<Operator>,
    /// The text after the operator, up to the closing brace.
    pub operand: Option<TextRange>,
    /// 0 at the top level, 1 inside an operand, …
    pub depth: u32,
    /// Whether Compose reads this variable (false inside an operand that
    /// is not used, and for [`references`]).
    pub evaluated: bool,
    /// Whether the variables given set it (false for [`references`]).
    pub set: bool,
}

impl VarRef<'_> {
    /// The reference has no fallback: `$V`, `${V}`, `${V?…}`, `${V:?…}`
    /// (what `variable-without-default` looks for, when the variable is not
    /// set).
    #[must_use]
    pub fn without_default(&self) -> bool {
        matches!(
            self.operator,
            None | Some(Operator::Required | Operator::RequiredNotEmpty)
        )
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `${` not followed by a valid reference (Compose refuses the file:
    /// "invalid interpolation format").
    InvalidTemplate,
    /// `${V:?message}` with `V` set to the empty string.
    RequiredEmpty { name: String, message: String },
    /// Operands nested deeper than [`MAX_NESTING`].
    NestingTooDeep,
}

/// An interpolation error and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterpolationError {
    pub kind: ErrorKind,
    pub range: TextRange,
}

/// One unknown part of the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPart {
    /// Bytes of [`Interpolated::value`] (one [`UNKNOWN`] character).
    pub value_range: Range<usize>,
    /// The reference (or invalid template) it comes from.
    pub source: TextRange,
}

/// The result of interpolating one scalar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpolated<'a> {
    /// The value, an [`UNKNOWN`] for each unknown part; borrowed when the
    /// scalar has no `$`.
    pub value: Cow<'a, str>,
    pub unknown: Vec<UnknownPart>,
    /// Every reference, in source order (operands' references after their
    /// own reference).
    pub refs: Vec<VarRef<'a>>,
    pub errors: Vec<InterpolationError>,
}

impl Interpolated<'_> {
    /// Whether every part of the value is known.
    #[must_use]
    pub fn fully_known(&self) -> bool {
        self.unknown.is_empty()
    }

    /// The value, when fully known.
    #[must_use]
    pub fn known(&self) -> Option<&str> {
        self.fully_known().then_some(&*self.value)
    }
}

/// Interpolates `src` (a scalar's value; `base` is its offset, added to
/// every range) with `vars` (the `.env` values).
#[must_use]
pub fn interpolate<'a>(src: &'a str, base: usize, vars: &impl Env) -> Interpolated<'a> {
    if memchr::memchr(b'$', src.as_bytes()).is_none() {
        return Interpolated {
            value: Cow::Borrowed(src),
            unknown: Vec::new(),
            refs: Vec::new(),
            errors: Vec::new(),
        };
    }
    let mut p = Parser {
        src,
        base,
        refs: Vec::new(),
        errors: Vec::new(),
    };
    let parts = p.parse(0, src.len(), 0);
    for r in &mut p.refs {
        r.set = vars.lookup(r.name).is_some();
    }
    let mut ev = Eval {
        src,
        base,
        vars,
        refs: &mut p.refs,
        errors: &mut p.errors,
        out: String::with_capacity(src.len()),
        unknown: Vec::new(),
    };
    ev.parts(&parts);
    let Eval { out, unknown, .. } = ev;
    p.errors.sort_by_key(|e| (e.range.start, e.range.end));
    Interpolated {
        value: Cow::Owned(out),
        unknown,
        refs: p.refs,
        errors: p.errors,
    }
}

/// The references and syntax errors of `src`, without evaluating anything
/// (`evaluated` and `set` are false).
#[must_use]
pub fn references(src: &str, base: usize) -> (Vec<VarRef<'_>>, Vec<InterpolationError>) {
    if memchr::memchr(b'$', src.as_bytes()).is_none() {
        return (Vec::new(), Vec::new());
    }
    let mut p = Parser {
        src,
        base,
        refs: Vec::new(),
        errors: Vec::new(),
    };
    p.parse(0, src.len(), 0);
    p.errors.sort_by_key(|e| (e.range.start, e.range.end));
    (p.refs, p.errors)
}

/// Whether `src` has anything Compose would interpolate or unescape.
#[must_use]
pub fn has_dollar(src: &str) -> bool {
    memchr::memchr(b'$', src.as_bytes()).is_some()
}

#[derive(Debug)]
enum Part {
    /// Literal text `start..end` of the scalar.
    Text(usize, usize),
    /// `$$`.
    Dollar,
    /// Reference `index` into the list, with its parsed operand.
    Var(usize, Option<Vec<Part>>),
    /// Text that is unknown: an invalid template, or an operand past the
    /// nesting limit (its range in the scalar).
    Unknown(usize, usize),
}

struct Parser<'a> {
    src: &'a str,
    base: usize,
    refs: Vec<VarRef<'a>>,
    errors: Vec<InterpolationError>,
}

fn is_name_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_name_char(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// The last `}` of the line holding a position, within a parse's bounds,
/// remembered while the position stays on that line.
struct LineCache {
    line_end: usize,
    last_close: Option<usize>,
    valid_from: usize,
}

impl Parser<'_> {
    fn range(&self, start: usize, end: usize) -> TextRange {
        TextRange::new(self.base + start, self.base + end)
    }

    fn error(&mut self, kind: ErrorKind, start: usize, end: usize) {
        let range = self.range(start, end);
        self.errors.push(InterpolationError { kind, range });
    }

    /// Parses `src[start..end]` at nesting `depth`.
    fn parse(&mut self, start: usize, end: usize, depth: u32) -> Vec<Part> {
        let bytes = self.src.as_bytes();
        let mut parts = Vec::new();
        let mut text_start = start;
        let mut i = start;
        let mut cache: Option<LineCache> = None;
        while let Some(off) = memchr::memchr(b'$', &bytes[i..end]) {
            let dollar = i + off;
            let next = bytes.get(dollar + 1).copied().filter(|_| dollar + 1 < end);
            let flush = |parts: &mut Vec<Part>, text_start: usize| {
                if dollar > text_start {
                    parts.push(Part::Text(text_start, dollar));
                }
            };
            match next {
                Some(b'$') => {
                    flush(&mut parts, text_start);
                    parts.push(Part::Dollar);
                    i = dollar + 2;
                    text_start = i;
                }
                Some(b) if is_name_start(b) => {
                    flush(&mut parts, text_start);
                    let name_end = (dollar + 2..end)
                        .find(|&k| !is_name_char(bytes[k]))
                        .unwrap_or(end);
                    let index = self.push_ref(dollar, name_end, dollar + 1, name_end, depth);
                    parts.push(Part::Var(index, None));
                    i = name_end;
                    text_start = i;
                }
                Some(b'{') => {
                    flush(&mut parts, text_start);
                    let (part, after) = self.braced(dollar, end, depth, &mut cache);
                    parts.push(part);
                    i = after;
                    text_start = i;
                }
                // A `$` that starts nothing is literal.
                _ => i = dollar + 1,
            }
        }
        if end > text_start {
            parts.push(Part::Text(text_start, end));
        }
        parts
    }

    fn push_ref(
        &mut self,
        start: usize,
        end: usize,
        name_start: usize,
        name_end: usize,
        depth: u32,
    ) -> usize {
        self.refs.push(VarRef {
            name: &self.src[name_start..name_end],
            range: self.range(start, end),
            name_range: self.range(name_start, name_end),
            braced: false,
            operator: None,
            operand: None,
            depth,
            evaluated: false,
            set: false,
        });
        self.refs.len() - 1
    }

    /// `${…}` at `dollar`; returns the part and where parsing resumes.
    fn braced(
        &mut self,
        dollar: usize,
        end: usize,
        depth: u32,
        cache: &mut Option<LineCache>,
    ) -> (Part, usize) {
        let bytes = self.src.as_bytes();
        let name_start = dollar + 2;
        let invalid = |p: &mut Self| {
            p.error(ErrorKind::InvalidTemplate, dollar, dollar + 2);
            (Part::Unknown(dollar, dollar + 2), dollar + 2)
        };
        if name_start >= end || !is_name_start(bytes[name_start]) {
            return invalid(self);
        }
        let name_end = (name_start + 1..end)
            .find(|&k| !is_name_char(bytes[k]))
            .unwrap_or(end);
        if name_end < end && bytes[name_end] == b'}' {
            let index = self.push_ref(dollar, name_end + 1, name_start, name_end, depth);
            self.refs[index].braced = true;
            return (Part::Var(index, None), name_end + 1);
        }
        let Some((op, op_len)) = Operator::parse(&bytes[name_end..end]) else {
            return invalid(self);
        };
        let operand_start = name_end + op_len;
        // The operand runs greedily to the last `}` of the line…
        let Some(last_close) = self.last_close(operand_start, end, cache) else {
            return invalid(self);
        };
        // …then is cut at the brace that closes this reference.
        let close = first_closing_brace(bytes, dollar, last_close).unwrap_or(last_close);
        let index = self.push_ref(dollar, close + 1, name_start, name_end, depth);
        let operand = self.range(operand_start, close);
        let r = &mut self.refs[index];
        r.braced = true;
        r.operator = Some(op);
        r.operand = Some(operand);
        let parsed = if depth + 1 >= MAX_NESTING {
            if has_dollar(&self.src[operand_start..close]) {
                self.error(ErrorKind::NestingTooDeep, operand_start, close);
                vec![Part::Unknown(operand_start, close)]
            } else {
                vec![Part::Text(operand_start, close)]
            }
        } else {
            self.parse(operand_start, close, depth + 1)
        };
        (Part::Var(index, Some(parsed)), close + 1)
    }

    /// The last `}` at or after `from` and before the end of its line and
    /// `end`.
    fn last_close(&self, from: usize, end: usize, cache: &mut Option<LineCache>) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let fresh = match cache {
            Some(c) => from < c.valid_from || from >= c.line_end,
            None => true,
        };
        if fresh {
            let line_end = memchr::memchr(b'\n', &bytes[from..end]).map_or(end, |k| from + k);
            let last_close = memchr::memrchr(b'}', &bytes[from..line_end]).map(|k| from + k);
            *cache = Some(LineCache {
                line_end,
                last_close,
                valid_from: from,
            });
        }
        let c = cache.as_ref()?;
        c.last_close.filter(|&k| k >= from)
    }
}

/// compose-go's brace counting from the `$` at `start`, up to `limit`
/// (inclusive): the index of the `}` that brings the count back to zero.
fn first_closing_brace(bytes: &[u8], start: usize, limit: usize) -> Option<usize> {
    let mut open: i64 = 0;
    let mut i = start;
    while i <= limit {
        let off = memchr::memchr2(b'{', b'}', &bytes[i..=limit])?;
        i += off;
        if bytes[i] == b'}' {
            open -= 1;
            if open == 0 {
                return Some(i);
            }
            i += 1;
        } else {
            open += 1;
            // The character after a `{` is skipped.
            i += 2;
        }
    }
    None
}

struct Eval<'a, 'r, E: Env> {
    src: &'a str,
    base: usize,
    vars: &'r E,
    refs: &'r mut Vec<VarRef<'a>>,
    errors: &'r mut Vec<InterpolationError>,
    out: String,
    unknown: Vec<UnknownPart>,
}

impl<E: Env> Eval<'_, '_, E> {
    fn unknown(&mut self, source: TextRange) {
        let start = self.out.len();
        self.out.push(UNKNOWN);
        self.unknown.push(UnknownPart {
            value_range: start..self.out.len(),
            source,
        });
    }

    /// A variable's value; an [`UNKNOWN`] in it (a `.env` value that
    /// depends on an undefined variable) stays an unknown part.
    fn value(&mut self, v: &str, source: TextRange) {
        if !v.contains(UNKNOWN) {
            self.out.push_str(v);
            return;
        }
        for (i, piece) in v.split(UNKNOWN).enumerate() {
            if i > 0 {
                self.unknown(source);
            }
            self.out.push_str(piece);
        }
    }

    fn parts(&mut self, parts: &[Part]) {
        for part in parts {
            match part {
                Part::Text(s, e) => self.out.push_str(&self.src[*s..*e]),
                Part::Dollar => self.out.push('$'),
                Part::Unknown(s, e) => {
                    self.unknown(TextRange::new(self.base + s, self.base + e));
                }
                Part::Var(index, operand) => self.var(*index, operand.as_deref()),
            }
        }
    }

    fn var(&mut self, index: usize, operand: Option<&[Part]>) {
        let r = &mut self.refs[index];
        r.evaluated = true;
        let (name, range, op) = (r.name, r.range, r.operator);
        let vars = self.vars;
        let value = vars.lookup(name);
        let operand = operand.unwrap_or(&[]);
        match (op, value) {
            (None, Some(v)) => self.value(&v, range),
            (None, None) => self.unknown(range),
            (Some(Operator::DefaultIfUnsetOrEmpty), Some(v)) if !v.is_empty() => {
                self.value(&v, range);
            }
            (Some(Operator::DefaultIfUnsetOrEmpty), _) | (Some(Operator::DefaultIfUnset), None) => {
                self.parts(operand);
            }
            (Some(Operator::DefaultIfUnset), Some(v)) => self.value(&v, range),
            (Some(Operator::AlternativeIfNotEmpty), Some(v)) if !v.is_empty() => {
                self.parts(operand);
            }
            (Some(Operator::AlternativeIfSet), Some(_)) => self.parts(operand),
            (Some(Operator::AlternativeIfNotEmpty | Operator::AlternativeIfSet), _) => {}
            (Some(Operator::RequiredNotEmpty), Some(v)) if v.is_empty() => {
                // The message, interpolated, goes in the error.
                let mark = (self.out.len(), self.unknown.len());
                self.parts(operand);
                let message = self.out[mark.0..].to_owned();
                self.out.truncate(mark.0);
                self.unknown.truncate(mark.1);
                self.errors.push(InterpolationError {
                    kind: ErrorKind::RequiredEmpty {
                        name: name.to_owned(),
                        message,
                    },
                    range,
                });
                self.unknown(range);
            }
            (Some(Operator::RequiredNotEmpty | Operator::Required), Some(v)) => {
                self.value(&v, range);
            }
            (Some(Operator::RequiredNotEmpty | Operator::Required), None) => self.unknown(range),
        }
    }
}

#[cfg(test)]
mod tests;
