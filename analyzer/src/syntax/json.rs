//! The exec (JSON array) form, decoded with Go's `encoding/json` rules so the
//! result matches BuildKit: a valid JSON array of strings is exec form (text
//! after the array is ignored, as `json.Decoder` ignores it); invalid JSON
//! falls back to shell form; a valid array with a non-string element is an
//! error.
//!
//! The validator is iterative with an explicit stack, capped at Go's nesting
//! limit of 10,000, so no input can overflow the call stack.

use crate::json::lex::{Cursor as Parser, MAX_DEPTH};

/// A decoded string element of the array, with its byte range (quotes
/// included) relative to the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsonItem {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonOutcome {
    /// The text does not start with `[`.
    NotArray,
    /// Not valid JSON: BuildKit falls back to shell form.
    Invalid,
    /// Valid JSON, but an element (at `start..end`) is not a string.
    NotStrings { start: usize, end: usize },
    /// An array of strings; `end` is the offset just past `]`.
    Strings { items: Vec<JsonItem>, end: usize },
}

/// `text` escaped for the inside of a JSON string (quotes, backslashes and
/// control characters), so an edit inside an exec-form string keeps it
/// valid JSON with the intended decoded value.
#[must_use]
pub fn json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Parses `text` (already trimmed on the left) as BuildKit's `parseJSON` does.
pub(crate) fn parse_json_array(text: &str) -> JsonOutcome {
    #[derive(Clone, Copy)]
    enum State {
        ValueOrClose,
        KeyOrClose,
        Key,
        Colon,
        Value,
        CommaOrClose,
    }
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') {
        return JsonOutcome::NotArray;
    }
    let mut p = Parser { bytes, pos: 1 };
    let mut stack: Vec<u8> = vec![b'['];
    let mut items = Vec::new();
    let mut non_string: Option<(usize, usize)> = None;
    let mut element_start = 0;
    let mut state = State::ValueOrClose;
    while !stack.is_empty() {
        p.skip_ws();
        let top = stack[stack.len() - 1];
        match state {
            State::ValueOrClose | State::KeyOrClose => {
                let close = if top == b'[' { b']' } else { b'}' };
                if p.peek() == Some(close) {
                    p.pos += 1;
                    stack.pop();
                    if stack.len() == 1 && non_string.is_none() {
                        non_string = Some((element_start, p.pos));
                    }
                    state = State::CommaOrClose;
                } else if matches!(state, State::ValueOrClose) {
                    state = State::Value;
                } else {
                    state = State::Key;
                }
            }
            State::Key => {
                if p.string(None).is_none() {
                    return JsonOutcome::Invalid;
                }
                state = State::Colon;
            }
            State::Colon => {
                if p.peek() != Some(b':') {
                    return JsonOutcome::Invalid;
                }
                p.pos += 1;
                state = State::Value;
            }
            State::Value => {
                let start = p.pos;
                let top_level = stack.len() == 1;
                match p.peek() {
                    Some(b'"') => {
                        let mut value = String::new();
                        if p.string(top_level.then_some(&mut value)).is_none() {
                            return JsonOutcome::Invalid;
                        }
                        if top_level {
                            items.push(JsonItem {
                                value,
                                start,
                                end: p.pos,
                            });
                        }
                        state = State::CommaOrClose;
                    }
                    Some(open @ (b'[' | b'{')) => {
                        if stack.len() >= MAX_DEPTH {
                            return JsonOutcome::Invalid;
                        }
                        if top_level {
                            element_start = start;
                        }
                        p.pos += 1;
                        stack.push(open);
                        state = if open == b'[' {
                            State::ValueOrClose
                        } else {
                            State::KeyOrClose
                        };
                    }
                    Some(_) => {
                        if !p.scalar() {
                            return JsonOutcome::Invalid;
                        }
                        if top_level && non_string.is_none() {
                            non_string = Some((start, p.pos));
                        }
                        state = State::CommaOrClose;
                    }
                    None => return JsonOutcome::Invalid,
                }
            }
            State::CommaOrClose => match p.peek() {
                Some(b',') => {
                    p.pos += 1;
                    state = if top == b'[' {
                        State::Value
                    } else {
                        State::Key
                    };
                }
                Some(b']') if top == b'[' => {
                    p.pos += 1;
                    stack.pop();
                    if stack.len() == 1 && non_string.is_none() {
                        non_string = Some((element_start, p.pos));
                    }
                }
                Some(b'}') if top == b'{' => {
                    p.pos += 1;
                    stack.pop();
                    if stack.len() == 1 && non_string.is_none() {
                        non_string = Some((element_start, p.pos));
                    }
                }
                _ => return JsonOutcome::Invalid,
            },
        }
    }
    // BuildKit decodes with `json.Decoder`, which reads one value and ignores
    // whatever follows it (`["sh"] # comment` is exec form).
    let close = p.pos;
    match non_string {
        Some((start, end)) => JsonOutcome::NotStrings { start, end },
        None => JsonOutcome::Strings { items, end: close },
    }
}
