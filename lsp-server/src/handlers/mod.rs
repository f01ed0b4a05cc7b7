//! One module per LSP method. Each takes a [`Snapshot`](crate::document::Snapshot)
//! and plain parameters and returns the LSP result; none does IO.

pub mod code_action;
pub mod completion;
pub mod compose;
pub mod definition;
pub mod diagnostic;
pub mod document_highlight;
pub mod document_link;
pub mod document_symbol;
pub mod folding_range;
pub mod formatting;
pub mod hover;
pub mod inlay_hint;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod signature_help;
