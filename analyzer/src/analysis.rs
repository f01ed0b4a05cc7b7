//! The entry point: text in, model and findings out. Runs the enabled rules,
//! then applies the `check` directive and suppression comments.

use crate::checker::{Checker, FileModel};
use crate::config::Config;
use crate::model::{Model, ScriptSource};
use crate::registry::RULES;
use crate::rule::{Rule, RuleMeta};
use crate::rules::unused_suppression::UnusedSuppression;
use crate::suppression::{PragmaScope, Pragmas, experimental_enabled, suppress};
use crate::{Diagnostic, Fix, Severity, Tag};

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
    let diagnostics = check_model(&model, config, context);
    Analysis { model, diagnostics }
}

/// Runs the rules over an already built model.
#[must_use]
pub fn check_model(model: &Model, config: &Config, context: Context<'_>) -> Vec<Diagnostic> {
    let check = model.pragmas.check.as_ref();
    let exec_strings = exec_form_strings(model);
    let mut diagnostics = run_rules(
        model,
        RULES,
        config,
        context,
        |meta| check.is_some_and(|c| experimental_enabled(meta, c)),
        |meta, d| {
            if check.is_some_and(|c| c.error) && meta.buildkit_check().is_some() {
                d.severity = Severity::Error;
            }
            if !exec_strings.is_empty()
                && let Some(fix) = d.fix.take()
            {
                d.fix = fit_exec_form_scripts(&exec_strings, fix);
            }
        },
    );
    finish(&model.pragmas, config, &mut diagnostics, |scope, d| {
        let stage = d
            .instruction
            .and_then(|i| model.instruction_stage.get(i as usize).copied().flatten());
        match scope {
            PragmaScope::Stage(s) => stage.is_some_and(|st| st as usize == s),
            PragmaScope::Instruction(i) => d.instruction.is_some_and(|di| di as usize == i),
            PragmaScope::File | PragmaScope::Range(_) => false,
        }
    });
    diagnostics
}

/// Runs the enabled `rules` (and those `also_enabled` turns on) over
/// `model`, each finding with the configured severity, then `adjust`ed.
pub(crate) fn run_rules<M: FileModel>(
    model: &M,
    rules: &[&dyn Rule<M>],
    config: &Config,
    context: Context<'_>,
    also_enabled: impl Fn(&RuleMeta) -> bool,
    mut adjust: impl FnMut(&RuleMeta, &mut Diagnostic),
) -> Vec<Diagnostic> {
    let shared = model.shared();
    let mut diagnostics = Vec::new();
    for rule in rules {
        let meta = rule.meta();
        if !(config.is_enabled(meta) || also_enabled(meta)) {
            continue;
        }
        let mut cx = Checker {
            model,
            options: &config.options,
            context,
            rule: meta,
            diagnostics: Vec::new(),
            shared: &shared,
        };
        rule.check(&mut cx);
        let severity = config.severity_of(meta);
        for mut d in cx.diagnostics {
            d.severity = severity;
            adjust(meta, &mut d);
            diagnostics.push(d);
        }
    }
    diagnostics
}

/// The common end of every kind's analysis: drops suppressed findings
/// (`covers`: [`suppress`]), adds the unused suppressions when that rule is
/// on, and sorts by position.
pub(crate) fn finish(
    pragmas: &Pragmas,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
    covers: impl Fn(PragmaScope, &Diagnostic) -> bool,
) {
    let unused = suppress(pragmas, config, diagnostics, covers);
    if config.is_enabled(&UnusedSuppression::META) {
        let severity = config.severity_of(&UnusedSuppression::META);
        for (range, message) in unused {
            diagnostics.push(Diagnostic {
                code: UnusedSuppression::META.code,
                name: UnusedSuppression::META.name,
                severity,
                message,
                range,
                fix: None,
                related: Vec::new(),
                tags: vec![Tag::Unnecessary],
                instruction: None,
            });
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
}

/// The file ranges of the exec-form script strings (between the quotes).
pub(crate) fn exec_form_strings(model: &Model) -> Vec<(usize, usize)> {
    model
        .scripts
        .iter()
        .filter(|s| s.source == ScriptSource::ExecForm)
        .map(|s| (s.base, s.base + s.text.len()))
        .collect()
}

/// Rules edit scripts as shell text; inside `RUN ["sh", "-c", "…"]` the
/// script is a JSON string (`strings`: [`exec_form_strings`]), so inserted
/// text is JSON-escaped there. A fix with an edit that crosses such a
/// string's quotes is dropped.
pub(crate) fn fit_exec_form_scripts(strings: &[(usize, usize)], mut fix: Fix) -> Option<Fix> {
    for edit in &mut fix.edits {
        let (start, end) = (edit.range.start(), edit.range.end());
        // The strings are in file order: only the last one starting at or
        // before the edit's end can contain or cross it… or the next one.
        let at = strings.partition_point(|&(lo, _)| lo <= end);
        for &(lo, hi) in &strings[at.saturating_sub(1)..(at + 1).min(strings.len())] {
            let inside = lo <= start && end <= hi;
            let apart = end < lo || start > hi;
            if inside {
                edit.content = crate::syntax::json_escape(&edit.content);
            } else if !apart {
                return None;
            }
        }
    }
    Some(fix)
}
