//! The structural line loop: physical lines, directives, the escape character,
//! continuations and heredoc bodies, mirroring BuildKit's `parser.Parse`.

use super::args::build_instruction;
use super::heredoc::find_heredocs;
use super::logical::{LogicalLine, Segment};
use super::validate::validate;
use super::{
    Comment, Directive, Dockerfile, ErrorKind, EscapeChar, Heredoc, Instruction, SyntaxError,
    Token, TokenKind,
};
use crate::TextRange;

/// Go's `bufio.Scanner` refuses lines longer than this, and BuildKit with it.
const MAX_LINE_LEN: usize = 64 * 1024 - 1;

/// Parses a Dockerfile. Never fails: problems are reported in
/// [`Dockerfile::errors`] and parsing resumes at the next instruction.
#[must_use]
pub fn parse(src: &str) -> Dockerfile {
    let mut p = LineParser::new(src);
    p.run();
    let LineParser {
        escape,
        directives,
        instructions,
        comments,
        tokens,
        mut errors,
        line_starts,
        ..
    } = p;
    if instructions.is_empty() {
        errors.push(SyntaxError {
            message: "file with no instructions".to_owned(),
            range: TextRange::empty(src.len()),
            kind: ErrorKind::Rejected,
        });
    }
    let mut df = Dockerfile {
        source: src.to_owned(),
        line_starts,
        escape,
        directives,
        instructions,
        comments,
        tokens,
        errors,
    };
    validate(&mut df);
    df
}

/// A physical line: `start..content_end` is its text without the trailing
/// `\r`/`\n` characters, `end` is the start of the next line.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

struct LineParser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    line_starts: Vec<u32>,
    /// Index of the next physical line to read.
    next_line: usize,
    escape: EscapeChar,
    directives_done: bool,
    directives: Vec<Directive>,
    instructions: Vec<Instruction>,
    comments: Vec<Comment>,
    tokens: Vec<Token>,
    errors: Vec<SyntaxError>,
}

