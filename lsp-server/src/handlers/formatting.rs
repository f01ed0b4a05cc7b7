//! `textDocument/formatting` and `textDocument/rangeFormatting`: the
//! analyzer's formatter, which returns minimal edits (one per changed stretch
//! of lines, trimmed to the bytes that differ) and refuses any output that
//! would build differently.

use dockward_analyzer::format::{FormatOptions, Indent, format_edits};
use ls_types::{FormattingOptions, Range, TextEdit};

use crate::document::Snapshot;
use crate::from_proto;
use crate::to_proto;

/// The formatter options for the editor's settings: its indentation (spaces
/// of `tabSize`, or a tab) and its final-newline preference.
#[must_use]
pub fn options(editor: &FormattingOptions) -> FormatOptions {
    let defaults = FormatOptions::default();
    FormatOptions {
        indent: if editor.insert_spaces {
            Indent::Spaces(u8::try_from(editor.tab_size.clamp(1, 16)).unwrap_or(4))
        } else {
            Indent::Tab
        },
        insert_final_newline: editor
            .insert_final_newline
            .unwrap_or(defaults.insert_final_newline),
        ..defaults
    }
}

#[must_use]
pub fn format(
    snap: &Snapshot,
    editor: &FormattingOptions,
    range: Option<Range>,
) -> Option<Vec<TextEdit>> {
    let range = range.map(|r| from_proto::text_range(snap, r));
    let edits = format_edits(&snap.text, &options(editor), range);
    Some(edits.iter().map(|e| to_proto::text_edit(snap, e)).collect())
}
