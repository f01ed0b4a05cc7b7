//! The values layer (placeholder docs, rewritten below).

mod pattern;
pub mod substitution;
