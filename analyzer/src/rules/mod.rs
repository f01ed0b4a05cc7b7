//! One file per rule, named after the pattern it flags.

pub mod base_image_without_digest;
pub(crate) mod base_images;
pub mod copy_entire_filesystem;
pub mod copy_from_own_stage;
pub mod copy_from_unknown_stage;
pub mod deprecated_maintainer;
pub mod duplicate_stage_name;
pub mod from_platform_flag;
pub mod image_tag_latest;
pub mod image_tag_missing;
pub mod implicit_root_user;
pub mod last_user_root;
pub mod missing_healthcheck;
pub mod non_numeric_user;
pub mod redundant_target_platform;
pub mod reserved_stage_name;
pub mod secret_in_arg_or_env;
pub mod stage_dependency_cycle;
pub mod syntax_error;
pub mod untrusted_registry;
pub mod unused_suppression;
