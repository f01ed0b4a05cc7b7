//! An iterative, approximate scanner that finds where a nested construct
//! ends without building a tree. It is used to decide `$((` arithmetic versus
//! `$( (` command substitution, and to step over constructs nested deeper than
//! the parser's recursion limit. It keeps its own heap stack, so no input can
//! overflow the thread stack, and it runs in time linear in what it scans.
//!
//! It records where each `(` it meets closes (or that it never does) in a
//! [`ParenMemo`]: a `$((` nested in one already scanned is then answered
//! without scanning again, so deciding arithmetic for nested or unclosed
//! `$((`/`((` stays linear overall.

/// Where each `(` met so far closes: indexed by the offset of the `(`, the
/// offset just past its `)` — or, for one that did not close before the end
/// of the text scanned (`end`, which is smaller inside backquotes and
/// here-documents), `UNCLOSED` and that end. A flat table rather than a hash
/// map: pathological input can hold millions of parens, and filling a table
/// in order is far cheaper than hashing.
#[derive(Default)]
pub(crate) struct ParenMemo {
    table: Vec<(u32, u32)>,
}

const UNKNOWN: u32 = 0;
const UNCLOSED: u32 = u32::MAX;

enum Known {
    Closes(usize),
    Unclosed,
}

impl ParenMemo {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn get(&self, x: usize, end: usize) -> Option<Known> {
        let &(close, upto) = self.table.get(x)?;
        match close {
            UNKNOWN => None,
            UNCLOSED if end <= upto as usize => Some(Known::Unclosed),
            UNCLOSED => None,
            c if c as usize <= end => Some(Known::Closes(c as usize)),
            _ => Some(Known::Unclosed),
        }
    }

