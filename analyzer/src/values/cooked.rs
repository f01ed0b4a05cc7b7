//! Text derived from a source slice (quotes and escapes removed, variables
//! replaced by a placeholder) that remembers, for each of its bytes, the
//! source range it came from, so that sub-parsers working on the derived text
//! still report exact source spans.

use std::ops::Range;

use super::substitution::{LiteralKind, Word, WordPart};
use crate::text::TextRange;

/// Stands for one variable reference in cooked text.
pub(crate) const VAR_PLACEHOLDER: char = '\u{E000}';

#[derive(Clone, Debug, Default)]
pub(crate) struct Cooked {
    pub(crate) text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Byte ranges of `text` that stand for variable references.
    pub(crate) vars: Vec<Range<usize>>,
    /// Source offset of the end of the input.
    end: usize,
}

#[allow(clippy::cast_possible_truncation)]
impl Cooked {
    pub(crate) fn new(src_end: usize) -> Self {
        Cooked {
            end: src_end,
            ..Cooked::default()
        }
    }

    /// Appends `s`, which is the source text at `src_start`.
    pub(crate) fn push_source(&mut self, s: &str, src_start: usize) {
        for (i, c) in s.char_indices() {
            let (a, b) = (src_start + i, src_start + i + c.len_utf8());
            for _ in 0..c.len_utf8() {
                self.starts.push(a as u32);
                self.ends.push(b as u32);
            }
        }
        self.text.push_str(s);
    }

    /// Appends `s`, all of which comes from the source range `src`.
    pub(crate) fn push_from(&mut self, s: &str, src: TextRange) {
        for _ in 0..s.len() {
            self.starts.push(src.start);
            self.ends.push(src.end);
        }
        self.text.push_str(s);
    }

    pub(crate) fn push_var(&mut self, src: TextRange) {
        let at = self.text.len();
        let mut buf = [0; 4];
        self.push_from(VAR_PLACEHOLDER.encode_utf8(&mut buf), src);
        self.vars.push(at..self.text.len());
    }

    /// The source span of the cooked byte range `r`.
    pub(crate) fn span(&self, r: Range<usize>) -> TextRange {
        if r.start >= r.end {
            let at = if r.start < self.starts.len() {
                self.starts[r.start] as usize
            } else {
                self.end
            };
            return TextRange::empty(at);
        }
        TextRange::new(self.starts[r.start] as usize, self.ends[r.end - 1] as usize)
    }

    /// Whether `r` overlaps a variable reference.
    pub(crate) fn has_var(&self, r: &Range<usize>) -> bool {
        self.vars.iter().any(|v| v.start < r.end && r.start < v.end)
    }

    /// Cooks a parsed word: literal values, with one placeholder per variable.
    pub(crate) fn from_word(word: &Word<'_>) -> Self {
        let mut c = Cooked::new(word.span.end());
        c.push_parts(&word.parts);
        c
    }

    fn push_parts(&mut self, parts: &[WordPart<'_>]) {
        for part in parts {
            match part {
                WordPart::Literal(l) => match l.kind {
                    LiteralKind::Plain | LiteralKind::LoneEscape => {
                        self.push_source(l.text, l.span.start())
                    }
                    LiteralKind::SingleQuoted => self.push_source(l.value(), l.span.start() + 1),
                    LiteralKind::Escaped => self.push_from(l.value(), l.span),
                    LiteralKind::TrailingEscape => {}
                },
                WordPart::DoubleQuoted { parts, .. } => self.push_parts(parts),
                WordPart::Var(v) => self.push_var(v.span),
            }
        }
    }
}
