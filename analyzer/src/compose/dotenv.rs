//! The `.env` file, read the way Compose reads it (compose-go's `dotenv`
//! package), with byte ranges and error recovery.
//!
//! Compose reads the `.env` beside the Compose file to interpolate it
//! ([`super::interpolate`]). The CLI and the language server read the file
//! and pass its text; [`parse`] gives a [`DotEnv`], which is an
//! [`Env`] for [`interpolate`](super::interpolate::interpolate).
//!
//! # The format
//!
//! - A UTF-8 byte order mark at the start is ignored. Blank lines and lines
//!   whose first non-blank character is `#` are skipped. CRLF line ends
//!   work (a `\r` counts as a blank).
//! - A statement is `KEY=VALUE`, `KEY: VALUE` (YAML style), or `KEY` alone
//!   on its line (the value is inherited from the environment Compose runs
//!   in; dockward never reads it, so such a key stays unset). `export `
//!   before the key is ignored.
//! - A key is made of letters, digits (any script) and `_ . - [ ]`; blanks
//!   around it are dropped; a space inside it, or any other character, is
//!   an error.
//! - After the `=`, blanks (not line ends) are skipped, then:
//!   - `'…'`: the text up to the next `'` not preceded by `\`, as is, on
//!     one line or several; `\'` is a `'`, every other `\` stays.
//!   - `"…"`: the same with `"`, then the escapes `\a \b \f \n \r \t \v
//!     \\ \"` and `\0` followed by three octal digits (`\0101` is `A`;
//!     other `\0…` lose the `0`), and `\$`, a literal dollar; then the text
//!     is interpolated.
//!   - anything else: the rest of the line, cut at the first ` #` (a blank
//!     then `#`: an inline comment), trailing blanks dropped, then
//!     interpolated.
//!   - Text after a closing quote on the same line is read as the next
//!     statement (as Compose does), except a `#` comment.
//! - Interpolation (`${A}`, `${A:-x}`, `$$`…, [`super::interpolate`]) sees
//!   the keys defined *above* (and, in Compose, the real environment first,
//!   which dockward never reads). An undefined variable makes the value
//!   partly unknown ([`UNKNOWN`]).
//! - A key defined twice: the last value wins. `KEY` alone after `KEY=1`
//!   keeps `1`.
//!
//! Compose stops at the first error; dockward reports it with its range,
//! skips to the next line and goes on.
//!
//! One quirk of compose-go is not followed: a last line holding a key
//! without `=` and without a final newline is read by compose-go as an
//! entry with an empty key whose value is that text; here it is a key
//! inherited from the environment, like the same line ending in a newline
//! (the two differ in nothing Compose interpolation can see).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use super::interpolate::{ErrorKind, UNKNOWN, interpolate};
use crate::text::TextRange;
use crate::values::substitution::Env;

/// How a value was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quote {
    None,
    Single,
    Double,
}

/// A value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    /// The value after unquoting, escapes and interpolation, an
    /// [`UNKNOWN`] for each part that depends on an undefined variable.
    pub text: String,
    /// The value as written (quotes included; for an unquoted value,
    /// without the inline comment and trailing blanks).
    pub raw: &'a str,
    pub range: TextRange,
    pub quote: Quote,
}

impl Value<'_> {
    /// Whether every part of the value is known.
    #[must_use]
    pub fn fully_known(&self) -> bool {
        !self.text.contains(UNKNOWN)
    }
}

/// One statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: &'a str,
    pub key_range: TextRange,
    /// Written with `export `.
    pub exported: bool,
    /// `None` for a key alone, inherited from the environment.
    pub value: Option<Value<'a>>,
    /// The whole statement (`export` to the end of the value).
    pub range: TextRange,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DotEnvErrorKind {
    /// A character a key cannot hold.
    UnexpectedCharacter(char),
    /// `A B=1`.
    KeyWithBlank,
    /// A quote that is never closed.
    UnterminatedQuote,
    /// An interpolation error in a value.
    Interpolation(ErrorKind),
}

/// An error and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotEnvError {
    pub kind: DotEnvErrorKind,
    pub range: TextRange,
}

impl fmt::Display for DotEnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DotEnvErrorKind::UnexpectedCharacter(c) => {
                write!(f, "unexpected character {c:?} in variable name")
            }
            DotEnvErrorKind::KeyWithBlank => f.write_str("key cannot contain a space"),
            DotEnvErrorKind::UnterminatedQuote => f.write_str("unterminated quoted value"),
            DotEnvErrorKind::Interpolation(ErrorKind::InvalidTemplate) => {
                f.write_str("invalid interpolation format")
            }
            DotEnvErrorKind::Interpolation(ErrorKind::RequiredEmpty { name, message }) => {
                if message.is_empty() {
                    write!(f, "required variable {name} is missing a value")
                } else {
                    write!(f, "required variable {name} is missing a value: {message}")
                }
            }
            DotEnvErrorKind::Interpolation(ErrorKind::NestingTooDeep) => {
                f.write_str("variables nested too deep")
            }
        }
    }
}

