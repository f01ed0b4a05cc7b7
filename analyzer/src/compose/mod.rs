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
//! On top of them:
//!
//! - [`model`]: the [`ComposeModel`] of one file (services through their
//!   layers, typed views, definitions, `extends`, pragmas);
//! - [`validate`]: the schema walk behind `compose-schema-violation`;
//! - [`analyze`] / [`check`]: the entry points that run the Compose rules
//!   (`registry::COMPOSE_RULES`, DW5001–DW5903).
//!
//! Everything here is pure: no IO, no environment, no JSON library.

pub mod dotenv;
pub mod ide;
pub mod interpolate;
pub mod model;
pub mod schema;
pub mod validate;

pub use model::{ComposeContext, ComposeModel};

use crate::analysis::{Context, finish, run_rules};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::registry::COMPOSE_RULES;
use crate::suppression::PragmaScope;

/// The result of analysing one Compose file.
#[derive(Debug)]
pub struct ComposeAnalysis {
    pub model: ComposeModel,
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses the Compose file `src` under `config`; `context` carries the
/// `.env` text and the resolver for files it names.
#[must_use]
pub fn analyze(src: &str, config: &Config, context: ComposeContext<'_>) -> ComposeAnalysis {
    analyze_threaded(src, config, context, 1)
}

/// [`analyze`] with the rules spread over `threads` threads (see
/// [`check_threaded`]).
#[must_use]
pub fn analyze_threaded(
    src: &str,
    config: &Config,
    context: ComposeContext<'_>,
    threads: usize,
) -> ComposeAnalysis {
    let model = ComposeModel::new(src, context);
    let diagnostics = check_threaded(&model, config, threads);
    ComposeAnalysis { model, diagnostics }
}

/// Runs the enabled Compose rules over a model, applies the suppression
/// comments, and reports a finding on shared content (an anchor merged
/// into several services) once.
#[must_use]
pub fn check(model: &ComposeModel, config: &Config) -> Vec<Diagnostic> {
    check_threaded(model, config, 1)
}

/// [`check`] with the rules spread over `threads` threads sharing the
/// model: the same findings in the same order, sooner on a large file.
#[must_use]
pub fn check_threaded(model: &ComposeModel, config: &Config, threads: usize) -> Vec<Diagnostic> {
    let mut diagnostics = run_rules(
        model,
        COMPOSE_RULES,
        config,
        Context::default(),
        |_| false,
        |_, _| {},
        threads,
    );
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert((d.code, d.range.start, d.range.end)));
    finish(&model.pragmas, config, &mut diagnostics, |scope, _| {
        matches!(scope, PragmaScope::File)
    });
    diagnostics
}

/// The number of syntax errors of a Compose text (YAML errors and a
/// document that is not a mapping): a fix may not add any.
#[must_use]
pub fn syntax_errors(src: &str) -> usize {
    let model = ComposeModel::new(src, ComposeContext::default());
    model.yaml().errors().len()
        + model
            .problems()
            .iter()
            .filter(|p| p.kind == model::ProblemKind::RootNotMapping)
            .count()
}

/// Fixes a Compose text until no fixable finding remains (see
/// [`crate::fixes::fix_all`]); a round that would add syntax errors is
/// discarded.
#[must_use]
pub fn fix_all(
    src: &str,
    config: &Config,
    context: ComposeContext<'_>,
    unsafe_fixes: bool,
) -> crate::fixes::FixOutcome {
    crate::fixes::fix_loop(
        src,
        unsafe_fixes,
        |text| check(&ComposeModel::new(text, context), config),
        syntax_errors,
    )
}
