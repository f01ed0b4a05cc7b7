//! dockward's analysis core: a lossless, error-tolerant Dockerfile parser, a
//! semantic model, a shell model and the rules. It does no IO and knows
//! nothing of LSP or JSON; the CLI and the language server are thin edges.

pub mod shell;
pub mod text;

pub use text::TextRange;
