//! `textDocument/references`: every use of a variable or stage.

use ls_types::{Location, Position};

use crate::document::Snapshot;
use crate::from_proto;
use crate::navigation;

#[must_use]
pub fn references(
    snap: &Snapshot,
    pos: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let offset = from_proto::offset(snap, pos);
    let target = navigation::symbol_at(snap, offset)?;
    let mut out: Vec<Location> = Vec::new();
    if include_declaration && let Some(d) = target.definition {
        out.push(Location::new(snap.uri.clone(), snap.range(d)));
    }
    out.extend(
        target
            .uses
            .iter()
            .map(|r| Location::new(snap.uri.clone(), snap.range(*r))),
    );
    Some(out)
}
