//! `textDocument/inlayHint`: the resolved value of each ARG used in a FROM
//! line (switched off with `inlayHints.argValues = false`).

use ls_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

use crate::document::Snapshot;
use crate::from_proto;
use crate::navigation;

#[must_use]
pub fn inlay_hints(snap: &Snapshot, range: Range) -> Vec<InlayHint> {
    if !snap.env.settings.inlay_arg_values {
        return Vec::new();
    }
    let window = from_proto::text_range(snap, range);
    navigation::from_arg_values(snap)
        .into_iter()
        .filter(|(r, _)| r.start() >= window.start() && r.end() <= window.end())
        .map(|(r, value)| InlayHint {
            position: snap.position(r.end()),
            label: InlayHintLabel::String(format!("= {value}")),
            kind: Some(InlayHintKind::PARAMETER),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}
