//! The Docker daemon's `daemon.json`: a model over the strict JSON tree
//! ([`crate::json`]) and the entry point that runs the daemon rules.
//!
//! # Model
//!
//! [`DaemonModel`] holds the parsed [`Json`] and the file's *settings*: each
//! member of the top-level object, and the members of an object value that
//! dockerd lifts to the top level (`"proxies": {"http-proxy": …}` is read as
//! `http-proxy`; see [`keys`]). Every setting keeps the ranges of its key
//! and value. Typed accessors ([`DaemonModel::bool`],
//! [`DaemonModel::string`], [`DaemonModel::strings`]) read the value dockerd
//! uses: the last of duplicate keys, a top-level key before a lifted one.
//!
//! # Entry point
//!
//! [`analyze`] (text in, model and findings out) or [`check`] over a model.
//! The rules are `registry::DAEMON_RULES` (`DW6000`–`DW6099`).
//!
//! # Suppressions
//!
//! JSON has no comments (dockerd refuses a file with one), so a daemon.json
//! finding cannot be suppressed in the file: only the configuration's
//! `ignore` / `select` (`dockward.toml`) turns rules off.

pub mod keys;

#[cfg(test)]
mod tests;

use crate::analysis::check_uncommented;
use crate::checker::FileModel;
use crate::config::Config;
use crate::json::{self, Json, JsonId, JsonKind, Member};
use crate::registry::DAEMON_RULES;
use crate::{Diagnostic, TextRange};

/// One `"key": value` as dockerd's checks see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// The member (key span, value, shadowed by a later duplicate).
    pub member: Member,
    /// The object the member is written in: the top-level object, or the
    /// object value dockerd flattens.
    pub object: JsonId,
    /// The member's index in that object ([`Json::members`]).
    pub index: usize,
    /// For a lifted member: the index in [`DaemonModel::settings`] of the
    /// top-level setting whose object value holds it.
    pub lifted_from: Option<usize>,
}

/// A parsed `daemon.json`.
#[derive(Debug)]
pub struct DaemonModel {
    json: Json,
    settings: Vec<Setting>,
}

/// The result of analysing one `daemon.json`.
#[derive(Debug)]
pub struct DaemonAnalysis {
    pub model: DaemonModel,
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses a `daemon.json` text under `config`.
#[must_use]
pub fn analyze(src: &str, config: &Config) -> DaemonAnalysis {
    let model = DaemonModel::new(src);
    let diagnostics = check(&model, config);
    DaemonAnalysis { model, diagnostics }
}

/// Runs the enabled daemon rules over a model.
#[must_use]
pub fn check(model: &DaemonModel, config: &Config) -> Vec<Diagnostic> {
    check_uncommented(model, DAEMON_RULES, config)
}

/// Applies the fixes of the enabled daemon rules until they converge (at
/// most [`crate::fixes::MAX_ROUNDS`] rounds); a round whose result has more
/// JSON errors than its input is refused.
#[must_use]
pub fn fix_all(src: &str, config: &Config, unsafe_fixes: bool) -> crate::fixes::FixOutcome {
    crate::fixes::fix_all_by(src, unsafe_fixes, |text| {
        let model = DaemonModel::new(text);
        let errors = model.json.errors().len() + usize::from(!model.is_configuration());
        (errors, check(&model, config))
    })
}

impl FileModel for DaemonModel {
    fn source(&self) -> &str {
        self.json.source()
    }
}

impl DaemonModel {
    /// Parses `src` (never fails: errors are in [`json`](Self::json)).
    #[must_use]
    pub fn new(src: &str) -> Self {
        let json = json::parse(src);
        let mut settings = Vec::new();
        if let Some(root) = json.root().filter(|&r| json.kind(r) == JsonKind::Object) {
            for (index, m) in json.members(root).iter().enumerate() {
                let own = settings.len();
                settings.push(Setting {
                    member: *m,
                    object: root,
                    index,
                    lifted_from: None,
                });
                if json.kind(m.value) == JsonKind::Object && !keys::is_flat(json.key(m)) {
                    for (inner_index, inner) in json.members(m.value).iter().enumerate() {
                        settings.push(Setting {
                            member: *inner,
                            object: m.value,
                            index: inner_index,
                            lifted_from: Some(own),
                        });
                    }
                }
            }
        }
        DaemonModel { json, settings }
    }

    /// The parsed JSON.
    #[must_use]
    pub fn json(&self) -> &Json {
        &self.json
    }

