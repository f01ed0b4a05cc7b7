//! Facts derived from the model that several rules share: the command layer
//! over RUN scripts (wrappers, options, package managers, downloads), base
//! images, COPY paths, `.dockerignore` matching, EXPOSE specs, LABEL values,
//! the working directory in effect, where fixes insert instructions, and
//! "did you mean" suggestions. They report nothing: rules (and the
//! [`Checker`](crate::checker::Checker), which caches the costly ones per
//! analysis) read them. Nothing here depends on `rules/`.

pub(crate) mod base_images;
pub(crate) mod commands;
pub(crate) mod copy_paths;
pub(crate) mod dockerignore;
pub(crate) mod downloads;
pub(crate) mod expose_ports;
pub(crate) mod image_pins;
pub(crate) mod insertion;
pub(crate) mod labels;
pub(crate) mod package_commands;
pub(crate) mod rm_command;
pub(crate) mod run_user;
pub(crate) mod script_flow;
pub(crate) mod script_vars;
pub(crate) mod secrets;
pub(crate) mod suggest;
pub(crate) mod workdir_state;
