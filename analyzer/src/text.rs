//! Byte ranges into the source text. Offsets inside the analyzer are always
//! UTF-8 byte offsets; lines, columns and UTF-16 appear only at the edges
//! (see [`crate::line_index`]).

use std::fmt;
use std::ops::Range;

/// A half-open range `start..end` of UTF-8 byte offsets into a source text.
///
/// Offsets are `u32`: the edges refuse inputs of 4 GiB or more.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    /// Builds a range; `start` must not exceed `end`.
    #[inline]
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "inverted range {start}..{end}");
        #[allow(clippy::cast_possible_truncation)]
        TextRange {
            start: start as u32,
            end: end as u32,
        }
    }

    /// An empty range at `offset`.
    #[inline]
    #[must_use]
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    #[inline]
    #[must_use]
    pub fn start(self) -> usize {
        self.start as usize
    }

    #[inline]
    #[must_use]
    pub fn end(self) -> usize {
        self.end as usize
    }

    #[inline]
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range as a `usize` range, for slicing.
    #[inline]
    #[must_use]
    pub fn as_range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Moves the range right by `offset` bytes (for sub-parsers that work on a slice).
    #[inline]
    #[must_use]
    pub fn shift(self, offset: usize) -> Self {
        Self::new(self.start() + offset, self.end() + offset)
    }

    /// The smallest range covering both.
    #[inline]
    #[must_use]
    pub fn cover(self, other: Self) -> Self {
        Self::new(self.start().min(other.start()), self.end().max(other.end()))
    }

    #[inline]
    #[must_use]
    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Like [`contains`](Self::contains) but also true at `end` (cursor positions).
    #[inline]
    #[must_use]
    pub fn contains_inclusive(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    #[inline]
    #[must_use]
    pub fn contains_range(self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this range covers in `src`.
    #[inline]
    #[must_use]
    pub fn slice(self, src: &str) -> &str {
        &src[self.as_range()]
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}
