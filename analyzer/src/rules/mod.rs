//! One file per rule, named after the pattern it flags.

pub mod deprecated_maintainer;
pub mod syntax_error;
pub mod unused_suppression;
