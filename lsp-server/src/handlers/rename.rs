//! `textDocument/prepareRename` and `textDocument/rename` for ARG, ENV and
//! stage names: the definition and every use the model resolves to it.

use ls_types::{Position, PrepareRenameResponse, WorkspaceEdit};

use crate::capabilities::ClientCaps;
use crate::document::Snapshot;
use crate::from_proto;
use crate::navigation::{self, SymbolKind};
use crate::to_proto;

#[must_use]
pub fn prepare(snap: &Snapshot, pos: Position) -> Option<PrepareRenameResponse> {
    let offset = from_proto::offset(snap, pos);
    let target = navigation::symbol_at(snap, offset)?;
    // Predefined build args have no declaration to rename.
    target.definition?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(target.at),
        placeholder: target.name.clone(),
    })
}

fn valid_name(kind: SymbolKind, name: &str) -> bool {
    match kind {
        SymbolKind::Variable => {
            let mut chars = name.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        // BuildKit's stage-name pattern, `^[a-z][a-z0-9-_.]*$`.
        SymbolKind::Stage => {
            let mut chars = name.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        }
    }
}

/// # Errors
/// A message when `new_name` is not a valid name for the symbol.
pub fn rename(
    snap: &Snapshot,
    caps: &ClientCaps,
    pos: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let offset = from_proto::offset(snap, pos);
    let Some(target) = navigation::symbol_at(snap, offset).filter(|t| t.definition.is_some())
    else {
        return Ok(None);
    };
    if !valid_name(target.kind, new_name) {
        return Err(format!("`{new_name}` is not a valid name here"));
    }
    let edits: Vec<_> = navigation::rename_ranges(snap, &target)
        .into_iter()
        .map(|r| ls_types::TextEdit::new(snap.range(r), new_name.to_owned()))
        .collect();
    Ok(Some(to_proto::workspace_edit(
        &snap.uri,
        snap.version,
        edits,
        caps.document_changes,
    )))
}
