//! The entry point: text in, model and findings out.

use crate::Diagnostic;
use crate::checker::Checker;
use crate::config::Config;
use crate::model::Model;
use crate::registry::RULES;

/// Inputs besides the Dockerfile text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The build context's `.dockerignore`, for CopyIgnoredFile.
    pub dockerignore: Option<&'a str>,
}

/// The result of analysing one file.
#[derive(Debug)]
pub struct Analysis {
    pub model: Model,
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `src` under `config`.
#[must_use]
pub fn analyze(src: &str, config: &Config) -> Analysis {
    analyze_with(src, config, Context::default())
}

/// Analyses `src` under `config`, with extra inputs.
#[must_use]
pub fn analyze_with(src: &str, config: &Config, context: Context<'_>) -> Analysis {
    let model = Model::new(src);
    let mut diagnostics = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        if !config.is_enabled(meta) {
            continue;
        }
        let mut cx = Checker {
            model: &model,
            options: &config.options,
            dockerignore: context.dockerignore,
            rule: meta,
            diagnostics: Vec::new(),
        };
        rule.check(&mut cx);
        let severity = config.severity_of(meta);
        for mut d in cx.diagnostics {
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    Analysis { model, diagnostics }
}
