//! One file per rule, named after the pattern it flags.

pub mod add_instead_of_copy;
pub mod copy_destination_not_directory;
pub mod copy_relative_destination;
pub mod copy_secret_file;
pub mod deprecated_maintainer;
pub mod empty_schema_label;
pub mod env_reference_in_same_instruction;
pub mod expose_port_out_of_range;
pub mod expose_ssh_port;
pub mod inline_ignore_pragma;
pub mod instruction_before_from;
pub mod invalid_label_key;
pub mod label_not_email;
pub mod label_not_git_hash;
pub mod label_not_rfc3339;
pub mod label_not_semver;
pub mod label_not_spdx;
pub mod label_not_url;
pub mod missing_required_label;
pub mod multiple_cmds;
pub mod multiple_entrypoints;
pub mod multiple_healthchecks;
pub mod onbuild_forbidden_trigger;
pub mod relative_workdir;
pub mod shell_form_command;
pub mod superfluous_label;
pub mod syntax_error;
pub mod unused_suppression;
pub mod workdir_system_directory;

// Helpers shared by several rules.
mod copy_paths;
mod expose_ports;
mod label_values;
mod overridden_instructions;
mod workdir_state;
