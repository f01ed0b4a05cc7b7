//! Conversions from LSP types to the analyzer's.

use dockward_analyzer::TextRange;
use ls_types::{Position, Range};

use crate::document::Snapshot;

/// The byte offset of a position (clamped into the document).
#[must_use]
pub fn offset(snap: &Snapshot, pos: Position) -> usize {
    snap.offset(pos)
}

/// The byte range of an LSP range (clamped, never inverted).
#[must_use]
pub fn text_range(snap: &Snapshot, range: Range) -> TextRange {
    snap.text_range(range)
}
