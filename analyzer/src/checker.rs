//! The context a rule runs in: the model, the options, and where findings go.

use std::cell::OnceCell;

use crate::config::RuleOptions;
use crate::facts::commands::{Invocation, invocations};
use crate::facts::labels::{Label, labels};
use crate::facts::package_commands::{PackageCommand, package_commands};
use crate::model::Model;
use crate::rule::RuleMeta;
use crate::{Diagnostic, Fix, Related, Tag, TextRange};

/// Handed to each rule's `check`.
pub struct Checker<'a> {
    pub model: &'a Model,
    pub options: &'a RuleOptions,
    /// The `.dockerignore` of the build context, when the caller knows it.
    pub dockerignore: Option<&'a str>,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// What the rules of one analysis share, built on first use.
    pub(crate) shared: &'a Shared<'a>,
}

/// Derived views of the model that several rules read, computed at most once
/// per analysis.
pub(crate) struct Shared<'a> {
    model: &'a Model,
    invocations: OnceCell<Vec<Invocation<'a>>>,
    /// The package commands, and for each invocation the index of its own.
    package_commands: OnceCell<(Vec<PackageCommand<'a>>, Vec<Option<u32>>)>,
    labels: OnceCell<Vec<Label>>,
}

impl<'a> Shared<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        Shared {
            model,
            invocations: OnceCell::new(),
            package_commands: OnceCell::new(),
            labels: OnceCell::new(),
        }
    }
}

impl<'a> Checker<'a> {
    /// The source text.
    #[must_use]
    pub fn src(&self) -> &'a str {
        self.model.file.source()
    }

    /// Every simple command of every RUN script, seen through wrappers
    /// (the command layer, [`crate::facts::commands`]).
    pub(crate) fn invocations(&self) -> &'a [Invocation<'a>] {
        let shared = self.shared;
        shared.invocations.get_or_init(|| invocations(shared.model))
    }

    /// The package-manager commands among [`invocations`](Self::invocations).
    pub(crate) fn package_commands(&self) -> &'a [PackageCommand<'a>] {
        &self.packages().0
    }

    /// The package command `inv` (one of [`invocations`](Self::invocations))
    /// runs, if any.
    pub(crate) fn package_command(&self, inv: &Invocation<'_>) -> Option<&'a PackageCommand<'a>> {
        let (list, of_invocation) = self.packages();
        let k = (*of_invocation.get(inv.index)?)?;
        list.get(k as usize)
    }

    /// Every `key=value` of every top-level LABEL, expanded.
    pub(crate) fn labels(&self) -> &'a [Label] {
        let shared = self.shared;
        shared.labels.get_or_init(|| labels(shared.model))
    }

    fn packages(&self) -> &'a (Vec<PackageCommand<'a>>, Vec<Option<u32>>) {
        let shared = self.shared;
        let all = self.invocations();
        shared
            .package_commands
            .get_or_init(|| package_commands(all))
    }

    /// Reports a finding of the running rule at `range`; the returned
    /// diagnostic can be given a fix, related locations and tags.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        let instruction = self.model.instruction_at(range.start());
        self.diagnostics.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            range,
            fix: None,
            related: Vec::new(),
            tags: Vec::new(),
            instruction,
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

impl Diagnostic {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_tag(&mut self, tag: Tag) -> &mut Self {
        self.tags.push(tag);
        self
    }

    /// Attaches the finding to instruction `index` (normally derived from the range).
    pub fn with_instruction(&mut self, index: usize) -> &mut Self {
        self.instruction = u32::try_from(index).ok();
        self
    }
}
