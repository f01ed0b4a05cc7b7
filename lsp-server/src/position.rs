//! Positions at the edge: LSP `(line, character)` in the negotiated encoding
//! to and from the analyzer's UTF-8 byte offsets.
//!
//! Wraps the analyzer's [`LineIndex`] and remembers which lines are pure ASCII,
//! where every encoding counts the same: conversions on those lines are O(1),
//! and only lines with wider characters pay for a scan of the line.

use dockward_analyzer::{ColumnUnit, LineCol, LineIndex, TextRange};
use ls_types::{Position, PositionEncodingKind, Range};

/// The position encoding agreed with the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    #[must_use]
    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }

    #[must_use]
    pub fn to_kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// UTF-8 when the client offers it, otherwise UTF-16 (also when the client
    /// says nothing, as Neovim 0.7 does).
    #[must_use]
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// Length of `s` in this encoding's units.
    #[must_use]
    pub fn len(self, s: &str) -> u32 {
        let n = match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// Line starts plus an ASCII flag per line, for one version of a text.
#[derive(Debug, Default)]
pub struct PositionIndex {
    lines: LineIndex,
    /// One bit per line: set when the line holds a non-ASCII byte.
    wide: Vec<u64>,
    len: usize,
}

impl PositionIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let lines = LineIndex::new(text);
        let count = lines.line_count();
        let mut wide = vec![0u64; count.div_ceil(64)];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Skip ASCII quickly; on a non-ASCII byte, flag its line.
            match bytes[i..].iter().position(|b| !b.is_ascii()) {
                None => break,
                Some(rel) => {
                    let at = i + rel;
                    let line = lines.line_of(at) as usize;
                    wide[line / 64] |= 1 << (line % 64);
                    i = lines.line_start(u32::try_from(line + 1).unwrap_or(u32::MAX));
                    if i <= at {
                        break;
                    }
                }
            }
        }
        PositionIndex {
            lines,
            wide,
            len: text.len(),
        }
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.lines.line_count()
    }

    #[must_use]
    pub fn line_start(&self, line: u32) -> usize {
        self.lines.line_start(line)
    }

    #[must_use]
    pub fn line_of(&self, offset: usize) -> u32 {
        self.lines.line_of(offset)
    }

    #[must_use]
    pub fn line_end(&self, text: &str, line: u32) -> usize {
        self.lines.line_end(text, line)
    }

    fn is_wide(&self, line: u32) -> bool {
        let line = line as usize;
        self.wide
            .get(line / 64)
            .is_some_and(|w| w & (1 << (line % 64)) != 0)
    }

    /// The LSP position of byte `offset` (clamped into the text).
    #[must_use]
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = offset.min(self.len);
        let line = self.lines.line_of(offset);
        if !self.is_wide(line) || enc == Encoding::Utf8 {
            let start = self.lines.line_start(line);
            let mut o = offset;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            return Position::new(line, u32::try_from(o - start).unwrap_or(u32::MAX));
        }
        let LineCol { line, col } = self.lines.line_col(text, offset, enc.unit());
        Position::new(line, col)
    }

    #[must_use]
    pub fn range(&self, text: &str, range: TextRange, enc: Encoding) -> Range {
        Range::new(
            self.position(text, range.start(), enc),
            self.position(text, range.end(), enc),
        )
    }

    /// The byte offset of an LSP position. Columns past the end of a line
    /// clamp to its end, lines past the end clamp to the end of the text;
    /// never panics.
    #[must_use]
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        if pos.line as usize >= self.lines.line_count() {
            return self.len;
        }
        if !self.is_wide(pos.line) {
            let start = self.lines.line_start(pos.line);
            let end = self.lines.line_end(text, pos.line);
            return (start + pos.character as usize).min(end);
        }
        self.lines.offset(
            text,
            LineCol {
                line: pos.line,
                col: pos.character,
            },
            enc.unit(),
        )
    }

    /// The byte range of an LSP range; an inverted range is reordered.
    #[must_use]
    pub fn text_range(&self, text: &str, range: Range, enc: Encoding) -> TextRange {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        TextRange::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_wide_lines_agree_with_line_index() {
        let text = "FROM alpine\nRUN echo é 🐳 x\r\nCMD y\n";
        let idx = PositionIndex::new(text);
        let plain = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (off, c) in text.char_indices() {
                if c == '\r' || c == '\n' {
                    continue;
                }
                let p = idx.position(text, off, enc);
                let lc = plain.line_col(text, off, enc.unit());
                assert_eq!(
                    (p.line, p.character),
                    (lc.line, lc.col),
                    "offset {off} {enc:?}"
                );
                assert_eq!(idx.offset(text, p, enc), off, "round trip {off} {enc:?}");
            }
        }
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x, Encoding::Utf16), Position::new(1, 14));
        assert_eq!(idx.position(text, x, Encoding::Utf8), Position::new(1, 17));
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let text = "FROM a\r\nRUN b";
        let idx = PositionIndex::new(text);
        assert_eq!(idx.offset(text, Position::new(0, 99), Encoding::Utf16), 6);
        assert_eq!(
            idx.offset(text, Position::new(99, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            idx.position(text, 999, Encoding::Utf16),
            Position::new(1, 5)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_then_defaults_to_utf16() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
