//! Compose files: the building blocks that do not need the YAML tree.
//!
//! The Compose pipeline (see `docs/compose-design.md`) is YAML decoding
//! (anchors, merge keys, tags) → interpolation → `extends` → override merge
//! → schema → model → rules. This module holds the pieces that work on
//! plain strings and tables:
//!
//! - [`schema`]: the Compose Specification's JSON schema, vendored and
//!   turned into a generated node table ([`schema::SchemaView`]): the types,
//!   enum values, known keys and descriptions at any path, for
//!   `compose-schema-violation`, hover and completion. No JSON is read at
//!   run time.
//! - [`interpolate`]: Compose's variable interpolation on one scalar
//!   (`$VAR`, `${VAR:-default}`, `${VAR:?err}`, `$$`…), against the `.env`
//!   values only; what stays unknown is marked, never guessed.
//! - [`dotenv`]: the `.env` file as Compose reads it, with byte ranges, its
//!   values interpolated against earlier keys.
//!
//! Everything here is pure: no IO, no environment, no JSON library.

pub mod dotenv;
pub mod interpolate;
pub mod schema;