/// A parsed `.env` file.
#[derive(Clone, Debug, Default)]
pub struct DotEnv<'a> {
    /// Every statement, in file order (a key may appear several times).
    pub entries: Vec<Entry<'a>>,
    pub errors: Vec<DotEnvError>,
    /// Key → index of the entry that gives its value.
    index: HashMap<&'a str, usize>,
}

impl<'a> DotEnv<'a> {
    /// The value of `key` (the last definition), if the file defines it.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entry(key)?.value.as_ref().map(|v| v.text.as_str())
    }

    /// The entry that gives `key` its value.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&Entry<'a>> {
        self.index.get(key).map(|&i| &self.entries[i])
    }

    /// The defined keys with their values, each once, in the order of first
    /// definition.
    #[must_use]
    pub fn vars(&self) -> Vec<(&'a str, &str)> {
        let mut out: Vec<(&'a str, &str)> = Vec::new();
        for e in &self.entries {
            if e.value.is_some()
                && !out.iter().any(|(k, _)| *k == e.key)
                && let Some(v) = self.get(e.key)
            {
                out.push((e.key, v));
            }
        }
        out
    }
}

impl Env for DotEnv<'_> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(Cow::Borrowed)
    }
}

/// The blanks compose-go skips inside a statement (not line ends).
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

/// Parses a `.env` file's text.
#[must_use]
pub fn parse(src: &str) -> DotEnv<'_> {
    let mut env = DotEnv::default();
    let mut pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
    // Skip blank lines and comments.
    while let Some(off) = src[pos..].find(|c: char| !c.is_whitespace()) {
        pos += off;
        if src[pos..].starts_with('#') {
            pos = line_end(src, pos);
            continue;
        }
        pos = statement(src, pos, &mut env);
    }
    env
}

/// The offset of the next `\n` at or after `pos`, or the end.
fn line_end(src: &str, pos: usize) -> usize {
    memchr::memchr(b'\n', &src.as_bytes()[pos..]).map_or(src.len(), |k| pos + k)
}

/// Parses one statement at `start`; returns where the next one may start.
fn statement<'a>(src: &'a str, start: usize, env: &mut DotEnv<'a>) -> usize {
    let mut pos = start;
    let mut exported = false;
    if let Some(rest) = src[pos..].strip_prefix("export")
        && rest.starts_with(['\t', '\n', '\u{c}', '\r', ' '])
    {
        exported = true;
        pos += "export".len();
        pos += src[pos..].find(|c| !is_blank(c)).unwrap_or(src.len() - pos);
    }
    let key_start = pos;
    // The key runs to `=`, `:` or the end of the line.
    let mut sep = None;
    for (i, c) in src[key_start..].char_indices() {
        let at = key_start + i;
        match c {
            '=' | ':' | '\n' => {
                sep = Some((at, c));
                break;
            }
            '_' | '.' | '-' | '[' | ']' => {}
            c if is_blank(c) || c.is_alphanumeric() => {}
            c => {
                env.errors.push(DotEnvError {
                    kind: DotEnvErrorKind::UnexpectedCharacter(c),
                    range: TextRange::new(at, at + c.len_utf8()),
                });
                return line_end(src, at);
            }
        }
    }
    let (key_end_raw, sep) = sep.map_or((src.len(), '\n'), |(at, c)| (at, c));
    let key_text = src[key_start..key_end_raw].trim_end();
    let key_range = TextRange::new(key_start, key_start + key_text.len());
    // compose-go refuses a space only (a tab inside a key passes).
    let bad_key = key_text.contains(' ');
    if bad_key {
        env.errors.push(DotEnvError {
            kind: DotEnvErrorKind::KeyWithBlank,
            range: key_range,
        });
    }
    if sep == '\n' {
        // A key alone: inherited from the environment.
        if !bad_key && !key_text.is_empty() {
            env.entries.push(Entry {
                key: key_text,
                key_range,
                exported,
                value: None,
                range: TextRange::new(start, key_range.end()),
            });
        }
        return key_end_raw;
    }
    let mut vpos = key_end_raw + 1;
    vpos += src[vpos..]
        .find(|c| !is_blank(c))
        .unwrap_or(src.len() - vpos);
    let (value, next) = match src.as_bytes().get(vpos) {
        Some(&q @ (b'"' | b'\'')) => match quoted(src, vpos, q, env) {
            Some(v) => v,
            None => {
                let end = line_end(src, vpos);
                env.errors.push(DotEnvError {
                    kind: DotEnvErrorKind::UnterminatedQuote,
                    range: TextRange::new(vpos, end),
                });
                return end;
            }
        },
        _ => unquoted(src, vpos, env),
    };
    if !bad_key {
        let range = TextRange::new(start, value.range.end());
        let index = env.entries.len();
        env.entries.push(Entry {
            key: key_text,
            key_range,
            exported,
            value: Some(value),
            range,
        });
        env.index.insert(key_text, index);
    }
    next
}

