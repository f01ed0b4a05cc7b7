//! Line/column conversions, for the edges (CLI output, LSP positions). The
//! analyzer itself works in byte offsets only.

use crate::TextRange;

/// A 0-based line and a column in the unit the caller asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 bytes (LSP `utf-8`).
    Utf8,
    /// UTF-16 code units (LSP `utf-16`, the protocol default).
    Utf16,
    /// Unicode scalar values (LSP `utf-32`; the CLI's columns).
    Char,
}

/// Start offsets of the lines of a text. Lines end at `\n`; a `\r` before it
/// belongs to the line terminator for column purposes only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
    /// Offsets of the non-ASCII characters, so that a column is the byte
    /// distance minus what those characters add, found by binary search: a
    /// per-finding scan from the line start made a 100k-finding line
    /// quadratic. Empty for ASCII text.
    wide: Vec<u32>,
    /// Prefix sums over `wide` (one more entry): bytes beyond one per
    /// character (for `Char` columns).
    extra_chars: Vec<u32>,
    /// Prefix sums over `wide`: UTF-8 bytes beyond the UTF-16 units (for
    /// `Utf16` columns).
    extra_utf16: Vec<u32>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        #[allow(clippy::cast_possible_truncation)]
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        let mut wide = Vec::new();
        let mut extra_chars = vec![0];
        let mut extra_utf16 = vec![0];
        if !text.is_ascii() {
            let (mut chars, mut utf16) = (0u32, 0u32);
            for (i, &b) in text.as_bytes().iter().enumerate() {
                // Lead bytes only; continuation bytes are 0x80..0xC0.
                let len = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xFF => 4,
                    _ => continue,
                };
                #[allow(clippy::cast_possible_truncation)]
                wide.push(i as u32);
                chars += len - 1;
                utf16 += if len == 4 { 2 } else { len - 1 };
                extra_chars.push(chars);
                extra_utf16.push(utf16);
            }
        }
        #[allow(clippy::cast_possible_truncation)]
        LineIndex {
            starts,
            len: text.len() as u32,
            wide,
            extra_chars,
            extra_utf16,
        }
    }

    /// What the non-ASCII characters in `start..end` add to its byte length
    /// over its length in `unit`.
    fn extra(&self, start: usize, end: usize, unit: ColumnUnit) -> u32 {
        let sums = match unit {
            ColumnUnit::Utf8 => return 0,
            ColumnUnit::Char => &self.extra_chars,
            ColumnUnit::Utf16 => &self.extra_utf16,
        };
        let from = self.wide.partition_point(|&w| (w as usize) < start);
        let to = self.wide.partition_point(|&w| (w as usize) < end);
        // A default index (no text) has no sums at all.
        let at = |i: usize| sums.get(i).copied().unwrap_or(0);
        at(to) - at(from)
    }

    /// Number of lines (a final newline opens an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (clamped to the text length).
    #[must_use]
    pub fn line_start(&self, line: u32) -> usize {
        self.starts.get(line as usize).copied().unwrap_or(self.len) as usize
    }

    /// Byte offset of the end of `line`'s content (before `\r\n` / `\n`).
    #[must_use]
    pub fn line_end(&self, text: &str, line: u32) -> usize {
        let start = self.line_start(line);
        let next = self.line_start(line + 1);
        let bytes = text.as_bytes();
        let mut end = next.min(bytes.len());
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        end
    }

    /// The 0-based line holding byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s as usize <= offset);
        #[allow(clippy::cast_possible_truncation)]
        let line = idx.saturating_sub(1) as u32;
        line
    }

    /// Converts a byte offset into a line and a column in `unit`.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let mut offset = offset;
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        #[allow(clippy::cast_possible_truncation)]
        let col = (offset - start) as u32 - self.extra(start, offset, unit);
        LineCol { line, col }
    }

    /// Converts a line and column back into a byte offset. Columns past the
    /// end of the line clamp to its end; lines past the end clamp to the text.
    #[must_use]
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        if pos.line as usize >= self.starts.len() {
            return text.len();
        }
        let start = self.line_start(pos.line);
        let end = self.line_end(text, pos.line);
        let line = &text[start..end];
        let col = pos.col as usize;
        match unit {
            ColumnUnit::Utf8 => {
                let mut o = col.min(line.len());
                while !line.is_char_boundary(o) {
                    o -= 1;
                }
                start + o
            }
            ColumnUnit::Utf16 => {
                let mut units = 0;
                for (i, c) in line.char_indices() {
                    if units >= col {
                        return start + i;
                    }
                    units += c.len_utf16();
                    if units > col {
                        return start + i;
                    }
                }
                end
            }
            ColumnUnit::Char => line.char_indices().nth(col).map_or(end, |(i, _)| start + i),
        }
    }

    /// Converts a byte range.
    #[must_use]
    pub fn range(&self, text: &str, range: TextRange, unit: ColumnUnit) -> (LineCol, LineCol) {
        (
            self.line_col(text, range.start(), unit),
            self.line_col(text, range.end(), unit),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_match_a_count_from_the_line_start() {
        use super::{ColumnUnit, LineIndex};
        let texts = [
            "plain ascii\nsecond line\n",
            "é\u{1F600}x\r\nab\u{7FF}\u{800}c\n\u{10FFFF}\n",
            "RUN echo \"héllo\" \u{1F433} && \\\n    ls\n",
            "",
            "\u{1F600}",
        ];
        for text in texts {
            let index = LineIndex::new(text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let line = index.line_of(offset);
                let prefix = &text[index.line_start(line)..offset];
                for (unit, expected) in [
                    (ColumnUnit::Utf8, prefix.len()),
                    (ColumnUnit::Char, prefix.chars().count()),
                    (ColumnUnit::Utf16, prefix.encode_utf16().count()),
                ] {
                    let got = index.line_col(text, offset, unit);
                    assert_eq!(got.line, line);
                    assert_eq!(
                        got.col as usize, expected,
                        "{text:?} at {offset} in {unit:?}"
                    );
                }
            }
        }
        // A default index (no text) answers without panicking.
        assert_eq!(
            LineIndex::default().line_col("", 0, ColumnUnit::Char).col,
            0
        );
    }

    use super::*;

    #[test]
    fn converts_units() {
        let text = "FROM alpine # 🐳 é\r\nRUN x\n";
        let idx = LineIndex::new(text);
        let e = text.find('é').unwrap();
        assert_eq!(idx.line_col(text, e, ColumnUnit::Utf8).col, 19);
        assert_eq!(idx.line_col(text, e, ColumnUnit::Utf16).col, 17);
        assert_eq!(idx.line_col(text, e, ColumnUnit::Char).col, 16);
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
            let lc = idx.line_col(text, e, unit);
            assert_eq!(idx.offset(text, lc, unit), e);
        }
        let run = text.find("RUN").unwrap();
        assert_eq!(
            idx.line_col(text, run, ColumnUnit::Char),
            LineCol { line: 1, col: 0 }
        );
        assert_eq!(idx.line_end(text, 0), text.find('\r').unwrap());
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 999 }, ColumnUnit::Utf16),
            text.find('\r').unwrap()
        );
    }
}
