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

#[inline]
pub(crate) fn is_blank(c: u8) -> bool {
    // ' ', '\t', '\r' as a bit mask: compilers turn the `matches!` form into
    // a jump table, which mispredicts on every indented line.
    c <= b' ' && (0x1_0000_2200_u64 >> c) & 1 != 0
}

/// If a continuation starts at `b[i]` (which must be `\`), returns the offset
/// just past it: past the newline and any whitespace-only lines after it.
#[inline]
pub(crate) fn continuation_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() && is_blank(b[j]) {
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
        while k < b.len() && is_blank(b[k]) {
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
    /// `(joined offset, total bytes removed so far)` per continuation, in
    /// order. A removal "at" offset `x` sits between joined bytes `x - 1` and
    /// `x`.
    cuts: Vec<(u32, u32)>,
}

/// Remembers where the last lookups landed: the fix-up pass visits spans in
/// (nearly) source order, so each lookup moves the cursor a step or two
/// instead of searching.
#[derive(Default)]
pub(crate) struct Cursor {
    start: usize,
    end: usize,
}

impl<'a> Joined<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let b = src.as_bytes();
        let mut out: Option<String> = None;
        let mut cuts: Vec<(u32, u32)> = Vec::new();
        let mut total = 0;
        let mut copied = 0;
        let mut search = 0;
        // Continuations end in a newline: look at newlines only.
        while let Some(nl) = find_newline(b, search) {
            search = nl + 1;
            let Some(bs) = backslash_before(b, nl) else {
                continue;
            };
            if bs < copied {
                continue;
            }
            let Some(end) = continuation_end(b, bs) else {
                continue;
            };
            let o = out.get_or_insert_with(|| String::with_capacity(src.len()));
            o.push_str(&src[copied..bs]);
            total += end - bs;
            #[allow(clippy::cast_possible_truncation)]
            cuts.push((o.len() as u32, total as u32));
            copied = end;
            search = end;
        }
        let Some(mut out) = out else {
            return Joined {
                text: Cow::Borrowed(src),
                cuts,
            };
        };
        out.push_str(&src[copied..]);
        Joined {
            text: Cow::Owned(out),
            cuts,
        }
    }

    /// No joining: the text as it is.
    pub(crate) fn identity(src: &'a str) -> Self {
        Joined {
            text: Cow::Borrowed(src),
            cuts: Vec::new(),
        }
    }

    pub(crate) fn is_identity(&self) -> bool {
        self.cuts.is_empty()
    }

    /// Maps a joined range back to the original text. A start that sits where
    /// a continuation was removed moves past it; an end stays before it.
    #[inline]
    pub(crate) fn map(&self, r: TextRange, cur: &mut Cursor) -> TextRange {
        let start = r.start + self.removed(r.start, true, &mut cur.start);
        let end = if r.end == r.start {
            start
        } else {
            (r.end + self.removed(r.end, false, &mut cur.end)).max(start)
        };
        TextRange { start, end }
    }

    /// Bytes removed at offsets `<= x` (`inclusive`) or `< x`.
    #[inline]
    fn removed(&self, x: u32, inclusive: bool, hint: &mut usize) -> u32 {
        let cuts = &self.cuts;
        let before = |p: u32| if inclusive { p <= x } else { p < x };
        let mut k = (*hint).min(cuts.len());
        if k < cuts.len() && before(cuts[k].0) {
            k += 1;
            if k < cuts.len() && before(cuts[k].0) {
                // A long jump: search the rest.
                k += cuts[k..].partition_point(|c| before(c.0));
            }
        } else if k > 0 && !before(cuts[k - 1].0) {
            k -= 1;
            if k > 0 && !before(cuts[k - 1].0) {
                k = cuts[..k].partition_point(|c| before(c.0));
            }
        }
        *hint = k;
        if k == 0 { 0 } else { cuts[k - 1].1 }
    }
}

