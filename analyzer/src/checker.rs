//! The context a rule runs in: the model, the options, and where findings go.

use crate::config::RuleOptions;
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
}

impl<'a> Checker<'a> {
    /// The source text.
    #[must_use]
    pub fn src(&self) -> &'a str {
        self.model.file.source()
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
