//! Line joining: removes line continuations before lexing and maps offsets in
//! the joined text back to the original.
//!
//! Docker joins a `RUN` instruction's lines before the shell ever sees them:
//! a line ending in `\` (optionally followed by blanks) is continued, and
//! whitespace-only lines inside a continuation (which is what the caller's
//! blanked comment lines are) are dropped. Doing the same here, up front, means
//! the lexer never has to think about continuations — `&\⏎&` is `&&`,
//! `ins\⏎tall` is `install`, a comment swallows the continued lines — exactly
//! what the shell gets at build time.

use std::borrow::Cow;

use crate::text::TextRange;

/// If a continuation starts at `b[i]` (which must be `\`), returns the offset
/// just past it: past the newline and any whitespace-only lines after it.
#[inline]
pub(crate) fn continuation_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    if j >= b.len() || b[j] != b'\n' {
        return None;
    }
    let mut end = j + 1;
    // Swallow following whitespace-only lines (blank lines and blanked
    // Dockerfile comments inside the continuation).
    loop {
        let mut k = end;
        while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r') {
            k += 1;
        }
        if k < b.len() && b[k] == b'\n' {
            end = k + 1;
        } else {
            break;
        }
    }
    Some(end)
}

/// The joined text plus what is needed to map offsets back.
pub(crate) struct Joined<'a> {
    pub text: Cow<'a, str>,
    /// `(joined offset, total bytes removed at or before it)`, increasing.
    removed: Vec<(u32, u32)>,
}

impl<'a> Joined<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let b = src.as_bytes();
        // Find the first continuation cheaply: scan newlines only.
        let mut first = None;
        let mut search = 0;
        while let Some(off) = b[search..].iter().position(|&c| c == b'\n') {
            let nl = search + off;
            if let Some(bs) = backslash_before(b, nl) {
                first = Some(bs);
                break;
            }
            search = nl + 1;
        }
        let Some(first) = first else {
            return Joined {
                text: Cow::Borrowed(src),
                removed: Vec::new(),
            };
        };
        let mut out = String::with_capacity(src.len());
        let mut removed = Vec::new();
        let mut total: u32 = 0;
        let mut copied = 0;
        let mut i = first;
        while i < b.len() {
            if b[i] == b'\\'
                && let Some(end) = continuation_end(b, i)
            {
                out.push_str(&src[copied..i]);
                #[allow(clippy::cast_possible_truncation)]
                {
                    total += (end - i) as u32;
                    removed.push((out.len() as u32, total));
                }
                copied = end;
                i = end;
                continue;
            }
            i += 1;
        }
        out.push_str(&src[copied..]);
        Joined {
            text: Cow::Owned(out),
            removed,
        }
    }

    pub(crate) fn is_identity(&self) -> bool {
        self.removed.is_empty()
    }

    /// Maps a joined range back to the original text. A start that sits where
    /// a continuation was removed moves past it; an end stays before it.
    #[inline]
    pub(crate) fn map(&self, r: TextRange) -> TextRange {
        let start = self.map_offset(r.start, true);
        let end = if r.end == r.start {
            start
        } else {
            self.map_offset(r.end, false).max(start)
        };
        TextRange { start, end }
    }

    #[inline]
    fn map_offset(&self, x: u32, inclusive: bool) -> u32 {
        let k = if inclusive {
            self.removed.partition_point(|&(p, _)| p <= x)
        } else {
            self.removed.partition_point(|&(p, _)| p < x)
        };
        if k == 0 { x } else { x + self.removed[k - 1].1 }
    }
}

/// If the line ending at newline `nl` ends with `\` plus optional blanks,
/// the offset of that backslash.
fn backslash_before(b: &[u8], nl: usize) -> Option<usize> {
    let mut k = nl;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t' | b'\r') {
        k -= 1;
    }
    (k > 0 && b[k - 1] == b'\\').then(|| k - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_continuation_borrows() {
        let j = Joined::new("echo a\necho b");
        assert!(j.is_identity());
        assert!(matches!(j.text, Cow::Borrowed(_)));
    }

    #[test]
    fn joins_and_maps() {
        let src = "ins\\\ntall x";
        let j = Joined::new(src);
        assert_eq!(j.text, "install x");
        // "install" 0..7 -> 0..9
        assert_eq!(j.map(TextRange::new(0, 7)), TextRange::new(0, 9));
        // "x" 8..9 -> 10..11
        assert_eq!(j.map(TextRange::new(8, 9)), TextRange::new(10, 11));
        // "ins" 0..3 -> 0..3 (end stays before the continuation)
        assert_eq!(j.map(TextRange::new(0, 3)), TextRange::new(0, 3));
        // "tall" 3..7 -> 5..9 (start moves past it)
        assert_eq!(j.map(TextRange::new(3, 7)), TextRange::new(5, 9));
    }

    #[test]
    fn trailing_blanks_and_blank_lines() {
        let src = "a \\  \n      \n\t\n  b";
        let j = Joined::new(src);
        assert_eq!(j.text, "a   b");
        assert_eq!(j.map(TextRange::new(4, 5)), TextRange::new(17, 18));
    }

    #[test]
    fn strip_matches_join() {
        let src = "x\\\n   \ny 'a\\ \nb'";
        let j = Joined::new(src);
        assert_eq!(crate::shell::ast::strip_continuations(src), j.text);
    }
}
