//! Rule families: one body shared by several rules that differ only in a
//! parameter (the instruction that may appear once, the label type). Each
//! rule of a family is still its own file under `rules/`, with its own
//! documentation and vectors; it calls the family's body.

pub(crate) mod bashism;
pub(crate) mod command_output;
pub(crate) mod compose_services;
pub(crate) mod daemon_settings;
pub(crate) mod grep_alias;
pub(crate) mod label_schema;
pub(crate) mod overridden_instructions;
pub(crate) mod package_rules;
pub(crate) mod seccomp_allowed;
