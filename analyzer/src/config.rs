//! Analyzer settings as plain data. Reading configuration files is the edges'
//! job (`dockward-config`); they hand the result over as a [`Config`].

use std::collections::BTreeMap;

use crate::Severity;
use crate::registry;
use crate::rule::RuleMeta;

/// The type a label's value must have (hadolint's `label-schema`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelType {
    /// Any non-empty text.
    Text,
    /// An RFC 3339 date-time.
    Rfc3339,
    /// A semantic version.
    Semver,
    /// A URL.
    Url,
    /// A git commit hash.
    Hash,
    /// An SPDX license expression.
    Spdx,
    /// An e-mail address.
    Email,
}

impl LabelType {
    /// Parses hadolint's names: `text`, `rfc3339`, `semver`, `url`, `hash`, `spdx`, `email`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<LabelType> {
        Some(match name {
            "text" => LabelType::Text,
            "rfc3339" => LabelType::Rfc3339,
            "semver" => LabelType::Semver,
            "url" => LabelType::Url,
            "hash" => LabelType::Hash,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// Options that individual rules read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Registries images may come from (DL3026); empty means any.
    pub trusted_registries: Vec<String>,
    /// Required labels and their value types (DL3048–DL3058 family).
    pub label_schema: BTreeMap<String, LabelType>,
    /// Only labels from the schema are allowed.
    pub strict_labels: bool,
}

/// Which rules run and how their findings are scored.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// When set, exactly these rules run (codes, names or aliases).
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to the defaults (or to `select`).
    pub extend_select: Vec<String>,
    /// Rules never to run.
    pub ignore: Vec<String>,
    /// Severity overrides by code, name or alias.
    pub severity: Vec<(String, Severity)>,
    pub options: RuleOptions,
    /// Ignore `# dockward ignore=` and `# hadolint ignore=` pragmas.
    pub disable_inline_pragmas: bool,
}

/// An identifier in a config that names no rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl Config {
    /// Checks that every rule identifier names at least one rule.
    ///
    /// # Errors
    /// The first identifier that names no rule.
    pub fn validate(&self) -> Result<(), UnknownRule> {
        let ids = self
            .select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(id, _)| id));
        for id in ids {
            if registry::resolve(id).is_empty() {
                return Err(UnknownRule(id.clone()));
            }
        }
        Ok(())
    }

    /// True when `rule` runs under this configuration.
    #[must_use]
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        let named = |ids: &[String]| ids.iter().any(|id| selects(id, rule));
        if named(&self.ignore) {
            return false;
        }
        let base = match &self.select {
            Some(select) => named(select),
            None => rule.default_enabled,
        };
        base || named(&self.extend_select)
    }

    /// The severity `rule`'s findings get (the last matching override wins).
    #[must_use]
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(id, _)| selects(id, rule))
            .map_or(rule.severity, |(_, s)| *s)
    }
}

/// `ALL` selects every rule; otherwise a code, name or alias.
fn selects(id: &str, rule: &RuleMeta) -> bool {
    id.eq_ignore_ascii_case("ALL") || rule.is_named(id)
}