    /// The top-level object, when the document is one.
    #[must_use]
    pub fn root_object(&self) -> Option<JsonId> {
        self.json
            .root()
            .filter(|&r| self.json.kind(r) == JsonKind::Object)
    }

    /// The document is read as a configuration by dockerd: blank (or
    /// `null`), or an object; possibly with recovered syntax errors.
    #[must_use]
    pub fn is_configuration(&self) -> bool {
        match self.json.root() {
            None => true,
            Some(r) => matches!(self.json.kind(r), JsonKind::Object | JsonKind::Null),
        }
    }

    /// Every key of the configuration is known: the document is a
    /// configuration and no error stopped the parser, so a key that is not
    /// there is really absent. Rules about missing settings need this.
    #[must_use]
    pub fn is_whole(&self) -> bool {
        self.is_configuration() && self.json.is_complete()
    }

    /// Every setting in source order (lifted ones after their container),
    /// shadowed duplicates included.
    #[must_use]
    pub fn settings(&self) -> &[Setting] {
        &self.settings
    }

    /// A setting's key.
    #[must_use]
    pub fn key(&self, s: &Setting) -> &str {
        self.json.key(&s.member)
    }

    /// The range of a setting's key (quotes included).
    #[must_use]
    pub fn key_range(&self, s: &Setting) -> TextRange {
        s.member.key_span
    }

    /// The range of a setting's value.
    #[must_use]
    pub fn value_range(&self, s: &Setting) -> TextRange {
        self.json.node(s.member.value).span()
    }

    /// The range of the whole `"key": value`.
    #[must_use]
    pub fn setting_range(&self, s: &Setting) -> TextRange {
        s.member.span(&self.json)
    }

    /// The setting dockerd uses for `key`: the last top-level one, else the
    /// last lifted one. `null` counts as absent (Go leaves the field alone).
    #[must_use]
    pub fn setting(&self, key: &str) -> Option<&Setting> {
        let matching = |lifted: bool| {
            self.settings
                .iter()
                .rev()
                .find(|s| s.lifted_from.is_some() == lifted && self.key(s) == key)
        };
        matching(false)
            .or_else(|| matching(true))
            .filter(|s| !self.json.is_null(s.member.value))
    }

    /// A boolean setting's value (`None` when absent or not a boolean).
    #[must_use]
    pub fn bool(&self, key: &str) -> Option<(bool, &Setting)> {
        let s = self.setting(key)?;
        Some((self.json.as_bool(s.member.value)?, s))
    }

    /// A string setting's value.
    #[must_use]
    pub fn string(&self, key: &str) -> Option<(&str, &Setting)> {
        let s = self.setting(key)?;
        Some((self.json.as_str(s.member.value)?, s))
    }

    /// The string items of an array setting, with their ranges (other items
    /// are skipped); empty when absent or not an array.
    #[must_use]
    pub fn strings(&self, key: &str) -> Vec<(&str, TextRange, usize)> {
        let Some(s) = self.setting(key) else {
            return Vec::new();
        };
        self.json
            .items(s.member.value)
            .iter()
            .enumerate()
            .filter_map(|(i, &id)| Some((self.json.as_str(id)?, self.json.node(id).span(), i)))
            .collect()
    }

    /// The setting is present with a value other than `null`.
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.setting(key).is_some()
    }

    /// Whether an array setting has at least one item.
    #[must_use]
    pub fn non_empty_array(&self, key: &str) -> bool {
        self.setting(key)
            .is_some_and(|s| !self.json.items(s.member.value).is_empty())
    }

    /// Where a finding about a missing setting points: the top-level
    /// object's opening brace, or the start of a blank document.
    #[must_use]
    pub fn missing_range(&self) -> TextRange {
        match self.json.root() {
            Some(r) => {
                let start = self.json.node(r).span().start();
                TextRange::new(start, start + 1)
            }
            None => TextRange::empty(0),
        }
    }

    /// The fix edit that adds `"key": value` (JSON text) to the top-level
    /// object, or sets it when present.
    #[must_use]
    pub fn set_edit(&self, key: &str, value: &str) -> Option<crate::Edit> {
        match self.setting(key) {
            Some(s) => Some(json::edit::replace_value(&self.json, s.member.value, value)),
            None => {
                // A `null` member is replaced rather than duplicated.
                let null = self
                    .settings
                    .iter()
                    .rev()
                    .find(|s| s.lifted_from.is_none() && self.key(s) == key);
                match null {
                    Some(s) => Some(json::edit::replace_value(&self.json, s.member.value, value)),
                    None => json::edit::insert_top_level(&self.json, key, value),
                }
            }
        }
    }
}
