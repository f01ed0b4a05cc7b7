//! The bridge from the semantic model to navigation features: which variable
//! or stage is at an offset, where it is defined and used, what an ARG in FROM
//! resolves to, and the parts of each base image reference.
//!
//! Everything here reads `dockward_analyzer::model`; nothing re-derives
//! scoping or resolution in the server.

use dockward_analyzer::TextRange;

use crate::document::Snapshot;

/// What kind of symbol a [`Target`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// An ARG or ENV variable.
    Variable,
    /// A build stage name.
    Stage,
}

/// The symbol under the cursor, its definition and its uses.
#[derive(Clone, Debug)]
pub struct Target {
    pub kind: SymbolKind,
    pub name: String,
    /// The name's range at the cursor.
    pub at: TextRange,
    /// Where the symbol is declared (the name only).
    pub definition: Option<TextRange>,
    /// Every use resolved to that definition (the name only).
    pub uses: Vec<TextRange>,
}

/// The parts of an image reference written in FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageParts {
    pub range: TextRange,
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// The variable or stage at `offset`.
///
/// Needs the semantic model's definitions and uses, which are not on main
/// yet; until they are, there is no navigation target.
#[must_use]
pub fn symbol_at(snap: &Snapshot, offset: usize) -> Option<Target> {
    let _ = (snap, offset);
    None
}

/// Each ARG use in a FROM line with the value it resolves to.
#[must_use]
pub fn from_arg_values(snap: &Snapshot) -> Vec<(TextRange, String)> {
    let _ = snap;
    Vec::new()
}

/// The base image references of the file, split into parts.
#[must_use]
pub fn images(snap: &Snapshot) -> Vec<ImageParts> {
    let _ = snap;
    Vec::new()
}
