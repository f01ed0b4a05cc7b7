//! `textDocument/documentHighlight`: the definition (write) and uses (read)
//! of the variable or stage under the cursor.

use ls_types::{DocumentHighlight, DocumentHighlightKind, Position};

use crate::document::Snapshot;
use crate::from_proto;
use crate::navigation;

#[must_use]
pub fn document_highlight(snap: &Snapshot, pos: Position) -> Option<Vec<DocumentHighlight>> {
    let offset = from_proto::offset(snap, pos);
    let target = navigation::symbol_at(snap, offset)?;
    let mut out = Vec::new();
    if let Some(d) = target.definition {
        out.push(DocumentHighlight {
            range: snap.range(d),
            kind: Some(DocumentHighlightKind::WRITE),
        });
    }
    for r in &target.uses {
        out.push(DocumentHighlight {
            range: snap.range(*r),
            kind: Some(DocumentHighlightKind::READ),
        });
    }
    Some(out)
}
