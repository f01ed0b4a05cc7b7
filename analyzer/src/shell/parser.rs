//! The recursive-descent parser. Lexing is done on the fly, directly on bytes:
//! the grammar is context-sensitive (reserved words only in command position,
//! `)` ending a case pattern, `((` arithmetic or nested subshells, here-document
//! bodies starting at the next newline token), so a separate token stream
//! would need feedback from the parser anyway.
//!
//! Recovery uses a table of closers that enclosing constructs are waiting for:
//! a list stops at a closer someone expects (`fi`, `done`, `)`, …) and skips,
//! with an error, one that nobody expects. Each construct then either eats its
//! closer or reports it missing, so a stray or missing keyword costs one error
//! and no commands.

use super::ast::*;
use super::join::{comment_end, continuation_end, is_blank};
use super::skip::{self, Frame};
use crate::text::TextRange;

/// How many nested constructs (substitutions, compound commands, quotes,
/// `${…}`) the parser recurses into. Deeper ones are stepped over by the
/// iterative [`skip`] scanner and reported. Real scripts nest a handful of
/// levels; this keeps the worst-case stack use far below 2 MiB even in debug
/// builds.
pub(crate) const MAX_DEPTH: u32 = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Closer {
    RParen,
    CaseSep,
    Then,
    Elif,
    Else,
    Fi,
    Do,
    Done,
    Esac,
    RBrace,
}
const CLOSERS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kw {
    If,
    Then,
    Elif,
    Else,
    Fi,
    Do,
    Done,
    Case,
    Esac,
    While,
    Until,
    For,
    Select,
    Function,
    LBrace,
    RBrace,
    Bang,
    DLBrack,
    In,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// An ordinary word.
    Unquoted,
    /// The operand of `=~` inside `[[ ]]`: `(`, `)` and `|` belong to the word.
    Regex,
    /// Inside `"…"`.
    DQuote,
    /// Inside `${…}` after the name.
    Brace,
    /// Inside `$((…))` / `((…))`.
    Arith,
    /// An unquoted here-document body.
    Heredoc,
}

const fn table(chars: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
}

/// Bytes that end or interrupt an unquoted literal run.
static T_UNQUOTED: [bool; 256] = table(b" \t\r\n;&|()<>\\'\"$`");
static T_DQUOTE: [bool; 256] = table(b"\"\\$`");
static T_BRACE: [bool; 256] = table(b"}\\'\"$`");
static T_ARITH: [bool; 256] = table(b"()\\'\"$`");
static T_HEREDOC: [bool; 256] = table(b"\\$`");
/// Metacharacters: bytes that end an unquoted word.
static T_DELIM: [bool; 256] = table(b" \t\r\n;&|()<>");

impl Mode {
    fn table(self) -> &'static [bool; 256] {
        match self {
            Mode::Unquoted | Mode::Regex => &T_UNQUOTED,
            Mode::DQuote => &T_DQUOTE,
            Mode::Brace => &T_BRACE,
            Mode::Arith => &T_ARITH,
            Mode::Heredoc => &T_HEREDOC,
        }
    }
}

#[inline]
fn r(start: usize, end: usize) -> TextRange {
    TextRange::new(start, end)
}

#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[inline]
fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

#[inline]
fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[inline]
fn push_literal(parts: &mut impl PartSink, start: usize, end: usize) {
    if let Some(WordPart::Literal(last)) = parts.last_part_mut()
        && last.end() == start
    {
        *last = r(last.start(), end);
        return;
    }
    parts.push_part(WordPart::Literal(r(start, end)));
}

/// `(pos, end, answer)` of a `reserved_at` call.
type KwMemo = (usize, usize, Option<(Kw, usize)>);

struct PendingHeredoc {
    id: u32,
    delimiter: Vec<u8>,
    strip_tabs: bool,
    quoted: bool,
    span: TextRange,
}

pub(crate) struct HeredocBody {
    pub body: Word,
    pub end_marker: Option<TextRange>,
}

pub(crate) struct Parser<'s> {
    src: &'s str,
    b: &'s [u8],
    pos: usize,
    end: usize,
    depth: u32,
    expect: [u32; CLOSERS],
    pub errors: Vec<ShellError>,
    pub comments: Vec<TextRange>,
    pending: Vec<PendingHeredoc>,
    pub heredocs: Vec<Option<HeredocBody>>,
    /// The last `reserved_at` answer, `(pos, end, answer)`: a command start is
    /// asked about several times.
    kw_memo: std::cell::Cell<KwMemo>,
    /// Where `(`s close, learned by the skip scanner (see [`skip`]).
    paren_memo: skip::ParenMemo,
    /// Scratch stack for the words of the simple commands being parsed.
    word_stack: Vec<Word>,
    /// Whether the text names `extglob` (asked at the first extended glob).
    extglob: Option<bool>,
}

