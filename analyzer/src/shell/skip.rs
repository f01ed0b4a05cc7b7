//! An iterative, approximate scanner that finds where a nested construct
//! ends without building a tree. It is used to decide `$((` arithmetic versus
//! `$( (` command substitution, and to step over constructs nested deeper than
//! the parser's recursion limit. It keeps its own heap stack, so no input can
//! overflow the thread stack, and it runs in time linear in what it scans.

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
pub(crate) fn skip(b: &[u8], mut pos: usize, end: usize, first: Frame) -> (usize, bool) {
    let mut stack = vec![first];
    // Word-start and command-position tracking for shell-code frames.
    let mut word_start = true;
    let mut cmd_pos = true;
    while pos < end {
        let Some(&top) = stack.last() else {
            return (pos, true);
        };
        let c = b[pos];
        match top {
            Frame::DQuote => match c {
                b'\\' => pos += 2,
                b'"' => {
                    stack.pop();
                    pos += 1;
                }
                b'`' => {
                    stack.push(Frame::Backtick);
                    pos += 1;
                }
                b'$' => pos = dollar(b, pos, end, &mut stack, true),
                _ => pos += 1,
            },
            Frame::Backtick => match c {
                b'\\' => pos += 2,
                b'`' => {
                    stack.pop();
                    pos += 1;
                }
                _ => pos += 1,
            },
            Frame::Brace => match c {
                b'\\' => pos += 2,
                b'\'' => pos = single_quote_end(b, pos, end),
                b'"' => {
                    stack.push(Frame::DQuote);
                    pos += 1;
                }
                b'`' => {
                    stack.push(Frame::Backtick);
                    pos += 1;
                }
                b'$' => pos = dollar(b, pos, end, &mut stack, false),
                b'{' => {
                    stack.push(Frame::Brace);
                    pos += 1;
                }
                b'}' => {
                    stack.pop();
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
                        stack.push(Frame::Paren);
                        word_start = true;
                        cmd_pos = true;
                        pos += 1;
                    }
                    b')' => {
                        if top != Frame::Esac {
                            // Pop through unclosed keyword frames to the paren.
                            match stack.iter().rposition(|f| *f == Frame::Paren) {
                                Some(i) => stack.truncate(i),
                                None => return (pos, false),
                            }
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
                        cmd_pos = false;
                        pos += 2;
                    }
                    b'\'' => {
                        cmd_pos = false;
                        pos = single_quote_end(b, pos, end);
                    }
                    b'"' => {
                        cmd_pos = false;
                        stack.push(Frame::DQuote);
                        pos += 1;
                    }
                    b'`' => {
                        cmd_pos = false;
                        stack.push(Frame::Backtick);
                        pos += 1;
                    }
                    b'$' => {
                        cmd_pos = false;
                        pos = dollar(b, pos, end, &mut stack, false);
                    }
                    b'#' if was_word_start => {
                        while pos < end && b[pos] != b'\n' {
                            pos += 1;
                        }
                        word_start = true;
                    }
                    _ if was_word_start && cmd_pos && keyword_char(c) => {
                        let mut n = 0;
                        while pos + n < end && n < 8 && keyword_char(b[pos + n]) {
                            n += 1;
                        }
                        let delimited = pos + n >= end || is_delim(b[pos + n]);
                        let word = &b[pos..pos + n];
                        pos += n;
                        if delimited {
                            cmd_pos = keyword(word, &mut stack);
                            if stack.is_empty() {
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
        if stack.is_empty() {
            return (pos.min(end), true);
        }
    }
    (end, false)
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

/// Steps over a `$…` in code: pushes for `$(` / `${`, skips `$'…'`.
fn dollar(b: &[u8], pos: usize, end: usize, stack: &mut Vec<Frame>, in_dquote: bool) -> usize {
    match b.get(pos + 1) {
        Some(b'(') if pos + 1 < end => {
            stack.push(Frame::Paren);
            pos + 2
        }
        Some(b'{') if pos + 1 < end => {
            stack.push(Frame::Brace);
            pos + 2
        }
        Some(b'\'') if !in_dquote && pos + 1 < end => {
            let mut i = pos + 2;
            while i < end {
                match b[i] {
                    b'\\' => i += 2,
                    b'\'' => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        // `$#`, `$$` and friends: the `#` is no comment.
        Some(b'#' | b'$' | b'?' | b'!' | b'@' | b'*' | b'-') if pos + 1 < end => pos + 2,
        Some(b'"') if !in_dquote && pos + 1 < end => {
            stack.push(Frame::DQuote);
            pos + 2
        }
        _ => pos + 1,
    }
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
        skip(s.as_bytes(), 0, s.len(), first)
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
        assert_eq!(run("x:-{a}}}", Frame::Brace), (7, true));
        assert_eq!(run("$# )", Frame::Paren), (4, true));
    }
}