    #[allow(clippy::cast_possible_truncation)]
    fn set(&mut self, x: usize, close: Option<usize>, end: usize, len: usize) {
        if self.table.len() < len {
            self.table.resize(len, (UNKNOWN, 0));
        }
        if let Some(slot) = self.table.get_mut(x) {
            *slot = match close {
                Some(c) => (c as u32, 0),
                None => (UNCLOSED, end as u32),
            };
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Frame {
    /// `(`, `$(`, `<(`: shell code up to `)`.
    Paren,
    /// `${`: up to `}`.
    Brace,
    /// `"`: up to `"`.
    DQuote,
    /// `` ` ``: up to `` ` ``.
    Backtick,
    /// Shell code up to a closing keyword.
    Fi,
    Done,
    Esac,
    RBrace,
}

const fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

/// Scans from `pos` (just inside the construct opened by `first`) to just past
/// its closer. Returns `(offset, closed)`; when not closed the offset is `end`
/// or, for keyword frames, the offset of a `)` that ends the enclosing code.
/// For a `Paren` frame the opening `(` must be at `pos - 1`.
pub(crate) fn skip(
    b: &[u8],
    pos: usize,
    end: usize,
    first: Frame,
    memo: &mut ParenMemo,
) -> (usize, bool) {
    if first == Frame::Paren
        && let Some(k) = memo.get(pos.wrapping_sub(1), end)
    {
        return match k {
            Known::Closes(c) => (c, true),
            Known::Unclosed => (end, false),
        };
    }
    let mut s = Scan {
        b,
        end,
        stack: vec![first],
        parens: Vec::new(),
        memo,
    };
    if first == Frame::Paren {
        s.parens.push(pos.wrapping_sub(1));
    }
    let r = s.run(pos);
    if !r.1 {
        for &x in &s.parens {
            s.memo.set(x, None, end, b.len());
        }
    }
    r
}

struct Scan<'a, 'm> {
    b: &'a [u8],
    end: usize,
    stack: Vec<Frame>,
    /// Offsets of the `(` of each open `Paren` frame, innermost last.
    parens: Vec<usize>,
    memo: &'m mut ParenMemo,
}

enum Open {
    /// Scanning goes on here.
    At(usize),
    /// This `(` is known never to close.
    Unclosed,
}

impl Scan<'_, '_> {
    /// Opens a paren at `x` (the `(`): skips it whole if already known.
    fn open_paren(&mut self, x: usize) -> Open {
        match self.memo.get(x, self.end) {
            Some(Known::Unclosed) => Open::Unclosed,
            Some(Known::Closes(c)) => Open::At(c),
            None => {
                self.stack.push(Frame::Paren);
                self.parens.push(x);
                Open::At(x + 1)
            }
        }
    }

    /// Pops frames down to and including the innermost paren, which the `)`
    /// at `pos` closes.
    fn close_paren(&mut self, pos: usize) -> bool {
        match self.stack.iter().rposition(|f| *f == Frame::Paren) {
            Some(i) => {
                self.stack.truncate(i);
                if let Some(x) = self.parens.pop() {
                    self.memo.set(x, Some(pos + 1), self.end, self.b.len());
                }
                true
            }
            None => false,
        }
    }

    /// Steps over a `$…`: opens `$(` / `${`, skips `$'…'`.
    fn dollar(&mut self, pos: usize, in_dquote: bool) -> Open {
        let (b, end) = (self.b, self.end);
        if pos + 1 >= end {
            return Open::At(pos + 1);
        }
        match b[pos + 1] {
            b'(' => self.open_paren(pos + 1),
            b'{' => {
                self.stack.push(Frame::Brace);
                Open::At(pos + 2)
            }
            b'\'' if !in_dquote => {
                let mut i = pos + 2;
                while i < end {
                    match b[i] {
                        b'\\' => i += 2,
                        b'\'' => return Open::At(i + 1),
                        _ => i += 1,
                    }
                }
                Open::At(end)
            }
            // `$#`, `$$` and friends: the `#` is no comment.
            b'#' | b'$' | b'?' | b'!' | b'@' | b'*' | b'-' => Open::At(pos + 2),
            b'"' if !in_dquote => {
                self.stack.push(Frame::DQuote);
                Open::At(pos + 2)
            }
            _ => Open::At(pos + 1),
        }
    }

    fn run(&mut self, mut pos: usize) -> (usize, bool) {
        let (b, end) = (self.b, self.end);
        // Word-start and command-position tracking for shell-code frames.
        let mut word_start = true;
        let mut cmd_pos = true;
        macro_rules! open {
            ($e:expr) => {
                match $e {
                    Open::At(p) => p,
                    Open::Unclosed => return (end, false),
                }
            };
        }
        while pos < end {
            let Some(&top) = self.stack.last() else {
                return (pos, true);
            };
            let c = b[pos];
            match top {
                Frame::DQuote => match c {
                    b'\\' => pos += 2,
                    b'"' => {
                        self.stack.pop();
                        pos += 1;
                    }
                    b'`' => {
                        self.stack.push(Frame::Backtick);
                        pos += 1;
                    }
                    b'$' => pos = open!(self.dollar(pos, true)),
                    _ => pos += 1,
                },
                Frame::Backtick => match c {
                    b'\\' => pos += 2,
                    b'`' => {
                        self.stack.pop();
                        pos += 1;
                    }
                    _ => pos += 1,
                },
                Frame::Brace => match c {
                    b'\\' => pos += 2,
                    b'\'' => pos = single_quote_end(b, pos, end),
                    b'"' => {
                        self.stack.push(Frame::DQuote);
                        pos += 1;
                    }
                    b'`' => {
                        self.stack.push(Frame::Backtick);
                        pos += 1;
                    }
                    b'$' => pos = open!(self.dollar(pos, false)),
                    b'}' => {
                        self.stack.pop();
                        pos += 1;
                    }
                    _ => pos += 1,
                },
                Frame::Paren | Frame::Fi | Frame::Done | Frame::Esac | Frame::RBrace => {
                    let was_word_start = word_start;
                    word_start = false;
                    match c {
                        b' ' | b'\t' | b'\r' => {
                            word_start = true;
                            pos += 1;
                        }
                        b'\n' | b';' | b'&' | b'|' => {
                            word_start = true;
                            cmd_pos = true;
                            pos += 1;
                        }
                        b'(' => {
                            pos = open!(self.open_paren(pos));
                            word_start = true;
                            cmd_pos = true;
                        }
                        b')' => {
                            if top != Frame::Esac && !self.close_paren(pos) {
                                return (pos, false);
                            }
                            word_start = true;
                            cmd_pos = true;
                            pos += 1;
                        }
                        b'<' | b'>' => {
                            word_start = true;
                            cmd_pos = false;
                            pos += 1;
                        }
                        b'\\' => {
                            // A line continuation is a blank (see `parse`).
                            match super::join::continuation_end(&b[..end], pos) {
                                Some(e) => {
                                    pos = e;
                                    word_start = true;
                                }
                                None => {
                                    cmd_pos = false;
                                    pos += 2;
                                }
                            }
                        }
                        b'\'' => {
                            cmd_pos = false;
                            pos = single_quote_end(b, pos, end);
                        }
                        b'"' => {
                            cmd_pos = false;
                            self.stack.push(Frame::DQuote);
                            pos += 1;
                        }
                        b'`' => {
                            cmd_pos = false;
                            self.stack.push(Frame::Backtick);
                            pos += 1;
                        }
                        b'$' => {
                            cmd_pos = false;
                            pos = open!(self.dollar(pos, false));
                        }
                        b'#' if was_word_start => {
                            pos = super::join::comment_end(&b[..end], pos);
                            word_start = true;
                        }
                        _ if was_word_start && cmd_pos && keyword_char(c) => {
                            let mut n = 0;
                            while pos + n < end && n < 8 && keyword_char(b[pos + n]) {
                                n += 1;
                            }
                            let delimited = pos + n >= end
                                || is_delim(b[pos + n])
                                || super::join::continuation_end(&b[..end], pos + n).is_some();
                            let word = &b[pos..pos + n];
                            pos += n;
                            if delimited {
                                cmd_pos = keyword(word, &mut self.stack);
                                if self.stack.is_empty() {
                                    return (pos, true);
                                }
                            } else {
                                cmd_pos = false;
                            }
                        }
                        _ => {
                            cmd_pos = false;
                            pos += 1;
                        }
                    }
                }
            }
            if self.stack.is_empty() {
                return (pos.min(end), true);
            }
        }
        (end, false)
    }
}

fn keyword_char(c: u8) -> bool {
    c.is_ascii_lowercase() || matches!(c, b'{' | b'}' | b'!')
}

/// Applies a word seen in command position; returns whether the next word is
/// in command position too.
fn keyword(word: &[u8], stack: &mut Vec<Frame>) -> bool {
    let close = |stack: &mut Vec<Frame>, f: Frame| {
        if stack.last() == Some(&f) {
            stack.pop();
        }
    };
    match word {
        b"if" => stack.push(Frame::Fi),
        b"while" | b"until" => stack.push(Frame::Done),
        b"for" | b"select" => {
            stack.push(Frame::Done);
            return false;
        }
        b"case" => {
            stack.push(Frame::Esac);
            return false;
        }
        b"{" => stack.push(Frame::RBrace),
        b"fi" => close(stack, Frame::Fi),
        b"done" => close(stack, Frame::Done),
        b"esac" => close(stack, Frame::Esac),
        b"}" => close(stack, Frame::RBrace),
        b"then" | b"do" | b"else" | b"elif" | b"!" | b"time" => {}
        _ => return false,
    }
    true
}

fn single_quote_end(b: &[u8], pos: usize, end: usize) -> usize {
    match b[pos + 1..end].iter().position(|&c| c == b'\'') {
        Some(i) => pos + 1 + i + 1,
        None => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, first: Frame) -> (usize, bool) {
        // Paren frames expect their `(` just before `pos`: scan from 1 with a
        // leading byte standing in for it.
        let t = format!("({s}");
        let (e, closed) = skip(t.as_bytes(), 1, t.len(), first, &mut ParenMemo::new());
        (e - 1, closed)
    }

    #[test]
    fn memo_answers_nested_and_unclosed() {
        let src = "x $(( $(( 1 )) + (2) )) y";
        let b = src.as_bytes();
        let mut memo = ParenMemo::new();
        // The outer `$((`: inner paren at 4.
        let (q, closed) = skip(b, 5, b.len(), Frame::Paren, &mut memo);
        assert!(closed);
        assert_eq!(&src[q..q + 1], ")");
        // The nested `$((` (inner paren at 8) is now known.
        assert!(memo.get(8, b.len()).is_some());
        let (q2, closed2) = skip(b, 9, b.len(), Frame::Paren, &mut memo);
        assert!(closed2);
        assert_eq!(&src[q2..q2 + 1], ")");
        let unclosed = "$(($((";
        let mut memo = ParenMemo::new();
        assert_eq!(
            skip(unclosed.as_bytes(), 3, 6, Frame::Paren, &mut memo),
            (6, false)
        );
        assert!(matches!(memo.get(5, 6), Some(Known::Unclosed)));
        // Unclosed within 6 says nothing about a longer text.
        assert!(memo.get(5, 7).is_none());
    }

    #[test]
    fn parens() {
        assert_eq!(run("a (b) c) d", Frame::Paren), (8, true));
        assert_eq!(run("echo ')' \")\" ) x", Frame::Paren), (14, true));
        assert_eq!(run("a $(b) ${c)} d)", Frame::Paren), (15, true));
        assert_eq!(run("unclosed", Frame::Paren), (8, false));
    }

    #[test]
    fn keywords() {
        assert_eq!(
            run(" x; then if y; then z; fi; fi rest", Frame::Fi),
            (29, true)
        );
        assert_eq!(run("case x in a) b;; esac)", Frame::Paren), (22, true));
        assert_eq!(run(" a; } b", Frame::RBrace), (5, true));
        assert_eq!(run(" echo done; done", Frame::Done), (16, true));
    }

    #[test]
    fn quotes_and_braces() {
        assert_eq!(run("a \\\" b\" c", Frame::DQuote), (7, true));
        // Braces do not nest in `${…}`: the first `}` closes it.
        assert_eq!(run("x:-{a}}}", Frame::Brace), (6, true));
        assert_eq!(run("x:-${y}}", Frame::Brace), (8, true));
        assert_eq!(run("$# )", Frame::Paren), (4, true));
    }
}