impl<'s> Parser<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Parser {
            src,
            b: src.as_bytes(),
            pos: 0,
            end: src.len(),
            depth: 0,
            expect: [0; CLOSERS],
            errors: Vec::new(),
            comments: Vec::new(),
            pending: Vec::new(),
            heredocs: Vec::new(),
            kw_memo: std::cell::Cell::new((usize::MAX, 0, None)),
            paren_memo: skip::ParenMemo::new(),
            word_stack: Vec::new(),
            extglob: None,
        }
    }

    /// Parses the whole text.
    pub(crate) fn parse_script(&mut self) -> List {
        let list = self.parse_list();
        // Nothing is expected at top level, so the list only stops at the end.
        for h in std::mem::take(&mut self.pending) {
            self.error_of(
                ShellErrorKind::Tolerated,
                format!(
                    "here-document `{}` has no body",
                    String::from_utf8_lossy(&h.delimiter)
                ),
                h.span,
            );
        }
        list
    }

    // ---------------------------------------------------------------------
    // Low-level helpers
    // ---------------------------------------------------------------------

    /// The byte at `i`, or 0 past the end (0 never matches anything we test).
    #[inline]
    fn at(&self, i: usize) -> u8 {
        if i < self.end { self.b[i] } else { 0 }
    }

    #[inline]
    fn cur(&self) -> u8 {
        self.at(self.pos)
    }

    #[inline]
    fn eof(&self) -> bool {
        self.pos >= self.end
    }

    #[inline]
    fn char_len_at(&self, i: usize) -> usize {
        if i >= self.end {
            0
        } else {
            utf8_len(self.b[i]).min(self.end - i)
        }
    }

    fn error(&mut self, message: impl Into<String>, span: TextRange) {
        self.error_of(ShellErrorKind::Syntax, message, span);
    }

    fn error_of(&mut self, kind: ShellErrorKind, message: impl Into<String>, span: TextRange) {
        self.errors.push(ShellError {
            message: message.into(),
            span,
            kind,
        });
    }

    fn text(&self, start: usize, end: usize) -> &'s str {
        self.src.get(start..end).unwrap_or("")
    }

    /// Skips blanks and a comment (up to, not including, the newline).
    #[inline]
    fn skip_blanks(&mut self) {
        let b = &self.b[..self.end];
        let mut p = self.pos;
        loop {
            while p < b.len() && is_blank(b[p]) {
                p += 1;
            }
            // A line continuation left in the text (see `parse`) is a blank.
            if p < b.len()
                && b[p] == b'\\'
                && let Some(e) = continuation_end(b, p)
            {
                p = e;
                continue;
            }
            break;
        }
        if p < b.len() && b[p] == b'#' {
            let s = p;
            // To the end of the line — of the joined line, as Docker sees it.
            p = comment_end(b, s);
            self.comments.push(r(s, p));
        }
        self.pos = p;
    }

    /// Skips blanks, comments and newlines (reading any pending here-document
    /// bodies at each newline).
    fn skip_newlines(&mut self) {
        loop {
            self.skip_blanks();
            if self.cur() == b'\n' && !self.eof() {
                self.consume_newline();
            } else {
                break;
            }
        }
    }

    /// Consumes the newline at `pos`; here-document bodies start after it.
    fn consume_newline(&mut self) {
        self.pos += 1;
        if !self.pending.is_empty() {
            self.read_heredoc_bodies();
        }
    }

    /// If a reserved word starts at `i` (and ends at a metacharacter), which
    /// one and its length.
    fn reserved_at(&self, i: usize) -> Option<(Kw, usize)> {
        let (mp, me, ans) = self.kw_memo.get();
        if mp == i && me == self.end {
            return ans;
        }
        let ans = self.scan_reserved(i);
        self.kw_memo.set((i, self.end, ans));
        ans
    }

    fn scan_reserved(&self, i: usize) -> Option<(Kw, usize)> {
        let b = self.b;
        let end = self.end;
        let mut n = 0;
        while i + n < end && n < 9 && matches!(b[i + n], b'a'..=b'z' | b'{' | b'}' | b'!' | b'[') {
            n += 1;
        }
        if n == 0 || !self.delim_at(i + n) {
            return None;
        }
        let kw = match &b[i..i + n] {
            b"if" => Kw::If,
            b"then" => Kw::Then,
            b"elif" => Kw::Elif,
            b"else" => Kw::Else,
            b"fi" => Kw::Fi,
            b"do" => Kw::Do,
            b"done" => Kw::Done,
            b"case" => Kw::Case,
            b"esac" => Kw::Esac,
            b"while" => Kw::While,
            b"until" => Kw::Until,
            b"for" => Kw::For,
            b"select" => Kw::Select,
            b"function" => Kw::Function,
            b"{" => Kw::LBrace,
            b"}" => Kw::RBrace,
            b"!" => Kw::Bang,
            b"[[" => Kw::DLBrack,
            b"in" => Kw::In,
            _ => return None,
        };
        Some((kw, n))
    }

    /// A word ending before `i` ends there: end of text, a metacharacter or
    /// a line continuation.
    fn delim_at(&self, i: usize) -> bool {
        i >= self.end
            || T_DELIM[self.b[i] as usize]
            || (self.b[i] == b'\\' && continuation_end(&self.b[..self.end], i).is_some())
    }

    fn eat_kw(&mut self, kw: Kw) -> Option<TextRange> {
        match self.reserved_at(self.pos) {
            Some((k, n)) if k == kw => {
                let span = r(self.pos, self.pos + n);
                self.pos += n;
                Some(span)
            }
            _ => None,
        }
    }

    /// A token at `pos` that closes some construct.
    fn peek_closer(&self) -> Option<(Closer, usize)> {
        match self.cur() {
            b')' if !self.eof() => Some((Closer::RParen, 1)),
            b';' => match self.at(self.pos + 1) {
                b';' if self.at(self.pos + 2) == b'&' => Some((Closer::CaseSep, 3)),
                b';' | b'&' => Some((Closer::CaseSep, 2)),
                _ => None,
            },
            b'a'..=b'z' | b'}' => {
                let (kw, n) = self.reserved_at(self.pos)?;
                let c = match kw {
                    Kw::Then => Closer::Then,
                    Kw::Elif => Closer::Elif,
                    Kw::Else => Closer::Else,
                    Kw::Fi => Closer::Fi,
                    Kw::Do => Closer::Do,
                    Kw::Done => Closer::Done,
                    Kw::Esac => Closer::Esac,
                    Kw::RBrace => Closer::RBrace,
                    _ => return None,
                };
                Some((c, n))
            }
            _ => None,
        }
    }

    fn expected(&self, c: Closer) -> bool {
        self.expect[c as usize] > 0
    }

    fn with_expect<T>(&mut self, closers: &[Closer], f: impl FnOnce(&mut Self) -> T) -> T {
        for c in closers {
            self.expect[*c as usize] += 1;
        }
        let t = f(self);
        for c in closers {
            self.expect[*c as usize] -= 1;
        }
        t
    }

    /// Length of the operator or character at `pos` (for skipping junk).
    fn token_len(&self) -> usize {
        if self.eof() {
            return 0;
        }
        if let Some((_, n)) = self.peek_closer() {
            return n;
        }
        match (self.cur(), self.at(self.pos + 1)) {
            (b'&', b'&') | (b'|', b'|') | (b'|', b'&') => 2,
            _ => self.char_len_at(self.pos).max(1),
        }
    }

    /// Reports the token at `pos` as unexpected and skips it.
    fn skip_unexpected(&mut self) {
        let n = self.token_len();
        let end = (self.pos + n).min(self.end);
        let msg = format!("unexpected `{}`", self.text(self.pos, end).escape_debug());
        self.error(msg, r(self.pos, end));
        self.pos = end;
    }

    /// A command (or word) can start at `pos`.
    fn command_can_start(&self) -> bool {
        if self.eof() || self.peek_closer().is_some() {
            return false;
        }
        match self.cur() {
            b';' | b'|' | b'\n' => false,
            b'&' => self.at(self.pos + 1) == b'>',
            _ => true,
        }
    }

    fn word_can_start(&self) -> bool {
        if self.eof() {
            return false;
        }
        let c = self.cur();
        !T_DELIM[c as usize] || (matches!(c, b'<' | b'>') && self.at(self.pos + 1) == b'(')
    }

    /// Parses a list with a fresh set of expected closers (for substitutions,
    /// whose contents are parsed as an independent script).
    fn nested_list(&mut self, closer: Option<Closer>) -> List {
        let saved = std::mem::replace(&mut self.expect, [0; CLOSERS]);
        if let Some(c) = closer {
            self.expect[c as usize] = 1;
        }
        self.depth += 1;
        let body = self.parse_list();
        self.depth -= 1;
        self.expect = saved;
        body
    }

    fn too_deep(&mut self, start: usize, end: usize) {
        self.error_of(
            ShellErrorKind::TooDeep,
            format!("nesting deeper than {MAX_DEPTH} levels; construct not parsed"),
            r(start, end),
        );
    }

    // ---------------------------------------------------------------------
    // Lists, and-or lists, pipelines
    // ---------------------------------------------------------------------

    fn parse_list(&mut self) -> List {
        let list_start = self.pos;
        let mut items: Vec<AndOr> = Vec::new();
        loop {
            self.skip_newlines();
            if self.eof() {
                break;
            }
            let before = self.pos;
            if let Some((closer, _)) = self.peek_closer() {
                if self.expected(closer) {
                    break;
                }
                self.skip_unexpected();
                // `done;`: the separator after a stray closer is no new error.
                self.skip_blanks();
                if matches!(self.cur(), b';' | b'&')
                    && !matches!(self.at(self.pos + 1), b';' | b'&' | b'>')
                {
                    self.pos += 1;
                }
                continue;
            }
            if matches!(self.cur(), b';' | b'|')
                || (self.cur() == b'&' && self.at(self.pos + 1) != b'>')
            {
                self.skip_unexpected();
                continue;
            }
            let mut item = self.parse_and_or();
            self.skip_blanks();
            if !self.eof() {
                let p = self.pos;
                let next = self.at(p + 1);
                match self.cur() {
                    b';' if next != b';' && next != b'&' => {
                        item.terminator = Some(Terminator {
                            kind: TerminatorKind::Semicolon,
                            span: r(p, p + 1),
                        });
                        self.pos += 1;
                    }
                    b'&' if next != b'&' && next != b'>' => {
                        item.terminator = Some(Terminator {
                            kind: TerminatorKind::Background,
                            span: r(p, p + 1),
                        });
                        self.pos += 1;
                    }
                    b'\n' => {
                        item.terminator = Some(Terminator {
                            kind: TerminatorKind::Newline,
                            span: r(p, p + 1),
                        });
                        self.consume_newline();
                    }
                    _ => {
                        // (Stray operators are reported by the next round.)
                        if self.peek_closer().is_none() && !matches!(self.cur(), b';' | b'&' | b'|')
                        {
                            let n = self.char_len_at(p);
                            self.error("expected `;`, `&` or a newline before this", r(p, p + n));
                        }
                    }
                }
            }
            items.push(item);
            if self.pos == before {
                // Cannot happen by construction; never loop forever anyway.
                self.skip_unexpected();
            }
        }
        let span = match (items.first(), items.last()) {
            (Some(first), Some(last)) => r(
                first.span.start(),
                last.terminator.map_or(last.span.end(), |t| t.span.end()),
            ),
            _ => TextRange::empty(list_start),
        };
        List { items, span }
    }

    fn parse_and_or(&mut self) -> AndOr {
        let mut pipelines = vec![self.parse_pipeline()];
        let mut operators = Vec::new();
        loop {
            self.skip_blanks();
            let kind = match (self.cur(), self.at(self.pos + 1)) {
                (b'&', b'&') => AndOrOp::And,
                (b'|', b'|') => AndOrOp::Or,
                _ => break,
            };
            let span = r(self.pos, self.pos + 2);
            self.pos += 2;
            self.skip_newlines();
            if !self.command_can_start() {
                let op = if kind == AndOrOp::And { "&&" } else { "||" };
                self.error(format!("expected a command after `{op}`"), span);
                break;
            }
            operators.push(AndOrOperator { kind, span });
            pipelines.push(self.parse_pipeline());
        }
        let span = match (pipelines.first(), pipelines.last()) {
            (Some(f), Some(l)) => r(f.span.start(), l.span.end()),
            _ => TextRange::empty(self.pos),
        };
        AndOr {
            pipelines,
            operators,
            terminator: None,
            span,
        }
    }

    fn parse_pipeline(&mut self) -> Pipeline {
        self.skip_blanks();
        let start = self.pos;
        let mut bang = None;
        while let Some((Kw::Bang, n)) = self.reserved_at(self.pos) {
            bang = Some(r(self.pos, self.pos + n));
            self.pos += n;
            self.skip_blanks();
        }
        let first = if self.command_can_start() {
            self.parse_command()
        } else {
            // bash takes `!` alone as a negated empty pipeline.
            let kind = if bang.is_some()
                && (self.eof() || matches!(self.cur(), b';' | b'\n'))
                && !matches!(self.at(self.pos + 1), b';' | b'&')
            {
                ShellErrorKind::Posix
            } else {
                ShellErrorKind::Syntax
            };
            self.error_of(kind, "expected a command after `!`", r(start, self.pos));
            Command::Simple(SimpleCommand {
                span: TextRange::empty(self.pos),
                ..SimpleCommand::default()
            })
        };
        let mut commands = vec![first];
        let mut pipes = Vec::new();
        loop {
            self.skip_blanks();
            if self.cur() != b'|' || self.at(self.pos + 1) == b'|' {
                break;
            }
            let stderr = self.at(self.pos + 1) == b'&';
            let len = if stderr { 2 } else { 1 };
            let span = r(self.pos, self.pos + len);
            self.pos += len;
            self.skip_newlines();
            if !self.command_can_start() {
                self.error("expected a command after `|`", span);
                break;
            }
            pipes.push(Pipe { span, stderr });
            if let Some((Kw::Bang, n)) = self.reserved_at(self.pos) {
                self.error("`!` cannot follow `|`", r(self.pos, self.pos + n));
                self.pos += n;
                self.skip_blanks();
                if !self.command_can_start() {
                    break;
                }
            }
            commands.push(self.parse_command());
        }
        let end = commands.last().map_or(self.pos, |c| c.span().end());
        Pipeline {
            bang,
            commands,
            pipes,
            span: r(start, end.max(start)),
        }
    }

    // ---------------------------------------------------------------------
    // Commands
    // ---------------------------------------------------------------------

    fn parse_command(&mut self) -> Command {
        let p = self.pos;
        if self.cur() == b'(' {
            if self.at(p + 1) == b'(' && self.depth < MAX_DEPTH && self.arith_close(p + 2) {
                return self.parse_arith_command();
            }
            return self.parse_group(true);
        }
        if let Some((kw, len)) = self.reserved_at(p) {
            let frame = match kw {
                Kw::If => Some(Frame::Fi),
                Kw::While | Kw::Until | Kw::For | Kw::Select => Some(Frame::Done),
                Kw::Case => Some(Frame::Esac),
                Kw::LBrace => return self.parse_group(false),
                Kw::Function => return self.parse_function_keyword(len),
                Kw::DLBrack => return self.parse_test(len),
                Kw::In => {
                    // `in` outside `for` / `case` heads.
                    self.error("unexpected `in`", r(p, p + len));
                    self.pos += len;
                    None
                }
                _ => None,
            };
            if let Some(frame) = frame {
                if self.depth >= MAX_DEPTH {
                    return self.skip_compound(frame, len);
                }
                self.depth += 1;
                let cmd = match kw {
                    Kw::If => self.parse_if(len),
                    Kw::While => self.parse_while(len, false),
                    Kw::Until => self.parse_while(len, true),
                    Kw::Case => self.parse_case(len),
                    _ => self.parse_for(len, kw == Kw::Select),
                };
                self.depth -= 1;
                return cmd;
            }
        }
        self.parse_simple_command()
    }

    /// Steps over a compound command that is nested too deeply.
    fn skip_compound(&mut self, frame: Frame, open_len: usize) -> Command {
        let start = self.pos;
        let (end, _) = skip::skip(
            self.b,
            start + open_len,
            self.end,
            frame,
            &mut self.paren_memo,
        );
        let end = end.max(start + open_len).min(self.end);
        self.too_deep(start, end);
        self.pos = end;
        Command::Unparsed(r(start, end))
    }

    /// Whether the `((` whose inside starts at `inner` closes with `))`.
    fn arith_close(&mut self, inner: usize) -> bool {
        let (q, closed) = skip::skip(self.b, inner, self.end, Frame::Paren, &mut self.paren_memo);
        closed && q < self.end && self.b[q] == b')'
    }

    fn parse_trailing_redirects(&mut self, redirects: &mut Vec<Redirect>) -> usize {
        let mut end = self.pos;
        loop {
            self.skip_blanks();
            if !self.at_redirect() {
                break;
            }
            let start = self.pos;
            let fd = self.parse_fd();
            let redir = self.parse_redirect(fd, start);
            end = redir.span.end();
            redirects.push(redir);
        }
        end
    }

    /// A redirection operator (optionally after an fd) starts at `pos`.
    fn at_redirect(&self) -> bool {
        let p = self.pos;
        match self.cur() {
            b'<' | b'>' => self.at(p + 1) != b'(',
            b'&' => self.at(p + 1) == b'>',
            b'0'..=b'9' => self.fd_number_end().is_some(),
            b'{' => self.fd_var_end().is_some(),
            _ => false,
        }
    }

    /// `123<` / `123>`: offset of the operator.
    fn fd_number_end(&self) -> Option<usize> {
        let mut i = self.pos;
        while i < self.end && self.b[i].is_ascii_digit() {
            i += 1;
        }
        (i > self.pos && matches!(self.at(i), b'<' | b'>')).then_some(i)
    }

    /// `{name}<` / `{name}>`: offset of the operator.
    fn fd_var_end(&self) -> Option<usize> {
        let mut i = self.pos + 1;
        if !is_name_start(self.at(i)) {
            return None;
        }
        while i < self.end && is_name_char(self.b[i]) {
            i += 1;
        }
        (self.at(i) == b'}' && matches!(self.at(i + 1), b'<' | b'>')).then_some(i + 1)
    }

    /// Consumes an fd prefix, if any.
    fn parse_fd(&mut self) -> Option<RedirectFd> {
        match self.cur() {
            b'0'..=b'9' => {
                let e = self.fd_number_end()?;
                let mut v: u32 = 0;
                for &d in &self.b[self.pos..e] {
                    v = v.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                }
                self.pos = e;
                Some(RedirectFd::Number(v))
            }
            b'{' => {
                let e = self.fd_var_end()?;
                let name = r(self.pos + 1, e - 1);
                self.pos = e;
                Some(RedirectFd::Var(name))
            }
            _ => None,
        }
    }

    fn parse_redirect(&mut self, fd: Option<RedirectFd>, start: usize) -> Redirect {
        let p = self.pos;
        let (op, len) = match (self.at(p), self.at(p + 1), self.at(p + 2)) {
            (b'<', b'<', b'<') => (RedirectOp::HereString, 3),
            (b'<', b'<', b'-') => (RedirectOp::HeredocStripTabs, 3),
            (b'<', b'<', _) => (RedirectOp::Heredoc, 2),
            (b'<', b'&', _) => (RedirectOp::DupRead, 2),
            (b'<', b'>', _) => (RedirectOp::ReadWrite, 2),
            (b'<', _, _) => (RedirectOp::Read, 1),
            (b'>', b'>', _) => (RedirectOp::Append, 2),
            (b'>', b'&', _) => (RedirectOp::DupWrite, 2),
            (b'>', b'|', _) => (RedirectOp::Clobber, 2),
            (b'&', b'>', b'>') => (RedirectOp::AppendAll, 3),
            (b'&', b'>', _) => (RedirectOp::WriteAll, 2),
            _ => (RedirectOp::Write, 1),
        };
        self.pos = (p + len).min(self.end);
        let op_end = self.pos;
        self.skip_blanks();
        let word = if self.word_can_start() {
            self.parse_word()
        } else {
            self.error("missing redirection target", r(start, op_end));
            Word::empty(op_end)
        };
        let span = r(start, word.span.end().max(op_end));
        let target = match op {
            RedirectOp::Heredoc | RedirectOp::HeredocStripTabs => {
                let strip_tabs = op == RedirectOp::HeredocStripTabs;
                let quoted = word.is_quoted();
                let mut id = u32::MAX;
                if !word.parts.is_empty() {
                    id = u32::try_from(self.heredocs.len()).unwrap_or(u32::MAX);
                    let delimiter = self.heredoc_delimiter(&word);
                    self.heredocs.push(None);
                    self.pending.push(PendingHeredoc {
                        id,
                        delimiter,
                        strip_tabs,
                        quoted,
                        span,
                    });
                }
                RedirectTarget::Heredoc(Box::new(Heredoc {
                    body: Word::empty(word.span.end()),
                    delimiter: word,
                    strip_tabs,
                    quoted,
                    end_marker: None,
                    id,
                }))
            }
            _ => RedirectTarget::Word(word),
        };
        Redirect {
            span,
            fd,
            op,
            target,
        }
    }

    /// The delimiter a here-document body ends with: the word after quote
    /// removal, expansions left as written.
    fn heredoc_delimiter(&self, word: &Word) -> Vec<u8> {
        fn push(parts: &[WordPart], src: &str, out: &mut Vec<u8>) {
            for p in parts {
                match p {
                    WordPart::Escaped(s) => out.extend_from_slice(&s.slice(src).as_bytes()[1..]),
                    WordPart::SingleQuoted(s) => {
                        let t = s.slice(src);
                        let t = t.strip_prefix('\'').unwrap_or(t);
                        let t = t.strip_suffix('\'').unwrap_or(t);
                        out.extend_from_slice(t.as_bytes());
                    }
                    WordPart::DoubleQuoted(dq) => push(&dq.parts, src, out),
                    WordPart::Literal(s) => out.extend_from_slice(s.slice(src).as_bytes()),
                    other => {
                        let s = part_span(other);
                        out.extend_from_slice(s.slice(src).as_bytes());
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(word.span.len());
        push(&word.parts, self.src, &mut out);
        out
    }

    /// Reads the bodies of all pending here-documents; `pos` is just after
    /// the newline that ended their command line.
    fn read_heredoc_bodies(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for h in pending {
            let body_start = self.pos;
            let mut line_start = self.pos;
            let mut found = None;
            while line_start < self.end {
                let line_end = match self.b[line_start..self.end]
                    .iter()
                    .position(|&c| c == b'\n')
                {
                    Some(i) => line_start + i,
                    None => self.end,
                };
                let mut ls = line_start;
                if h.strip_tabs {
                    while ls < line_end && self.b[ls] == b'\t' {
                        ls += 1;
                    }
                }
                let mut le = line_end;
                if le > ls && self.b[le - 1] == b'\r' {
                    le -= 1;
                }
                if self.b[ls..le] == h.delimiter[..] {
                    found = Some((line_start, r(ls, le), line_end));
                    break;
                }
                line_start = line_end + 1;
            }
            let (body_end, end_marker, resume) = match found {
                Some((body_end, marker, line_end)) => {
                    (body_end, Some(marker), (line_end + 1).min(self.end))
                }
                None => {
                    self.error_of(
                        ShellErrorKind::Tolerated,
                        format!(
                            "here-document `{}` is not terminated",
                            String::from_utf8_lossy(&h.delimiter)
                        ),
                        h.span,
                    );
                    (self.end, None, self.end)
                }
            };
            let mut parts = Parts::new();
            if body_end > body_start {
                if h.quoted {
                    parts.push_part(WordPart::Literal(r(body_start, body_end)));
                } else {
                    let saved_end = self.end;
                    self.end = body_end;
                    self.pos = body_start;
                    self.parse_parts(Mode::Heredoc, &mut parts);
                    self.end = saved_end;
                }
            }
            self.pos = resume;
            if let Some(slot) = self.heredocs.get_mut(h.id as usize) {
                *slot = Some(HeredocBody {
                    body: Word {
                        span: r(body_start, body_end),
                        parts,
                    },
                    end_marker,
                });
            }
        }
    }

    fn parse_simple_command(&mut self) -> Command {
        let start = self.pos;
        let mut cmd = SimpleCommand::default();
        // Words go on a shared stack (nested commands push above ours) and
        // move into an exactly sized Vec at the end: one allocation, no
        // regrowth.
        let base = self.word_stack.len();
        let mut end = start;
        loop {
            self.skip_blanks();
            if self.eof() {
                break;
            }
            let p = self.pos;
            let next = self.at(p + 1);
            match self.cur() {
                b'\n' | b';' | b'|' | b')' => break,
                b'&' if next != b'>' => break,
                b'(' => {
                    if self.word_stack.len() == base + 1
                        && cmd.assignments.is_empty()
                        && cmd.redirects.is_empty()
                        && self.at_function_parens()
                    {
                        let name = self.word_stack.pop().unwrap_or_default();
                        return self.parse_function_rest(start, name, false);
                    }
                    self.error("unexpected `(`", r(p, p + 1));
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if self.at_redirect() {
                let fd = self.parse_fd();
                let redir = self.parse_redirect(fd, p);
                end = redir.span.end();
                cmd.redirects.push(redir);
                continue;
            }
            if self.word_stack.len() == base
                && let Some(a) = self.try_assignment()
            {
                end = a.span.end();
                cmd.assignments.push(a);
                continue;
            }
            let w = self.parse_word();
            end = w.span.end();
            self.word_stack.push(w);
        }
        cmd.words = self.word_stack.drain(base..).collect();
        cmd.span = r(start, end.max(start));
        Command::Simple(cmd)
    }

    /// At `(`: is it `()` (blanks allowed inside)?
    fn at_function_parens(&self) -> bool {
        self.at(self.blanks_from(self.pos + 1)) == b')'
    }

    /// The offset after the blanks and line continuations starting at `i`.
    fn blanks_from(&self, mut i: usize) -> usize {
        let b = &self.b[..self.end];
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
            match continuation_end(b, i) {
                Some(e) if i < b.len() && b[i] == b'\\' => i = e,
                _ => return i,
            }
        }
    }

    /// `NAME=`, `NAME+=`, `NAME[sub]=` at `pos`: parses the assignment.
    fn try_assignment(&mut self) -> Option<Assignment> {
        let b = self.b;
        let start = self.pos;
        if !is_name_start(self.cur()) {
            return None;
        }
        let mut i = start + 1;
        while i < self.end && is_name_char(b[i]) {
            i += 1;
        }
        let name = r(start, i);
        let mut subscript = None;
        if self.at(i) == b'[' {
            let s = i;
            let mut depth = 0u32;
            loop {
                if i >= self.end {
                    return None;
                }
                match b[i] {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    b'\\' => {
                        if let Some(e) = continuation_end(&b[..self.end], i) {
                            i = e;
                            continue;
                        }
                    }
                    c if T_DELIM[c as usize] => return None,
                    _ => {}
                }
                i += 1;
            }
            subscript = Some(r(s, i));
        }
        let append = self.at(i) == b'+';
        if append {
            i += 1;
        }
        if self.at(i) != b'=' {
            return None;
        }
        self.pos = i + 1;
        let value = if self.cur() == b'(' && !self.eof() {
            let arr = self.parse_array_literal();
            Word {
                span: arr.span,
                parts: Parts::one(WordPart::Array(arr)),
            }
        } else if self.word_can_start() && !matches!(self.cur(), b'<' | b'>') {
            self.parse_word()
        } else {
            Word::empty(self.pos)
        };
        Some(Assignment {
            span: r(start, value.span.end().max(self.pos)),
            name,
            subscript,
            append,
            value,
        })
    }

    /// `( elements )` of an array assignment, at `(`.
    fn parse_array_literal(&mut self) -> ArrayLiteral {
        let start = self.pos;
        if self.depth >= MAX_DEPTH {
            let (e, _) = skip::skip(
                self.b,
                start + 1,
                self.end,
                Frame::Paren,
                &mut self.paren_memo,
            );
            self.too_deep(start, e);
            self.pos = e;
            return ArrayLiteral {
                span: r(start, e),
                elements: Vec::new(),
            };
        }
        self.pos += 1;
        self.depth += 1;
        let mut elements = Vec::new();
        loop {
            self.skip_blanks();
            if self.eof() {
                self.error("unterminated array `(`", r(start, start + 1));
                break;
            }
            match self.cur() {
                b'\n' => self.consume_newline(),
                b')' => {
                    self.pos += 1;
                    break;
                }
                _ if self.word_can_start() => elements.push(self.parse_word()),
                _ => self.skip_unexpected(),
            }
        }
        self.depth -= 1;
        ArrayLiteral {
            span: r(start, self.pos),
            elements,
        }
    }

    fn parse_function_keyword(&mut self, len: usize) -> Command {
        let start = self.pos;
        self.pos += len;
        self.skip_blanks();
        let name = if self.word_can_start() {
            self.parse_word()
        } else {
            self.error("expected a function name", r(start, start + len));
            Word::empty(self.pos)
        };
        self.skip_blanks();
        if self.cur() == b'(' && self.at_function_parens() {
            return self.parse_function_rest(start, name, true);
        }
        self.parse_function_body(start, name, true)
    }

    /// At the `(` of `name ()`.
    fn parse_function_rest(&mut self, start: usize, name: Word, keyword: bool) -> Command {
        // Consume `(`, blanks, `)`.
        self.pos += 1;
        self.skip_blanks();
        if self.cur() == b')' {
            self.pos += 1;
        }
        self.parse_function_body(start, name, keyword)
    }

    fn parse_function_body(&mut self, start: usize, name: Word, keyword: bool) -> Command {
        self.skip_newlines();
        let body = if !self.command_can_start() {
            self.error("expected a function body", name.span);
            Command::Unparsed(TextRange::empty(self.pos))
        } else if self.depth >= MAX_DEPTH {
            match self.compound_frame() {
                Some((frame, len)) => self.skip_compound(frame, len),
                None => {
                    self.too_deep(self.pos, self.pos);
                    Command::Unparsed(TextRange::empty(self.pos))
                }
            }
        } else {
            self.depth += 1;
            let body = self.parse_command();
            self.depth -= 1;
            if matches!(body, Command::Simple(_)) {
                self.error_of(
                    ShellErrorKind::Bash,
                    "a function body must be a compound command such as `{ …; }`",
                    body.span(),
                );
            }
            body
        };
        let end = body.span().end().max(name.span.end()).max(start);
        Command::Function(Box::new(FunctionDef {
            span: r(start, end),
            name,
            keyword,
            body,
        }))
    }

    /// The skip frame for a compound command starting at `pos`.
    fn compound_frame(&self) -> Option<(Frame, usize)> {
        match self.cur() {
            b'(' => Some((Frame::Paren, 1)),
            _ => match self.reserved_at(self.pos)? {
                (Kw::If, n) => Some((Frame::Fi, n)),
                (Kw::While | Kw::Until | Kw::For | Kw::Select, n) => Some((Frame::Done, n)),
                (Kw::Case, n) => Some((Frame::Esac, n)),
                (Kw::LBrace, n) => Some((Frame::RBrace, n)),
                _ => None,
            },
        }
    }

    /// `( list )` or `{ list; }`.
    fn parse_group(&mut self, subshell: bool) -> Command {
        let start = self.pos;
        if self.depth >= MAX_DEPTH {
            let frame = if subshell {
                Frame::Paren
            } else {
                Frame::RBrace
            };
            return self.skip_compound(frame, 1);
        }
        self.pos += 1;
        self.depth += 1;
        let closer = if subshell {
            Closer::RParen
        } else {
            Closer::RBrace
        };
        let body = self.with_expect(&[closer], Self::parse_list);
        self.depth -= 1;
        let closed = if subshell {
            if self.cur() == b')' && !self.eof() {
                self.pos += 1;
                true
            } else {
                false
            }
        } else {
            self.eat_kw(Kw::RBrace).is_some()
        };
        if !closed {
            let msg = if subshell {
                "missing `)` for this `(`"
            } else {
                "missing `}` for this `{`"
            };
            self.error(msg, r(start, start + 1));
        }
        let mut end = self.pos;
        let mut redirects = Vec::new();
        if closed {
            end = end.max(self.parse_trailing_redirects(&mut redirects));
        } else {
            end = body.span.end().max(start + 1);
        }
        let group = Box::new(GroupCommand {
            span: r(start, end),
            body,
            redirects,
        });
        if subshell {
            Command::Subshell(group)
        } else {
            Command::BraceGroup(group)
        }
    }

    fn parse_arith_command(&mut self) -> Command {
        let start = self.pos;
        self.pos += 2;
        let expr = self.parse_arith_expr();
        self.expect_double_paren(start);
        let mut redirects = Vec::new();
        let end = self.parse_trailing_redirects(&mut redirects);
        Command::Arith(Box::new(ArithCommand {
            span: r(start, end),
            expr,
            redirects,
        }))
    }

    fn parse_arith_expr(&mut self) -> Word {
        let s = self.pos;
        let mut parts = Parts::new();
        self.parse_parts(Mode::Arith, &mut parts);
        Word {
            span: r(s, self.pos),
            parts,
        }
    }

    fn expect_double_paren(&mut self, open: usize) {
        if self.cur() == b')' && self.at(self.pos + 1) == b')' && self.pos + 1 < self.end {
            self.pos += 2;
        } else {
            self.error("missing `))` for this `((`", r(open, open + 2));
            if self.cur() == b')' && !self.eof() {
                self.pos += 1;
            }
        }
    }

    fn parse_if(&mut self, len: usize) -> Command {
        use Closer::*;
        let start = self.pos;
        let mut keyword = r(start, start + len);
        self.pos += len;
        let mut branches = Vec::new();
        let mut else_body = None;
        loop {
            let condition = self.with_expect(&[Then, Elif, Else, Fi], Self::parse_list);
            let body = if self.eat_kw(Kw::Then).is_some() {
                self.with_expect(&[Elif, Else, Fi], Self::parse_list)
            } else {
                if !self.eof() {
                    let n = self.token_len();
                    self.error("expected `then`", r(self.pos, self.pos + n));
                }
                List {
                    items: Vec::new(),
                    span: TextRange::empty(self.pos),
                }
            };
            branches.push(IfBranch {
                keyword,
                condition,
                body,
            });
            if let Some(kw) = self.eat_kw(Kw::Elif) {
                keyword = kw;
                continue;
            }
            if self.eat_kw(Kw::Else).is_some() {
                else_body = Some(self.with_expect(&[Fi], Self::parse_list));
            }
            if self.eat_kw(Kw::Fi).is_none() {
                self.error("missing `fi` for this `if`", r(start, start + len));
            }
            break;
        }
        let mut redirects = Vec::new();
        let end = self.parse_trailing_redirects(&mut redirects);
        Command::If(Box::new(IfCommand {
            span: r(start, end),
            branches,
            else_body,
            redirects,
        }))
    }

    /// `do list done` after a loop header; returns the body.
    fn parse_do_done(&mut self, start: usize, kw_len: usize) -> List {
        self.skip_newlines();
        let body = if self.eat_kw(Kw::Do).is_some() {
            self.with_expect(&[Closer::Done], Self::parse_list)
        } else {
            if !self.eof() {
                let n = self.token_len();
                self.error("expected `do`", r(self.pos, self.pos + n));
            }
            List {
                items: Vec::new(),
                span: TextRange::empty(self.pos),
            }
        };
        if self.eat_kw(Kw::Done).is_none() {
            let kw = self.text(start, start + kw_len);
            let msg = format!("missing `done` for this `{kw}`");
            self.error(msg, r(start, start + kw_len));
        }
        body
    }

    fn parse_while(&mut self, len: usize, until: bool) -> Command {
        let start = self.pos;
        self.pos += len;
        let condition = self.with_expect(&[Closer::Do, Closer::Done], Self::parse_list);
        let body = self.parse_do_done(start, len);
        let mut redirects = Vec::new();
        let end = self.parse_trailing_redirects(&mut redirects);
        Command::While(Box::new(WhileCommand {
            span: r(start, end),
            until,
            condition,
            body,
            redirects,
        }))
    }

    fn parse_for(&mut self, len: usize, select: bool) -> Command {
        let start = self.pos;
        self.pos += len;
        self.skip_blanks();
        if !select && self.cur() == b'(' && self.at(self.pos + 1) == b'(' {
            let open = self.pos;
            self.pos += 2;
            let header = self.parse_arith_expr();
            self.expect_double_paren(open);
            self.skip_blanks();
            if self.cur() == b';' && self.at(self.pos + 1) != b';' {
                self.pos += 1;
            }
            let body = self.parse_do_done(start, len);
            let mut redirects = Vec::new();
            let end = self.parse_trailing_redirects(&mut redirects);
            return Command::ArithFor(Box::new(ArithForCommand {
                span: r(start, end),
                header,
                body,
                redirects,
            }));
        }
        let variable = if self.word_can_start() {
            self.parse_word()
        } else {
            self.error("expected a variable name", r(start, start + len));
            Word::empty(self.pos)
        };
        self.skip_newlines();
        let items = if let Some((Kw::In, n)) = self.reserved_at(self.pos) {
            self.pos += n;
            let mut items = Vec::new();
            loop {
                self.skip_blanks();
                if self.eof() {
                    break;
                }
                match self.cur() {
                    b';' if self.at(self.pos + 1) != b';' => {
                        self.pos += 1;
                        break;
                    }
                    b'\n' => {
                        self.consume_newline();
                        break;
                    }
                    _ if self.word_can_start() => items.push(self.parse_word()),
                    _ => break,
                }
            }
            Some(items)
        } else {
            if self.cur() == b';' && self.at(self.pos + 1) != b';' {
                self.pos += 1;
            }
            None
        };
        let body = self.parse_do_done(start, len);
        let mut redirects = Vec::new();
        let end = self.parse_trailing_redirects(&mut redirects);
        Command::For(Box::new(ForCommand {
            span: r(start, end),
            select,
            variable,
            items,
            body,
            redirects,
        }))
    }

    fn parse_case(&mut self, len: usize) -> Command {
        let start = self.pos;
        self.pos += len;
        self.skip_blanks();
        let subject = if self.word_can_start() {
            self.parse_word()
        } else {
            self.error("expected a word after `case`", r(start, start + len));
            Word::empty(self.pos)
        };
        self.skip_newlines();
        if self.eat_kw(Kw::In).is_none() && !self.eof() {
            let n = self.token_len();
            self.error("expected `in`", r(self.pos, self.pos + n));
        }
        self.expect[Closer::Esac as usize] += 1;
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.eof() {
                self.error("missing `esac` for this `case`", r(start, start + len));
                break;
            }
            if self.eat_kw(Kw::Esac).is_some() {
                break;
            }
            let item_start = self.pos;
            if self.cur() == b'(' {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                if !self.word_can_start() || matches!(self.cur(), b'<' | b'>') {
                    break;
                }
                patterns.push(self.parse_word());
                self.skip_blanks();
                if self.cur() == b'|' && self.at(self.pos + 1) != b'|' {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if self.cur() == b')' && !self.eof() {
                self.pos += 1;
            } else {
                if let Some((c, _)) = self.peek_closer()
                    && c != Closer::Esac
                    && self.expected(c)
                    && patterns.is_empty()
                {
                    self.error("missing `esac` for this `case`", r(start, start + len));
                    break;
                }
                if patterns.is_empty() {
                    self.skip_unexpected();
                    continue;
                }
                let n = self.token_len();
                self.error(
                    "expected `)` after the case pattern",
                    r(self.pos, self.pos + n),
                );
            }
            let body = self.with_expect(&[Closer::CaseSep], Self::parse_list);
            let p = self.pos;
            let terminator = match (self.cur(), self.at(p + 1), self.at(p + 2)) {
                (b';', b';', b'&') => Some((CaseTerminatorKind::Continue, 3)),
                (b';', b';', _) => Some((CaseTerminatorKind::Break, 2)),
                (b';', b'&', _) => Some((CaseTerminatorKind::FallThrough, 2)),
                _ => None,
            }
            .map(|(kind, n)| {
                self.pos += n;
                CaseTerminator {
                    kind,
                    span: r(p, p + n),
                }
            });
            let end = terminator.map_or(body.span.end().max(item_start), |t| t.span.end());
            items.push(CaseItem {
                span: r(item_start, end),
                patterns,
                body,
                terminator,
            });
            if terminator.is_none()
                && !self.eof()
                && self.reserved_at(self.pos).map(|k| k.0) != Some(Kw::Esac)
            {
                // Stopped at a closer of an enclosing construct.
                self.error("missing `esac` for this `case`", r(start, start + len));
                break;
            }
        }
        self.expect[Closer::Esac as usize] -= 1;
        let mut redirects = Vec::new();
        let end = self.parse_trailing_redirects(&mut redirects);
        Command::Case(Box::new(CaseCommand {
            span: r(start, end),
            subject,
            items,
            redirects,
        }))
    }

    /// `[[ … ]]`
    fn parse_test(&mut self, len: usize) -> Command {
        let start = self.pos;
        self.pos += len;
        let mut words = Vec::new();
        let mut regex = false;
        let mut closed = false;
        loop {
            self.skip_blanks();
            if self.eof() {
                break;
            }
            let p = self.pos;
            let c = self.cur();
            let next = self.at(p + 1);
            if c == b'\n' {
                self.consume_newline();
                continue;
            }
            if c == b']' && next == b']' && self.delim_at(p + 2) {
                self.pos += 2;
                closed = true;
                break;
            }
            let op_len = match (c, next) {
                (b'&', b'&') | (b'|', b'|') => 2,
                (b'<' | b'>', b'(') => 0,
                (b'(' | b')' | b'|', _) if regex => 0,
                (b'(' | b')' | b'<' | b'>' | b';' | b'&' | b'|', _) => 1,
                _ => 0,
            };
            if op_len > 0 {
                words.push(Word {
                    span: r(p, p + op_len),
                    parts: Parts::one(WordPart::Literal(r(p, p + op_len))),
                });
                self.pos += op_len;
                regex = false;
                continue;
            }
            let w = if regex {
                let mut parts = Parts::new();
                self.parse_parts(Mode::Regex, &mut parts);
                Word {
                    span: r(p, self.pos),
                    parts,
                }
            } else {
                self.parse_word()
            };
            if self.pos == p {
                self.skip_unexpected();
                continue;
            }
            regex = w.literal(self.src).as_deref() == Some("=~");
            words.push(w);
        }
        if !closed {
            self.error_of(
                ShellErrorKind::Bash,
                "missing `]]` for this `[[`",
                r(start, start + len),
            );
        }
        let mut redirects = Vec::new();
        let end = if closed {
            self.parse_trailing_redirects(&mut redirects)
        } else {
            self.pos
        };
        Command::Test(Box::new(TestCommand {
            span: r(start, end),
            words,
            redirects,
        }))
    }

    // ---------------------------------------------------------------------
    // Words
    // ---------------------------------------------------------------------

    /// An unquoted word at `pos` (which must be able to start one).
    fn parse_word(&mut self) -> Word {
        let start = self.pos;
        let b = self.b;
        let end = self.end;
        // Fast path: a plain literal word, the vast majority.
        let mut p = start;
        while p < end && !T_UNQUOTED[b[p] as usize] {
            p += 1;
        }
        if p > start && (p >= end || (T_DELIM[b[p] as usize] && b[p] != b'(')) {
            self.pos = p;
            return Word {
                span: r(start, p),
                parts: Parts::one(WordPart::Literal(r(start, p))),
            };
        }
        let mut parts = Parts::new();
        if p == start && matches!(self.cur(), b'<' | b'>') && self.at(start + 1) == b'(' {
            self.parse_process_subst(&mut parts);
        }
        self.parse_parts(Mode::Unquoted, &mut parts);
        Word {
            span: r(start, self.pos),
            parts,
        }
    }

    /// Parses word parts until the mode's terminator (left unconsumed) or
    /// the end of the text.
    fn parse_parts(&mut self, mode: Mode, parts: &mut impl PartSink) {
        let table = mode.table();
        let word_start = self.pos;
        let mut nest: u32 = 0;
        loop {
            let s = self.pos;
            let end = self.end;
            let b = self.b;
            let mut p = s;
            while p < end && !table[b[p] as usize] {
                p += 1;
            }
            if p > s {
                push_literal(parts, s, p);
            }
            self.pos = p;
            if p >= end {
                return;
            }
            let c = b[p];
            match c {
                // A word ends before a line continuation that a blank or an
                // operator follows (it is a blank itself, see `parse`).
                b'\\'
                    if matches!(mode, Mode::Unquoted | Mode::Regex)
                        && nest == 0
                        && continuation_end(&b[..end], p).is_some_and(|e| self.delim_at(e)) =>
                {
                    return;
                }
                b'\\' => self.parse_escape(mode, parts),
                b'$' => self.parse_dollar(mode, parts),
                b'`' => self.parse_backtick(parts),
                b'\'' => match mode {
                    Mode::DQuote | Mode::Heredoc => self.literal1(parts),
                    _ => self.parse_single_quoted(parts),
                },
                b'"' => match mode {
                    Mode::DQuote => return,
                    Mode::Heredoc => self.literal1(parts),
                    _ => self.parse_double_quoted(parts, false),
                },
                // The first unquoted `}` ends `${…}`: braces do not nest
                // (`${x:-{a}}` is `${x:-{a}` then `}`, in bash and dash).
                b'}' if mode == Mode::Brace => return,
                b'(' if matches!(mode, Mode::Arith | Mode::Regex) => {
                    nest += 1;
                    self.literal1(parts);
                }
                b')' if matches!(mode, Mode::Arith | Mode::Regex) => {
                    if nest == 0 {
                        return;
                    }
                    nest -= 1;
                    self.literal1(parts);
                }
                b'|' if mode == Mode::Regex => self.literal1(parts),
                b' ' | b'\t' | b'\r' if mode == Mode::Regex && nest > 0 => self.literal1(parts),
                b'(' if mode == Mode::Unquoted && p > word_start => match b[p - 1] {
                    b'?' | b'*' | b'+' | b'@' | b'!' => self.parse_extglob(parts),
                    b'=' => {
                        let arr = self.parse_array_literal();
                        parts.push_part(WordPart::Array(arr));
                    }
                    _ => return,
                },
                _ => return,
            }
        }
    }

    #[inline]
    fn literal1(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let n = self.char_len_at(p).max(1);
        push_literal(parts, p, p + n);
        self.pos = p + n;
    }

    /// Whether the text names `extglob` anywhere (searched once).
    fn mentions_extglob(&mut self) -> bool {
        *self
            .extglob
            .get_or_insert_with(|| memchr::memmem::find(self.b, b"extglob").is_some())
    }

    /// `@(a|b)` and friends: kept as literal text, parentheses balanced on
    /// the current line. A POSIX shell reads that `(` as an operator in the
    /// middle of a word: a syntax error; so does bash unless an earlier line
    /// ran `shopt -s extglob` (taken as done when the text names `extglob`).
    fn parse_extglob(&mut self, parts: &mut impl PartSink) {
        let start = self.pos;
        let kind = if self.mentions_extglob() {
            ShellErrorKind::Posix
        } else {
            ShellErrorKind::Syntax
        };
        self.error_of(
            kind,
            "unexpected `(` (an extended glob pattern needs bash with `shopt -s extglob`)",
            r(start, start + 1),
        );
        let mut depth = 0u32;
        let mut i = start;
        while i < self.end {
            match self.b[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        push_literal(parts, start, i);
                        self.pos = i;
                        return;
                    }
                }
                b'\\' => {
                    i = continuation_end(&self.b[..self.end], i).unwrap_or(i + 2);
                    continue;
                }
                b'\n' => break,
                _ => {}
            }
            i += 1;
        }
        let i = i.min(self.end);
        self.error("unterminated extended glob `(`", r(start, start + 1));
        push_literal(parts, start, i);
        self.pos = i;
    }

    fn parse_escape(&mut self, mode: Mode, parts: &mut impl PartSink) {
        let p = self.pos;
        // A line continuation left in the text (see `parse`) vanishes: keep it
        // inside the literal text, whose value drops it.
        if let Some(e) = continuation_end(&self.b[..self.end], p) {
            push_literal(parts, p, e);
            self.pos = e;
            return;
        }
        if p + 1 >= self.end {
            self.literal1(parts);
            return;
        }
        let next = self.b[p + 1];
        let escapes = match mode {
            Mode::DQuote => matches!(next, b'"' | b'\\' | b'$' | b'`' | b'\n'),
            Mode::Heredoc => matches!(next, b'\\' | b'$' | b'`' | b'\n'),
            _ => true,
        };
        if escapes {
            let e = (p + 1 + utf8_len(next)).min(self.end);
            parts.push_part(WordPart::Escaped(r(p, e)));
            self.pos = e;
        } else {
            self.literal1(parts);
        }
    }

    fn parse_single_quoted(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let e = match self.b[p + 1..self.end].iter().position(|&c| c == b'\'') {
            Some(i) => p + 1 + i + 1,
            None => {
                self.error("unterminated single quote", r(p, p + 1));
                self.end
            }
        };
        parts.push_part(WordPart::SingleQuoted(r(p, e)));
        self.pos = e;
    }

    /// `$'…'` at `pos`.
    fn parse_ansi_c(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let mut i = p + 2;
        let mut closed = false;
        while i < self.end {
            match self.b[i] {
                b'\\' => i += 2,
                b'\'' => {
                    i += 1;
                    closed = true;
                    break;
                }
                _ => i += 1,
            }
        }
        let e = i.min(self.end);
        if !closed {
            self.error("unterminated `$'`", r(p, p + 2));
        }
        parts.push_part(WordPart::AnsiC(r(p, e)));
        self.pos = e;
    }

    /// `"…"` (or `$"…"` when `locale`) at `pos`.
    fn parse_double_quoted(&mut self, parts: &mut impl PartSink, locale: bool) {
        let p = self.pos;
        let open = if locale { 2 } else { 1 };
        if self.depth >= MAX_DEPTH {
            let (e, _) = skip::skip(
                self.b,
                p + open,
                self.end,
                Frame::DQuote,
                &mut self.paren_memo,
            );
            self.too_deep(p, e);
            self.pos = e;
            parts.push_part(WordPart::DoubleQuoted(DoubleQuoted {
                span: r(p, e),
                parts: Vec::new(),
                locale,
            }));
            return;
        }
        self.pos = p + open;
        self.depth += 1;
        let mut inner = Vec::new();
        self.parse_parts(Mode::DQuote, &mut inner);
        self.depth -= 1;
        if self.cur() == b'"' && !self.eof() {
            self.pos += 1;
        } else {
            self.error("unterminated double quote", r(p, p + open));
        }
        parts.push_part(WordPart::DoubleQuoted(DoubleQuoted {
            span: r(p, self.pos),
            parts: inner,
            locale,
        }));
    }

    fn parse_dollar(&mut self, mode: Mode, parts: &mut impl PartSink) {
        let p = self.pos;
        if p + 1 >= self.end {
            self.literal1(parts);
            return;
        }
        let quoted_ok = !matches!(mode, Mode::DQuote | Mode::Heredoc);
        match self.b[p + 1] {
            b'(' => {
                if self.at(p + 2) == b'('
                    && p + 2 < self.end
                    && self.depth < MAX_DEPTH
                    && self.arith_close(p + 3)
                {
                    self.parse_arith(parts);
                } else {
                    self.parse_command_subst(parts);
                }
            }
            b'{' => self.parse_braced_param(parts),
            b'\'' if quoted_ok => self.parse_ansi_c(parts),
            b'"' if quoted_ok => {
                self.parse_double_quoted(parts, true);
            }
            c if is_name_start(c) => {
                let mut i = p + 2;
                while i < self.end && is_name_char(self.b[i]) {
                    i += 1;
                }
                parts.push_part(WordPart::Param(Param {
                    span: r(p, i),
                    name: r(p + 1, i),
                    braced: false,
                    parts: Vec::new(),
                }));
                self.pos = i;
            }
            b'0'..=b'9' | b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!' => {
                parts.push_part(WordPart::Param(Param {
                    span: r(p, p + 2),
                    name: r(p + 1, p + 2),
                    braced: false,
                    parts: Vec::new(),
                }));
                self.pos = p + 2;
            }
            _ => self.literal1(parts),
        }
    }

    /// `$((…))` at `pos`, already known to close with `))`.
    fn parse_arith(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        self.pos = p + 3;
        self.depth += 1;
        let mut inner = Vec::new();
        self.parse_parts(Mode::Arith, &mut inner);
        self.depth -= 1;
        self.expect_double_paren(p + 1);
        parts.push_part(WordPart::Arith(Arith {
            span: r(p, self.pos),
            parts: inner,
        }));
    }

    /// `$(…)` at `pos`.
    fn parse_command_subst(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let body = self.parse_paren_script(p, 2);
        parts.push_part(WordPart::CommandSubst(Box::new(CommandSubst {
            span: r(p, self.pos),
            body,
            backtick: false,
        })));
    }

    /// `<(…)` / `>(…)` at `pos`.
    fn parse_process_subst(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let output = self.cur() == b'>';
        let body = self.parse_paren_script(p, 2);
        parts.push_part(WordPart::ProcessSubst(Box::new(ProcessSubst {
            span: r(p, self.pos),
            body,
            output,
        })));
    }

    /// The script inside `$(`, `<(`, `>(` (opener of `open` bytes at `p`),
    /// consuming the closing `)`.
    fn parse_paren_script(&mut self, p: usize, open: usize) -> List {
        if self.depth >= MAX_DEPTH {
            let (e, _) = skip::skip(
                self.b,
                p + open,
                self.end,
                Frame::Paren,
                &mut self.paren_memo,
            );
            self.too_deep(p, e);
            self.pos = e;
            return List {
                items: Vec::new(),
                span: TextRange::empty(p + open),
            };
        }
        self.pos = p + open;
        let body = self.nested_list(Some(Closer::RParen));
        if self.cur() == b')' && !self.eof() {
            self.pos += 1;
        } else {
            let opener = self.text(p, p + open).to_owned();
            self.error(format!("unterminated `{opener}`"), r(p, p + open));
        }
        body
    }

    /// `` `…` `` at `pos`.
    fn parse_backtick(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        let mut i = p + 1;
        let mut close = None;
        while i < self.end {
            match self.b[i] {
                b'\\' => i += 2,
                b'`' => {
                    close = Some(i);
                    break;
                }
                _ => i += 1,
            }
        }
        if close.is_none() {
            self.error("unterminated backquote", r(p, p + 1));
        }
        let close_pos = close.unwrap_or(self.end);
        let body = if self.depth >= MAX_DEPTH {
            self.too_deep(p, close_pos);
            List {
                items: Vec::new(),
                span: TextRange::empty(p + 1),
            }
        } else {
            let saved_end = self.end;
            self.end = close_pos;
            self.pos = p + 1;
            let first_error = self.errors.len();
            let body = self.nested_list(None);
            self.end = saved_end;
            // bash parses a backquoted script only when it runs it (a
            // failure then only empties the substitution); dash parses it
            // with the rest.
            for e in &mut self.errors[first_error..] {
                e.kind = match e.kind {
                    ShellErrorKind::Syntax => ShellErrorKind::Posix,
                    ShellErrorKind::Bash => ShellErrorKind::Tolerated,
                    kind => kind,
                };
            }
            body
        };
        self.pos = if close.is_some() {
            close_pos + 1
        } else {
            self.end
        };
        parts.push_part(WordPart::CommandSubst(Box::new(CommandSubst {
            span: r(p, self.pos),
            body,
            backtick: true,
        })));
    }

    /// `${…}` at `pos`.
    fn parse_braced_param(&mut self, parts: &mut impl PartSink) {
        let p = self.pos;
        if self.depth >= MAX_DEPTH {
            let (e, _) = skip::skip(self.b, p + 2, self.end, Frame::Brace, &mut self.paren_memo);
            self.too_deep(p, e);
            self.pos = e;
            parts.push_part(WordPart::Param(Param {
                span: r(p, e),
                name: TextRange::empty(p + 2),
                braced: true,
                parts: Vec::new(),
            }));
            return;
        }
        let mut i = p + 2;
        let special = |c: u8| matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!');
        if matches!(self.at(i), b'#' | b'!') {
            let n = self.at(i + 1);
            if is_name_char(n) || (special(n) && i + 1 < self.end) {
                i += 1;
            }
        }
        let name_start = i;
        let c = self.at(i);
        if i < self.end {
            if is_name_start(c) {
                while i < self.end && is_name_char(self.b[i]) {
                    i += 1;
                }
            } else if c.is_ascii_digit() {
                while i < self.end && self.b[i].is_ascii_digit() {
                    i += 1;
                }
            } else if special(c) {
                i += 1;
            }
        }
        let name = r(name_start, i);
        self.pos = i;
        self.depth += 1;
        let mut rest = Vec::new();
        self.parse_parts(Mode::Brace, &mut rest);
        self.depth -= 1;
        if self.cur() == b'}' && !self.eof() {
            self.pos += 1;
        } else {
            self.error("unterminated `${`", r(p, p + 2));
        }
        parts.push_part(WordPart::Param(Param {
            span: r(p, self.pos),
            name,
            braced: true,
            parts: rest,
        }));
    }
}

/// The span of any word part.
pub(crate) fn part_span(p: &WordPart) -> TextRange {
    match p {
        WordPart::Literal(s)
        | WordPart::Escaped(s)
        | WordPart::SingleQuoted(s)
        | WordPart::AnsiC(s) => *s,
        WordPart::DoubleQuoted(d) => d.span,
        WordPart::Param(x) => x.span,
        WordPart::CommandSubst(c) => c.span,
        WordPart::ProcessSubst(c) => c.span,
        WordPart::Arith(a) => a.span,
        WordPart::Array(a) => a.span,
    }
}
