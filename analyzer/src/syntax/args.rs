//! Splits a logical line into keyword, flags and arguments, and shapes the
//! arguments per instruction, as BuildKit's `newNodeFromLine` and its line
//! parsers do, keeping a span for every piece.

use super::json::{JsonOutcome, parse_json_array};
use super::logical::LogicalLine;
use super::{
    Args, ErrorKind, EscapeChar, Flag, Instruction, JsonArray, JsonString, KeyValue, Keyword, Span,
    SyntaxError,
};

/// ONBUILD triggers nest through recursion; BuildKit rejects any nesting, so a
/// small cap loses nothing and keeps the stack bounded.
const MAX_ONBUILD_DEPTH: usize = 8;

struct Ctx<'a> {
    text: &'a str,
    logical: &'a LogicalLine,
    escape: EscapeChar,
    errors: &'a mut Vec<SyntaxError>,
}

impl Ctx<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        #[allow(clippy::cast_possible_truncation)]
        Span {
            logical: (start as u32, end as u32),
            range: self.logical.map_range(start, end),
        }
    }

    fn reject(&mut self, message: String, start: usize, end: usize) {
        let range = self.logical.map_range(start, end);
        self.errors.push(SyntaxError {
            message,
            range,
            kind: ErrorKind::Rejected,
        });
    }
}

/// Builds the instruction for one logical line. Line numbers, the overall
/// range and heredocs are filled in by the caller.
pub(crate) fn build_instruction(
    src: &str,
    logical: LogicalLine,
    escape: EscapeChar,
    errors: &mut Vec<SyntaxError>,
) -> Instruction {
    let text = logical.text(src);
    let mut inst = {
        let mut ctx = Ctx {
            text,
            logical: &logical,
            escape,
            errors,
        };
        node(&mut ctx, 0, text.len(), 0)
    };
    inst.logical = logical;
    inst
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `[\t\v\f\r ]`, BuildKit's `reWhitespace` class.
fn is_re_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r')
}

/// Trims Unicode white space (Go's `strings.TrimSpace`) from `text[start..end]`.
fn trim(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let t = s.trim_start_matches(char::is_whitespace);
    start += s.len() - t.len();
    let t2 = t.trim_end_matches(char::is_whitespace);
    end -= t.len() - t2.len();
    (start, end)
}

fn node(ctx: &mut Ctx<'_>, start: usize, end: usize, depth: usize) -> Instruction {
    let text = ctx.text;
    let bytes = text.as_bytes();
    let (a, b) = trim(text, start, end);
    let cmd_end = bytes[a..b]
        .iter()
        .position(|&c| is_re_space(c))
        .map_or(b, |p| a + p);
    let keyword = Keyword::from_name(&text[a..cmd_end]);
    let mut rest_start = cmd_end;
    while rest_start < b && is_re_space(bytes[rest_start]) {
        rest_start += 1;
    }
    let (flags, args_from) = if rest_start < b {
        extract_flags(ctx, rest_start, b)
    } else {
        (Vec::new(), None)
    };
    let (s, e) = match args_from {
        Some(p) => trim(text, p, b),
        None => (b, b),
    };
    let args = shape_args(ctx, keyword, s, e, depth);
    let keyword_range = ctx.logical.map_range(a, cmd_end);
    Instruction {
        keyword,
        keyword_range,
        range: ctx.logical.map_range(a, b),
        header_range: ctx.logical.map_range(a, b),
        start_line: 0,
        end_line: 0,
        logical: LogicalLine::default(),
        flags,
        args,
        heredocs: Vec::new(),
        rest: ctx.span(s, e),
        empty_continuation_lines: Vec::new(),
    }
}

fn shape_args(ctx: &mut Ctx<'_>, keyword: Keyword, s: usize, e: usize, depth: usize) -> Args {
    match keyword {
        Keyword::Add | Keyword::Copy | Keyword::Volume => maybe_json_to_list(ctx, s, e),
        Keyword::Arg => words_or_none(parse_words(ctx, s, e)),
        Keyword::Cmd | Keyword::Entrypoint | Keyword::Run | Keyword::Shell => maybe_json(ctx, s, e),
        Keyword::Env => name_val(ctx, s, e, "ENV"),
        Keyword::Label => name_val(ctx, s, e, "LABEL"),
        Keyword::Expose | Keyword::From => words_or_none(whitespace_words(ctx, s, e)),
        Keyword::Healthcheck => health_config(ctx, s, e),
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if s == e {
                Args::None
            } else {
                Args::Text(ctx.span(s, e))
            }
        }
        Keyword::Onbuild => {
            if s == e {
                Args::None
            } else if depth >= MAX_ONBUILD_DEPTH {
                ctx.errors.push(SyntaxError {
                    message: "ONBUILD triggers nested too deeply".to_owned(),
                    range: ctx.logical.map_range(s, e),
                    kind: ErrorKind::Invalid,
                });
                Args::Ignored(ctx.span(s, e))
            } else {
                let mut inner = node(ctx, s, e, depth + 1);
                inner.logical = ctx.logical.clone();
                Args::Onbuild(Box::new(inner))
            }
        }
        Keyword::Unknown => Args::Ignored(ctx.span(s, e)),
    }
}