impl<'a> LineParser<'a> {
    fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        #[allow(clippy::cast_possible_truncation)]
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
        // A final newline does not open another line.
        if line_starts.len() > 1 && *line_starts.last().unwrap_or(&0) as usize == bytes.len() {
            line_starts.pop();
        }
        LineParser {
            src,
            bytes,
            line_starts,
            next_line: 0,
            escape: EscapeChar::Backslash,
            directives_done: false,
            directives: Vec::new(),
            instructions: Vec::new(),
            comments: Vec::new(),
            tokens: Vec::with_capacity(bytes.len() / 8),
            errors: Vec::new(),
        }
    }

    fn line(&self, index: usize) -> Option<Line> {
        let start = *self.line_starts.get(index)? as usize;
        if start >= self.bytes.len() && !(start == 0 && index == 0) {
            return None;
        }
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.bytes.len(), |&s| s as usize);
        let mut content_end = end;
        while content_end > start && matches!(self.bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        Some(Line {
            start,
            content_end,
            end,
        })
    }

    fn token(&mut self, kind: TokenKind, start: usize, end: usize) {
        if start < end {
            self.tokens.push(Token {
                kind,
                range: TextRange::new(start, end),
            });
        }
    }

    /// Emits the newline token of `line` (if any).
    fn newline(&mut self, line: Line) {
        self.token(TokenKind::Newline, line.content_end, line.end);
    }

    fn error(&mut self, message: impl Into<String>, range: TextRange, kind: ErrorKind) {
        self.errors.push(SyntaxError {
            message: message.into(),
            range,
            kind,
        });
    }

    fn run(&mut self) {
        if self.src.is_empty() {
            return;
        }
        while let Some(line) = self.line(self.next_line) {
            let index = self.next_line;
            self.next_line += 1;
            self.check_line_length(line);
            let mut start = line.start;
            if index == 0 && self.src.starts_with('\u{feff}') {
                self.token(TokenKind::Bom, 0, 3);
                start = 3;
            }
            let text_start = start + leading_space(&self.src[start..line.content_end]);
            self.token(TokenKind::Whitespace, start, text_start);
            let text = &self.src[text_start..line.content_end];

            if !self.directives_done {
                if let Some(()) = self.directive(text_start, line) {
                    self.newline(line);
                    continue;
                }
                self.directives_done = true;
            }
            if text.starts_with('#') {
                self.comment(text_start, line, index, false);
                continue;
            }
            if text.is_empty() {
                self.newline(line);
                continue;
            }
            self.instruction(text_start, line, index);
        }
    }

    fn check_line_length(&mut self, line: Line) {
        if line.content_end - line.start > MAX_LINE_LEN {
            self.error(
                format!("dockerfile line greater than max allowed size of {MAX_LINE_LEN}"),
                TextRange::new(line.start, line.content_end),
                ErrorKind::Rejected,
            );
        }
    }

    fn comment(&mut self, hash: usize, line: Line, index: usize, in_continuation: bool) {
        self.token(TokenKind::Comment, hash, line.content_end);
        #[allow(clippy::cast_possible_truncation)]
        self.comments.push(Comment {
            range: TextRange::new(hash, line.content_end),
            line: index as u32,
            in_continuation,
        });
        self.newline(line);
    }

    /// Recognises a parser directive (`# name = value`) on a line whose text
    /// starts at `text_start`. Returns `None` when the line is not one, which
    /// ends the directive block.
    fn directive(&mut self, text_start: usize, line: Line) -> Option<()> {
        let text = &self.src[text_start..line.content_end];
        let m = match_directive(text)?;
        let name = text[m.name.0..m.name.1].to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            return None;
        }
        let range = TextRange::new(text_start, line.content_end);
        let value = text[m.value.0..m.value.1].to_owned();
        self.token(TokenKind::Directive, text_start, line.content_end);
        if self.directives.iter().any(|d| d.name == name) {
            self.error(
                format!("only one {name} parser directive can be used"),
                range,
                ErrorKind::Rejected,
            );
        } else if name == "escape" {
            match value.as_str() {
                "\\" => self.escape = EscapeChar::Backslash,
                "`" => self.escape = EscapeChar::Backtick,
                _ => self.error(
                    format!("invalid escape token '{value}' does not match ` or \\"),
                    range,
                    ErrorKind::Rejected,
                ),
            }
        }
        self.directives.push(Directive {
            name,
            name_range: TextRange::new(text_start + m.name.0, text_start + m.name.1),
            value,
            value_range: TextRange::new(text_start + m.value.0, text_start + m.value.1),
            range,
        });
        Some(())
    }

    /// If `start..end` ends with a line continuation, returns the offset where
    /// the continuation character starts (BuildKit's `trimContinuationCharacter`:
    /// the escape character, then only blanks, and not itself escaped).
    fn continuation_at(&self, start: usize, end: usize) -> Option<usize> {
        let esc = self.escape.as_byte();
        let mut e = end;
        while e > start && matches!(self.bytes[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        if e == start || self.bytes[e - 1] != esc {
            return None;
        }
        let esc_pos = e - 1;
        if esc_pos == start || self.bytes[esc_pos - 1] != esc {
            Some(esc_pos)
        } else {
            None
        }
    }

    fn instruction(&mut self, text_start: usize, first: Line, first_index: usize) {
        let mut segments = Vec::with_capacity(1);
        let mut logical_len = 0u32;
        let mut push_segment = |segments: &mut Vec<Segment>, start: usize, end: usize| {
            #[allow(clippy::cast_possible_truncation)]
            segments.push(Segment {
                logical: logical_len,
                source: start as u32,
                len: (end - start) as u32,
            });
            #[allow(clippy::cast_possible_truncation)]
            {
                logical_len += (end - start) as u32;
            }
        };
        let first_token = self.tokens.len();
        let mut last_line = first;
        let mut last_index = first_index;
        let mut empty_continuation_lines = Vec::new();

        let mut cont = self.continuation_at(text_start, first.content_end);
        let first_end = cont.unwrap_or(first.content_end);
        push_segment(&mut segments, text_start, first_end);
        self.arguments_line(text_start, first_end, cont, first);

        while cont.is_some() {
            let Some(line) = self.line(self.next_line) else {
                break;
            };
            let index = self.next_line;
            self.next_line += 1;
            self.check_line_length(line);
            last_line = line;
            last_index = index;
            let lead = leading_space(&self.src[line.start..line.content_end]);
            let trimmed = &self.src[line.start + lead..line.content_end];
            if trimmed.starts_with('#') {
                self.token(TokenKind::Whitespace, line.start, line.start + lead);
                self.comment(line.start + lead, line, index, true);
                continue;
            }
            if trimmed.is_empty() {
                empty_continuation_lines.push(TextRange::new(line.start, line.content_end));
                self.token(TokenKind::Whitespace, line.start, line.content_end);
                self.newline(line);
                continue;
            }
            cont = self.continuation_at(line.start, line.content_end);
            let end = cont.unwrap_or(line.content_end);
            push_segment(&mut segments, line.start, end);
            self.arguments_line(line.start, end, cont, line);
        }

        let logical = LogicalLine::new(segments, self.src);
        let mut inst = build_instruction(self.src, logical, self.escape, &mut self.errors);
        inst.start_line = u32::try_from(first_index).unwrap_or(u32::MAX);
        inst.empty_continuation_lines = empty_continuation_lines;
        inst.header_range = TextRange::new(text_start, last_line.content_end);
        self.split_keyword_token(first_token, inst.keyword_range);

        // Heredoc bodies follow the instruction's last line.
        let trigger = inst.onbuild_trigger();
        let heredoc_keyword = trigger.map_or(inst.keyword, |t| t.keyword);
        let json = trigger.map_or(inst.is_json(), Instruction::is_json);
        if heredoc_keyword.allows_heredocs() && !json {
            let text = inst.logical.text(self.src);
            if text.contains("<<") {
                let scan = find_heredocs(text);
                for (message, (start, end)) in scan.errors {
                    let range = inst.logical.map_range(start, end);
                    self.error(message, range, ErrorKind::Rejected);
                }
                let mut heredocs = Vec::with_capacity(scan.heredocs.len());
                for h in scan.heredocs {
                    let word_range = inst.logical.map_range(h.word.0, h.word.1);
                    let (body, terminator, last) = self.heredoc_body(&h.name, h.chomp);
                    if let Some((line, index)) = last {
                        last_line = line;
                        last_index = index;
                    }
                    if terminator.is_none() {
                        self.error(
                            "unterminated heredoc",
                            TextRange::new(word_range.start(), word_range.end()),
                            ErrorKind::Rejected,
                        );
                    }
                    heredocs.push(Heredoc {
                        name: h.name,
                        word_range,
                        chomp: h.chomp,
                        expand: h.expand,
                        fd: h.fd,
                        body,
                        terminator,
                    });
                }
                inst.heredocs = heredocs;
            }
        }
        inst.end_line = u32::try_from(last_index).unwrap_or(u32::MAX);
        let end = if inst.heredocs.is_empty() {
            inst.header_range.end()
        } else {
            last_line.content_end.max(inst.header_range.end())
        };
        inst.range = TextRange::new(text_start, end);
        self.instructions.push(inst);
    }

    /// Splits the `Arguments` token holding the keyword into `Keyword` and
    /// the rest. Tokens from `from` on belong to the current instruction.
    fn split_keyword_token(&mut self, from: usize, keyword: TextRange) {
        if keyword.is_empty() {
            return;
        }
        let Some(idx) = self.tokens[from..]
            .iter()
            .position(|t| t.kind == TokenKind::Arguments && t.range.contains(keyword.start()))
        else {
            return;
        };
        let idx = from + idx;
        let t = self.tokens[idx];
        let kw_end = keyword.end().min(t.range.end());
        let mut pieces = Vec::with_capacity(3);
        if t.range.start() < keyword.start() {
            pieces.push(Token {
                kind: TokenKind::Whitespace,
                range: TextRange::new(t.range.start(), keyword.start()),
            });
        }
        pieces.push(Token {
            kind: TokenKind::Keyword,
            range: TextRange::new(keyword.start(), kw_end),
        });
        if kw_end < t.range.end() {
            pieces.push(Token {
                kind: TokenKind::Arguments,
                range: TextRange::new(kw_end, t.range.end()),
            });
        }
        self.tokens.splice(idx..=idx, pieces);
    }

    fn arguments_line(&mut self, start: usize, end: usize, cont: Option<usize>, line: Line) {
        self.token(TokenKind::Arguments, start, end);
        if let Some(c) = cont {
            self.token(TokenKind::Continuation, c, line.content_end);
        }
        self.newline(line);
    }

    /// Reads heredoc body lines up to the terminator. Returns the body range,
    /// the terminator range and the last line consumed.
    fn heredoc_body(
        &mut self,
        name: &str,
        chomp: bool,
    ) -> (TextRange, Option<TextRange>, Option<(Line, usize)>) {
        let body_start = self
            .line(self.next_line)
            .map_or(self.bytes.len(), |l| l.start);
        let mut last = None;
        while let Some(line) = self.line(self.next_line) {
            let index = self.next_line;
            self.next_line += 1;
            last = Some((line, index));
            let mut text = &self.src[line.start..line.content_end];
            if chomp {
                text = text.trim_start_matches('\t');
            }
            if text == name {
                self.token(TokenKind::HeredocBody, body_start, line.start);
                self.token(TokenKind::HeredocTerminator, line.start, line.content_end);
                self.newline(line);
                return (
                    TextRange::new(body_start, line.start),
                    Some(TextRange::new(line.start, line.content_end)),
                    last,
                );
            }
        }
        self.token(TokenKind::HeredocBody, body_start, self.bytes.len());
        (TextRange::new(body_start, self.bytes.len()), None, last)
    }
}

/// Length of the leading white space (Go's `unicode.IsSpace`).
fn leading_space(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n' => i += 1,
            b if b < 0x80 => return i,
            _ => {
                let c = text[i..].chars().next().unwrap_or('x');
                if c.is_whitespace() {
                    i += c.len_utf8();
                } else {
                    return i;
                }
            }
        }
    }
    i
}

struct DirectiveMatch {
    name: (usize, usize),
    value: (usize, usize),
}

/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with Go's `\s` = `[\t\n\f\r ]`.
fn match_directive(text: &str) -> Option<DirectiveMatch> {
    let b = text.as_bytes();
    let is_s = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    if b.first() != Some(&b'#') {
        return None;
    }
    let mut i = 1;
    while i < b.len() && is_s(b[i]) {
        i += 1;
    }
    let name_start = i;
    if i >= b.len() || !b[i].is_ascii_alphabetic() {
        return None;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name_end = i;
    while i < b.len() && is_s(b[i]) {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    if i >= b.len() {
        return None;
    }
    let after_eq = i;
    while i < b.len() && is_s(b[i]) {
        i += 1;
    }
    if i == b.len() {
        // Only blanks after `=`: the lazy group still takes one character.
        let last = b.len() - 1;
        let _ = after_eq;
        return Some(DirectiveMatch {
            name: (name_start, name_end),
            value: (last, b.len()),
        });
    }
    let mut end = b.len();
    while end > i && is_s(b[end - 1]) {
        end -= 1;
    }
    Some(DirectiveMatch {
        name: (name_start, name_end),
        value: (i, end),
    })
}
