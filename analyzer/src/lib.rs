//! dockward's analysis core: a lossless, error-tolerant Dockerfile parser, a
//! semantic model, a shell model and the rules. It does no IO and knows
//! nothing of LSP or JSON; the CLI and the language server are thin edges.
//!
//! Entry point: [`analyze`].

pub mod analysis;
pub mod checker;
pub mod compose;
pub mod config;
pub mod daemon;
pub mod diagnostic;
pub mod docs;
pub(crate) mod facts;
pub(crate) mod families;
pub mod fixes;
pub mod format;
pub mod json;
pub mod line_index;
pub mod model;
pub mod names;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod seccomp;
pub mod shell;
pub mod suppression;
pub mod syntax;
pub mod text;
pub mod values;
pub mod yaml;

pub use analysis::{
    Analysis, Context, analyze, analyze_threaded, analyze_with, analyze_with_build_args,
    check_model, check_model_threaded,
};
pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Tag};
pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use text::TextRange;
#[cfg(test)]
pub(crate) mod testing;