/// Whether every line continuation in `src` can be parsed in place, as a
/// blank, with the same result as joining: true when a blank (or the start of
/// a line) precedes it or follows it, so it cannot glue two tokens together
/// (`&\⏎&`, `f\⏎i`, `$\⏎x`) — the usual ` \⏎` of a `RUN` line. Inside words
/// and quotes the parser keeps a continuation as part of the literal text,
/// which [`Word::literal`](super::Word::literal) drops. Here-documents are
/// read line by line, so text with `<<` takes the joining path.
pub(crate) fn continuations_parse_in_place(src: &str) -> bool {
    let b = src.as_bytes();
    let mut search = 0;
    let mut any = false;
    while let Some(nl) = find_newline(b, search) {
        search = nl + 1;
        let Some(bs) = backslash_before(b, nl) else {
            continue;
        };
        let Some(end) = continuation_end(b, bs) else {
            continue;
        };
        any = true;
        if bs > 0 && b[bs - 1] == b'\\' {
            return false; // in place, `\\` would read as an escaped backslash
        }
        let before_ok = bs == 0
            || (matches!(b[bs - 1], b' ' | b'\t' | b'\r' | b'\n')
                && !(bs >= 2 && b[bs - 2] == b'\\'));
        let after_ok = end >= b.len() || matches!(b[end], b' ' | b'\t' | b'\r' | b'\n');
        if !(before_ok || after_ok) {
            return false;
        }
        search = end;
    }
    !any || !src.contains("<<")
}

/// The end of a `#` comment starting at `start`: the next newline that does
/// not end a line continuation (Docker joined those lines, so the comment
/// runs on through them), or the end of `b`.
pub(crate) fn comment_end(b: &[u8], start: usize) -> usize {
    let mut p = start;
    loop {
        p = find_newline(b, p).unwrap_or(b.len());
        if p >= b.len() {
            return p;
        }
        match backslash_before(b, p) {
            Some(bs) if bs > start => match continuation_end(b, bs) {
                Some(e) => p = e,
                None => return p,
            },
            _ => return p,
        }
    }
}

/// The next `\n` at or after `from`, a word at a time.
fn find_newline(b: &[u8], from: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * (b'\n' as u64);
    let mut i = from;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w) ^ NL;
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i.min(b.len())..]
        .iter()
        .position(|&c| c == b'\n')
        .map(|k| i + k)
}

/// If the line ending at newline `nl` ends with `\` plus optional blanks,
/// the offset of that backslash.
pub(crate) fn backslash_before(b: &[u8], nl: usize) -> Option<usize> {
    let mut k = nl;
    while k > 0 && is_blank(b[k - 1]) {
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
        assert_eq!(
            j.map(TextRange::new(0, 7), &mut Cursor::default()),
            TextRange::new(0, 9)
        );
        // "x" 8..9 -> 10..11
        assert_eq!(
            j.map(TextRange::new(8, 9), &mut Cursor::default()),
            TextRange::new(10, 11)
        );
        // "ins" 0..3 -> 0..3 (end stays before the continuation)
        assert_eq!(
            j.map(TextRange::new(0, 3), &mut Cursor::default()),
            TextRange::new(0, 3)
        );
        // "tall" 3..7 -> 5..9 (start moves past it)
        assert_eq!(
            j.map(TextRange::new(3, 7), &mut Cursor::default()),
            TextRange::new(5, 9)
        );
    }

    #[test]
    fn trailing_blanks_and_blank_lines() {
        let src = "a \\  \n      \n\t\n  b";
        let j = Joined::new(src);
        assert_eq!(j.text, "a   b");
        assert_eq!(
            j.map(TextRange::new(4, 5), &mut Cursor::default()),
            TextRange::new(17, 18)
        );
    }

    #[test]
    fn newline_search() {
        let s = b"0123456789abcdef\nxyz\n";
        assert_eq!(find_newline(s, 0), Some(16));
        assert_eq!(find_newline(s, 17), Some(20));
        assert_eq!(find_newline(s, 21), None);
        assert_eq!(find_newline(b"\n", 0), Some(0));
        for n in 0..40 {
            let mut v = vec![b'a'; n];
            v.push(b'\n');
            v.extend_from_slice(b"\xff\x8a");
            assert_eq!(find_newline(&v, 0), Some(n));
        }
    }

    #[test]
    fn cursor_moves_both_ways() {
        let src = "a\\\nb\\\nc\\\nd\\\ne";
        let j = Joined::new(src);
        assert_eq!(j.text, "abcde");
        let mut cur = Cursor::default();
        for (x, want) in [(4, 12), (0, 0), (2, 6), (4, 12), (1, 3), (3, 9)] {
            assert_eq!(j.map(TextRange::new(x, x + 1), &mut cur).start(), want);
        }
    }

    #[test]
    fn strip_matches_join() {
        let src = "x\\\n   \ny 'a\\ \nb'";
        let j = Joined::new(src);
        assert_eq!(crate::shell::ast::strip_continuations(src), j.text);
    }
}