/// An unquoted value at `start`: the rest of the line, cut at ` #`.
fn unquoted<'a>(src: &'a str, start: usize, env: &mut DotEnv<'a>) -> (Value<'a>, usize) {
    let end = line_end(src, start);
    let line = &src[start..end];
    let line = line.find(" #").map_or(line, |k| &line[..k]);
    let raw = line.trim_end();
    let text = interpolated(raw, start, env);
    let value = Value {
        text,
        raw,
        range: TextRange::new(start, start + raw.len()),
        quote: Quote::None,
    };
    (value, end)
}

/// A quoted value whose quote `q` is at `start`, or `None` when the quote is
/// never closed.
fn quoted<'a>(
    src: &'a str,
    start: usize,
    q: u8,
    env: &mut DotEnv<'a>,
) -> Option<(Value<'a>, usize)> {
    let bytes = src.as_bytes();
    let mut chars: Vec<u8> = Vec::new();
    let mut escaped = false;
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b != q {
            if !escaped && b == b'\\' {
                escaped = true;
            } else {
                if escaped {
                    escaped = false;
                    chars.push(b'\\');
                }
                chars.push(b);
            }
            i += 1;
            continue;
        }
        if escaped {
            // `\"` or `\'`: the quote itself.
            escaped = false;
            chars.push(b);
            i += 1;
            continue;
        }
        // Only ASCII bytes were dropped: still UTF-8.
        let body = String::from_utf8(chars).unwrap_or_default();
        let text = if q == b'"' {
            interpolated(&expand_escapes(&body), start + 1, env)
        } else {
            body
        };
        let value = Value {
            text,
            raw: &src[start..=i],
            range: TextRange::new(start, i + 1),
            quote: if q == b'"' {
                Quote::Double
            } else {
                Quote::Single
            },
        };
        return Some((value, i + 1));
    }
    None
}

/// Interpolates a value against the keys defined so far; errors are
/// recorded at `base` + their offset.
fn interpolated(text: &str, base: usize, env: &mut DotEnv<'_>) -> String {
    let r = interpolate(text, base, &*env);
    let errors: Vec<DotEnvError> = r
        .errors
        .into_iter()
        .map(|e| DotEnvError {
            kind: DotEnvErrorKind::Interpolation(e.kind),
            range: e.range,
        })
        .collect();
    let value = r.value.into_owned();
    env.errors.extend(errors);
    value
}

/// The escapes of a double-quoted value: `\a \b \f \n \r \t \v \\ \"`,
/// `\$` (kept as `$$`, a literal dollar for the interpolation that
/// follows), `\0` and up to three digits (octal when exactly three octal
/// digits make a byte, else the `0` is dropped), `\c` kept. Any other `\`
/// stays.
#[must_use]
pub fn expand_escapes(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let Some(off) = memchr::memchr(b'\\', &bytes[i..]) else {
            out.push_str(&s[i..]);
            break;
        };
        out.push_str(&s[i..i + off]);
        i += off;
        let Some(&next) = bytes.get(i + 1) else {
            out.push('\\');
            break;
        };
        let simple = match next {
            b'a' => Some("\u{7}"),
            b'b' => Some("\u{8}"),
            b'f' => Some("\u{c}"),
            b'n' => Some("\n"),
            b'r' => Some("\r"),
            b't' => Some("\t"),
            b'v' => Some("\u{b}"),
            b'\\' => Some("\\"),
            b'"' => Some("\""),
            b'$' => Some("$$"),
            b'c' => Some("\\c"),
            _ => None,
        };
        if let Some(rep) = simple {
            out.push_str(rep);
            i += 2;
            continue;
        }
        if next == b'0' {
            let digits = bytes[i + 2..]
                .iter()
                .take(3)
                .take_while(|b| b.is_ascii_digit())
                .count();
            let ds = &s[i + 2..i + 2 + digits];
            let octal = (digits == 3 && ds.bytes().all(|b| b <= b'7'))
                .then(|| u32::from_str_radix(ds, 8).ok())
                .flatten()
                .filter(|&v| v <= 0xff);
            match octal {
                // A byte value: Go's `UnquoteChar` gives that rune.
                Some(v) => out.push(char::from_u32(v).unwrap_or('\u{fffd}')),
                None => {
                    out.push('\\');
                    out.push_str(ds);
                }
            }
            i += 2 + digits;
            continue;
        }
        out.push('\\');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests;
