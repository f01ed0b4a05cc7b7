//! `textDocument/definition`: from a variable use to its ARG/ENV, from a
//! stage reference to its `FROM … AS`. Flow-sensitive via the semantic model.
//! In a Compose file: see `handlers::compose`.

use ls_types::{GotoDefinitionResponse, Location, Position};

use crate::document::{DocKind, Snapshot};
use crate::from_proto;
use crate::navigation;

#[must_use]
pub fn definition(snap: &Snapshot, pos: Position) -> Option<GotoDefinitionResponse> {
    let offset = from_proto::offset(snap, pos);
    match snap.kind {
        DocKind::Dockerfile => {}
        DocKind::Compose { .. } => {
            return crate::handlers::compose::definition(snap, snap.compose()?, offset);
        }
        DocKind::Daemon | DocKind::Seccomp | DocKind::Other => return None,
    }
    let target = navigation::symbol_at(snap, offset)?;
    let def = target.definition?;
    Some(GotoDefinitionResponse::Scalar(Location::new(
        snap.uri.clone(),
        snap.range(def),
    )))
}
