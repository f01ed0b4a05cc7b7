//! One file per rule, named after the pattern it flags.

pub mod syntax_error;
