//! The strict JSON parser: a state machine over an explicit stack of open
//! containers.

use super::lex::{Cursor, MAX_DEPTH};
use super::{DuplicateKey, Json, JsonError, JsonErrorKind, JsonId, JsonNode, Member, Repr, Str};
use crate::text::TextRange;

/// Objects with more members than this find duplicates by sorting.
const SMALL_OBJECT: usize = 8;

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn parse(src: &str) -> Json {
    // Spans are u32; refuse to index past that (the edges reject such input).
    let src = if u32::try_from(src.len()).is_ok() {
        src
    } else {
        let mut cut = u32::MAX as usize;
        while !src.is_char_boundary(cut) {
            cut -= 1;
        }
        &src[..cut]
    };
    let json = Json {
        source: src.to_owned(),
        decoded: String::new(),
        nodes: Vec::new(),
        members: Vec::new(),
        items: Vec::new(),
        root: None,
        errors: Vec::new(),
        duplicates: Vec::new(),
        complete: true,
    };
    let mut p = Parser {
        src,
        cur: Cursor {
            bytes: src.as_bytes(),
            // dockerd drops a byte-order mark.
            pos: if src.starts_with('\u{feff}') { 3 } else { 0 },
        },
        json,
        frames: Vec::new(),
        members: Vec::new(),
        items: Vec::new(),
    };
    p.run();
    let mut json = p.json;
    json.errors.sort_by_key(|e| (e.range.start, e.range.end));
    let later_key = |json: &Json, d: &DuplicateKey| json.members(d.object)[d.later].key_span.start;
    if !json.duplicates.is_sorted_by_key(|d| later_key(&json, d)) {
        let mut dups = std::mem::take(&mut json.duplicates);
        dups.sort_by_key(|d| later_key(&json, d));
        json.duplicates = dups;
    }
    json
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// A value is required (top level, after `:`, after `,` in an array).
    Value,
    /// After `[`.
    ValueOrClose,
    /// After `{`.
    KeyOrClose,
    /// After `,` in an object.
    Key,
    Colon,
    CommaOrClose,
    Done,
}

struct Frame {
    node: JsonId,
    object: bool,
    /// Where this container's members or items start on their scratch stack.
    start: usize,
    /// The key read before `:`, waiting for its value.
    key: Option<(TextRange, Str)>,
}

struct Parser<'s> {
    src: &'s str,
    cur: Cursor<'s>,
    json: Json,
    frames: Vec<Frame>,
    members: Vec<Member>,
    items: Vec<JsonId>,
}

