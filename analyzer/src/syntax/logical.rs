//! Logical lines: an instruction's physical lines joined the way BuildKit joins
//! them (continuation characters and in-continuation comment lines removed),
//! with a piecewise map back to source offsets.

use crate::TextRange;

/// One contiguous piece of a logical line, copied from the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Offset of this piece in the logical text.
    pub logical: u32,
    /// Offset of this piece in the source.
    pub source: u32,
    /// Length in bytes.
    pub len: u32,
}

/// An instruction's text as BuildKit sees it, with a map back to the source.
///
/// Single-line instructions (the common case) borrow their text from the
/// source; only joined lines own a copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogicalLine {
    owned: Option<Box<str>>,
    segments: Vec<Segment>,
}

impl LogicalLine {
    pub(crate) fn new(segments: Vec<Segment>, src: &str) -> Self {
        let owned = if segments.len() > 1 {
            let len = segments.iter().map(|s| s.len as usize).sum();
            let mut text = String::with_capacity(len);
            for s in &segments {
                text.push_str(&src[s.source as usize..(s.source + s.len) as usize]);
            }
            Some(text.into_boxed_str())
        } else {
            None
        };
        LogicalLine { owned, segments }
    }

    /// The joined text.
    #[must_use]
    pub fn text<'a>(&'a self, src: &'a str) -> &'a str {
        match &self.owned {
            Some(text) => text,
            None => match self.segments.first() {
                Some(s) => &src[s.source as usize..(s.source + s.len) as usize],
                None => "",
            },
        }
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.segments
            .last()
            .map_or(0, |s| (s.logical + s.len) as usize)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// True when the logical text is one contiguous source slice.
    #[must_use]
    pub fn is_contiguous(&self) -> bool {
        self.segments.len() <= 1
    }

    /// Source offset of logical offset `off` used as the *start* of a range:
    /// at a boundary between two segments it maps into the later one.
    #[must_use]
    pub fn map_start(&self, off: usize) -> usize {
        let off = off as u32;
        let idx = self.segments.partition_point(|s| s.logical <= off);
        match idx.checked_sub(1).map(|i| &self.segments[i]) {
            Some(s) if off < s.logical + s.len || idx == self.segments.len() => {
                (s.source + (off - s.logical)) as usize
            }
            Some(_) => self.segments[idx].source as usize,
            None => self.segments.first().map_or(0, |s| s.source as usize),
        }
    }

    /// Source offset of logical offset `off` used as the *end* of a range:
    /// at a boundary between two segments it maps to the end of the earlier one.
    #[must_use]
    pub fn map_end(&self, off: usize) -> usize {
        let off = off as u32;
        // The last segment whose logical start is strictly before `off`.
        let idx = self.segments.partition_point(|s| s.logical < off);
        match idx.checked_sub(1).map(|i| &self.segments[i]) {
            Some(s) => (s.source + (off - s.logical).min(s.len)) as usize,
            None => self.segments.first().map_or(0, |s| s.source as usize),
        }
    }

    /// Maps a logical range to the source range it spans.
    #[must_use]
    pub fn map_range(&self, start: usize, end: usize) -> TextRange {
        if start == end {
            let s = self.map_start(start);
            return TextRange::new(s, s);
        }
        TextRange::new(self.map_start(start), self.map_end(end))
    }

    /// Maps a source offset back into the logical text, if it lies inside a segment.
    #[must_use]
    pub fn logical_offset(&self, source: usize) -> Option<usize> {
        let source = source as u32;
        self.segments
            .iter()
            .find(|s| s.source <= source && source <= s.source + s.len)
            .map(|s| (s.logical + (source - s.source)) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_across_segments() {
        // "RUN a \\\n  b" -> logical "RUN a   b"
        let src = "RUN a \\\n  b";
        let line = LogicalLine::new(
            vec![
                Segment {
                    logical: 0,
                    source: 0,
                    len: 6,
                },
                Segment {
                    logical: 6,
                    source: 8,
                    len: 3,
                },
            ],
            src,
        );
        assert_eq!(line.text(src), "RUN a   b");
        assert_eq!(line.map_start(6), 8);
        assert_eq!(line.map_end(6), 6);
        assert_eq!(line.map_range(4, 9), TextRange::new(4, 11));
        assert_eq!(line.logical_offset(9), Some(7));
    }
}
