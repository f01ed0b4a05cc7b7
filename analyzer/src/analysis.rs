//! The entry point: text in, model and findings out. Runs the enabled rules,
//! then applies the `check` directive and suppression comments.

use crate::checker::{Checker, Shared};
use crate::config::Config;
use crate::model::pragmas::{CheckDirective, PragmaScope, PragmaTool};
use crate::model::{Model, ScriptSource};
use crate::registry::{self, RULES};
use crate::rule::{BUILDKIT_EXPERIMENTAL, RuleMeta};
use crate::rules::unused_suppression::UnusedSuppression;
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
    let experimental_on = |meta: &RuleMeta| check.is_some_and(|c| experimental_enabled(meta, c));
    let mut diagnostics = Vec::new();
    let shared = Shared::new(model);
    let exec_strings = exec_form_strings(model);
    for rule in RULES {
        let meta = rule.meta();
        if !(config.is_enabled(meta) || experimental_on(meta)) {
            continue;
        }
        let mut cx = Checker {
            model,
            options: &config.options,
            dockerignore: context.dockerignore,
            rule: meta,
            diagnostics: Vec::new(),
            shared: &shared,
        };
        rule.check(&mut cx);
        let mut severity = config.severity_of(meta);
        if check.is_some_and(|c| c.error) && meta.buildkit_check().is_some() {
            severity = Severity::Error;
        }
        for mut d in cx.diagnostics {
            d.severity = severity;
            if !exec_strings.is_empty()
                && let Some(fix) = d.fix.take()
            {
                d.fix = fit_exec_form_scripts(&exec_strings, fix);
            }
            diagnostics.push(d);
        }
    }
    let unused = suppress(model, config, &mut diagnostics);
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
    diagnostics
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

/// Whether the `check` directive's `experimental=` turns on one of the
/// BuildKit experimental checks `meta` implements.
fn experimental_enabled(meta: &RuleMeta, c: &CheckDirective) -> bool {
    meta.aliases.iter().any(|a| {
        BUILDKIT_EXPERIMENTAL.contains(a)
            && (c.experimental_all || c.experimental.iter().any(|e| e == a))
    })
}

/// Drops suppressed findings; returns the unused suppressions (range, message).
fn suppress(
    model: &Model,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(crate::TextRange, String)> {
    let pragmas = &model.pragmas;
    let check = pragmas.check.as_ref();
    // (pragma index, rule index) -> used
    let mut used: Vec<Vec<bool>> = pragmas
        .pragmas
        .iter()
        .map(|p| vec![false; p.rules.len()])
        .collect();
    let mut check_used = check.map_or_else(Vec::new, |c| vec![false; c.skip.len()]);
    let inline = !config.disable_inline_pragmas && !pragmas.pragmas.is_empty();
    if check.is_none() && !inline {
        // Nothing can suppress a finding (most files).
        return Vec::new();
    }
    diagnostics.retain(|d| {
        let Some(meta) = registry::by_code(d.code) else {
            return true;
        };
        if meta.unsuppressible {
            return true;
        }
        // The check directive: BuildKit checks only.
        if let Some(c) = check
            && meta.buildkit_check().is_some()
        {
            // Like BuildKit, `skip=all` leaves the experimental checks that
            // `experimental=` turns on.
            if c.skip_all && !experimental_enabled(meta, c) {
                return false;
            }
            if let Some(i) = c.skip.iter().position(|r| meta.is_named(&r.id)) {
                check_used[i] = true;
                return false;
            }
        }
        if config.disable_inline_pragmas {
            return true;
        }
        let stage = d
            .instruction
            .and_then(|i| model.instruction_stage.get(i as usize).copied().flatten());
        let mut keep = true;
        for (pi, p) in pragmas.pragmas.iter().enumerate() {
            let applies = match p.scope {
                PragmaScope::File => true,
                PragmaScope::Stage(s) => stage.is_some_and(|st| st as usize == s),
                PragmaScope::Instruction(i) => d.instruction.is_some_and(|di| di as usize == i),
            };
            if !applies {
                continue;
            }
            for (ri, r) in p.rules.iter().enumerate() {
                let names = if p.tool == PragmaTool::Buildkit && r.id.eq_ignore_ascii_case("all") {
                    meta.buildkit_check().is_some()
                } else {
                    meta.is_named(&r.id)
                };
                if names {
                    used[pi][ri] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    let mut unused = Vec::new();
    if !config.disable_inline_pragmas {
        for (pi, p) in pragmas.pragmas.iter().enumerate() {
            for (ri, r) in p.rules.iter().enumerate() {
                if used[pi][ri] {
                    continue;
                }
                let known =
                    r.id.eq_ignore_ascii_case("all") || !registry::resolve(&r.id).is_empty();
                let message = if known {
                    format!("Suppression of `{}` matches no finding", r.id)
                } else if r.id.starts_with("SC") {
                    format!(
                        "`{}` is a ShellCheck code, which dockward does not report",
                        r.id
                    )
                } else {
                    format!("`{}` names no rule", r.id)
                };
                unused.push((r.range, message));
            }
        }
    }
    if let Some(c) = check {
        for (i, r) in c.skip.iter().enumerate() {
            if !check_used[i] {
                let known = !registry::resolve(&r.id).is_empty();
                let message = if known {
                    format!("`check=skip={}` matches no finding", r.id)
                } else {
                    format!("`{}` names no rule", r.id)
                };
                unused.push((r.range, message));
            }
        }
    }
    unused
}