fn words_or_none(words: Vec<Span>) -> Args {
    if words.is_empty() {
        Args::None
    } else {
        Args::Words(words)
    }
}

/// BuildKit's `extractBuilderFlags`: leading `--words` are flags, up to the
/// first word that does not start with `--` or a lone `--`. Returns the flags
/// and where the remaining arguments start (`None`: nothing left).
fn extract_flags(ctx: &Ctx<'_>, start: usize, end: usize) -> (Vec<Flag>, Option<usize>) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let bytes = ctx.text.as_bytes();
    let mut flags = Vec::new();
    let mut word: Vec<u8> = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = 0u8;
    let mut blank_ok = false;
    let mut word_start = start;
    let push = |flags: &mut Vec<Flag>, word: &[u8], ws: usize, we: usize| {
        #[allow(clippy::cast_possible_truncation)]
        flags.push(Flag {
            text: String::from_utf8_lossy(word).into_owned(),
            range: ctx.logical.map_range(ws, we),
            logical: (ws as u32, we as u32),
        });
    };
    let mut pos = start;
    while pos <= end {
        let ch = if pos < end { bytes[pos] } else { 0 };
        if phase == Phase::Spaces {
            if pos == end {
                break;
            }
            if is_ascii_space(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || pos + 1 == end || bytes[pos + 1] != b'-' {
                return (flags, Some(pos));
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if pos == end {
            if word != b"--" && (blank_ok || !word.is_empty()) {
                push(&mut flags, &word, word_start, end);
            }
            break;
        }
        if phase == Phase::Word {
            if is_ascii_space(ch) {
                phase = Phase::Spaces;
                if word == b"--" {
                    return (flags, Some(pos));
                }
                if blank_ok || !word.is_empty() {
                    push(&mut flags, &word, word_start, pos);
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            let mut c = ch;
            if c == b'\\' {
                if pos + 1 == end {
                    pos += 1;
                    continue;
                }
                pos += 1;
                c = bytes[pos];
            }
            word.push(c);
            pos += 1;
            continue;
        }
        // Quote
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        let mut c = ch;
        if c == b'\\' {
            if pos + 1 == end {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            c = bytes[pos];
        }
        word.push(c);
        pos += 1;
    }
    (flags, None)
}

/// BuildKit's `parseStringsWhitespaceDelimited`: split on `[\t\v\f\r ]+`.
fn whitespace_words(ctx: &Ctx<'_>, s: usize, e: usize) -> Vec<Span> {
    let bytes = ctx.text.as_bytes();
    let mut words = Vec::new();
    let mut i = s;
    while i < e {
        let start = i;
        while i < e && !is_re_space(bytes[i]) {
            i += 1;
        }
        words.push(ctx.span(start, i));
        while i < e && is_re_space(bytes[i]) {
            i += 1;
        }
    }
    words
}

/// BuildKit's `parseWords`: quote-aware splitting on Unicode white space;
/// quotes and escapes stay in the words, an escape at the very end is dropped.
fn parse_words(ctx: &Ctx<'_>, s: usize, e: usize) -> Vec<Span> {
    #[derive(PartialEq, Clone, Copy)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let esc = ctx.escape.as_char();
    let text = &ctx.text[..e];
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word_start = s;
    let mut word_end = s;
    let mut iter = text[s..].char_indices().map(|(i, c)| (i + s, c)).peekable();
    while let Some((i, ch)) = iter.next() {
        let next = i + ch.len_utf8();
        match phase {
            Phase::Spaces => {
                if ch.is_whitespace() {
                    continue;
                }
                word_start = i;
                phase = Phase::Word;
            }
            Phase::Word | Phase::Quote(_) => {}
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    if word_end > word_start {
                        words.push(ctx.span(word_start, word_end));
                    }
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    word_end = next;
                    continue;
                }
                if ch == esc {
                    match iter.next() {
                        None => continue,
                        Some((j, c)) => {
                            word_end = j + c.len_utf8();
                            continue;
                        }
                    }
                }
                word_end = next;
            }
            Phase::Quote(q) => {
                if ch == q {
                    phase = Phase::Word;
                    word_end = next;
                    continue;
                }
                if ch == esc && q != '\'' {
                    match iter.next() {
                        None => {
                            phase = Phase::Word;
                            continue;
                        }
                        Some((j, c)) => {
                            word_end = j + c.len_utf8();
                            continue;
                        }
                    }
                }
                word_end = next;
            }
            Phase::Spaces => {}
        }
    }
    if phase != Phase::Spaces && word_end > word_start {
        words.push(ctx.span(word_start, word_end));
    }
    words
}

/// ENV and LABEL: `key=value …` or the legacy `key value`.
fn name_val(ctx: &mut Ctx<'_>, s: usize, e: usize, what: &str) -> Args {
    let words = parse_words(ctx, s, e);
    let Some(first) = words.first() else {
        return Args::None;
    };
    let text = ctx.text;
    if !text[first.logical.0 as usize..first.logical.1 as usize].contains('=') {
        let bytes = text.as_bytes();
        let Some(sep) = (s..e).find(|&i| is_re_space(bytes[i])) else {
            ctx.reject(format!("{what} must have two arguments"), s, e);
            return Args::KeyValues(vec![KeyValue {
                key: ctx.span(s, e),
                value: ctx.span(e, e),
                equals: false,
            }]);
        };
        let mut value_start = sep;
        while value_start < e && is_re_space(bytes[value_start]) {
            value_start += 1;
        }
        return Args::KeyValues(vec![KeyValue {
            key: ctx.span(s, sep),
            value: ctx.span(value_start, e),
            equals: false,
        }]);
    }
    let mut pairs = Vec::with_capacity(words.len());
    for w in words {
        let (ws, we) = (w.logical.0 as usize, w.logical.1 as usize);
        match text[ws..we].find('=') {
            Some(eq) => pairs.push(KeyValue {
                key: ctx.span(ws, ws + eq),
                value: ctx.span(ws + eq + 1, we),
                equals: true,
            }),
            None => ctx.reject(
                format!(
                    "Syntax error - can't find = in {}. Must be of the form: name=value",
                    go_quote(&text[ws..we])
                ),
                ws,
                we,
            ),
        }
    }
    Args::KeyValues(pairs)
}

const NOT_STRING_ARRAY: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// Exec form if the text is a JSON array of strings, else `Text` (shell form).
fn maybe_json(ctx: &mut Ctx<'_>, s: usize, e: usize) -> Args {
    if s == e {
        return Args::None;
    }
    match parse_json_array(&ctx.text[s..e]) {
        JsonOutcome::Strings { items, end } => json_args(ctx, s, e, items, end),
        JsonOutcome::NotStrings { start, end } => {
            ctx.reject(NOT_STRING_ARRAY.to_owned(), s + start, s + end);
            Args::Text(ctx.span(s, e))
        }
        JsonOutcome::NotArray | JsonOutcome::Invalid => Args::Text(ctx.span(s, e)),
    }
}

fn maybe_json_to_list(ctx: &mut Ctx<'_>, s: usize, e: usize) -> Args {
    match parse_json_array(&ctx.text[s..e]) {
        JsonOutcome::Strings { items, end } => json_args(ctx, s, e, items, end),
        JsonOutcome::NotStrings { start, end } => {
            ctx.reject(NOT_STRING_ARRAY.to_owned(), s + start, s + end);
            words_or_none(whitespace_words(ctx, s, e))
        }
        JsonOutcome::NotArray | JsonOutcome::Invalid => words_or_none(whitespace_words(ctx, s, e)),
    }
}

fn json_args(
    ctx: &Ctx<'_>,
    s: usize,
    e: usize,
    items: Vec<super::json::JsonItem>,
    end: usize,
) -> Args {
    let items = items
        .into_iter()
        .map(|item| JsonString {
            value: item.value,
            range: ctx.logical.map_range(s + item.start, s + item.end),
        })
        .collect();
    let after = trim(ctx.text, s + end, e);
    Args::Json(JsonArray {
        items,
        range: ctx.logical.map_range(s, s + end),
        trailing: (after.0 < after.1).then(|| ctx.logical.map_range(after.0, after.1)),
    })
}

/// HEALTHCHECK: a type word, then a command in shell or exec form.
fn health_config(ctx: &mut Ctx<'_>, s: usize, e: usize) -> Args {
    let bytes = ctx.text.as_bytes();
    let sep = (s..e).find(|&i| is_ascii_space(bytes[i])).unwrap_or(e);
    if sep == s {
        return Args::None;
    }
    let mut next = sep;
    while next < e && is_ascii_space(bytes[next]) {
        next += 1;
    }
    let command = maybe_json(ctx, next, e);
    Args::Healthcheck {
        kind: ctx.span(s, sep),
        command: Box::new(command),
    }
}

/// Go's `strconv.Quote`, close enough for messages and dumps: escapes quotes,
/// backslashes and non-printable characters.
#[must_use]
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x2028..=0x202E | 0x2060..=0x206F | 0xD800..=0xF8FF | 0xFEFF
        | 0xFFF9..=0xFFFB | 0xFFFE | 0xFFFF)
}
