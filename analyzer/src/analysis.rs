//! The entry point: text in, model and findings out. Runs the enabled rules,
//! then applies the `check` directive and suppression comments.

use crate::TextRange;
use crate::checker::{Checker, FileModel};
use crate::config::Config;
use crate::model::{Model, Quoting};
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
    analyze_threaded(src, config, context, 1)
}

/// [`analyze_with`] with the rules spread over `threads` threads (see
/// [`check_model_threaded`]): for the language server's large documents.
#[must_use]
pub fn analyze_threaded(
    src: &str,
    config: &Config,
    context: Context<'_>,
    threads: usize,
) -> Analysis {
    let model = Model::new(src);
    let diagnostics = check_model_threaded(&model, config, context, threads);
    Analysis { model, diagnostics }
}

/// Analyses `src` as built with these `--build-arg` values (a Compose
/// service's `build.args`; see [`Model::with_build_args`]).
#[must_use]
pub fn analyze_with_build_args(
    src: &str,
    config: &Config,
    context: Context<'_>,
    build_args: &[(String, String)],
) -> Analysis {
    let model = Model::with_build_args(src, build_args);
    let diagnostics = check_model(&model, config, context);
    Analysis { model, diagnostics }
}

/// Runs the rules over an already built model.
#[must_use]
pub fn check_model(model: &Model, config: &Config, context: Context<'_>) -> Vec<Diagnostic> {
    check_model_threaded(model, config, context, 1)
}

/// [`check_model`] with the rules spread over `threads` threads (see
/// `run_rules`): the same findings, in the same order.
#[must_use]
pub fn check_model_threaded(
    model: &Model,
    config: &Config,
    context: Context<'_>,
    threads: usize,
) -> Vec<Diagnostic> {
    let check = model.pragmas.check.as_ref();
    let embedded = Embedded::new(model);
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
            if let Some(embedded) = &embedded
                && let Some(fix) = d.fix.take()
            {
                d.fix = embedded.fit(fix);
            }
        },
        threads,
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
///
/// With `threads` above one, that many scoped threads take the rules one
/// at a time (heavy ones first, [`Rule::is_heavy`]), sharing the read-only
/// model (the language server does this for
/// a large document, where one file is all there is to analyse; the CLI
/// spreads files over its cores instead). The findings and their order are
/// those of one thread: each rule's are kept apart and joined in rule order.
pub(crate) fn run_rules<M: FileModel>(
    model: &M,
    rules: &[&dyn Rule<M>],
    config: &Config,
    context: Context<'_>,
    also_enabled: impl Fn(&RuleMeta) -> bool,
    adjust: impl Fn(&RuleMeta, &mut Diagnostic) + Sync,
    threads: usize,
) -> Vec<Diagnostic> {
    let shared = model.shared();
    let enabled: Vec<&dyn Rule<M>> = rules
        .iter()
        .copied()
        .filter(|rule| config.is_enabled(rule.meta()) || also_enabled(rule.meta()))
        .collect();
    let run = |rule: &dyn Rule<M>| -> Vec<Diagnostic> {
        let meta = rule.meta();
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
        let mut found = cx.diagnostics;
        for d in &mut found {
            d.severity = severity;
            adjust(meta, d);
        }
        found
    };
    let threads = threads.clamp(1, enabled.len().max(1));
    if threads == 1 {
        return enabled.into_iter().flat_map(run).collect();
    }
    // Each thread takes the next rule not yet taken, the heavy ones first:
    // rules differ a hundredfold in cost.
    let mut order: Vec<usize> = (0..enabled.len()).collect();
    order.sort_by_key(|&i| !enabled[i].is_heavy());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut found = Vec::new();
        loop {
            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(taken) else { break };
            found.push((i, run(enabled[i])));
        }
        found
    };
    let mut per_rule: Vec<Vec<Diagnostic>> = vec![Vec::new(); enabled.len()];
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for handle in others {
            match handle.join() {
                Ok(found) => all.extend(found),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, found) in all {
            per_rule[i] = found;
        }
    });
    per_rule.into_iter().flatten().collect()
}