impl Parser<'_> {
    fn run(&mut self) {
        let mut state = State::Value;
        self.skip_ws();
        if self.cur.pos >= self.src.len() {
            // Empty or blank: dockerd starts with its defaults.
            return;
        }
        loop {
            self.skip_ws();
            let pos = self.cur.pos;
            let next = self.cur.peek();
            state = match state {
                State::Done => {
                    if pos < self.src.len() {
                        let end = self.src.trim_end().len().max(self.char_end(pos));
                        self.error(
                            TextRange::new(pos, end),
                            "text after the JSON value".to_owned(),
                            JsonErrorKind::TrailingContent,
                        );
                        self.stop(pos);
                    }
                    return;
                }
                State::ValueOrClose if next == Some(b']') => self.close(pos + 1),
                State::ValueOrClose => State::Value,
                State::KeyOrClose if next == Some(b'}') => self.close(pos + 1),
                State::KeyOrClose => State::Key,
                State::Key => {
                    if next != Some(b'"') {
                        return self.fail(pos, "expected a string key");
                    }
                    let Some(key) = self.string() else { return };
                    if let Some(f) = self.frames.last_mut() {
                        f.key = Some(key);
                    }
                    State::Colon
                }
                State::Colon => {
                    if next != Some(b':') {
                        return self.fail(pos, "expected `:` after the key");
                    }
                    self.cur.pos += 1;
                    State::Value
                }
                State::Value => match next {
                    None => return self.fail(pos, "unexpected end of the text: expected a value"),
                    Some(b'"') => {
                        let Some((span, s)) = self.string() else {
                            return;
                        };
                        self.value(Repr::String(s), span)
                    }
                    Some(open @ (b'{' | b'[')) => {
                        if self.frames.len() >= MAX_DEPTH {
                            self.error(
                                TextRange::new(pos, pos + 1),
                                format!("more than {MAX_DEPTH} nested objects and arrays"),
                                JsonErrorKind::TooDeep,
                            );
                            return self.stop(pos);
                        }
                        self.cur.pos += 1;
                        let object = open == b'{';
                        let repr = if object {
                            Repr::Object { members: (0, 0) }
                        } else {
                            Repr::Array { items: (0, 0) }
                        };
                        let id = self.push(repr, TextRange::new(pos, pos + 1));
                        self.frames.push(Frame {
                            node: id,
                            object,
                            start: if object {
                                self.members.len()
                            } else {
                                self.items.len()
                            },
                            key: None,
                        });
                        if object {
                            State::KeyOrClose
                        } else {
                            State::ValueOrClose
                        }
                    }
                    Some(b'-' | b'0'..=b'9') => {
                        let ok = self.cur.number();
                        let end = self.word_end(self.cur.pos.max(pos + 1));
                        if !ok || end != self.cur.pos {
                            return self.fail_range(TextRange::new(pos, end), "invalid number");
                        }
                        self.value(Repr::Number, TextRange::new(pos, end))
                    }
                    Some(b't' | b'f' | b'n') => {
                        let end = self.word_end(pos);
                        let repr = match &self.src[pos..end] {
                            "true" => Repr::Bool(true),
                            "false" => Repr::Bool(false),
                            "null" => Repr::Null,
                            _ => {
                                return self.fail_range(
                                    TextRange::new(pos, end),
                                    "expected a value (`true`, `false` and `null` are lowercase)",
                                );
                            }
                        };
                        self.cur.pos = end;
                        self.value(repr, TextRange::new(pos, end))
                    }
                    Some(b'\'') => return self.fail(pos, "strings take double quotes"),
                    Some(c) if c.is_ascii_alphabetic() => {
                        let end = self.word_end(pos);
                        let word = &self.src[pos..end];
                        let message = if ["true", "false", "null"]
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(word))
                        {
                            "expected a value (`true`, `false` and `null` are lowercase)"
                        } else {
                            "expected a value (strings take double quotes)"
                        };
                        return self.fail_range(TextRange::new(pos, end), message);
                    }
                    Some(_) => return self.fail(pos, "expected a value"),
                },
                State::CommaOrClose => {
                    let (object, close) = match self.frames.last() {
                        Some(f) if f.object => (true, b'}'),
                        _ => (false, b']'),
                    };
                    match next {
                        Some(b',') => {
                            self.cur.pos += 1;
                            self.skip_ws();
                            if self.cur.peek() == Some(close) {
                                self.error(
                                    TextRange::new(pos, pos + 1),
                                    "trailing comma: JSON allows none before `}` or `]`".to_owned(),
                                    JsonErrorKind::TrailingComma,
                                );
                                let at = self.cur.pos;
                                self.close(at + 1)
                            } else if object {
                                State::Key
                            } else {
                                State::Value
                            }
                        }
                        Some(c) if c == close => self.close(pos + 1),
                        Some(b'"') if object => self.missing_comma(State::Key),
                        Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
                            if !object =>
                        {
                            self.missing_comma(State::Value)
                        }
                        None => {
                            let what = if object { "`,` or `}`" } else { "`,` or `]`" };
                            return self.fail(
                                pos,
                                &format!("unexpected end of the text: expected {what}"),
                            );
                        }
                        Some(_) => {
                            let what = if object { "`,` or `}`" } else { "`,` or `]`" };
                            return self.fail(pos, &format!("expected {what}"));
                        }
                    }
                }
            };
        }
    }

    fn error(&mut self, range: TextRange, message: String, kind: JsonErrorKind) {
        self.json.errors.push(JsonError {
            range,
            message,
            kind,
        });
    }

    /// The end of the character at `pos` (`pos` itself at the end).
    fn char_end(&self, pos: usize) -> usize {
        if pos >= self.src.len() {
            return self.src.len();
        }
        let mut e = pos + 1;
        while !self.src.is_char_boundary(e) {
            e += 1;
        }
        e
    }

    /// The end of the run of word characters from `pos` (for numbers and
    /// literals, so `truex` or `01` is one bad token).
    fn word_end(&self, pos: usize) -> usize {
        let mut e = pos;
        while let Some(b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b'+' | b'-' | b'_') =
            self.cur.bytes.get(e)
        {
            e += 1;
        }
        e
    }

    /// A syntax error at the character at `pos`; parsing stops.
    fn fail(&mut self, pos: usize, message: &str) {
        let end = self.char_end(pos);
        self.fail_range(TextRange::new(pos, end), message);
    }

    fn fail_range(&mut self, range: TextRange, message: &str) {
        self.error(range, message.to_owned(), JsonErrorKind::Syntax);
        self.stop(range.start());
    }

    /// Ends every open container at `at`; the document is incomplete.
    fn stop(&mut self, at: usize) {
        self.json.complete = false;
        while !self.frames.is_empty() {
            self.close(at);
        }
    }

    fn missing_comma(&mut self, next: State) -> State {
        let at = self.frames.last().map_or(self.cur.pos, |f| {
            let last = if f.object {
                self.members.last().map(|m| m.value)
            } else {
                self.items.last().copied()
            };
            last.map_or(self.cur.pos, |id| self.json.nodes[id.index()].span.end())
        });
        self.error(
            TextRange::empty(at),
            "missing `,` between two values".to_owned(),
            JsonErrorKind::MissingComma,
        );
        next
    }

    /// White space, and comments (errors, stepped over).
    fn skip_ws(&mut self) {
        loop {
            self.cur.skip_ws();
            let rest = &self.src[self.cur.pos.min(self.src.len())..];
            let len = if rest.starts_with("//") || rest.starts_with('#') {
                rest.find('\n').unwrap_or(rest.len())
            } else if let Some(body) = rest.strip_prefix("/*") {
                body.find("*/").map_or(rest.len(), |i| i + 4)
            } else {
                return;
            };
            let start = self.cur.pos;
            let end = start + rest[..len].trim_end_matches('\r').len();
            self.error(
                TextRange::new(start, end),
                "comments are not JSON: dockerd refuses the file".to_owned(),
                JsonErrorKind::Comment,
            );
            self.cur.pos = start + len;
        }
    }

    /// A string at the cursor: its span (quotes included) and decoded value.
    /// On an error, stops parsing and returns `None`.
    fn string(&mut self) -> Option<(TextRange, Str)> {
        let start = self.cur.pos;
        if self.cur.string(None).is_none() {
            let at = self.cur.pos.min(self.src.len());
            match self.cur.bytes.get(at) {
                None => self.fail(start, "unterminated string"),
                Some(&b) if b < 0x20 => self.fail(at, "control character in a string: escape it"),
                Some(_) => {
                    // The cursor stops just past the bad escape (`\q`, `\u`).
                    let slash = memchr::memrchr(b'\\', &self.cur.bytes[start..at])
                        .map_or(at, |i| start + i);
                    let end = self.char_end(if at > slash { slash + 1 } else { at });
                    self.fail_range(TextRange::new(slash, end), "invalid escape in a string");
                }
            }
            return None;
        }
        let end = self.cur.pos;
        let raw = &self.cur.bytes[start + 1..end - 1];
        let value = if memchr::memchr(b'\\', raw).is_some() {
            let a = self.json.decoded.len();
            let mut again = Cursor {
                bytes: self.cur.bytes,
                pos: start,
            };
            let _ = again.string(Some(&mut self.json.decoded));
            Str::Decoded(to_u32(a), to_u32(self.json.decoded.len()))
        } else {
            Str::Source(to_u32(start + 1), to_u32(end - 1))
        };
        Some((TextRange::new(start, end), value))
    }

    fn push(&mut self, repr: Repr, span: TextRange) -> JsonId {
        let id = JsonId(to_u32(self.json.nodes.len()));
        self.json.nodes.push(JsonNode {
            repr,
            span,
            parent: self.frames.last().map(|f| f.node),
        });
        self.attach(id);
        id
    }

    /// Makes `id` the root, the value of the pending key, or the next item.
    fn attach(&mut self, id: JsonId) {
        match self.frames.last_mut() {
            None => {
                if self.json.root.is_none() {
                    self.json.root = Some(id);
                }
            }
            Some(f) if f.object => {
                if let Some((key_span, key)) = f.key.take() {
                    self.members.push(Member {
                        key_span,
                        key,
                        value: id,
                        shadowed: false,
                    });
                }
            }
            Some(_) => self.items.push(id),
        }
    }

    /// A scalar value; returns the state after it.
    fn value(&mut self, repr: Repr, span: TextRange) -> State {
        self.push(repr, span);
        self.after_value()
    }

    fn after_value(&self) -> State {
        if self.frames.is_empty() {
            State::Done
        } else {
            State::CommaOrClose
        }
    }

    /// Closes the innermost container, ending its span at `end`.
    fn close(&mut self, end: usize) -> State {
        let Some(frame) = self.frames.pop() else {
            return State::Done;
        };
        self.cur.pos = self.cur.pos.max(end);
        let id = frame.node;
        let repr = if frame.object {
            let s = self.json.members.len();
            self.json.members.extend(self.members.drain(frame.start..));
            let e = self.json.members.len();
            self.find_duplicates(id, s, e);
            Repr::Object {
                members: (to_u32(s), to_u32(e)),
            }
        } else {
            let s = self.json.items.len();
            self.json.items.extend(self.items.drain(frame.start..));
            Repr::Array {
                items: (to_u32(s), to_u32(self.json.items.len())),
            }
        };
        let node = &mut self.json.nodes[id.index()];
        node.repr = repr;
        node.span = TextRange::new(node.span.start(), end.max(node.span.end()));
        self.after_value()
    }

    fn find_duplicates(&mut self, object: JsonId, s: usize, e: usize) {
        let json = &self.json;
        let mut keys: Vec<(&str, usize)> = json.members[s..e]
            .iter()
            .enumerate()
            .map(|(i, m)| (json.str(m.key), i))
            .collect();
        let mut dups = Vec::new();
        if keys.len() <= SMALL_OBJECT {
            for j in 1..keys.len() {
                if let Some(&(_, i)) = keys[..j].iter().rev().find(|(k, _)| *k == keys[j].0) {
                    dups.push((i, keys[j].1));
                }
            }
        } else {
            keys.sort_unstable();
            for w in keys.windows(2) {
                if w[0].0 == w[1].0 {
                    dups.push((w[0].1, w[1].1));
                }
            }
            dups.sort_unstable_by_key(|&(_, later)| later);
        }
        for (first, later) in dups {
            self.json.members[s + first].shadowed = true;
            self.json.duplicates.push(DuplicateKey {
                object,
                first,
                later,
            });
        }
    }
}
