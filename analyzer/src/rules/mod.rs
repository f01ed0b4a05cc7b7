//! One file per rule, named after the pattern it flags.

pub mod copy_ignored_file;
pub mod deprecated_maintainer;
mod dockerignore;
pub mod empty_continuation_line;
pub mod expose_host_mapping;
mod expose_ports;
pub mod from_as_casing_mismatch;
pub mod inconsistent_instruction_casing;
pub mod invalid_default_arg_in_from;
pub mod invalid_definition_description;
pub mod legacy_key_value_format;
pub mod relative_workdir_after_expansion;
mod suggest;
pub mod syntax_error;
pub mod text_after_exec_form;
pub mod undefined_arg_in_from;
pub mod undefined_variable;
pub mod unused_suppression;
pub mod uppercase_expose_protocol;
pub mod uppercase_stage_name;