/// The findings of `rules` over a model of a kind that has no comments to
/// carry suppressions (JSON: `daemon.json`, seccomp profiles), sorted by
/// position, on one thread.
pub(crate) fn check_uncommented<M: FileModel>(
    model: &M,
    rules: &[&dyn Rule<M>],
    config: &Config,
) -> Vec<Diagnostic> {
    let mut diagnostics = run_rules(
        model,
        rules,
        config,
        Context::default(),
        |_| false,
        |_, _| {},
        1,
    );
    // No pragmas: this only sorts (and drops nothing).
    finish(&Pragmas::default(), config, &mut diagnostics, |_, _| false);
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

/// The stretches of the file that scripts were decoded from: exec-form
/// strings, `sh -c '…'` strings, here-documents fed to a shell
/// ([`crate::model::RunScript::quoting`]), nested in one another, and the
/// escape sequences inside them.
pub(crate) struct Embedded {
    /// Sorted by start, then outermost first.
    regions: Vec<Region>,
    /// Escape sequences (and dropped quotes) of decoded scripts, by start.
    escapes: Vec<TextRange>,
    /// The largest end among `escapes[..=i]`.
    escape_reach: Vec<u32>,
}

struct Region {
    range: TextRange,
    quoting: Quoting,
    /// The innermost region holding this one.
    parent: Option<usize>,
}

impl Embedded {
    /// `None` when every script is a verbatim slice of the file (most
    /// files): edits need no fitting then.
    pub(crate) fn new(model: &Model) -> Option<Embedded> {
        let mut regions: Vec<Region> = model
            .scripts
            .iter()
            .flat_map(|s| &s.quoting)
            .map(|&(range, quoting)| Region {
                range,
                quoting,
                parent: None,
            })
            .collect();
        if regions.is_empty() {
            return None;
        }
        regions.sort_by_key(|r| (r.range.start, std::cmp::Reverse(r.range.end)));
        // Regions nest (a `sh -c` string inside an exec-form string): the
        // parent is the nearest open region holding this one.
        let mut open: Vec<usize> = Vec::new();
        for i in 0..regions.len() {
            let range = regions[i].range;
            while let Some(&top) = open.last() {
                if regions[top].range.contains_range(range) {
                    break;
                }
                open.pop();
            }
            regions[i].parent = open.last().copied();
            open.push(i);
        }
        let mut escapes: Vec<TextRange> =
            model.scripts.iter().flat_map(|s| s.map.escapes()).collect();
        escapes.sort_by_key(|r| r.start);
        let mut reach = 0;
        let escape_reach = escapes
            .iter()
            .map(|e| {
                reach = reach.max(e.end);
                reach
            })
            .collect();
        Some(Embedded {
            regions,
            escapes,
            escape_reach,
        })
    }

    /// The innermost region holding `offset` (its ends included).
    fn innermost(&self, offset: usize) -> Option<usize> {
        let k = self.regions.partition_point(|r| r.range.start() <= offset);
        let mut at = k.checked_sub(1);
        // Every region holding `offset` holds the last one starting at or
        // before it, or is that one.
        while let Some(i) = at {
            if self.regions[i].range.contains_inclusive(offset) {
                return Some(i);
            }
            at = self.regions[i].parent;
        }
        None
    }

    /// `offset` falls strictly inside an escape sequence.
    fn splits_escape(&self, offset: usize) -> bool {
        let k = self.escapes.partition_point(|e| e.start() < offset);
        k > 0 && self.escape_reach[k - 1] as usize > offset
    }

    /// Rules edit scripts as shell text; where the script was decoded from
    /// an enclosing quoting, the inserted text is escaped for it, innermost
    /// first (`'` → `'\''` inside `sh -c '…'`, then JSON-escaped inside
    /// `RUN ["sh", "-c", "…"]`). A fix is dropped when one of its edits
    /// crosses a region's edge (a quote) or cuts an escape sequence in two,
    /// or when its text cannot be written in the quoting.
    pub(crate) fn fit(&self, mut fix: Fix) -> Option<Fix> {
        for edit in &mut fix.edits {
            let (start, end) = (edit.range.start(), edit.range.end());
            if self.splits_escape(start) || self.splits_escape(end) {
                return None;
            }
            let region = self.innermost(start);
            if region != self.innermost(end) {
                return None;
            }
            let mut at = region;
            while let Some(i) = at {
                let r = &self.regions[i];
                edit.content = r.quoting.escape(&edit.content)?;
                at = r.parent;
            }
        }
        Some(fix)
    }
}
